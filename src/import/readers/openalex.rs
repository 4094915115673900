//! OpenAlex records in (what `api.openalex.org/works/W…` and
//! `/authors/A…` return, or a `{"results": [...]}` page of them): a work
//! becomes a work, an author a person. Typed with serde, reading only the
//! fields below; OpenAlex adds fields often and the rest is skipped.
//!
//! A work: `title` (else `display_name`); `authorships` in order, each
//! author by the name the paper prints (`raw_author_name`, else OpenAlex's
//! `display_name`) with their institutions' names as the affiliation (the
//! raw affiliation strings when no institution was resolved); an author
//! with an ORCID is also a person of the bundle with that ORCID, so the
//! merge links them by it. `publication_date` → date, `publication_year` →
//! year; the primary location's source → venue (not when it is a
//! repository such as arXiv: that is where a copy lies, not where the work
//! appeared); `biblio` → volume, issue, pages (`first–last`, one page when
//! they agree); `doi` without `https://doi.org/`; `ids.arxiv`, else an
//! `arxiv.org/abs/` landing page among the locations → the arXiv id;
//! `abstract_inverted_index` put back in word order → abstract (cut at the
//! bundle's 20,000 characters and marked cut); `type` → kind (an `article`
//! in a conference source or a Crossref `proceedings-article` is a
//! conference paper, in a repository a preprint, else a journal article);
//! the OpenAlex page and the PDF → links.
//!
//! An author: `display_name`, `display_name_alternatives` → aliases,
//! `orcid`, `last_known_institutions` → organizations and the person's
//! affiliation, `topics` → interests. An author file states the person,
//! no works. What OpenAlex cannot carry here: citation counts, h-index,
//! open-access status, concepts, and the years of past affiliations
//! (bundles have no appointment without a title).

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use serde_json::Value;

use super::{collapse, doi, entry_error, is_iso_day, key_from};
use crate::import::bundle::{Bundle, Contributor, Date, Link, Organization, Person, Work};
use crate::Result;

