//! RIS in, read by the `biblib` crate's RIS parser (maintained, and the
//! parser Vitae's own RIS export is tested against), which takes the title
//! from `TI`/`T1`, the venue from `T2`/`JO`/`JF`/`JA`, the date from `PY`
//! and `DA`, pages from `SP`/`EP`, the DOI from `DO` (or a DOI link), and
//! authors as "Family, Given". The mapping is the export's (`export::ris`)
//! reversed: `TY` to a kind (`UNPB` a preprint, `CPAPER`/`CONF` a
//! conference paper), `AU` in order, `AN arXiv:…` to an arXiv id, `KW`
//! subject categories (`cs.LG`, `LG`) to categories, `N1` to notes, with
//! "Authors unknown" and "Author list truncated (et al.)" read as what they
//! say; a `DA` of another year than `PY` is when the work became available.
//!
//! What does not fit the bundle schema is dropped: a DOI that is no
//! `10.…/…`, an arXiv id of another shape, other keywords. Editors (`A2`),
//! publishers and ISSNs have no place in a work. A record without a title
//! is an error naming the record.

use std::collections::HashSet;

use biblib::{Citation, CitationParser, RisParser};

use super::{entry_error, key_from};
use crate::export::ris::{TRUNCATED, UNKNOWN};
use crate::import::bundle::{Bundle, Contributor, Date, Link, Work};
use crate::Result;

/// The works of a RIS file.
pub fn read(text: &str, file: &str) -> Result<Bundle> {
    let records = RisParser::new()
        .parse(text)
        .map_err(|e| entry_error(file, "RIS", format!("not RIS: {e}")))?;
    if records.is_empty() && !text.trim().is_empty() {
        return Err(entry_error(file, "RIS", "not RIS: no TY … ER record"));
    }
    let mut keys = HashSet::new();
    let works = records
        .iter()
        .enumerate()
        .map(|(i, c)| work(c, i, file, &mut keys))
        .collect::<Result<Vec<Work>>>()?;
    Ok(Bundle {
        works,
        ..Default::default()
    })
}

fn extra<'a>(c: &'a Citation, tag: &str) -> &'a [String] {
    c.extra_fields.get(tag).map(Vec::as_slice).unwrap_or(&[])
}

fn work(c: &Citation, i: usize, file: &str, keys: &mut HashSet<String>) -> Result<Work> {
    let id = extra(c, "ID").first().cloned().unwrap_or_default();
    let at = match id.is_empty() {
        true => format!("record {}", i + 1),
        false => format!("record {} ({id})", i + 1),
    };
    let title = c.title.trim();
    if title.is_empty() {
        return Err(entry_error(file, &at, "has no title"));
    }
    let mut key = key_from(&id, &format!("record-{}", i + 1));
    while !keys.insert(key.clone()) {
        key = format!("{key}-{}", i + 1);
    }
    let mut notes: Vec<String> = extra(c, "N1").to_vec();
    let unknown = notes.iter().any(|n| n == UNKNOWN);
    let truncated = notes.iter().any(|n| n == TRUNCATED);
    notes.retain(|n| n != UNKNOWN && n != TRUNCATED);
    let (date, year) = dates(c);
    Ok(Work {
        key,
        title: title.to_string(),
        kind: kind(c).to_string(),
        venue: c.journal.clone().filter(|v| !v.trim().is_empty()),
        year,
        date,
        volume: c.volume.clone(),
        issue: c.issue.clone(),
        pages: c.pages.clone(),
        r#abstract: c.abstract_text.clone(),
        doi: c.doi.clone().filter(|d| is_doi(d)),
        arxiv_id: c
            .accession_number
            .as_deref()
            .and_then(|a| a.strip_prefix("arXiv:"))
            .filter(|a| is_arxiv_id(a))
            .map(str::to_string),
        categories: c
            .keywords
            .iter()
            .filter(|k| is_category(k))
            .cloned()
            .collect(),
        links: c
            .urls
            .first()
            .filter(|u| u.starts_with("http"))
            .map(|u| Link {
                kind: "url".to_string(),
                url: Some(u.clone()),
                label: None,
            })
            .into_iter()
            .collect(),
        notes,
        authors_truncated: truncated && !unknown,
        authors: match unknown {
            true => Vec::new(),
            false => c.authors.iter().filter_map(author).collect(),
        },
        ..Default::default()
    })
}

