//! SQL for education: degrees and visits, with advisors and mentors.

use std::collections::HashMap;

use rusqlite::{named_params, params, Connection, Row};

use super::grouped;
use crate::domain::id::{EducationId, OrganizationId, PersonId, WorkId};
use crate::Result;

/// An education row.
#[derive(Debug, Clone)]
pub struct EducationRow {
    pub id: EducationId,
    pub person_id: PersonId,
    pub organization_id: OrganizationId,
    pub degree: String,
    pub field: Option<String>,
    pub start_date: Option<String>,
    /// The start as printed when it has no year ("Feb 10").
    pub start_raw: Option<String>,
    pub end_date: Option<String>,
    /// The end as printed when it has no year.
    pub end_raw: Option<String>,
    pub honors: Option<String>,
    pub gpa: Option<String>,
    pub rank: Option<String>,
    pub thesis_id: Option<WorkId>,
}

impl EducationRow {
    fn from_row(r: &Row) -> rusqlite::Result<Self> {
        Ok(EducationRow {
            id: EducationId(r.get(1)?),
            person_id: PersonId(r.get(2)?),
            organization_id: OrganizationId(r.get(3)?),
            degree: r.get(4)?,
            field: r.get(5)?,
            start_date: r.get(6)?,
            end_date: r.get(7)?,
            honors: r.get(8)?,
            gpa: r.get(9)?,
            rank: r.get(10)?,
            thesis_id: r.get::<_, Option<i64>>(11)?.map(WorkId),
            start_raw: r.get(12)?,
            end_raw: r.get(13)?,
        })
    }
}

/// Education per person, chronological.
pub fn for_people(conn: &Connection, ids: &[i64]) -> Result<HashMap<i64, Vec<EducationRow>>> {
    grouped(
        conn,
        "SELECT person_id, id, person_id, organization_id, degree, field, start_date, end_date,
                honors, gpa, rank, thesis_id, start_raw, end_raw
         FROM education WHERE person_id IN rarray(?1)
         ORDER BY start_date IS NULL, start_date, end_date IS NULL, end_date, id",
        ids,
        EducationRow::from_row,
    )
}

/// Advisor (role `advisor`) or mentor person ids per education entry.
pub fn advisors_for(
    conn: &Connection,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<(String, PersonId)>>> {
    grouped(
        conn,
        "SELECT education_id, role, person_id FROM education_advisor
         WHERE education_id IN rarray(?1) ORDER BY education_id, role, position",
        ids,
        |r| Ok((r.get(1)?, PersonId(r.get(2)?))),
    )
}

/// Inserts the entry or finds it by `norm_key`, filling empty fields (a raw
/// date only where the row has no date).
pub fn upsert(conn: &Connection, e: &EducationRow, norm_key: &str) -> Result<EducationId> {
    let id = conn
        .prepare_cached(
            "INSERT INTO education (person_id, organization_id, degree, field, start_date, start_raw,
                 end_date, end_raw, honors, gpa, rank, thesis_id, norm_key)
             VALUES (:person, :org, :degree, :field, :start, :start_raw, :end, :end_raw, :honors,
                 :gpa, :rank, :thesis, :key)
             ON CONFLICT (norm_key) DO UPDATE SET
                 field = ifnull(field, excluded.field), honors = ifnull(honors, excluded.honors),
                 gpa = ifnull(gpa, excluded.gpa), rank = ifnull(rank, excluded.rank),
                 thesis_id = ifnull(thesis_id, excluded.thesis_id),
                 start_raw = CASE WHEN start_date IS NULL THEN ifnull(start_raw, excluded.start_raw) ELSE start_raw END,
                 end_raw = CASE WHEN end_date IS NULL THEN ifnull(end_raw, excluded.end_raw) ELSE end_raw END
             RETURNING id",
        )?
        .query_row(
            named_params! {
                ":person": e.person_id.0, ":org": e.organization_id.0, ":degree": e.degree,
                ":field": e.field, ":start": e.start_date, ":start_raw": e.start_raw,
                ":end": e.end_date, ":end_raw": e.end_raw, ":honors": e.honors,
                ":gpa": e.gpa, ":rank": e.rank, ":thesis": e.thesis_id.map(|w| w.0), ":key": norm_key,
            },
            |r| r.get(0),
        )?;
    Ok(EducationId(id))
}

/// Records an advisor or mentor (`role`).
pub fn add_advisor(
    conn: &Connection,
    id: EducationId,
    person: PersonId,
    role: &str,
    position: usize,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO education_advisor (education_id, person_id, role, position)
         VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![id.0, person.0, role, position as i64])?;
    Ok(())
}

/// Rows by id.
pub fn by_ids(conn: &Connection, ids: &[i64]) -> Result<Vec<EducationRow>> {
    let map = grouped(
        conn,
        "SELECT id, id, person_id, organization_id, degree, field, start_date, end_date,
                honors, gpa, rank, thesis_id, start_raw, end_raw
         FROM education WHERE id IN rarray(?1)",
        ids,
        EducationRow::from_row,
    )?;
    Ok(map.into_values().flatten().collect())
}
