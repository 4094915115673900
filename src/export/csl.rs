//! CSL-JSON: an array of CSL items, valid against the CSL data schema
//! (`csl-data.json`), as Zotero, Pandoc and citeproc read it. Partial
//! dates become `date-parts` of one to three parts; a date printed without
//! a year stays as `raw` text. A work whose authors no source names has no
//! `author` and says so in `note`, rather than claiming an empty list.

use serde_json::{json, Map, Value};

use super::model::ExportWork;
use super::names::{citation_keys, split};
use crate::{Error, Result};

/// The CSL items of `works`, pretty-printed, with a final newline.
pub fn write(works: &[ExportWork]) -> Result<String> {
    let keys = citation_keys(works);
    let items: Vec<Value> = works.iter().zip(&keys).map(|(w, k)| item(w, k)).collect();
    let mut text = serde_json::to_string_pretty(&items).map_err(Error::internal)?;
    text.push('\n');
    Ok(text)
}

/// The CSL type of a work kind.
pub fn csl_type(kind: &str) -> &'static str {
    match kind {
        "journal_article" => "article-journal",
        "conference_paper" | "workshop_paper" => "paper-conference",
        "preprint" => "article",
        "thesis" => "thesis",
        "book" => "book",
        "chapter" => "chapter",
        "report" => "report",
        _ => "document",
    }
}

fn item(w: &ExportWork, key: &str) -> Value {
    let row = &w.work;
    let mut m = Map::new();
    m.insert("id".into(), key.into());
    m.insert("citation-key".into(), key.into());
    m.insert("type".into(), csl_type(&row.kind).into());
    m.insert("title".into(), row.title.clone().into());
    if w.authors_known() {
        m.insert(
            "author".into(),
            w.authors.iter().map(|a| person(&a.name)).collect(),
        );
    }
    // `issued` is the publication: a date of another year than the
    // work's (a preprint's posting before the venue's year) is when it
    // became available.
    let other_year = match (row.issued.as_deref(), row.year) {
        (Some(iso), Some(y)) => !iso.starts_with(&format!("{y:04}")),
        _ => false,
    };
    if other_year {
        m.insert("issued".into(), json!({ "date-parts": [[row.year]] }));
        if let Some(d) = issued(row.issued.as_deref(), None, None) {
            m.insert("available-date".into(), d);
        }
    } else if let Some(d) = issued(row.issued.as_deref(), row.issued_raw.as_deref(), row.year) {
        m.insert("issued".into(), d);
    }
    let mut put = |k: &str, v: &Option<String>| {
        if let Some(v) = v {
            m.insert(k.into(), v.clone().into());
        }
    };
    put("container-title", &row.venue);
    put("volume", &row.volume);
    put("issue", &row.issue);
    put("page", &row.pages);
    put("DOI", &row.doi);
    put("abstract", &row.r#abstract);
    if let Some(id) = &row.arxiv_id {
        m.insert("publisher".into(), "arXiv".into());
        m.insert("number".into(), format!("arXiv:{id}").into());
    }
    if let Some(url) = url(w) {
        m.insert("URL".into(), url.into());
    }
    if !w.categories.is_empty() {
        m.insert("keyword".into(), w.categories.join(", ").into());
    }
    let mut notes = w.notes.clone();
    if !w.authors_known() {
        notes.insert(0, "Authors unknown".to_string());
    } else if row.authors_truncated {
        notes.push("Author list truncated (et al.)".to_string());
    }
    if !notes.is_empty() {
        m.insert("note".into(), notes.join("; ").into());
    }
    Value::Object(m)
}

/// A CSL name: family and given where the name splits, else a literal.
fn person(printed: &str) -> Value {
    let p = split(printed);
    match p.given {
        Some(given) => json!({ "family": p.family, "given": given }),
        None => json!({ "literal": p.family }),
    }
}

/// A CSL date: `date-parts` from an ISO partial date (or the year), `raw`
/// for a date printed without a year.
pub fn issued(iso: Option<&str>, raw: Option<&str>, year: Option<i32>) -> Option<Value> {
    let parts: Option<Vec<i64>> = match (iso, year) {
        (Some(iso), _) => iso.split('-').map(|p| p.parse().ok()).collect(),
        (None, Some(y)) => Some(vec![y.into()]),
        (None, None) => None,
    };
    match (parts, raw) {
        (Some(p), _) if !p.is_empty() => Some(json!({ "date-parts": [p] })),
        (_, Some(raw)) => Some(json!({ "raw": raw })),
        _ => None,
    }
}

/// The work's page: its first link, else its DOI or arXiv page.
pub fn url(w: &ExportWork) -> Option<String> {
    w.links
        .iter()
        .find_map(|l| l.url.clone())
        .or_else(|| w.work.doi.as_ref().map(|d| format!("https://doi.org/{d}")))
        .or_else(|| {
            w.work
                .arxiv_id
                .as_ref()
                .map(|a| format!("https://arxiv.org/abs/{a}"))
        })
}
