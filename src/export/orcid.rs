//! ORCID (API v3.0 JSON): a person's activities as one record, shaped like
//! the record the API returns (`orcid-identifier`, `person`,
//! `activities-summary`), each item in the body ORCID takes for writing it
//! (`employment-3.0.json`, `work-full-3.0.json` …), so an item can be
//! posted to a record as it is and the whole file reads back with
//! `vitae import --format orcid`.
//!
//! Appointments are employments, visiting ones invited positions;
//! education keeps the degree as `role-title` and the field as
//! `department-name`; grants and fellowships are fundings (a fellowship a
//! `salary-award`), awards, prizes and honours distinctions; service is
//! services; authored works are works with their DOI and arXiv id as
//! external ids and their authors as contributors in order (`first`, then
//! `additional`). A work whose authors no source names has no
//! `contributors`, never an empty list. ORCID has no place for an
//! organization's address here (Vitae's profile names organizations
//! only), for a grant's role or printed amount ("3.97M", kept in the
//! funding's `short-description`), nor for talks, patents or teaching.

use serde_json::{json, Map, Value};

use super::csl::url;
use super::model::{ExportWork, Profile};
use crate::{Error, Result};

/// The ORCID record of `p`, pretty-printed, with a final newline.
pub fn write(p: &Profile) -> Result<String> {
    let (visiting, employed): (Vec<_>, Vec<_>) = p
        .appointments
        .iter()
        .partition(|a| a.row.kind == "visiting");
    let (distinct, funded): (Vec<_>, Vec<_>) = p
        .grants
        .iter()
        .partition(|g| matches!(g.row.kind.as_str(), "award" | "prize" | "honor"));
    let doc = json!({
        "orcid-identifier": p.person.orcid.as_ref().map(|o| json!({
            "uri": format!("https://orcid.org/{o}"), "path": o, "host": "orcid.org"
        })),
        "person": person(p),
        "activities-summary": {
            "distinctions": affiliations("distinction", distinct.iter().map(|g| {
                affiliation(None, &g.row.title, &g.row.start_date, &g.row.end_date, g.funder.as_deref())
            })),
            "educations": affiliations("education", p.education.iter().map(|e| {
                affiliation(e.row.field.as_deref(), &e.row.degree, &e.row.start_date,
                    &e.row.end_date, Some(&e.organization))
            })),
            "employments": affiliations("employment", employed.iter().map(|a| {
                affiliation(None, &a.row.title, &a.row.start_date, &a.row.end_date, Some(&a.organization))
            })),
            "fundings": { "group": funded.iter().map(|g| json!({ "funding-summary": [funding(g)] }))
                .collect::<Vec<_>>() },
            "invited-positions": affiliations("invited-position", visiting.iter().map(|a| {
                affiliation(None, &a.row.title, &a.row.start_date, &a.row.end_date, Some(&a.organization))
            })),
            "services": affiliations("service", p.service.iter().map(|s| {
                let org = s.organization.clone().or_else(|| (!s.venues.is_empty()).then(|| s.venues.join(", ")));
                affiliation(None, &s.row.role, &s.row.start_date, &s.row.end_date, org.as_deref())
            })),
            "works": { "group": p.works.iter().map(|w| json!({ "work-summary": [work(w)] }))
                .collect::<Vec<_>>() },
        }
    });
    let mut text = serde_json::to_string_pretty(&doc).map_err(Error::internal)?;
    text.push('\n');
    Ok(text)
}

/// The ORCID work type of a work kind.
pub fn work_type(kind: &str) -> &'static str {
    match kind {
        "journal_article" => "journal-article",
        "conference_paper" | "workshop_paper" => "conference-paper",
        "preprint" => "preprint",
        "thesis" => "dissertation-thesis",
        "book" => "book",
        "chapter" => "book-chapter",
        "report" => "report",
        _ => "other",
    }
}

fn person(p: &Profile) -> Value {
    let v = |s: &str| json!({ "value": s });
    json!({
        "name": {
            "given-names": p.person.given.as_deref().map(v),
            "family-name": p.person.family.as_deref().map(v),
            "credit-name": v(&p.person.name),
        },
        "other-names": { "other-name": p.aliases.iter().map(|a| json!({ "content": a })).collect::<Vec<_>>() },
        "biography": p.person.summary.as_ref().map(|s| json!({ "content": s })),
        "researcher-urls": { "researcher-url": p.links.iter().filter_map(|l| {
            let url = l.url.as_ref()?;
            Some(json!({ "url-name": l.label.clone().unwrap_or_else(|| l.kind.clone()), "url": v(url) }))
        }).collect::<Vec<_>>() },
        "emails": { "email": p.emails.iter().map(|e| json!({ "email": e })).collect::<Vec<_>>() },
        "keywords": { "keyword": p.interests.iter().map(|(_, k)| json!({ "content": k })).collect::<Vec<_>>() },
    })
}

