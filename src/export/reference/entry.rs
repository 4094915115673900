//! A work as a hayagriva `Entry`: the entry type and parent that make the
//! processor pick the right CSL type (an `Article` in a `Periodical` is a
//! journal article, in `Proceedings` a conference paper), authors split
//! into family and given names in order, the partial date, and the
//! identifiers the styles print (DOI, else the URL). Titles and venues
//! are verbatim: the sources print their capitals as they should be.

use hayagriva::types::{
    Date, EntryType, FormatString, MaybeTyped, Numeric, PageRanges, Person, Publisher,
    QualifiedUrl, StringChunk,
};
use hayagriva::Entry;

use crate::export::csl::url;
use crate::export::model::ExportWork;
use crate::export::names::split;

/// The entry of `w` under citation key `key`.
pub fn of(w: &ExportWork, key: &str) -> Entry {
    let row = &w.work;
    let (kind, parent) = kind(&row.kind, row.venue.as_deref());
    let mut e = Entry::new(key, kind);
    e.set_title(text(&row.title));
    if w.authors_known() {
        e.set_authors(w.authors.iter().map(|a| person(&a.name)).collect());
    } else {
        e.set_note(text("Authors unknown"));
    }
    if let Some(date) = date(row.issued.as_deref(), row.year) {
        e.set_date(date);
    }
    if let Some(pages) = &row.pages {
        e.set_page_range(
            pages
                .parse::<MaybeTyped<PageRanges>>()
                .unwrap_or_else(|never| match never {}),
        );
    }
    if let Some(doi) = &row.doi {
        e.set_doi(doi.clone());
    }
    if let Some(arxiv) = &row.arxiv_id {
        e.set_arxiv(arxiv.clone());
    }
    if let Some(u) = url(w).and_then(|u| u.parse::<QualifiedUrl>().ok()) {
        e.set_url(u);
    }
    match parent {
        Parent::Container(mut p) => {
            numbers(&mut p, w);
            e.set_parents(vec![*p]);
        }
        Parent::Publisher(name) => {
            numbers(&mut e, w);
            e.set_publisher(Publisher::new(Some(text(&name)), None));
        }
        Parent::None => numbers(&mut e, w),
    }
    e
}

/// Where a work's venue goes: the title of a container (journal,
/// proceedings, book), or the publisher (a thesis's institution, a
/// report's organization, the archive of a preprint).
enum Parent {
    Container(Box<Entry>),
    Publisher(String),
    None,
}

fn kind(kind: &str, venue: Option<&str>) -> (EntryType, Parent) {
    let container = |t: EntryType| match venue {
        Some(v) => {
            let mut p = Entry::new("", t);
            p.set_title(text(v));
            Parent::Container(Box::new(p))
        }
        None => Parent::None,
    };
    let publisher = || venue.map_or(Parent::None, |v| Parent::Publisher(v.to_string()));
    match kind {
        "journal_article" => (EntryType::Article, container(EntryType::Periodical)),
        "conference_paper" | "workshop_paper" => {
            (EntryType::Article, container(EntryType::Proceedings))
        }
        "chapter" => (EntryType::Chapter, container(EntryType::Book)),
        "preprint" => (EntryType::Article, publisher()),
        "thesis" => (EntryType::Thesis, publisher()),
        "book" => (EntryType::Book, publisher()),
        "report" => (EntryType::Report, publisher()),
        _ => (EntryType::Misc, publisher()),
    }
}

/// Volume and issue belong to the container when there is one.
fn numbers(e: &mut Entry, w: &ExportWork) {
    if let Some(v) = &w.work.volume {
        e.set_volume(numeric(v));
    }
    if let Some(i) = &w.work.issue {
        e.set_issue(numeric(i));
    }
}

fn numeric(s: &str) -> MaybeTyped<Numeric> {
    s.parse().unwrap_or_else(|never| match never {})
}

/// Text as the sources print it: verbatim, so a style's title case does
/// not turn "ICML" into "Icml" or "WGANs" into "Wgans" (hayagriva's case
/// folding lowercases mixed-case words).
fn text(s: &str) -> FormatString {
    FormatString::from(StringChunk::verbatim(s))
}

/// A name in its parts; a one-word name is a family name alone.
fn person(printed: &str) -> Person {
    let p = split(printed);
    Person {
        name: p.family,
        given_name: p.given,
        prefix: None,
        suffix: None,
        comma_suffix: false,
        alias: None,
    }
}

/// The ISO partial date (`2020`, `2020-05`, `2020-05-17`), else the year.
fn date(iso: Option<&str>, year: Option<i32>) -> Option<Date> {
    iso.and_then(|d| d.parse().ok())
        .or_else(|| year.map(Date::from_year))
}