/// The longest text a bundle field holds.
const MAX_TEXT: usize = 20_000;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Record {
    id: Option<String>,
    display_name: Option<String>,
    // Work fields.
    title: Option<String>,
    doi: Option<String>,
    publication_year: Option<i32>,
    publication_date: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    type_crossref: Option<String>,
    ids: HashMap<String, Value>,
    primary_location: Option<Location>,
    locations: Vec<Location>,
    authorships: Vec<Authorship>,
    biblio: Biblio,
    abstract_inverted_index: Option<HashMap<String, Vec<usize>>>,
    // Author fields.
    orcid: Option<String>,
    display_name_alternatives: Vec<String>,
    last_known_institutions: Vec<Institution>,
    topics: Vec<Topic>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Location {
    landing_page_url: Option<String>,
    pdf_url: Option<String>,
    source: Option<LocationSource>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct LocationSource {
    display_name: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Authorship {
    author: AuthorRef,
    raw_author_name: Option<String>,
    institutions: Vec<Institution>,
    raw_affiliation_strings: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct AuthorRef {
    id: Option<String>,
    display_name: Option<String>,
    orcid: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Institution {
    id: Option<String>,
    display_name: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    country_code: Option<String>,
    ror: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Biblio {
    volume: Option<String>,
    issue: Option<String>,
    first_page: Option<String>,
    last_page: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Topic {
    display_name: Option<String>,
}

/// The works and people of an OpenAlex file: one record, or a page of
/// them (`{"results": [...]}`).
pub fn read(text: &str, file: &str) -> Result<Bundle> {
    let doc: Value = serde_json::from_str(text).map_err(|e| {
        entry_error(
            file,
            &format!("line {}, column {}", e.line(), e.column()),
            format!("not OpenAlex JSON: {e}"),
        )
    })?;
    let (records, paged) = match doc.get("results") {
        Some(Value::Array(results)) => (results.as_slice(), true),
        Some(_) => return Err(entry_error(file, "results", "is not a list")),
        None => (std::slice::from_ref(&doc), false),
    };
    let mut b = Bundle::default();
    let mut keys = Keys::default();
    for (i, v) in records.iter().enumerate() {
        let id = v.get("id").and_then(Value::as_str).unwrap_or_default();
        let at = match (paged, id) {
            (true, "") => format!("result {}", i + 1),
            (true, id) => format!("result {} ({id})", i + 1),
            (false, "") => "record".to_string(),
            (false, id) => format!("record {id}"),
        };
        let r = Record::deserialize(v).map_err(|e| entry_error(file, &at, e))?;
        match openalex_id(id).and_then(|k| k.chars().next()) {
            Some('W') => work(&r, &mut b, &mut keys).map_err(|why| entry_error(file, &at, why))?,
            Some('A') => author(&r, &mut b, &mut keys),
            _ => {
                return Err(entry_error(
                    file,
                    &at,
                    "is no OpenAlex work or author (its id is not https://openalex.org/W… or A…)",
                ))
            }
        }
    }
    Ok(b)
}

/// Keys given so far, per kind of fact.
#[derive(Default)]
struct Keys {
    works: HashSet<String>,
    people: HashSet<String>,
    organizations: HashSet<String>,
}

/// `W2741809807` from `https://openalex.org/W2741809807`.
fn openalex_id(url: &str) -> Option<&str> {
    url.strip_prefix("https://openalex.org/")
        .filter(|k| !k.is_empty())
}

fn work(r: &Record, b: &mut Bundle, keys: &mut Keys) -> std::result::Result<(), &'static str> {
    let title = r
        .title
        .as_deref()
        .or(r.display_name.as_deref())
        .map(collapse)
        .filter(|t| !t.is_empty())
        .ok_or("has no title")?;
    let key = key_from(
        openalex_id(r.id.as_deref().unwrap_or("")).unwrap_or(""),
        "work",
    );
    if !keys.works.insert(key.clone()) {
        // The same work twice in one page: once is enough.
        return Ok(());
    }
    let venue_source = r
        .primary_location
        .as_ref()
        .and_then(|l| l.source.as_ref())
        .filter(|s| s.kind.as_deref() != Some("repository"));
    let day = r.publication_date.as_deref().filter(|d| is_iso_day(d));
    let (r#abstract, abstract_truncated) = match r.abstract_inverted_index.as_ref() {
        Some(index) => abstract_text(index),
        None => (None, false),
    };
    let mut authors = Vec::with_capacity(r.authorships.len());
    for a in &r.authorships {
        if let Some(c) = contributor(a, b, keys) {
            authors.push(c);
        }
    }
    b.works.push(Work {
        key,
        title,
        kind: kind(r).to_string(),
        venue: venue_source.and_then(|s| text(s.display_name.as_deref())),
        year: r.publication_year.filter(|y| (1000..=9999).contains(y)),
        date: day.map(|d| Date::Iso(d.to_string())),
        volume: text(r.biblio.volume.as_deref()),
        issue: text(r.biblio.issue.as_deref()),
        pages: pages(&r.biblio),
        r#abstract,
        abstract_truncated,
        doi: r.doi.as_deref().and_then(doi),
        arxiv_id: arxiv_id(r),
        links: links(r),
        authors,
        ..Default::default()
    });
    Ok(())
}

/// An authorship as printed; its author becomes a person of the bundle
/// when OpenAlex knows their ORCID.
fn contributor(a: &Authorship, b: &mut Bundle, keys: &mut Keys) -> Option<Contributor> {
    let name =
        text(a.raw_author_name.as_deref()).or_else(|| text(a.author.display_name.as_deref()))?;
    let institutions: Vec<String> = a
        .institutions
        .iter()
        .filter_map(|i| text(i.display_name.as_deref()))
        .collect();
    let affiliation = if institutions.is_empty() {
        a.raw_affiliation_strings
            .iter()
            .filter_map(|s| text(Some(s)))
            .collect::<Vec<_>>()
    } else {
        institutions
    };
    let person = match (
        orcid(a.author.orcid.as_deref()),
        a.author.id.as_deref().and_then(openalex_id),
    ) {
        (Some(orcid), Some(id)) => {
            let key = key_from(id, "author");
            if keys.people.insert(key.clone()) {
                b.people.push(Person {
                    key: key.clone(),
                    name: text(a.author.display_name.as_deref()).unwrap_or_else(|| name.clone()),
                    orcid: Some(orcid),
                    ..Default::default()
                });
            }
            Some(key)
        }
        _ => None,
    };
    Some(Contributor {
        name,
        person,
        affiliation: (!affiliation.is_empty()).then(|| affiliation.join("; ")),
        ..Default::default()
    })
}

fn author(r: &Record, b: &mut Bundle, keys: &mut Keys) {
    let Some(name) = text(r.display_name.as_deref()) else {
        return;
    };
    let key = key_from(
        openalex_id(r.id.as_deref().unwrap_or("")).unwrap_or(""),
        "author",
    );
    let mut org_names = Vec::new();
    for inst in &r.last_known_institutions {
        let Some(org) = organization(inst) else {
            continue;
        };
        org_names.push(org.name.clone());
        if keys.organizations.insert(org.key.clone()) {
            b.organizations.push(org);
        }
    }
    let mut seen = HashSet::from([name.clone()]);
    let aliases = r
        .display_name_alternatives
        .iter()
        .filter_map(|a| text(Some(a)))
        .filter(|a| seen.insert(a.clone()))
        .collect();
    let person = Person {
        key: key.clone(),
        name,
        aliases,
        orcid: orcid(r.orcid.as_deref()),
        interests: r
            .topics
            .iter()
            .filter_map(|t| text(t.display_name.as_deref()))
            .collect(),
        affiliation: (!org_names.is_empty()).then(|| org_names.join("; ")),
        ..Default::default()
    };
    // An author met before as a work's author: this record says more.
    match b.people.iter_mut().find(|p| p.key == key) {
        Some(p) => *p = person,
        None => {
            keys.people.insert(key);
            b.people.push(person);
        }
    }
}

fn organization(i: &Institution) -> Option<Organization> {
    let name = text(i.display_name.as_deref())?;
    let id = i.id.as_deref().and_then(openalex_id).unwrap_or(&name);
    Some(Organization {
        key: key_from(id, "institution"),
        kind: match i.kind.as_deref() {
            Some("education") => "university",
            Some("company") => "company",
            Some("government") => "government",
            Some("funder") => "funder",
            _ => "other",
        }
        .to_string(),
        country: text(i.country_code.as_deref()),
        url: i
            .ror
            .clone()
            .filter(|u| u.starts_with("https://") && u.len() <= 2000),
        name,
        ..Default::default()
    })
}

/// The Vitae kind of an OpenAlex work type.
fn kind(r: &Record) -> &'static str {
    let source_kind = r
        .primary_location
        .as_ref()
        .and_then(|l| l.source.as_ref())
        .and_then(|s| s.kind.as_deref());
    match r.kind.as_deref().unwrap_or("") {
        "article" if r.type_crossref.as_deref() == Some("proceedings-article") => {
            "conference_paper"
        }
        "article" => match source_kind {
            Some("conference") => "conference_paper",
            Some("repository") => "preprint",
            _ => "journal_article",
        },
        "review" | "letter" => "journal_article",
        "preprint" | "posted-content" => "preprint",
        "book-chapter" => "chapter",
        "book" | "monograph" => "book",
        "dissertation" => "thesis",
        "report" => "report",
        _ => "other",
    }
}

/// The abstract in word order, and whether it had to be cut.
fn abstract_text(index: &HashMap<String, Vec<usize>>) -> (Option<String>, bool) {
    let mut words: Vec<(usize, &str)> = index
        .iter()
        .flat_map(|(w, at)| at.iter().map(move |&p| (p, w.as_str())))
        .collect();
    words.sort_unstable();
    let text = collapse(&words.iter().map(|(_, w)| *w).collect::<Vec<_>>().join(" "));
    if text.is_empty() {
        return (None, false);
    }
    match text.char_indices().nth(MAX_TEXT) {
        Some((cut, _)) => (Some(text[..cut].to_string()), true),
        None => (Some(text), false),
    }
}

fn pages(b: &Biblio) -> Option<String> {
    match (text(b.first_page.as_deref()), text(b.last_page.as_deref())) {
        (Some(f), Some(l)) if f != l => Some(format!("{f}-{l}")),
        (Some(f), _) => Some(f),
        (None, l) => l,
    }
}

/// `ids.arxiv`, else an arXiv abs page among the locations.
fn arxiv_id(r: &Record) -> Option<String> {
    let from_ids = r.ids.get("arxiv").and_then(Value::as_str);
    let from_locations = r
        .locations
        .iter()
        .filter_map(|l| l.landing_page_url.as_deref())
        .find(|u| u.contains("arxiv.org/abs/"));
    from_ids
        .or(from_locations)
        .map(|u| u.rsplit_once("/abs/").map_or(u, |(_, id)| id))
        .map(|id| id.trim().trim_start_matches("arXiv:").to_string())
        .filter(|id| super::bibtex::is_arxiv_id(id))
}

fn links(r: &Record) -> Vec<Link> {
    let openalex = r.id.as_deref().filter(|u| openalex_id(u).is_some());
    let pdf = r
        .primary_location
        .as_ref()
        .and_then(|l| l.pdf_url.as_deref());
    [("openalex", openalex), ("pdf", pdf)]
        .into_iter()
        .filter_map(|(kind, url)| {
            let url = url?.trim();
            (url.starts_with("http") && url.len() <= 2000).then(|| Link {
                kind: kind.to_string(),
                url: Some(url.to_string()),
                label: None,
            })
        })
        .collect()
}

/// An ORCID iD from its URL, when it has the iD's shape.
fn orcid(url: Option<&str>) -> Option<String> {
    let id = url?.trim().rsplit('/').next()?;
    super::orcid::is_orcid(id).then(|| id.to_string())
}

/// Trimmed text that is not empty and fits a bundle text field.
fn text(s: Option<&str>) -> Option<String> {
    let t = collapse(s?);
    (!t.is_empty() && t.len() <= MAX_TEXT).then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_inverted_index_reads_back_in_word_order() {
        let index = HashMap::from([
            ("open".to_string(), vec![0, 2]),
            ("access".to_string(), vec![1]),
        ]);
        assert_eq!(
            abstract_text(&index),
            (Some("open access open".to_string()), false)
        );
    }

    #[test]
    fn an_orcid_url_gives_the_id() {
        assert_eq!(
            orcid(Some("https://orcid.org/0000-0001-6187-6610")).as_deref(),
            Some("0000-0001-6187-6610")
        );
        assert_eq!(orcid(Some("https://orcid.org/12")), None);
    }
}
