//! Merging one validated bundle into the store, as a sequence of named steps:
//! `record_source`, `merge_organizations`, `merge_people`, `merge_works`,
//! then the career facts, metrics and badges, then forgetting what a source's new
//! version no longer states. One module per part of the domain, because each
//! has its own matching rule:
//! - people by ORCID, then email, then the bundle's slug (a stated slug is an
//!   identity: a different slug is a different person, whatever the name),
//!   then any name form (display name or alias) folded by `domain::name`
//!   (`person`);
//! - organizations by folded name or alias under the same parent
//!   (`organization`);
//! - works by DOI, then arXiv id, then folded title (`work`);
//! - career facts by a natural key (`norm_key`), so re-importing finds them
//!   (`career`).
//!
//! Display values of people, works and organizations are recomputed from
//! every source's statement (`attestation.data`) with a per-field precedence
//! of source kinds (`rank`), so the result does not depend on import order.

mod authors;
mod career;
mod organization;
mod person;
mod rank;
mod work;

use std::collections::HashMap;

use rusqlite::Connection;

use super::bundle::{Bundle, Date};
use crate::domain::id::{AppointmentId, OrganizationId, PersonId, SourceId, WorkId};
use crate::store::source;
use crate::{Error, Result};
use career::{
    merge_appointments, merge_badges, merge_education, merge_grants, merge_metrics, merge_patents,
    merge_service, merge_talks, merge_teaching,
};
use organization::{merge_organizations, recompute_organization};
use person::{merge_people, recompute_person};
use work::{merge_works, recompute_work};

/// Bundle keys resolved to store ids.
#[derive(Default)]
struct Ids {
    people: HashMap<String, PersonId>,
    orgs: HashMap<String, OrganizationId>,
    works: HashMap<String, WorkId>,
    appointments: HashMap<String, AppointmentId>,
}

/// Merges `b` into the store inside the caller's transaction.
pub fn merge(conn: &Connection, b: &Bundle) -> Result<()> {
    let (src, stated_before) = record_source(conn, b)?;
    let mut ids = Ids::default();
    merge_organizations(conn, b, src, &mut ids)?;
    merge_people(conn, b, src, &mut ids)?;
    merge_works(conn, b, src, &mut ids)?;
    merge_appointments(conn, b, src, &mut ids)?;
    merge_education(conn, b, src, &ids)?;
    merge_grants(conn, b, src, &ids)?;
    merge_talks(conn, b, src, &ids)?;
    merge_patents(conn, b, src, &ids)?;
    merge_teaching(conn, b, src, &ids)?;
    merge_service(conn, b, src, &ids)?;
    merge_metrics(conn, b, src, &ids)?;
    merge_badges(conn, b, src, &ids)?;
    forget_what_is_no_longer_stated(conn, &stated_before)
}

/// After a source's new version is merged: the facts only its old version
/// stated are deleted, and the display values of those others still state
/// are chosen again without it. Facts go before the people and
/// organizations they refer to; a row still referred to is kept.
fn forget_what_is_no_longer_stated(conn: &Connection, before: &[(String, i64)]) -> Result<()> {
    const ORDER: [&str; 10] = [
        "appointment",
        "education",
        "award",
        "talk",
        "patent",
        "teaching",
        "service",
        "work",
        "person",
        "organization",
    ];
    let mut pending: Vec<&(String, i64)> = before.iter().collect();
    pending.sort_by_key(|(entity, id)| (ORDER.iter().position(|e| e == entity), *id));
    // Appointments refer to their parents: a second pass deletes a parent
    // whose children went in the first.
    for _ in 0..2 {
        let mut kept = Vec::with_capacity(pending.len());
        for fact in pending {
            if !source::delete_unstated(conn, &fact.0, fact.1)? {
                kept.push(fact);
            }
        }
        pending = kept;
    }
    for (entity, id) in pending {
        if !source::is_stated(conn, entity, *id)? {
            continue;
        }
        match entity.as_str() {
            "person" => recompute_person(conn, PersonId(*id))?,
            "work" => recompute_work(conn, WorkId(*id))?,
            "organization" => recompute_organization(conn, OrganizationId(*id))?,
            _ => {}
        }
    }
    Ok(())
}

/// Chooses again the display values of every work a migration queued
/// (`work_to_remerge`): a store made before a change of the merge's rules
/// then answers as a fresh import of its sources. Returns how many.
pub fn remerge_queued(conn: &Connection) -> Result<usize> {
    let queued = crate::store::work::queued_for_remerge(conn, usize::MAX >> 1)?;
    for &id in &queued {
        recompute_work(conn, id)?;
        crate::store::work::remerged(conn, id)?;
    }
    Ok(queued.len())
}

fn json<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(Error::internal)
}

/// The ISO value and raw text of a bundle date; `present` is neither.
fn date_parts(d: &Option<Date>) -> (Option<String>, Option<String>) {
    match d {
        Some(Date::Iso(s)) if s == "present" => (None, None),
        Some(Date::Iso(s)) => (Some(s.clone()), None),
        Some(Date::Raw { raw, value }) => (value.clone(), Some(raw.clone())),
        None => (None, None),
    }
}

/// Records the source and its bundle; returns it with the facts its previous
/// version stated (none for a new source).
fn record_source(conn: &Connection, b: &Bundle) -> Result<(SourceId, Vec<(String, i64)>)> {
    let s = &b.source;
    let row = source::SourceRow {
        id: SourceId(0),
        key: s.key.clone(),
        title: s.title.clone(),
        kind: s.kind.clone(),
        url: s.url.clone(),
        seen: s.seen.clone(),
        notes: json(&s.notes)?,
    };
    let id = source::upsert(conn, &row, s.about.as_deref())?;
    let stated_before = source::clear_attestations(conn, id)?;
    source::set_bundle(conn, id, b)?;
    Ok((id, stated_before))
}
