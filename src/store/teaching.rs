//! SQL for teaching: courses, roles and the terms they were taught.

use std::collections::HashMap;

use rusqlite::{named_params, params, Connection};

use super::grouped;
use crate::domain::id::{OrganizationId, PersonId, TeachingId};
use crate::Result;

/// A teaching row.
#[derive(Debug, Clone)]
pub struct TeachingRow {
    pub id: TeachingId,
    pub person_id: PersonId,
    pub course: String,
    pub role: String,
    pub organization_id: Option<OrganizationId>,
    pub note: Option<String>,
}

/// Teaching per person, most recent term first.
pub fn for_people(conn: &Connection, ids: &[i64]) -> Result<HashMap<i64, Vec<TeachingRow>>> {
    grouped(
        conn,
        "SELECT t.person_id, t.id, t.course, t.role, t.organization_id, t.note FROM teaching AS t
         WHERE t.person_id IN rarray(?1)
         ORDER BY (SELECT max(year) FROM teaching_term WHERE teaching_id = t.id) DESC, t.id",
        ids,
        |r| {
            Ok(TeachingRow {
                id: TeachingId(r.get(1)?),
                person_id: PersonId(r.get(0)?),
                course: r.get(2)?,
                role: r.get(3)?,
                organization_id: r.get::<_, Option<i64>>(4)?.map(OrganizationId),
                note: r.get(5)?,
            })
        },
    )
}

/// Terms (season, year) per teaching entry, chronological.
pub fn terms_for(conn: &Connection, ids: &[i64]) -> Result<HashMap<i64, Vec<(String, i32)>>> {
    grouped(
        conn,
        "SELECT teaching_id, season, year FROM teaching_term WHERE teaching_id IN rarray(?1)
         ORDER BY teaching_id, year,
             CASE season WHEN 'winter' THEN 0 WHEN 'spring' THEN 1 WHEN 'summer' THEN 2 ELSE 3 END",
        ids,
        |r| Ok((r.get(1)?, r.get(2)?)),
    )
}

/// Inserts the entry or finds it by `norm_key`.
pub fn upsert(conn: &Connection, t: &TeachingRow, norm_key: &str) -> Result<TeachingId> {
    let id = conn
        .prepare_cached(
            "INSERT INTO teaching (person_id, course, role, organization_id, note, norm_key)
             VALUES (:person, :course, :role, :org, :note, :key)
             ON CONFLICT (norm_key) DO UPDATE SET note = ifnull(note, excluded.note),
                 organization_id = ifnull(organization_id, excluded.organization_id)
             RETURNING id",
        )?
        .query_row(
            named_params! { ":person": t.person_id.0, ":course": t.course, ":role": t.role,
            ":org": t.organization_id.map(|o| o.0), ":note": t.note, ":key": norm_key },
            |r| r.get(0),
        )?;
    Ok(TeachingId(id))
}

/// Records a term.
pub fn add_term(conn: &Connection, id: TeachingId, season: &str, year: i32) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO teaching_term (teaching_id, season, year) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![id.0, season, year])?;
    Ok(())
}

/// Teaching entries by id.
pub fn by_ids(conn: &Connection, ids: &[i64]) -> Result<Vec<TeachingRow>> {
    let map = grouped(
        conn,
        "SELECT id, id, person_id, course, role, organization_id, note FROM teaching WHERE id IN rarray(?1)",
        ids,
        |r| {
            Ok(TeachingRow {
                id: TeachingId(r.get(1)?),
                person_id: PersonId(r.get(2)?),
                course: r.get(3)?,
                role: r.get(4)?,
                organization_id: r.get::<_, Option<i64>>(5)?.map(OrganizationId),
                note: r.get(6)?,
            })
        },
    )?;
    Ok(map.into_values().flatten().collect())
}
