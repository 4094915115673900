//! Career facts (appointments, education, grants and awards, talks,
//! patents, teaching, service) and metrics: each matched by a natural key
//! (`norm_key`: person, organization, folded title, start …), so importing
//! the same fact again finds its row. Together because they share that one
//! rule and refer to people and organizations already merged.

use rusqlite::Connection;

use super::person::person_for_name;
use super::{date_parts, json, Ids};
use crate::domain::id::{AppointmentId, SourceId};
use crate::domain::name::normalize;
use crate::import::bundle::{self, Bundle};
use crate::store::source::Placement;
use crate::store::{
    appointment, award, badge, education, metric, patent, service, source, talk, teaching,
};
use crate::{Error, Result};

pub(super) fn merge_appointments(
    conn: &Connection,
    b: &Bundle,
    src: SourceId,
    ids: &mut Ids,
) -> Result<()> {
    let mut pending: Vec<(usize, &bundle::Appointment)> =
        b.appointments.iter().enumerate().collect();
    while !pending.is_empty() {
        let before = pending.len();
        let mut rest = Vec::new();
        for (i, a) in pending {
            let parent = match &a.parent {
                Some(k) => match ids.appointments.get(k) {
                    Some(id) => Some(*id),
                    None => {
                        rest.push((i, a));
                        continue;
                    }
                },
                None => None,
            };
            let at = Placement::at(i, a.position, a.section.as_deref());
            let id = merge_appointment(conn, a, parent, src, ids, at)?;
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
    at: Placement,
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
    source::attest(conn, src, "appointment", id.0, &json(a)?, at)?;
    Ok(id)
}

pub(super) fn merge_education(
    conn: &Connection,
    b: &Bundle,
    src: SourceId,
    ids: &Ids,
) -> Result<()> {
    for (i, e) in b.education.iter().enumerate() {
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
        let at = Placement::at(i, e.position, e.section.as_deref());
        source::attest(conn, src, "education", id.0, &json(e)?, at)?;
    }
    Ok(())
}

pub(super) fn merge_grants(conn: &Connection, b: &Bundle, src: SourceId, ids: &Ids) -> Result<()> {
    for (i, g) in b.grants.iter().enumerate() {
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
        let at = Placement::at(i, g.position, g.section.as_deref());
        source::attest(conn, src, "award", id.0, &json(g)?, at)?;
    }
    Ok(())
}

/// The canonical decimal text of an amount (`3970000.00` → `3970000`).
fn normalize_amount(text: &str) -> String {
    text.parse::<rust_decimal::Decimal>()
        .map(|d| d.normalize().to_string())
        .unwrap_or_else(|_| text.to_string())
}

pub(super) fn merge_talks(conn: &Connection, b: &Bundle, src: SourceId, ids: &Ids) -> Result<()> {
    for (i, t) in b.talks.iter().enumerate() {
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
        let at = Placement::at(i, t.position, t.section.as_deref());
        source::attest(conn, src, "talk", id.0, &json(t)?, at)?;
    }
    Ok(())
}

pub(super) fn merge_patents(conn: &Connection, b: &Bundle, src: SourceId, ids: &Ids) -> Result<()> {
    for (i, p) in b.patents.iter().enumerate() {
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
        let at = Placement::at(i, p.position, p.section.as_deref());
        source::attest(conn, src, "patent", id.0, &json(p)?, at)?;
    }
    Ok(())
}

pub(super) fn merge_teaching(
    conn: &Connection,
    b: &Bundle,
    src: SourceId,
    ids: &Ids,
) -> Result<()> {
    for (i, t) in b.teaching.iter().enumerate() {
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
        let at = Placement::at(i, t.position, t.section.as_deref());
        source::attest(conn, src, "teaching", id.0, &json(t)?, at)?;
    }
    Ok(())
}

pub(super) fn merge_service(conn: &Connection, b: &Bundle, src: SourceId, ids: &Ids) -> Result<()> {
    for (i, s) in b.service.iter().enumerate() {
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
        let at = Placement::at(i, s.position, s.section.as_deref());
        source::attest(conn, src, "service", id.0, &json(s)?, at)?;
    }
    Ok(())
}

/// Badges in the order the bundle lists them; the source's earlier badges
/// went with its attestations (`source::clear_attestations`).
pub(super) fn merge_badges(conn: &Connection, b: &Bundle, src: SourceId, ids: &Ids) -> Result<()> {
    for (position, m) in b.badges.iter().enumerate() {
        let row = badge::BadgeRow {
            label: m.label.clone(),
            source_id: src,
        };
        badge::insert(conn, ids.people[&m.person], &row, position)?;
    }
    Ok(())
}

pub(super) fn merge_metrics(conn: &Connection, b: &Bundle, src: SourceId, ids: &Ids) -> Result<()> {
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
