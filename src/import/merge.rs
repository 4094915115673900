//! Merging one validated bundle into the store, as a sequence of named steps:
//! `record_source`, `merge_organizations`, `merge_people`, `merge_works`,
//! then the career facts and metrics. Matching rules:
//! - people by ORCID, then email, then the bundle's slug (a stated slug is an
//!   identity: a different slug is a different person, whatever the name),
//!   then any name form (display name or alias) folded by `domain::name`;
//! - organizations by folded name or alias under the same parent;
//! - works by DOI, then arXiv id, then folded title;
//! - career facts by a natural key (`norm_key`), so re-importing finds them.
//!
//! Display values of people and works are recomputed from every source's
//! statement (`attestation.data`) with a per-field precedence of source kinds
//! (see `rank`), so the result does not depend on import order.

use std::collections::HashMap;

use rusqlite::Connection;

use super::bundle::{self, Bundle, Date};
use crate::domain::id::{AppointmentId, OrganizationId, PersonId, SourceId, WorkId};
use crate::domain::name::{normalize, slugify};
use crate::store::{
    appointment, award, education, metric, organization, patent, person, service, source, talk,
    teaching, work,
};
use crate::{Error, Result};

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

/// Precedence of a source kind for a group of fields; higher wins.
/// - `Profile`: a person's own CV is the authority on who they are;
/// - `Bibliographic`: title, abstract, date, identifiers and categories come
///   best from bibliographic indexes;
/// - `Publication`: kind, venue, year, volume and pages come best from the CV
///   that states where the work was published.
#[derive(Clone, Copy)]
enum Fields {
    Profile,
    Bibliographic,
    Publication,
}

fn rank(kind: &str, fields: Fields) -> i32 {
    match (fields, kind) {
        (Fields::Profile, "cv") => 4,
        (Fields::Profile, "export") => 3,
        (Fields::Profile, "profile_page") => 2,
        (Fields::Bibliographic, "paper_index") => 4,
        (Fields::Bibliographic, "arxiv_listing") => 3,
        (Fields::Bibliographic, "cv" | "export") => 2,
        (Fields::Publication, "cv") => 4,
        (Fields::Publication, "export") => 3,
        (Fields::Publication, "paper_index" | "arxiv_listing") => 2,
        (_, "other") => 0,
        _ => 1,
    }
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
    };
    let id = source::upsert(conn, &row, s.about.as_deref(), &json(&s.notes)?)?;
    let stated_before = source::clear_attestations(conn, id)?;
    let mut canonical = b.clone();
    canonical.schema = None;
    source::set_bundle(conn, id, &json(&canonical)?)?;
    Ok((id, stated_before))
}

fn merge_organizations(conn: &Connection, b: &Bundle, src: SourceId, ids: &mut Ids) -> Result<()> {
    // Parents before children: validation has ruled out cycles.
    let mut pending: Vec<&bundle::Organization> = b.organizations.iter().collect();
    while !pending.is_empty() {
        let before = pending.len();
        let mut rest = Vec::new();
        for o in pending {
            let parent = match &o.parent {
                Some(p) => match ids.orgs.get(p) {
                    Some(id) => Some(*id),
                    None => {
                        rest.push(o);
                        continue;
                    }
                },
                None => None,
            };
            let id = merge_organization(conn, o, parent)?;
            source::attest(conn, src, "organization", id.0, &json(o)?)?;
            recompute_organization(conn, id)?;
            ids.orgs.insert(o.key.clone(), id);
        }
        if rest.len() == before {
            return Err(Error::bad_input("/organizations", "parents form a cycle"));
        }
        pending = rest;
    }
    Ok(())
}

fn merge_organization(
    conn: &Connection,
    o: &bundle::Organization,
    parent: Option<OrganizationId>,
) -> Result<OrganizationId> {
    let norm = normalize(&o.name);
    let values = organization::OrganizationValues {
        name: &o.name,
        norm: &norm,
        kind: &o.kind,
        parent,
        city: o.city.as_deref(),
        region: o.region.as_deref(),
        country: o.country.as_deref(),
        url: o.url.as_deref(),
    };
    let mut found = organization::find(conn, &norm, parent)?;
    for alias in &o.aliases {
        if found.is_none() {
            found = organization::find(conn, &normalize(alias), parent)?;
        }
    }
    let id = match found {
        Some(id) => {
            organization::add_alias(conn, id, &o.name, &norm)?;
            id
        }
        None => organization::insert(conn, &slugify(&o.name), &values)?,
    };
    for alias in &o.aliases {
        organization::add_alias(conn, id, alias, &normalize(alias))?;
    }
    Ok(id)
}

