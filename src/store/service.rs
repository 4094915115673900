//! SQL for service: reviewing, organizing, mentoring, with venues served.

use std::collections::HashMap;

use rusqlite::{named_params, params, Connection};

use super::grouped;
use crate::domain::id::{OrganizationId, PersonId, ServiceId};
use crate::Result;

/// A service row.
#[derive(Debug, Clone)]
pub struct ServiceRow {
    pub id: ServiceId,
    pub person_id: PersonId,
    pub kind: String,
    pub role: String,
    pub organization_id: Option<OrganizationId>,
    pub start_date: Option<String>,
    /// The start as printed when it has no year ("Feb 10").
    pub start_raw: Option<String>,
    pub end_date: Option<String>,
    /// The end as printed when it has no year.
    pub end_raw: Option<String>,
}

/// Service per person, newest first.
pub fn for_people(conn: &Connection, ids: &[i64]) -> Result<HashMap<i64, Vec<ServiceRow>>> {
    grouped(
        conn,
        "SELECT person_id, id, kind, role, organization_id, start_date, end_date, start_raw,
                end_raw FROM service
         WHERE person_id IN rarray(?1) ORDER BY start_date IS NULL, start_date DESC, id",
        ids,
        |r| {
            Ok(ServiceRow {
                id: ServiceId(r.get(1)?),
                person_id: PersonId(r.get(0)?),
                kind: r.get(2)?,
                role: r.get(3)?,
                organization_id: r.get::<_, Option<i64>>(4)?.map(OrganizationId),
                start_date: r.get(5)?,
                end_date: r.get(6)?,
                start_raw: r.get(7)?,
                end_raw: r.get(8)?,
            })
        },
    )
}

/// Venues per service entry, in stated order.
pub fn venues_for(conn: &Connection, ids: &[i64]) -> Result<HashMap<i64, Vec<String>>> {
    grouped(
        conn,
        "SELECT service_id, venue FROM service_venue WHERE service_id IN rarray(?1)
         ORDER BY service_id, position",
        ids,
        |r| r.get(1),
    )
}

/// Inserts the entry or finds it by `norm_key`, filling the organization and
/// a raw date where the row has no date.
pub fn upsert(conn: &Connection, s: &ServiceRow, norm_key: &str) -> Result<ServiceId> {
    let id = conn
        .prepare_cached(
            "INSERT INTO service (person_id, kind, role, organization_id, start_date, start_raw,
                 end_date, end_raw, norm_key)
             VALUES (:person, :kind, :role, :org, :start, :start_raw, :end, :end_raw, :key)
             ON CONFLICT (norm_key) DO UPDATE SET
                 organization_id = ifnull(organization_id, excluded.organization_id),
                 start_raw = CASE WHEN start_date IS NULL THEN ifnull(start_raw, excluded.start_raw) ELSE start_raw END,
                 end_raw = CASE WHEN end_date IS NULL THEN ifnull(end_raw, excluded.end_raw) ELSE end_raw END
             RETURNING id",
        )?
        .query_row(
            named_params! { ":person": s.person_id.0, ":kind": s.kind, ":role": s.role,
                            ":org": s.organization_id.map(|o| o.0), ":start": s.start_date,
                            ":start_raw": s.start_raw, ":end": s.end_date, ":end_raw": s.end_raw,
                            ":key": norm_key },
            |r| r.get(0),
        )?;
    Ok(ServiceId(id))
}

/// Records a venue.
pub fn add_venue(conn: &Connection, id: ServiceId, venue: &str, position: usize) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO service_venue (service_id, venue, position) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![id.0, venue, position as i64])?;
    Ok(())
}

/// Service entries by id.
pub fn by_ids(conn: &Connection, ids: &[i64]) -> Result<Vec<ServiceRow>> {
    let map = grouped(
        conn,
        "SELECT id, id, person_id, kind, role, organization_id, start_date, end_date, start_raw,
                end_raw FROM service
         WHERE id IN rarray(?1)",
        ids,
        |r| {
            Ok(ServiceRow {
                id: ServiceId(r.get(1)?),
                person_id: PersonId(r.get(2)?),
                kind: r.get(3)?,
                role: r.get(4)?,
                organization_id: r.get::<_, Option<i64>>(5)?.map(OrganizationId),
                start_date: r.get(6)?,
                end_date: r.get(7)?,
                start_raw: r.get(8)?,
                end_raw: r.get(9)?,
            })
        },
    )?;
    Ok(map.into_values().flatten().collect())
}
