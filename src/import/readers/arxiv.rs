//! arXiv API Atom feeds in (`export.arxiv.org/api/query`): each entry a
//! work. Read with quick-xml's serde deserializer, which matches elements by
//! local name, so both layouts the API has served read alike: the one of
//! November 2025 on (namespaces declared on `<feed>`, abs and pdf links
//! told apart only by their paths) and the long-standing earlier one (an
//! `xmlns:arxiv` on every element, `rel="alternate"` and `title="pdf"`
//! links).
//!
//! The mapping, and why:
//! - `<id>` → the arXiv id with its version (`…/abs/2101.00001v2` →
//!   `2101.00001v2`, old style `astro-ph/0601001v1`); the merge matches it
//!   to a work stated with any version of the same paper, or none.
//! - `title` and `summary` with their line wrapping collapsed: the earlier
//!   layout wraps at 80 columns, the newer does not, and the text is the
//!   same.
//! - authors in order with `arxiv:affiliation` (several joined by "; ").
//! - `published` (the first version's date) → date and year.
//! - `arxiv:primary_category` first, then the other `category` terms.
//!   Terms that are no arXiv category (ACM classes like `I.2.6`, MSC codes)
//!   do not fit the bundle's category pattern and are dropped.
//! - `arxiv:doi` → the DOI (the first, when authors give several).
//! - `arxiv:journal_ref` → a note "Journal reference: …", not the venue:
//!   it is a citation the authors typed ("ActaAstron.56:1-50,2006"), with
//!   volume, pages and year run into the name, and venue is a name.
//! - `arxiv:comment` → a note, as printed.
//! - the abs page → an `arxiv` link, the PDF → a `pdf` link; the DOI link
//!   is the DOI again and is not kept.
//! - kind: always `preprint`. The entry is the e-print, and a journal ref
//!   cannot say whether it names a journal, proceedings or a report; a CV
//!   or paper index that states where the work appeared outranks arXiv for
//!   the kind (`import::merge::rank`), so the display kind follows them.
//!
//! The feed's query link and its `updated` time become the source's `url`
//! and `seen`; when the feed is one page of a longer result, a source note
//! says so. The API's error feed (an entry whose id is under
//! `/api/errors`) is refused with the API's message. The format carries
//! no people beyond printed names, no venues, volumes or pages.

use std::collections::HashSet;

use serde::Deserialize;

use super::{collapse, doi, entry_error, is_iso_day, key_from};
use crate::import::bundle::{Bundle, Contributor, Date, Link, Source, Work};
use crate::Result;

