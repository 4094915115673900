//! Read-only queries behind `vitae check`: intervals with their parents,
//! people with their co-authors, work titles, and works whose authors no
//! source names.

use std::collections::HashMap;

use rusqlite::Connection;

use super::collect;
use crate::Result;

/// A dated fact: table, id, label, start, end, whether it is open (no end,
/// not even one printed without a year), parent's (start, end, label) and
/// the keys of the sources that state it.
#[derive(Debug, Clone)]
pub struct Interval {
    pub entity: &'static str,
    pub id: i64,
    pub label: String,
    pub start: Option<String>,
    pub end: Option<String>,
    pub open: bool,
    pub parent: Option<(Option<String>, Option<String>, String)>,
    pub sources: Vec<String>,
}

const INTERVALS: &[(&str, &str)] = &[
    (
        "appointment",
        "SELECT a.id, p.name || ': ' || a.title, a.start_date, a.end_date,
                pa.id IS NOT NULL, pa.start_date, pa.end_date, pa.title,
                a.end_date IS NULL AND a.end_raw IS NULL
         FROM appointment AS a JOIN person AS p ON p.id = a.person_id
         LEFT JOIN appointment AS pa ON pa.id = a.parent_id ORDER BY a.id",
    ),
    (
        "education",
        "SELECT e.id, p.name || ': ' || e.degree, e.start_date, e.end_date, 0, NULL, NULL, NULL,
                e.end_date IS NULL AND e.end_raw IS NULL
         FROM education AS e JOIN person AS p ON p.id = e.person_id ORDER BY e.id",
    ),
    (
        "award",
        "SELECT g.id, p.name || ': ' || g.title, g.start_date, g.end_date, 0, NULL, NULL, NULL,
                g.end_date IS NULL AND g.end_raw IS NULL
         FROM award AS g JOIN person AS p ON p.id = g.person_id ORDER BY g.id",
    ),
    (
        "service",
        "SELECT s.id, p.name || ': ' || s.role, s.start_date, s.end_date, 0, NULL, NULL, NULL,
                s.end_date IS NULL AND s.end_raw IS NULL
         FROM service AS s JOIN person AS p ON p.id = s.person_id ORDER BY s.id",
    ),
];

/// Every dated fact with its parent interval, if any.
pub fn intervals(conn: &Connection) -> Result<Vec<Interval>> {
    let sources = source_keys(conn)?;
    let mut out = Vec::new();
    for (entity, sql) in INTERVALS {
        let mut stmt = conn.prepare_cached(sql)?;
        let rows = stmt.query_map([], |r| {
            let id: i64 = r.get(0)?;
            let has_parent: bool = r.get(4)?;
            Ok(Interval {
                entity,
                id,
                label: r.get(1)?,
                start: r.get(2)?,
                end: r.get(3)?,
                open: r.get(8)?,
                parent: if has_parent {
                    Some((r.get(5)?, r.get(6)?, r.get(7)?))
                } else {
                    None
                },
                sources: sources
                    .get(&(entity.to_string(), id))
                    .cloned()
                    .unwrap_or_default(),
            })
        })?;
        out.extend(collect(rows)?);
    }
    Ok(out)
}

/// Source keys per (entity, id).
pub fn source_keys(conn: &Connection) -> Result<HashMap<(String, i64), Vec<String>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.entity, a.entity_id, s.key FROM attestation AS a JOIN source AS s ON s.id = a.source_id
         ORDER BY s.key",
    )?;
    let rows = stmt.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?;
    let mut out: HashMap<(String, i64), Vec<String>> = HashMap::new();
    for (k, v) in collect(rows)? {
        out.entry(k).or_default().push(v);
    }
    Ok(out)
}

/// Every person: id, display name, slug.
pub fn people(conn: &Connection) -> Result<Vec<(i64, String, String)>> {
    let mut stmt = conn.prepare_cached("SELECT id, name, slug FROM person ORDER BY id")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    collect(rows)
}

/// Co-author person ids per person.
pub fn coauthor_pairs(conn: &Connection) -> Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT a.person_id, b.person_id FROM authorship AS a
         JOIN authorship AS b ON b.work_id = a.work_id AND b.person_id <> a.person_id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    collect(rows)
}

/// Every work: id, title, folded title.
pub fn work_titles(conn: &Connection) -> Result<Vec<(i64, String, String)>> {
    let mut stmt = conn.prepare_cached("SELECT id, title, norm_title FROM work ORDER BY id")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    collect(rows)
}

/// Works with an empty author list (no source names an author): id, title.
pub fn works_without_authors(conn: &Connection) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT w.id, w.title FROM work AS w
         WHERE NOT EXISTS (SELECT 1 FROM authorship AS a WHERE a.work_id = w.id) ORDER BY w.id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    collect(rows)
}

/// Works whose sources' author lists disagree beyond an "et al.": id, title.
pub fn disputed_works(conn: &Connection) -> Result<Vec<(i64, String)>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, title FROM work WHERE authors_disputed = 1 ORDER BY id")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    collect(rows)
}