/// The kind of a record's type, as biblib names it or as `TY` writes it.
fn kind(c: &Citation) -> &'static str {
    match c.citation_type.first().map(String::as_str).unwrap_or("") {
        "Journal Article" | "JOUR" | "Magazine Article" | "Electronic Article" => "journal_article",
        "CPAPER" | "Conference Paper" | "Conference Proceeding" | "CONF" => "conference_paper",
        "Unpublished Work" | "UNPB" | "Manuscript" => "preprint",
        "Thesis/Dissertation" | "THES" => "thesis",
        "Book" | "BOOK" | "Whole Book" | "Electronic Book" => "book",
        "Book Chapter" | "CHAP" | "Book Section" => "chapter",
        "Report" | "RPRT" => "report",
        _ => "other",
    }
}

/// A printed name, "given middle family", from RIS's "Family, Given".
fn author(a: &biblib::Author) -> Option<Contributor> {
    let name = [&a.given_name, &a.middle_name]
        .into_iter()
        .flatten()
        .map(|s| s.trim())
        .chain([a.name.trim()])
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    (!name.is_empty()).then(|| Contributor {
        name,
        ..Default::default()
    })
}

/// The date and year: `DA`, or `PY` when it has a month (a year alone is
/// no date); a `DA` of another year than `PY` is when the work became
/// available.
fn dates(c: &Citation) -> (Option<Date>, Option<i32>) {
    let year = c.date.as_ref().map(|d| d.year);
    let iso = |y: i32, m: Option<u8>, d: Option<u8>| {
        let mut s = format!("{y:04}");
        if let Some(m) = m {
            s.push_str(&format!("-{m:02}"));
            if let Some(d) = d {
                s.push_str(&format!("-{d:02}"));
            }
        }
        s
    };
    let other = extra(c, "DA").first().and_then(|da| {
        let p: Vec<&str> = da.split('/').collect();
        let y: i32 = p.first()?.parse().ok()?;
        let m: Option<u8> = p
            .get(1)
            .and_then(|m| m.parse().ok())
            .filter(|m| (1..=12).contains(m));
        let d: Option<u8> = p
            .get(2)
            .and_then(|d| d.parse().ok())
            .filter(|d| (1..=31).contains(d));
        (1000..=9999).contains(&y).then(|| iso(y, m, m.and(d)))
    });
    let other = other.filter(|s| super::bibtex::iso_year(s).is_some());
    // A year alone is the year, not a date.
    let date = other.or_else(|| {
        let d = c.date.as_ref()?;
        d.month.map(|_| iso(d.year, d.month, d.day))
    });
    let year = year.filter(|y| (1000..=9999).contains(y));
    // A day the month does not have is dropped, keeping the month.
    let date = date.and_then(|d| {
        let month = d.get(..7).unwrap_or(&d).to_string();
        [d, month]
            .into_iter()
            .find(|s| super::bibtex::iso_year(s).is_some())
    });
    (date.map(Date::Iso), year)
}

fn is_doi(d: &str) -> bool {
    d.split_once('/').is_some_and(|(prefix, suffix)| {
        prefix
            .strip_prefix("10.")
            .is_some_and(|n| (4..=9).contains(&n.len()) && n.chars().all(|c| c.is_ascii_digit()))
            && !suffix.is_empty()
            && !suffix.chars().any(char::is_whitespace)
    })
}

fn is_arxiv_id(id: &str) -> bool {
    super::bibtex::is_arxiv_id(id)
}

fn is_category(k: &str) -> bool {
    super::bibtex::is_category(k)
}
