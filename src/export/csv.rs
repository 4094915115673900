//! CSV for spreadsheets, written by the `csv` crate (RFC 4180 quoting: a
//! cell with a comma, quote or line break is quoted, quotes doubled).
//! `works`: a header row and one row per work, its authors in order in
//! one cell joined by "; " (a spreadsheet has no lists), "et al." last
//! when the list is truncated, "(authors unknown)" when no source names
//! them. `timeline`: one row per career fact of a person — appointment,
//! education, grant, talk presentation, teaching, service — with its kind,
//! title, organization and dates, and the rest of the fact in `role` and
//! `detail`. CSV cannot carry structure beyond that: affiliations of
//! authors, abstracts and links other than the work's page are left out.

use ::csv::Writer;

use super::csl::url;
use super::model::{ExportWork, Profile};
use crate::{Error, Result};

/// The header of `works`.
pub const WORKS_HEADER: [&str; 10] = [
    "title", "kind", "year", "date", "venue", "authors", "doi", "arxiv_id", "url", "notes",
];

/// The header of `timeline`.
pub const TIMELINE_HEADER: [&str; 7] = [
    "kind",
    "title",
    "organization",
    "start",
    "end",
    "role",
    "detail",
];

/// One row per work, in the order given.
pub fn works(works: &[ExportWork]) -> Result<String> {
    let mut w = Writer::from_writer(Vec::new());
    w.write_record(WORKS_HEADER).map_err(Error::internal)?;
    for work in works {
        w.write_record(work_row(work)).map_err(Error::internal)?;
    }
    finish(w)
}

/// One row per career fact of the person, section by section in CV order.
pub fn timeline(p: &Profile) -> Result<String> {
    let mut w = Writer::from_writer(Vec::new());
    w.write_record(TIMELINE_HEADER).map_err(Error::internal)?;
    for row in facts(p) {
        w.write_record(row.cells()).map_err(Error::internal)?;
    }
    finish(w)
}

fn finish(w: Writer<Vec<u8>>) -> Result<String> {
    let bytes = w.into_inner().map_err(|e| Error::internal(e.to_string()))?;
    String::from_utf8(bytes).map_err(Error::internal)
}

fn work_row(w: &ExportWork) -> [String; 10] {
    let row = &w.work;
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    [
        row.title.clone(),
        row.kind.clone(),
        row.year.map(|y| y.to_string()).unwrap_or_default(),
        row.issued
            .clone()
            .or_else(|| row.issued_raw.clone())
            .unwrap_or_default(),
        opt(&row.venue),
        authors(w),
        opt(&row.doi),
        opt(&row.arxiv_id),
        url(w).unwrap_or_default(),
        w.notes.join("; "),
    ]
}

/// The author list in one cell.
pub fn authors(w: &ExportWork) -> String {
    if !w.authors_known() {
        return "(authors unknown)".to_string();
    }
    let mut names: Vec<&str> = w.authors.iter().map(|a| a.name.as_str()).collect();
    if w.work.authors_truncated {
        names.push("et al.");
    }
    names.join("; ")
}

/// One row of the timeline.
struct Fact {
    kind: &'static str,
    title: String,
    organization: Option<String>,
    start: Option<String>,
    end: Option<String>,
    role: Option<String>,
    detail: Vec<String>,
}

impl Fact {
    fn cells(self) -> [String; 7] {
        [
            self.kind.to_string(),
            self.title,
            self.organization.unwrap_or_default(),
            self.start.unwrap_or_default(),
            self.end.unwrap_or_default(),
            self.role.unwrap_or_default(),
            self.detail.join("; "),
        ]
    }
}

/// A date as stored (ISO, partial), else as printed.
fn when(iso: &Option<String>, raw: &Option<String>) -> Option<String> {
    iso.clone().or_else(|| raw.clone())
}

fn facts(p: &Profile) -> Vec<Fact> {
    let mut out = Vec::new();
    out.extend(p.appointments.iter().map(|a| Fact {
        kind: "appointment",
        title: a.row.title.clone(),
        organization: Some(a.organization.clone()),
        start: when(&a.row.start_date, &a.row.start_raw),
        end: when(&a.row.end_date, &a.row.end_raw),
        role: Some(a.row.kind.clone()),
        detail: a.row.description.iter().cloned().collect(),
    }));
    out.extend(p.education.iter().map(|e| Fact {
        kind: "education",
        title: match &e.row.field {
            Some(f) => format!("{} in {f}", e.row.degree),
            None => e.row.degree.clone(),
        },
        organization: Some(e.organization.clone()),
        start: when(&e.row.start_date, &e.row.start_raw),
        end: when(&e.row.end_date, &e.row.end_raw),
        role: None,
        detail: education_detail(e),
    }));
    out.extend(p.grants.iter().map(|g| {
        Fact {
            kind: "grant",
            title: g.row.title.clone(),
            organization: g.funder.clone(),
            start: when(&g.row.start_date, &g.row.start_raw),
            end: when(&g.row.end_date, &g.row.end_raw),
            role: g.row.role.clone(),
            detail: [
                Some(g.row.kind.clone()),
                g.row.amount_text.clone(),
                g.row.project.clone(),
            ]
            .into_iter()
            .flatten()
            .collect(),
        }
    }));
    for t in &p.talks {
        out.extend(t.presentations.iter().map(|(pr, host)| {
            Fact {
                kind: "talk",
                title: t.row.title.clone(),
                organization: host.clone(),
                start: when(&pr.date, &pr.date_raw),
                end: None,
                role: None,
                detail: [
                    pr.event.clone(),
                    pr.location.clone(),
                    pr.r#virtual.then(|| "virtual".to_string()),
                ]
                .into_iter()
                .flatten()
                .collect(),
            }
        }));
    }
    out.extend(p.teaching.iter().map(|t| {
        let terms: Vec<String> = t.terms.iter().map(|(s, y)| format!("{s} {y}")).collect();
        Fact {
            kind: "teaching",
            title: t.row.course.clone(),
            organization: t.organization.clone(),
            start: terms.first().cloned(),
            end: terms.last().cloned(),
            role: Some(t.row.role.clone()),
            detail: t.row.note.iter().cloned().collect(),
        }
    }));
    out.extend(p.service.iter().map(|s| Fact {
        kind: "service",
        title: s.row.role.clone(),
        organization: s.organization.clone(),
        start: when(&s.row.start_date, &s.row.start_raw),
        end: when(&s.row.end_date, &s.row.end_raw),
        role: Some(s.row.kind.clone()),
        detail: s.venues.clone(),
    }));
    out
}

fn education_detail(e: &super::model::Education) -> Vec<String> {
    let mut d = Vec::new();
    if !e.advisors.is_empty() {
        let names: Vec<&str> = e.advisors.iter().map(|(_, n)| n.as_str()).collect();
        d.push(format!("advisors: {}", names.join(", ")));
    }
    if let Some(t) = &e.thesis {
        d.push(format!("thesis: {t}"));
    }
    d.extend(e.row.honors.iter().cloned());
    d
}
