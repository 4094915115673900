//! CSL-JSON in: an array of CSL items (what Zotero, Mendeley and citeproc
//! write, and what `vitae export --format csl-json` writes) as works. The
//! mapping is the export's, reversed (`export::csl`): `type` to a kind,
//! `author` to the printed names in order, `issued` to a date, `number
//! arXiv:…` to an arXiv id, `note` split back into notes (with "Authors
//! unknown" and the "et al." mark read as what they say). CSL has no place
//! for career facts: a CSL file states works only.

use std::collections::HashSet;

use serde_json::Value;

use super::{entry_error, key_from};
use crate::import::bundle::{Bundle, Contributor, Date, Link, Work};
use crate::Result;

/// The works of a CSL-JSON file.
pub fn read(text: &str, file: &str) -> Result<Bundle> {
    let doc: Value = serde_json::from_str(text).map_err(|e| {
        entry_error(
            file,
            &format!("line {}, column {}", e.line(), e.column()),
            format!("not CSL-JSON: {e}"),
        )
    })?;
    let items = doc
        .as_array()
        .ok_or_else(|| entry_error(file, "top level", "CSL-JSON is an array of items"))?;
    let mut keys = HashSet::new();
    let works = items
        .iter()
        .enumerate()
        .map(|(i, item)| work(item, i, file, &mut keys))
        .collect::<Result<Vec<Work>>>()?;
    Ok(Bundle {
        works,
        ..Default::default()
    })
}

fn work(item: &Value, i: usize, file: &str, keys: &mut HashSet<String>) -> Result<Work> {
    let at = || match item.get("id") {
        Some(id) => format!("item {} (id {})", i + 1, id),
        None => format!("item {}", i + 1),
    };
    if !item.is_object() {
        return Err(entry_error(file, &at(), "is not an object"));
    }
    let text = |k: &str| -> Option<String> {
        match item.get(k)? {
            Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    };
    let title = text("title").ok_or_else(|| entry_error(file, &at(), "has no title"))?;
    let mut key = key_from(&text("id").unwrap_or_default(), &format!("item-{}", i + 1));
    while !keys.insert(key.clone()) {
        key = format!("{key}-{}", i + 1);
    }
    let (mut date, year) = issued(item.get("issued"));
    // A date of another year than the publication's: when it became available.
    if let (Some(available), _) = issued(item.get("available-date")) {
        date = Some(available);
    }
    let mut notes: Vec<String> = text("note")
        .map(|n| n.split("; ").map(str::to_string).collect())
        .unwrap_or_default();
    let unknown = notes.iter().any(|n| n == "Authors unknown");
    let truncated = notes.iter().any(|n| n.starts_with("Author list truncated"));
    notes.retain(|n| n != "Authors unknown" && !n.starts_with("Author list truncated"));
    let arxiv_id = text("number")
        .and_then(|n| n.strip_prefix("arXiv:").map(str::to_string))
        .filter(|_| text("publisher").as_deref() == Some("arXiv"));
    let authors = if unknown {
        Vec::new()
    } else {
        authors(item.get("author"))
    };
    Ok(Work {
        key,
        title,
        kind: kind(&text("type").unwrap_or_default()).to_string(),
        venue: text("container-title"),
        year,
        date,
        volume: text("volume"),
        issue: text("issue"),
        pages: text("page"),
        r#abstract: text("abstract"),
        doi: text("DOI"),
        arxiv_id,
        links: text("URL")
            .filter(|u| u.starts_with("http"))
            .map(|url| Link {
                kind: "url".to_string(),
                url: Some(url),
                label: None,
            })
            .into_iter()
            .collect(),
        categories: categories(text("keyword")),
        notes,
        authors_truncated: truncated,
        authors,
        ..Default::default()
    })
}

/// Keywords that are subject categories as arXiv prints them ("LG",
/// "stat.ML"), the only keywords a work has a place for.
fn categories(keywords: Option<String>) -> Vec<String> {
    keywords
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|k| {
            !k.is_empty()
                && k.len() <= 40
                && k.chars()
                    .all(|c| c.is_ascii_alphabetic() || c == '.' || c == '-')
        })
        .map(str::to_string)
        .collect()
}

/// The Vitae kind of a CSL type (the export's mapping, reversed).
fn kind(csl: &str) -> &'static str {
    match csl {
        "article-journal" | "article-magazine" | "article-newspaper" | "review" => {
            "journal_article"
        }
        "paper-conference" => "conference_paper",
        "article" | "manuscript" => "preprint",
        "thesis" => "thesis",
        "book" => "book",
        "chapter" => "chapter",
        "report" => "report",
        _ => "other",
    }
}

/// Names in order: "given family", or the literal.
fn authors(list: Option<&Value>) -> Vec<Contributor> {
    let Some(Value::Array(names)) = list else {
        return Vec::new();
    };
    names
        .iter()
        .filter_map(|n| {
            let part = |k: &str| n.get(k).and_then(Value::as_str).map(str::trim);
            let name = match (part("given"), part("family"), part("literal")) {
                (_, _, Some(l)) if !l.is_empty() => l.to_string(),
                (Some(g), Some(f), _) if !g.is_empty() => format!("{g} {f}"),
                (_, Some(f), _) if !f.is_empty() => f.to_string(),
                _ => return None,
            };
            Some(Contributor {
                name,
                ..Default::default()
            })
        })
        .collect()
}

/// `issued` as a bundle date and year: `date-parts` of 1–3 parts, or
/// `raw` text kept as printed.
fn issued(v: Option<&Value>) -> (Option<Date>, Option<i32>) {
    let Some(v) = v else {
        return (None, None);
    };
    let parts: Vec<i64> = v
        .get("date-parts")
        .and_then(|p| p.get(0))
        .and_then(Value::as_array)
        .map(|p| {
            p.iter()
                .filter_map(|x| x.as_i64().or_else(|| x.as_str()?.parse().ok()))
                .collect()
        })
        .unwrap_or_default();
    if let [y, rest @ ..] = parts.as_slice() {
        if (1000..=9999).contains(y) {
            let mut iso = format!("{y:04}");
            for p in rest.iter().take(2) {
                iso.push_str(&format!("-{p:02}"));
            }
            return (Some(Date::Iso(iso)), Some(*y as i32));
        }
    }
    match v.get("raw").and_then(Value::as_str) {
        Some(raw) if !raw.trim().is_empty() => (
            Some(Date::Raw {
                raw: raw.trim().to_string(),
                value: None,
            }),
            None,
        ),
        _ => (None, None),
    }
}
