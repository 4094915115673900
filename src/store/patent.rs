//! SQL for patents and their ordered inventors.

use std::collections::HashMap;

use rusqlite::{named_params, params, Connection};

use super::grouped;
use crate::domain::id::{PatentId, PersonId};
use crate::Result;

/// A patent row.
#[derive(Debug, Clone)]
pub struct PatentRow {
    pub id: PatentId,
    pub title: String,
    pub number: Option<String>,
    pub status: Option<String>,
    pub date: Option<String>,
    /// The date as printed when it has no year ("pending").
    pub date_raw: Option<String>,
}

/// An inventor: position, name as printed, person.
#[derive(Debug, Clone)]
pub struct InventorRow {
    pub position: i64,
    pub name: String,
    pub person_id: PersonId,
}

/// Patents per inventor person.
pub fn for_people(conn: &Connection, ids: &[i64]) -> Result<HashMap<i64, Vec<PatentRow>>> {
    grouped(
        conn,
        "SELECT i.person_id, p.id, p.title, p.number, p.status, p.date, p.date_raw
         FROM inventor AS i JOIN patent AS p ON p.id = i.patent_id
         WHERE i.person_id IN rarray(?1) ORDER BY p.date DESC, p.id",
        ids,
        |r| {
            Ok(PatentRow {
                id: PatentId(r.get(1)?),
                title: r.get(2)?,
                number: r.get(3)?,
                status: r.get(4)?,
                date: r.get(5)?,
                date_raw: r.get(6)?,
            })
        },
    )
}

/// Inventors per patent, in order.
pub fn inventors_for(conn: &Connection, ids: &[i64]) -> Result<HashMap<i64, Vec<InventorRow>>> {
    grouped(
        conn,
        "SELECT patent_id, position, name, person_id FROM inventor
         WHERE patent_id IN rarray(?1) ORDER BY patent_id, position",
        ids,
        |r| {
            Ok(InventorRow {
                position: r.get(1)?,
                name: r.get(2)?,
                person_id: PersonId(r.get(3)?),
            })
        },
    )
}

/// Inserts the patent or finds it by `norm_key`, filling empty fields.
pub fn upsert(conn: &Connection, p: &PatentRow, norm_key: &str) -> Result<PatentId> {
    let id = conn
        .prepare_cached(
            "INSERT INTO patent (title, number, status, date, date_raw, norm_key)
             VALUES (:title, :number, :status, :date, :date_raw, :key)
             ON CONFLICT (norm_key) DO UPDATE SET number = ifnull(number, excluded.number),
                 status = ifnull(status, excluded.status), date = ifnull(date, excluded.date),
                 date_raw = CASE WHEN date IS NULL THEN ifnull(date_raw, excluded.date_raw)
                     ELSE date_raw END
             RETURNING id",
        )?
        .query_row(
            named_params! { ":title": p.title, ":number": p.number, ":status": p.status,
            ":date": p.date, ":date_raw": p.date_raw, ":key": norm_key },
            |r| r.get(0),
        )?;
    Ok(PatentId(id))
}

/// Records an inventor at a position, unless one is there.
pub fn add_inventor(conn: &Connection, id: PatentId, inv: &InventorRow) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO inventor (patent_id, position, name, person_id) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![id.0, inv.position, inv.name, inv.person_id.0])?;
    Ok(())
}

/// Patents by id.
pub fn by_ids(conn: &Connection, ids: &[i64]) -> Result<Vec<PatentRow>> {
    let map = grouped(
        conn,
        "SELECT id, id, title, number, status, date, date_raw FROM patent WHERE id IN rarray(?1)",
        ids,
        |r| {
            Ok(PatentRow {
                id: PatentId(r.get(1)?),
                title: r.get(2)?,
                number: r.get(3)?,
                status: r.get(4)?,
                date: r.get(5)?,
                date_raw: r.get(6)?,
            })
        },
    )?;
    Ok(map.into_values().flatten().collect())
}