/// An ORCID fuzzy date (`{"year": {"value": "2020"}, "month": …}`) from an
/// ISO partial date.
fn date(iso: &Option<String>) -> Value {
    let Some(iso) = iso else {
        return Value::Null;
    };
    let mut m = Map::new();
    for (name, part) in ["year", "month", "day"].iter().zip(iso.split('-')) {
        m.insert((*name).into(), json!({ "value": part }));
    }
    Value::Object(m)
}

/// An affiliation group of one kind, each item in its write body.
fn affiliations(kind: &str, items: impl Iterator<Item = Value>) -> Value {
    let key = format!("{kind}-summary");
    let groups: Vec<Value> = items
        .map(|item| json!({ "summaries": [{ key.clone(): item }] }))
        .collect();
    json!({ "affiliation-group": groups })
}

fn affiliation(
    department: Option<&str>,
    role: &str,
    start: &Option<String>,
    end: &Option<String>,
    organization: Option<&str>,
) -> Value {
    compact(json!({
        "department-name": department,
        "role-title": role,
        "start-date": date(start),
        "end-date": date(end),
        "organization": organization.map(|name| json!({ "name": name })),
    }))
}

/// An item without the fields it has no value for: a write body leaves
/// them out.
fn compact(mut v: Value) -> Value {
    if let Value::Object(m) = &mut v {
        m.retain(|_, x| !x.is_null());
    }
    v
}

fn funding(g: &super::model::Grant) -> Value {
    let row = &g.row;
    let kind = match row.kind.as_str() {
        "fellowship" => "salary-award",
        _ => "grant",
    };
    let description: Vec<String> = [
        row.project.clone(),
        row.amount_text.as_ref().map(|a| format!("Amount: {a}")),
        row.role.as_ref().map(|r| format!("Role: {r}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    let amount = match (&row.amount, &row.currency) {
        (Some(a), Some(c)) => json!({ "value": a, "currency-code": c }),
        _ => Value::Null,
    };
    let ids: Vec<Value> = row
        .award_number
        .iter()
        .map(|n| {
            json!({ "external-id-type": "grant_number", "external-id-value": n,
                    "external-id-relationship": "self" })
        })
        .collect();
    compact(json!({
        "type": kind,
        "title": { "title": { "value": row.title } },
        "short-description": (!description.is_empty()).then(|| description.join(". ")),
        "amount": amount,
        "start-date": date(&row.start_date),
        "end-date": date(&row.end_date),
        "external-ids": { "external-id": ids },
        "organization": g.funder.as_ref().map(|name| json!({ "name": name })),
    }))
}

fn work(w: &ExportWork) -> Value {
    let row = &w.work;
    let mut ids = Vec::new();
    if let Some(doi) = &row.doi {
        ids.push(json!({
            "external-id-type": "doi", "external-id-value": doi,
            "external-id-url": { "value": format!("https://doi.org/{doi}") },
            "external-id-relationship": "self"
        }));
    }
    if let Some(a) = &row.arxiv_id {
        ids.push(json!({
            "external-id-type": "arxiv", "external-id-value": a,
            "external-id-url": { "value": format!("https://arxiv.org/abs/{a}") },
            "external-id-relationship": "self"
        }));
    }
    let published = w.published();
    let mut m = Map::new();
    m.insert("title".into(), json!({ "title": { "value": row.title } }));
    if let Some(v) = &row.venue {
        m.insert("journal-title".into(), json!({ "value": v }));
    }
    if let Some(a) = &row.r#abstract {
        m.insert("short-description".into(), a.clone().into());
    }
    m.insert("type".into(), work_type(&row.kind).into());
    if published.is_some() {
        m.insert("publication-date".into(), date(&published));
    }
    m.insert("external-ids".into(), json!({ "external-id": ids }));
    if let Some(u) = url(w) {
        m.insert("url".into(), json!({ "value": u }));
    }
    if w.authors_known() {
        let contributors: Vec<Value> = w
            .authors
            .iter()
            .enumerate()
            .map(|(i, a)| {
                json!({
                    "credit-name": { "value": a.name },
                    "contributor-attributes": {
                        "contributor-sequence": if i == 0 { "first" } else { "additional" },
                        "contributor-role": "author"
                    }
                })
            })
            .collect();
        m.insert(
            "contributors".into(),
            json!({ "contributor": contributors }),
        );
    }
    Value::Object(m)
}