/// An organization's location and URL from the statements of its sources,
/// by the precedence of `Fields::Profile` (a CV knows its own institutions
/// best), then source key: the same for any import order. Its name stays
/// the one it was created under (other names are aliases).
fn recompute_organization(conn: &Connection, id: OrganizationId) -> Result<()> {
    let mut stated: Vec<(i32, String, bundle::Organization)> = Vec::new();
    for (kind, key, data) in source::statements(conn, "organization", id.0)? {
        let o: bundle::Organization = serde_json::from_str(&data).map_err(Error::internal)?;
        stated.push((rank(&kind, Fields::Profile), key, o));
    }
    stated.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let pick = |f: &dyn Fn(&bundle::Organization) -> Option<String>| {
        stated.iter().find_map(|(_, _, o)| f(o))
    };
    let place = organization::Place {
        city: pick(&|o| o.city.clone()),
        region: pick(&|o| o.region.clone()),
        country: pick(&|o| o.country.clone()),
        url: pick(&|o| o.url.clone()),
    };
    organization::set_place(conn, id, &place)
}

fn merge_people(conn: &Connection, b: &Bundle, src: SourceId, ids: &mut Ids) -> Result<()> {
    for p in &b.people {
        let id = match_person(conn, p)?;
        for name in std::iter::once(&p.name).chain(&p.aliases) {
            person::add_name(conn, id, name, &normalize(name))?;
        }
        for e in &p.emails {
            person::add_email(conn, id, e)?;
        }
        for l in &p.links {
            let link = person::LinkRow {
                kind: l.kind.clone(),
                url: l.url.clone(),
                label: l.label.clone(),
            };
            person::add_link(conn, id, &link)?;
        }
        for i in &p.interests {
            person::add_interest(conn, id, "interest", i)?;
        }
        for t in &p.topics {
            person::add_interest(conn, id, "topic", t)?;
        }
        source::attest(conn, src, "person", id.0, &json(p)?)?;
        recompute_person(conn, id)?;
        ids.people.insert(p.key.clone(), id);
    }
    Ok(())
}

fn match_person(conn: &Connection, p: &bundle::Person) -> Result<PersonId> {
    if let Some(id) = p
        .orcid
        .as_deref()
        .map(|o| person::find_by_orcid(conn, o))
        .transpose()?
        .flatten()
    {
        return Ok(id);
    }
    for e in &p.emails {
        if let Some(id) = person::find_by_email(conn, e)? {
            return Ok(id);
        }
    }
    if let Some(slug) = &p.slug {
        return match person::find_by_slug(conn, slug)? {
            Some(id) => Ok(id),
            None => person::insert(conn, slug, &p.name),
        };
    }
    for name in std::iter::once(&p.name).chain(&p.aliases) {
        if let Some(id) = person::find_by_name(conn, &normalize(name))?.first() {
            return Ok(*id);
        }
    }
    person::insert(conn, &slugify(&p.name), &p.name)
}

/// The person a printed name stands for when the bundle links none: the
/// oldest person with that name form, or a new one.
fn person_for_name(conn: &Connection, src: SourceId, name: &str) -> Result<PersonId> {
    let norm = normalize(name);
    let id = match person::find_by_name(conn, &norm)?.first() {
        Some(id) => *id,
        None => {
            let id = person::insert(conn, &slugify(name), name)?;
            person::add_name(conn, id, name, &norm)?;
            person::set_values(
                conn,
                id,
                &person::PersonValues {
                    name: name.to_string(),
                    ..Default::default()
                },
            )?;
            id
        }
    };
    // A bare printed name never replaces what this source says of the person.
    let stated = serde_json::json!({ "key": "", "name": name });
    source::attest_if_absent(conn, src, "person", id.0, &stated.to_string())?;
    Ok(id)
}

