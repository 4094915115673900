//! RIS: the tagged records reference managers (EndNote, Zotero, Mendeley)
//! exchange, one `TAG  - value` line each, a record from `TY` to `ER`, as
//! the RIS specification writes them (lines end in CR LF). Tags: `TY` the
//! type, `ID` the citation key (`names::citation_keys`), `AU` per author in
//! order ("Family, Given"), `TI`, `PY` the year, `DA` the date
//! (`YYYY/MM/DD/`), `T2` the venue, `VL`, `IS`, `SP`/`EP`, `DO`, `UR`,
//! `AB`, `KW` per category, `AN` the arXiv id (`arXiv:2101.00001`, where
//! reference managers keep a database's accession number), `N1` per note.
//! RIS has no "et al." and no unknown authors: they are notes ("Author list
//! truncated (et al.)", "Authors unknown"), as in CSL-JSON.
//!
//! What RIS cannot carry: equal-contribution marks, a person's link to an
//! author name, and workshop papers apart from conference papers (both
//! `CPAPER`). A value's line breaks become spaces.

use std::fmt::Write;

use super::csl::url;
use super::model::ExportWork;
use super::names::{citation_keys, split};
use crate::Result;

/// The records of `works`, each ended by `ER` and a blank line.
pub fn write(works: &[ExportWork]) -> Result<String> {
    let keys = citation_keys(works);
    let mut out = String::new();
    for (w, key) in works.iter().zip(&keys) {
        record(&mut out, w, key);
    }
    Ok(out)
}

/// The RIS type of a work kind.
pub fn ris_type(kind: &str) -> &'static str {
    match kind {
        "journal_article" => "JOUR",
        "conference_paper" | "workshop_paper" => "CPAPER",
        "preprint" => "UNPB",
        "thesis" => "THES",
        "book" => "BOOK",
        "chapter" => "CHAP",
        "report" => "RPRT",
        _ => "GEN",
    }
}

/// The note a truncated ("et al.") author list is written as.
pub const TRUNCATED: &str = "Author list truncated (et al.)";
/// The note a work without known authors is written as.
pub const UNKNOWN: &str = "Authors unknown";

fn record(out: &mut String, w: &ExportWork, key: &str) {
    let row = &w.work;
    let mut line = |tag: &str, value: &str| {
        let value = value.replace(['\r', '\n'], " ");
        let _ = write!(out, "{tag}  - {}\r\n", value.trim());
    };
    line("TY", ris_type(&row.kind));
    line("ID", key);
    for a in &w.authors {
        let p = split(&a.name);
        match p.given {
            Some(g) => line("AU", &format!("{}, {g}", p.family)),
            None => line("AU", &p.family),
        }
    }
    line("TI", &row.title);
    if let Some(y) = row.year {
        line("PY", &format!("{y:04}"));
    }
    // A date of more than a year: `PY` says the year.
    if let Some(iso) = row.issued.as_ref().filter(|d| d.len() > 4) {
        let parts: Vec<&str> = iso.split('-').collect();
        let mut da = parts.join("/");
        for _ in parts.len()..3 {
            da.push('/');
        }
        da.push('/');
        line("DA", &da);
    }
    let fields = [("T2", &row.venue), ("VL", &row.volume), ("IS", &row.issue)];
    for (tag, v) in fields {
        if let Some(v) = v {
            line(tag, v);
        }
    }
    if let Some(p) = &row.pages {
        let p = p.replace(['–', '—'], "-");
        match p.split_once('-') {
            Some((sp, ep)) if !sp.trim().is_empty() && !ep.trim().is_empty() => {
                line("SP", sp);
                line("EP", ep);
            }
            _ => line("SP", &p),
        }
    }
    if let Some(d) = &row.doi {
        line("DO", d);
    }
    if let Some(u) = url(w) {
        line("UR", &u);
    }
    if let Some(a) = &row.arxiv_id {
        line("AN", &format!("arXiv:{a}"));
    }
    if let Some(a) = &row.r#abstract {
        line("AB", a);
    }
    for c in &w.categories {
        line("KW", c);
    }
    if !w.authors_known() {
        line("N1", UNKNOWN);
    } else if row.authors_truncated {
        line("N1", TRUNCATED);
    }
    for n in &w.notes {
        line("N1", n);
    }
    line("ER", "");
    out.push_str("\r\n");
}
