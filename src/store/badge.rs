//! SQL for badges: statuses a source states about a person ("Open to
//! collaborate"). A badge is the source's own words and nothing else, so it
//! is kept per source, keyed by its label, in the order the source shows it.

use std::collections::HashMap;

use rusqlite::{named_params, Connection};

use super::grouped;
use crate::domain::id::{PersonId, SourceId};
use crate::Result;

/// A stated badge.
#[derive(Debug, Clone)]
pub struct BadgeRow {
    pub label: String,
    pub source_id: SourceId,
}

/// Badges per person, by source, then in the source's order.
pub fn for_people(conn: &Connection, ids: &[i64]) -> Result<HashMap<i64, Vec<BadgeRow>>> {
    grouped(
        conn,
        "SELECT b.person_id, b.label, b.source_id FROM badge b JOIN source s ON s.id = b.source_id
         WHERE b.person_id IN rarray(?1) ORDER BY b.person_id, s.key, b.position",
        ids,
        |r| {
            Ok(BadgeRow {
                label: r.get(1)?,
                source_id: SourceId(r.get(2)?),
            })
        },
    )
}

/// Records a badge a source states, at `position` among its badges for the
/// person; the same label stated twice is one badge.
pub fn insert(conn: &Connection, person: PersonId, b: &BadgeRow, position: usize) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO badge (person_id, source_id, position, label)
         VALUES (:person, :source, :position, :label)
         ON CONFLICT (person_id, source_id, label) DO NOTHING",
    )?
    .execute(named_params! {
        ":person": person.0, ":source": b.source_id.0, ":position": position as i64,
        ":label": b.label,
    })?;
    Ok(())
}

/// Forgets every badge a source stated, before its new version is merged.
pub fn forget_source(conn: &Connection, source: SourceId) -> Result<()> {
    conn.prepare_cached("DELETE FROM badge WHERE source_id = ?1")?
        .execute([source.0])?;
    Ok(())
}