/// The parts of a feed the reader uses; everything else is skipped.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Feed {
    #[serde(rename = "link")]
    links: Vec<AtomLink>,
    updated: Option<String>,
    #[serde(rename = "totalResults")]
    total_results: Option<String>,
    #[serde(rename = "startIndex")]
    start_index: Option<String>,
    #[serde(rename = "entry")]
    entries: Vec<Entry>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Entry {
    id: Option<String>,
    title: Option<String>,
    summary: Option<String>,
    published: Option<String>,
    #[serde(rename = "author")]
    authors: Vec<Author>,
    #[serde(rename = "link")]
    links: Vec<AtomLink>,
    #[serde(rename = "category")]
    categories: Vec<Category>,
    primary_category: Option<Category>,
    doi: Option<String>,
    journal_ref: Option<String>,
    comment: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Author {
    name: Option<String>,
    #[serde(rename = "affiliation")]
    affiliations: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct AtomLink {
    #[serde(rename = "@href")]
    href: Option<String>,
    #[serde(rename = "@rel")]
    rel: Option<String>,
    #[serde(rename = "@title")]
    title: Option<String>,
    #[serde(rename = "@type")]
    media_type: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Category {
    #[serde(rename = "@term")]
    term: Option<String>,
}

/// The works of an arXiv API feed; an empty feed states none.
pub fn read(text: &str, file: &str) -> Result<Bundle> {
    let feed: Feed = quick_xml::de::from_str(text)
        .map_err(|e| entry_error(file, "feed", format!("not an arXiv Atom feed: {e}")))?;
    let mut keys = HashSet::new();
    let works = feed
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| work(e, i, file, &mut keys))
        .collect::<Result<Vec<Work>>>()?;
    Ok(Bundle {
        source: source(&feed),
        works,
        ..Default::default()
    })
}

/// The feed as a source: its query, when it was served, and whether it
/// is one page of more results.
fn source(feed: &Feed) -> Source {
    let url = feed
        .links
        .iter()
        .filter_map(|l| l.href.as_deref())
        .find(|h| h.starts_with("http"))
        .map(|h| h.chars().take(2000).collect());
    let seen = feed
        .updated
        .as_deref()
        .and_then(|u| u.get(..10))
        .filter(|d| is_iso_day(d))
        .map(str::to_string);
    let count = |v: &Option<String>| v.as_deref().and_then(|t| t.trim().parse::<usize>().ok());
    let mut notes = Vec::new();
    if let Some(total) = count(&feed.total_results) {
        let (start, n) = (count(&feed.start_index).unwrap_or(0), feed.entries.len());
        if total > n {
            notes.push(format!(
                "The feed is one page of {total} results: entries {}–{}.",
                start + 1,
                start + n
            ));
        }
    }
    Source {
        url,
        seen,
        notes,
        ..Default::default()
    }
}

fn work(e: &Entry, i: usize, file: &str, keys: &mut HashSet<String>) -> Result<Work> {
    let id = e.id.as_deref().map(str::trim).unwrap_or_default();
    let at = || match id {
        "" => format!("entry {}", i + 1),
        id => format!("entry {} ({id})", i + 1),
    };
    if id.contains("/api/errors") {
        let why = e.summary.as_deref().map(collapse).unwrap_or_default();
        return Err(entry_error(
            file,
            &at(),
            format!("the arXiv API answered an error: {why}"),
        ));
    }
    let title = e
        .title
        .as_deref()
        .map(collapse)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| entry_error(file, &at(), "has no title"))?;
    let arxiv_id = arxiv_id(id);
    let mut key = key_from(
        arxiv_id.as_deref().unwrap_or(""),
        &format!("entry-{}", i + 1),
    );
    while !keys.insert(key.clone()) {
        key = format!("{key}-{}", i + 1);
    }
    let day = e
        .published
        .as_deref()
        .and_then(|p| p.trim().get(..10))
        .filter(|d| is_iso_day(d));
    let mut notes = Vec::new();
    if let Some(c) = e.comment.as_deref().map(collapse).filter(|c| !c.is_empty()) {
        notes.push(c);
    }
    if let Some(j) = e
        .journal_ref
        .as_deref()
        .map(collapse)
        .filter(|j| !j.is_empty())
    {
        notes.push(format!("Journal reference: {j}"));
    }
    Ok(Work {
        key,
        title,
        kind: "preprint".to_string(),
        year: day.and_then(|d| d[..4].parse().ok()),
        date: day.map(|d| Date::Iso(d.to_string())),
        r#abstract: e.summary.as_deref().map(collapse).filter(|s| !s.is_empty()),
        doi: e.doi.as_deref().and_then(doi),
        arxiv_id,
        categories: categories(e),
        links: e.links.iter().filter_map(link).collect(),
        notes,
        authors: e.authors.iter().filter_map(author).collect(),
        ..Default::default()
    })
}

/// The id with its version from the entry's `<id>` URL, when it is one.
fn arxiv_id(id: &str) -> Option<String> {
    let tail = id.split_once("/abs/")?.1.trim_end_matches('/');
    super::bibtex::is_arxiv_id(tail).then(|| tail.to_string())
}

/// The primary category first, then the others, each once; only terms
/// that fit the bundle's category pattern.
fn categories(e: &Entry) -> Vec<String> {
    let mut seen = HashSet::new();
    e.primary_category
        .iter()
        .chain(&e.categories)
        .filter_map(|c| c.term.as_deref().map(str::trim))
        .filter(|t| {
            !t.is_empty()
                && t.len() <= 40
                && t.chars()
                    .all(|c| c.is_ascii_alphabetic() || c == '.' || c == '-')
        })
        .filter(|t| seen.insert(t.to_string()))
        .map(str::to_string)
        .collect()
}

/// The abs page and the PDF; other links (the DOI's) are not kept.
fn link(l: &AtomLink) -> Option<Link> {
    let href = l.href.as_deref()?.trim();
    if !href.starts_with("http") || href.len() > 2000 {
        return None;
    }
    let pdf = l.title.as_deref() == Some("pdf")
        || l.media_type.as_deref() == Some("application/pdf")
        || href.contains("arxiv.org/pdf/");
    let abs = l.rel.as_deref() == Some("alternate") || href.contains("arxiv.org/abs/");
    let kind = match (pdf, abs) {
        (true, _) => "pdf",
        (false, true) => "arxiv",
        _ => return None,
    };
    Some(Link {
        kind: kind.to_string(),
        url: Some(href.to_string()),
        label: None,
    })
}

fn author(a: &Author) -> Option<Contributor> {
    let name = collapse(a.name.as_deref()?);
    if name.is_empty() {
        return None;
    }
    let affiliations: Vec<String> = a
        .affiliations
        .iter()
        .map(|s| collapse(s))
        .filter(|s| !s.is_empty())
        .collect();
    Some(Contributor {
        name,
        affiliation: (!affiliations.is_empty()).then(|| affiliations.join("; ")),
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_of_both_styles_keep_their_version() {
        assert_eq!(
            arxiv_id("http://arxiv.org/abs/2101.00001v2").as_deref(),
            Some("2101.00001v2")
        );
        assert_eq!(
            arxiv_id("http://arxiv.org/abs/astro-ph/0601001v1").as_deref(),
            Some("astro-ph/0601001v1")
        );
        assert_eq!(
            arxiv_id("http://arxiv.org/abs/math.GT/0309136").as_deref(),
            Some("math.GT/0309136")
        );
        assert_eq!(arxiv_id("http://arxiv.org/api/errors#bad"), None);
        assert_eq!(arxiv_id("http://arxiv.org/abs/12345"), None);
    }
}
