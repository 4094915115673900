//! JSON Resume (`jsonresume-schema.json`): a person's profile as the résumé
//! themes and sites of the JSON Resume project read it. Appointments are
//! `work`, education keeps its advisors and thesis in `summary`, grants and
//! honours are `awards` (the amount as printed and the role in `summary`),
//! authored works are `publications` (the author list in `summary`),
//! service is `volunteer`. Dates are the schema's ISO partial dates.
//!
//! The format has no place for talks, patents or teaching, for a
//! department's parent organization, or for authors as a list: those stay
//! out, or ride in a `summary` as text.

use serde_json::{json, Map, Value};

use super::csl::url;
use super::model::{Education, ExportWork, Grant, Profile, Service};
use crate::{Error, Result};

/// The résumé of `p`, pretty-printed, with a final newline.
pub fn write(p: &Profile) -> Result<String> {
    let doc = json!({
        "basics": basics(p),
        "work": p.appointments.iter().map(|a| {
            let mut m = Map::new();
            m.insert("name".into(), a.organization.clone().into());
            m.insert("position".into(), a.row.title.clone().into());
            dates(&mut m, &a.row.start_date, &a.row.end_date);
            if let Some(d) = &a.row.description {
                m.insert("summary".into(), d.clone().into());
            }
            Value::Object(m)
        }).collect::<Vec<_>>(),
        "education": p.education.iter().map(education).collect::<Vec<_>>(),
        "awards": p.grants.iter().map(award).collect::<Vec<_>>(),
        "publications": p.works.iter().map(publication).collect::<Vec<_>>(),
        "volunteer": p.service.iter().map(volunteer).collect::<Vec<_>>(),
        "interests": p.interests.iter().map(|(_, text)| json!({ "name": text })).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&doc).map_err(Error::internal)?;
    text.push('\n');
    Ok(text)
}

fn basics(p: &Profile) -> Value {
    let mut m = Map::new();
    m.insert("name".into(), p.person.name.clone().into());
    if let Some(e) = p.emails.first() {
        m.insert("email".into(), e.clone().into());
    }
    if let Some(s) = &p.person.summary {
        m.insert("summary".into(), s.clone().into());
    }
    if let Some(phone) = &p.person.phone {
        m.insert("phone".into(), phone.clone().into());
    }
    let profiles: Vec<Value> = p
        .links
        .iter()
        .filter_map(|l| {
            let url = l.url.as_ref()?;
            Some(
                json!({ "network": l.label.clone().unwrap_or_else(|| l.kind.clone()), "url": url }),
            )
        })
        .collect();
    m.insert("profiles".into(), profiles.into());
    Value::Object(m)
}

/// `startDate` and `endDate` where known (an open end is left out).
fn dates(m: &mut Map<String, Value>, start: &Option<String>, end: &Option<String>) {
    if let Some(s) = start {
        m.insert("startDate".into(), s.clone().into());
    }
    if let Some(e) = end {
        m.insert("endDate".into(), e.clone().into());
    }
}

fn education(e: &Education) -> Value {
    let mut m = Map::new();
    m.insert("institution".into(), e.organization.clone().into());
    m.insert("studyType".into(), e.row.degree.clone().into());
    if let Some(f) = &e.row.field {
        m.insert("area".into(), f.clone().into());
    }
    dates(&mut m, &e.row.start_date, &e.row.end_date);
    if let Some(gpa) = &e.row.gpa {
        m.insert("score".into(), gpa.clone().into());
    }
    let mut summary = Vec::new();
    if !e.advisors.is_empty() {
        let names: Vec<String> = e
            .advisors
            .iter()
            .map(|(role, name)| match role.as_str() {
                "advisor" => name.clone(),
                other => format!("{name} ({other})"),
            })
            .collect();
        summary.push(format!("Advisors: {}", names.join(", ")));
    }
    if let Some(t) = &e.thesis {
        summary.push(format!("Thesis: {t}"));
        m.insert("thesis".into(), t.clone().into());
    }
    if let Some(h) = &e.row.honors {
        summary.push(format!("Honors: {h}"));
    }
    if let Some(r) = &e.row.rank {
        summary.push(format!("Rank: {r}"));
    }
    if !summary.is_empty() {
        m.insert("summary".into(), summary.join(". ").into());
    }
    Value::Object(m)
}

fn award(g: &Grant) -> Value {
    let row = &g.row;
    let mut m = Map::new();
    m.insert("title".into(), row.title.clone().into());
    if let Some(d) = row.start_date.as_ref().or(row.end_date.as_ref()) {
        m.insert("date".into(), d.clone().into());
    }
    if let Some(f) = &g.funder {
        m.insert("awarder".into(), f.clone().into());
    }
    let amount = row.amount_text.clone().or_else(|| {
        let a = row.amount.as_ref()?;
        Some(match &row.currency {
            Some(c) => format!("{a} {c}"),
            None => a.clone(),
        })
    });
    let parts: Vec<String> = [
        row.project.clone(),
        amount.map(|a| format!("Amount: {a}")),
        row.role.as_ref().map(|r| format!("Role: {r}")),
        row.award_number
            .as_ref()
            .map(|n| format!("Award number: {n}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !parts.is_empty() {
        m.insert("summary".into(), parts.join(". ").into());
    }
    Value::Object(m)
}

fn publication(w: &ExportWork) -> Value {
    let row = &w.work;
    let mut m = Map::new();
    m.insert("name".into(), row.title.clone().into());
    if let Some(v) = &row.venue {
        m.insert("publisher".into(), v.clone().into());
    }
    let date = w.published();
    if let Some(d) = date {
        m.insert("releaseDate".into(), d.into());
    }
    if let Some(u) = url(w) {
        m.insert("url".into(), u.into());
    }
    let authors = if w.authors_known() {
        let names: Vec<&str> = w.authors.iter().map(|a| a.name.as_str()).collect();
        let etal = if row.authors_truncated {
            ", et al."
        } else {
            ""
        };
        format!("Authors: {}{etal}", names.join(", "))
    } else {
        "Authors unknown".to_string()
    };
    let mut summary = vec![authors];
    summary.extend(w.notes.iter().cloned());
    m.insert("summary".into(), summary.join(". ").into());
    Value::Object(m)
}

fn volunteer(s: &Service) -> Value {
    let mut m = Map::new();
    let org = s
        .organization
        .clone()
        .or_else(|| (!s.venues.is_empty()).then(|| s.venues.join(", ")));
    if let Some(o) = org {
        m.insert("organization".into(), o.into());
    }
    m.insert("position".into(), s.row.role.clone().into());
    dates(&mut m, &s.row.start_date, &s.row.end_date);
    Value::Object(m)
}