/// Chooses a person's display values from every source's statement.
fn recompute_person(conn: &Connection, id: PersonId) -> Result<()> {
    let mut stated: Vec<(i32, String, bundle::Person)> = Vec::new();
    for (kind, key, data) in source::statements(conn, "person", id.0)? {
        let p: bundle::Person = serde_json::from_str(&data).map_err(Error::internal)?;
        // A bare name printed in an author list ranks below any person entry.
        let r = if p.key.is_empty() {
            -1
        } else {
            rank(&kind, Fields::Profile)
        };
        stated.push((r, key, p));
    }
    stated.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let Some((_, _, top)) = stated.first() else {
        return Ok(());
    };
    let pick =
        |f: &dyn Fn(&bundle::Person) -> Option<String>| stated.iter().find_map(|(_, _, p)| f(p));
    let values = person::PersonValues {
        name: top.name.clone(),
        given: pick(&|p| p.given.clone()),
        family: pick(&|p| p.family.clone()),
        orcid: pick(&|p| p.orcid.clone()),
        address: pick(&|p| p.address.clone()),
        phone: pick(&|p| p.phone.clone()),
        summary: pick(&|p| p.summary.clone()),
    };
    person::set_values(conn, id, &values)
}

/// What a source says of a work, with its author list resolved to people.
#[derive(serde::Serialize, serde::Deserialize)]
struct WorkStatement {
    work: bundle::Work,
    author_ids: Vec<i64>,
}

fn merge_works(conn: &Connection, b: &Bundle, src: SourceId, ids: &mut Ids) -> Result<()> {
    for w in &b.works {
        let norm_title = normalize(&w.title);
        let id = match work::find(conn, w.doi.as_deref(), w.arxiv_id.as_deref(), &norm_title)? {
            Some(id) => id,
            None => work::insert(conn, &w.title, &norm_title, &w.kind)?,
        };
        let mut author_ids = Vec::with_capacity(w.authors.len());
        for a in &w.authors {
            let pid = match &a.person {
                Some(k) => {
                    // The name as printed is one of the person's names.
                    let pid = ids.people[k];
                    person::add_name(conn, pid, &a.name, &normalize(&a.name))?;
                    pid
                }
                None => person_for_name(conn, src, &a.name)?,
            };
            author_ids.push(pid.0);
        }
        if let Some(k) = &w.listed_under {
            work::add_listing(conn, id, ids.people[k])?;
        }
        let statement = WorkStatement {
            work: w.clone(),
            author_ids,
        };
        source::attest(conn, src, "work", id.0, &json(&statement)?)?;
        recompute_work(conn, id)?;
        ids.works.insert(w.key.clone(), id);
    }
    Ok(())
}

