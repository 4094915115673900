//! SQL for appointments (positions), their joint units and mentors.

use std::collections::HashMap;

use rusqlite::{named_params, params, Connection, Row};

use super::{collect, grouped, id_array};
use crate::domain::id::{AppointmentId, OrganizationId, PersonId};
use crate::Result;

/// An appointment row. `end_date` and `end_raw` both `None` means open;
/// `…_raw` is the date as printed when it has no year ("Feb 10").
#[derive(Debug, Clone)]
pub struct AppointmentRow {
    pub id: AppointmentId,
    pub person_id: PersonId,
    pub organization_id: OrganizationId,
    pub title: String,
    pub kind: String,
    pub start_date: Option<String>,
    pub start_raw: Option<String>,
    pub end_date: Option<String>,
    pub end_raw: Option<String>,
    pub description: Option<String>,
    pub parent_id: Option<AppointmentId>,
}

const COLUMNS: &str =
    "appointment.id, appointment.person_id, appointment.organization_id, appointment.title, \
     appointment.kind, appointment.start_date, appointment.end_date, appointment.description, \
     appointment.parent_id, appointment.start_raw, appointment.end_raw";
const ORDER: &str = "ORDER BY appointment.start_date IS NULL, appointment.start_date, \
     appointment.end_date IS NULL, appointment.end_date, appointment.id";

impl AppointmentRow {
    fn from_row(r: &Row, at: usize) -> rusqlite::Result<Self> {
        Ok(AppointmentRow {
            id: AppointmentId(r.get(at)?),
            person_id: PersonId(r.get(at + 1)?),
            organization_id: OrganizationId(r.get(at + 2)?),
            title: r.get(at + 3)?,
            kind: r.get(at + 4)?,
            start_date: r.get(at + 5)?,
            end_date: r.get(at + 6)?,
            description: r.get(at + 7)?,
            parent_id: r.get::<_, Option<i64>>(at + 8)?.map(AppointmentId),
            start_raw: r.get(at + 9)?,
            end_raw: r.get(at + 10)?,
        })
    }
}

/// Appointments per person, chronological.
pub fn for_people(conn: &Connection, ids: &[i64]) -> Result<HashMap<i64, Vec<AppointmentRow>>> {
    let sql = format!(
        "SELECT person_id, {COLUMNS} FROM appointment WHERE person_id IN rarray(?1) {ORDER}"
    );
    grouped(conn, &sql, ids, |r| AppointmentRow::from_row(r, 1))
}

/// Appointments per organization, held there or in any unit below it (as
/// main or joint unit), chronological.
pub fn for_organizations(
    conn: &Connection,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<AppointmentRow>>> {
    let sql = format!(
        "WITH RECURSIVE tree(root, id) AS (
             SELECT id, id FROM organization WHERE id IN rarray(?1)
             UNION SELECT t.root, o.id FROM organization AS o JOIN tree AS t ON o.parent_id = t.id),
         held(org, appointment_id) AS (
             SELECT organization_id, id FROM appointment
             UNION SELECT organization_id, appointment_id FROM appointment_unit)
         SELECT DISTINCT t.root, {COLUMNS} FROM tree AS t
         JOIN held AS h ON h.org = t.id JOIN appointment ON appointment.id = h.appointment_id
         {ORDER}"
    );
    grouped(conn, &sql, ids, |r| AppointmentRow::from_row(r, 1))
}

/// Appointments by id.
pub fn by_ids(conn: &Connection, ids: &[i64]) -> Result<Vec<AppointmentRow>> {
    let sql = format!("SELECT {COLUMNS} FROM appointment WHERE id IN rarray(?1)");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([id_array(ids.iter().copied())], |r| {
        AppointmentRow::from_row(r, 0)
    })?;
    collect(rows)
}

/// Mentor person ids per appointment, in stated order.
pub fn mentors_for(conn: &Connection, ids: &[i64]) -> Result<HashMap<i64, Vec<PersonId>>> {
    grouped(
        conn,
        "SELECT appointment_id, person_id FROM appointment_mentor
         WHERE appointment_id IN rarray(?1) ORDER BY appointment_id, position",
        ids,
        |r| Ok(PersonId(r.get(1)?)),
    )
}

/// Joint units per appointment.
pub fn units_for(conn: &Connection, ids: &[i64]) -> Result<HashMap<i64, Vec<OrganizationId>>> {
    grouped(
        conn,
        "SELECT appointment_id, organization_id FROM appointment_unit
         WHERE appointment_id IN rarray(?1) ORDER BY appointment_id, organization_id",
        ids,
        |r| Ok(OrganizationId(r.get(1)?)),
    )
}

/// Inserts the appointment or finds it by `norm_key`, filling empty fields
/// (a raw date only where the row has no date).
pub fn upsert(conn: &Connection, a: &AppointmentRow, norm_key: &str) -> Result<AppointmentId> {
    let id = conn
        .prepare_cached(
            "INSERT INTO appointment (person_id, organization_id, title, kind, start_date, start_raw,
                 end_date, end_raw, description, parent_id, norm_key)
             VALUES (:person, :org, :title, :kind, :start, :start_raw, :end, :end_raw,
                 :description, :parent, :key)
             ON CONFLICT (norm_key) DO UPDATE SET
                 description = ifnull(description, excluded.description),
                 parent_id = ifnull(parent_id, excluded.parent_id),
                 start_raw = CASE WHEN start_date IS NULL THEN ifnull(start_raw, excluded.start_raw) ELSE start_raw END,
                 end_raw = CASE WHEN end_date IS NULL THEN ifnull(end_raw, excluded.end_raw) ELSE end_raw END
             RETURNING id",
        )?
        .query_row(
            named_params! {
                ":person": a.person_id.0, ":org": a.organization_id.0, ":title": a.title,
                ":kind": a.kind, ":start": a.start_date, ":start_raw": a.start_raw,
                ":end": a.end_date, ":end_raw": a.end_raw,
                ":description": a.description, ":parent": a.parent_id.map(|p| p.0), ":key": norm_key,
            },
            |r| r.get(0),
        )?;
    Ok(AppointmentId(id))
}

/// Records a mentor.
pub fn add_mentor(
    conn: &Connection,
    id: AppointmentId,
    person: PersonId,
    position: usize,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO appointment_mentor (appointment_id, person_id, position) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![id.0, person.0, position as i64])?;
    Ok(())
}

/// Records a joint unit.
pub fn add_unit(conn: &Connection, id: AppointmentId, org: OrganizationId) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO appointment_unit (appointment_id, organization_id) VALUES (?1, ?2)",
    )?
    .execute(params![id.0, org.0])?;
    Ok(())
}