/// Chooses a work's display values and author list from every statement.
fn recompute_work(conn: &Connection, id: WorkId) -> Result<()> {
    let mut stated: Vec<(String, String, WorkStatement)> = Vec::new();
    for (kind, key, data) in source::statements(conn, "work", id.0)? {
        stated.push((
            kind,
            key,
            serde_json::from_str(&data).map_err(Error::internal)?,
        ));
    }
    let by = |fields: Fields| {
        let mut v: Vec<&(String, String, WorkStatement)> = stated.iter().collect();
        v.sort_by(|a, b| {
            rank(&b.0, fields)
                .cmp(&rank(&a.0, fields))
                .then_with(|| a.1.cmp(&b.1))
        });
        v
    };
    let (biblio, publ) = (by(Fields::Bibliographic), by(Fields::Publication));
    let Some(top) = biblio.first() else {
        return Ok(());
    };
    let first = |list: &[&(String, String, WorkStatement)],
                 f: &dyn Fn(&bundle::Work) -> Option<String>| {
        list.iter().find_map(|(_, _, s)| f(&s.work))
    };
    // A whole abstract beats a cut one, whatever the source.
    let abstract_of = |cut: bool| {
        biblio
            .iter()
            .find(|(_, _, s)| s.work.r#abstract.is_some() && s.work.abstract_truncated == cut)
    };
    let abs = abstract_of(false)
        .or_else(|| abstract_of(true))
        .map(|(_, _, s)| &s.work);
    let dated = biblio
        .iter()
        .find(|(_, _, s)| s.work.date.is_some())
        .map(|(_, _, s)| date_parts(&s.work.date));
    let (issued, issued_raw) = dated.unwrap_or((None, None));
    let year = publ.iter().find_map(|(_, _, s)| s.work.year).or_else(|| {
        issued
            .as_deref()
            .and_then(|d| d.get(..4))
            .and_then(|y| y.parse().ok())
    });
    let row = work::WorkRow {
        id: id.0,
        title: top.2.work.title.clone(),
        kind: publ
            .first()
            .map_or(top.2.work.kind.clone(), |s| s.2.work.kind.clone()),
        venue: first(&publ, &|w| w.venue.clone()),
        year,
        issued,
        issued_raw,
        volume: first(&publ, &|w| w.volume.clone()),
        issue: first(&publ, &|w| w.issue.clone()),
        pages: first(&publ, &|w| w.pages.clone()),
        r#abstract: abs.and_then(|w| w.r#abstract.clone()),
        abstract_truncated: abs.is_some_and(|w| w.abstract_truncated),
        doi: first(&biblio, &|w| w.doi.clone()),
        arxiv_id: first(&biblio, &|w| w.arxiv_id.clone()),
        alphabetical: stated.iter().any(|s| s.2.work.alphabetical),
        authors_truncated: false,
    };
    // The author list: a complete one beats a cut one, then the longer, then
    // the publication-rank order.
    let authors = publ
        .iter()
        .filter(|s| !s.2.work.authors.is_empty())
        .min_by_key(|s| {
            (
                s.2.work.authors_truncated,
                std::cmp::Reverse(s.2.work.authors.len()),
            )
        });
    let row = work::WorkRow {
        authors_truncated: authors.is_some_and(|s| s.2.work.authors_truncated),
        ..row
    };
    work::set_values(conn, &row, &normalize(&row.title))?;
    let list: Vec<work::AuthorshipRow> = authors
        .map(|s| {
            s.2.work
                .authors
                .iter()
                .zip(&s.2.author_ids)
                .enumerate()
                .map(|(i, (a, pid))| work::AuthorshipRow {
                    position: i as i64 + 1,
                    name: a.name.clone(),
                    person_id: PersonId(*pid),
                    equal_contribution: a.equal,
                    affiliation: a.affiliation.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    work::set_authorships(conn, id, &list)?;
    // Categories, links and notes: the union of what the sources state now.
    work::clear_union(conn, id)?;
    for (_, _, s) in &stated {
        for c in &s.work.categories {
            work::add_category(conn, id, c)?;
        }
        for l in &s.work.links {
            let url = l.url.as_deref().unwrap_or("");
            work::add_link(conn, id, &l.kind, url, l.label.as_deref())?;
        }
        for n in &s.work.notes {
            work::add_note(conn, id, n)?;
        }
    }
    Ok(())
}

fn merge_appointments(conn: &Connection, b: &Bundle, src: SourceId, ids: &mut Ids) -> Result<()> {
    let mut pending: Vec<&bundle::Appointment> = b.appointments.iter().collect();
    while !pending.is_empty() {
        let before = pending.len();
        let mut rest = Vec::new();
        for a in pending {
            let parent = match &a.parent {
                Some(k) => match ids.appointments.get(k) {
                    Some(id) => Some(*id),
                    None => {
                        rest.push(a);
                        continue;
                    }
                },
                None => None,
            };
            let id = merge_appointment(conn, a, parent, src, ids)?;
            ids.appointments.insert(a.key.clone(), id);
        }
        if rest.len() == before {
            return Err(Error::bad_input("/appointments", "parents form a cycle"));
        }
        pending = rest;
    }
    Ok(())
}

fn merge_appointment(
    conn: &Connection,
    a: &bundle::Appointment,
    parent: Option<AppointmentId>,
    src: SourceId,
    ids: &Ids,
) -> Result<AppointmentId> {
    let (start_date, start_raw) = date_parts(&a.start);
    let (end_date, end_raw) = date_parts(&a.end);
    let row = appointment::AppointmentRow {
        id: AppointmentId(0),
        person_id: ids.people[&a.person],
        organization_id: ids.orgs[&a.organization],
        title: a.title.clone(),
        kind: a.kind.clone(),
        start_date,
        start_raw,
        end_date,
        end_raw,
        description: a.description.clone(),
        parent_id: parent,
    };
    let key = format!(
        "{}|{}|{}|{}",
        row.person_id.0,
        row.organization_id.0,
        normalize(&a.title),
        row.start_date.as_deref().unwrap_or("")
    );
    let id = appointment::upsert(conn, &row, &key)?;
    for u in &a.other_organizations {
        appointment::add_unit(conn, id, ids.orgs[u])?;
    }
    for (i, m) in a.mentors.iter().enumerate() {
        appointment::add_mentor(conn, id, ids.people[m], i + 1)?;
    }
    source::attest(conn, src, "appointment", id.0, &json(a)?)?;
    Ok(id)
}

fn merge_education(conn: &Connection, b: &Bundle, src: SourceId, ids: &Ids) -> Result<()> {
    for e in &b.education {
        let (start_date, start_raw) = date_parts(&e.start);
        let (end_date, end_raw) = date_parts(&e.end);
        let row = education::EducationRow {
            id: crate::domain::id::EducationId(0),
            person_id: ids.people[&e.person],
            organization_id: ids.orgs[&e.organization],
            degree: e.degree.clone(),
            field: e.field.clone(),
            start_date,
            start_raw,
            end_date,
            end_raw,
            honors: e.honors.clone(),
            gpa: e.gpa.clone(),
            rank: e.rank.clone(),
            thesis_id: e.thesis.as_ref().map(|k| ids.works[k]),
        };
        let key = format!(
            "{}|{}|{}|{}",
            row.person_id.0,
            row.organization_id.0,
            normalize(&e.degree),
            row.start_date.as_deref().unwrap_or("")
        );
        let id = education::upsert(conn, &row, &key)?;
        for (i, p) in e.advisors.iter().enumerate() {
            education::add_advisor(conn, id, ids.people[p], "advisor", i + 1)?;
        }
        for (i, p) in e.mentors.iter().enumerate() {
            education::add_advisor(conn, id, ids.people[p], "mentor", i + 1)?;
        }
        source::attest(conn, src, "education", id.0, &json(e)?)?;
    }
    Ok(())
}

fn merge_grants(conn: &Connection, b: &Bundle, src: SourceId, ids: &Ids) -> Result<()> {
    for g in &b.grants {
        let (start_date, start_raw) = date_parts(&g.start);
        let (end_date, end_raw) = date_parts(&g.end);
        let row = award::AwardRow {
            id: crate::domain::id::AwardId(0),
            person_id: ids.people[&g.person],
            title: g.title.clone(),
            kind: g.kind.clone(),
            project: g.project.clone(),
            funder_id: g.funder.as_ref().map(|k| ids.orgs[k]),
            award_number: g.award_number.clone(),
            amount: g.amount.as_ref().map(|a| normalize_amount(a)),
            currency: g.currency.clone(),
            amount_text: g.amount_text.clone(),
            role: g.role.clone(),
            start_date,
            start_raw,
            end_date,
            end_raw,
        };
        let key = format!(
            "{}|{}|{}|{}",
            row.person_id.0,
            normalize(&g.title),
            row.funder_id.map_or(0, |f| f.0),
            row.start_date.as_deref().unwrap_or("")
        );
        let id = award::upsert(conn, &row, &key)?;
        source::attest(conn, src, "award", id.0, &json(g)?)?;
    }
    Ok(())
}

/// The canonical decimal text of an amount (`3970000.00` → `3970000`).
fn normalize_amount(text: &str) -> String {
    text.parse::<rust_decimal::Decimal>()
        .map(|d| d.normalize().to_string())
        .unwrap_or_else(|_| text.to_string())
}

fn merge_talks(conn: &Connection, b: &Bundle, src: SourceId, ids: &Ids) -> Result<()> {
    for t in &b.talks {
        let person = ids.people[&t.person];
        let id = talk::upsert(
            conn,
            person,
            &t.title,
            &format!("{}|{}", person.0, normalize(&t.title)),
        )?;
        for p in &t.presentations {
            let (date, date_raw) = date_parts(&p.date);
            let row = talk::PresentationRow {
                event: p.event.clone(),
                host_id: p.host.as_ref().map(|k| ids.orgs[k]),
                location: p.location.clone(),
                date,
                date_raw,
                r#virtual: p.r#virtual,
            };
            let key = format!(
                "{}|{}|{}|{}",
                id.0,
                normalize(p.event.as_deref().unwrap_or("")),
                row.date
                    .as_deref()
                    .or(row.date_raw.as_deref())
                    .unwrap_or(""),
                row.host_id.map_or(0, |h| h.0)
            );
            talk::add_presentation(conn, id, &row, &key)?;
        }
        source::attest(conn, src, "talk", id.0, &json(t)?)?;
    }
    Ok(())
}

fn merge_patents(conn: &Connection, b: &Bundle, src: SourceId, ids: &Ids) -> Result<()> {
    for p in &b.patents {
        let (date, date_raw) = date_parts(&p.date);
        let row = patent::PatentRow {
            id: crate::domain::id::PatentId(0),
            title: p.title.clone(),
            number: p.number.clone(),
            status: p.status.clone(),
            date,
            date_raw,
        };
        let id = patent::upsert(conn, &row, &normalize(&p.title))?;
        for (i, c) in p.inventors.iter().enumerate() {
            let person_id = match &c.person {
                Some(k) => ids.people[k],
                None => person_for_name(conn, src, &c.name)?,
            };
            let inv = patent::InventorRow {
                position: i as i64 + 1,
                name: c.name.clone(),
                person_id,
            };
            patent::add_inventor(conn, id, &inv)?;
        }
        source::attest(conn, src, "patent", id.0, &json(p)?)?;
    }
    Ok(())
}

fn merge_teaching(conn: &Connection, b: &Bundle, src: SourceId, ids: &Ids) -> Result<()> {
    for t in &b.teaching {
        let row = teaching::TeachingRow {
            id: crate::domain::id::TeachingId(0),
            person_id: ids.people[&t.person],
            course: t.course.clone(),
            role: t.role.clone(),
            organization_id: t.organization.as_ref().map(|k| ids.orgs[k]),
            note: t.note.clone(),
        };
        let key = format!(
            "{}|{}|{}|{}",
            row.person_id.0,
            normalize(&t.course),
            normalize(&t.role),
            row.organization_id.map_or(0, |o| o.0)
        );
        let id = teaching::upsert(conn, &row, &key)?;
        for term in &t.terms {
            teaching::add_term(conn, id, &term.season, term.year)?;
        }
        source::attest(conn, src, "teaching", id.0, &json(t)?)?;
    }
    Ok(())
}

fn merge_service(conn: &Connection, b: &Bundle, src: SourceId, ids: &Ids) -> Result<()> {
    for s in &b.service {
        let (start_date, start_raw) = date_parts(&s.start);
        let (end_date, end_raw) = date_parts(&s.end);
        let row = service::ServiceRow {
            id: crate::domain::id::ServiceId(0),
            person_id: ids.people[&s.person],
            kind: s.kind.clone(),
            role: s.role.clone(),
            organization_id: s.organization.as_ref().map(|k| ids.orgs[k]),
            start_date,
            start_raw,
            end_date,
            end_raw,
        };
        let key = format!(
            "{}|{}|{}|{}",
            row.person_id.0,
            s.kind,
            normalize(&s.role),
            normalize(&s.venues.join(" "))
        );
        let id = service::upsert(conn, &row, &key)?;
        for (i, v) in s.venues.iter().enumerate() {
            service::add_venue(conn, id, v, i + 1)?;
        }
        source::attest(conn, src, "service", id.0, &json(s)?)?;
    }
    Ok(())
}

fn merge_metrics(conn: &Connection, b: &Bundle, src: SourceId, ids: &Ids) -> Result<()> {
    for m in &b.metrics {
        let row = metric::MetricRow {
            name: m.name.clone(),
            value: m.value.clone(),
            label: m.label.clone(),
            as_of: m.as_of.clone(),
            source_id: src,
        };
        metric::upsert(conn, ids.people[&m.person], &row)?;
    }
    Ok(())
}
