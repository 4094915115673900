//! SQL for metrics that a source reports about a person (h-index, citations).

use std::collections::HashMap;

use rusqlite::{named_params, Connection};

use super::grouped;
use crate::domain::id::{PersonId, SourceId};
use crate::Result;

/// A reported metric.
#[derive(Debug, Clone)]
pub struct MetricRow {
    pub name: String,
    pub value: String,
    pub label: Option<String>,
    pub as_of: Option<String>,
    pub source_id: SourceId,
}

/// Metrics per person, by name then source.
pub fn for_people(conn: &Connection, ids: &[i64]) -> Result<HashMap<i64, Vec<MetricRow>>> {
    grouped(
        conn,
        "SELECT person_id, name, value, label, as_of, source_id FROM metric
         WHERE person_id IN rarray(?1) ORDER BY person_id, name, source_id",
        ids,
        |r| {
            Ok(MetricRow {
                name: r.get(1)?,
                value: r.get(2)?,
                label: r.get(3)?,
                as_of: r.get(4)?,
                source_id: SourceId(r.get(5)?),
            })
        },
    )
}

/// Records (or restates) a metric from a source.
pub fn upsert(conn: &Connection, person: PersonId, m: &MetricRow) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO metric (person_id, source_id, name, value, label, as_of)
         VALUES (:person, :source, :name, :value, :label, :as_of)
         ON CONFLICT (person_id, source_id, name) DO UPDATE SET
             value = excluded.value, label = excluded.label, as_of = excluded.as_of",
    )?
    .execute(named_params! {
        ":person": person.0, ":source": m.source_id.0, ":name": m.name, ":value": m.value,
        ":label": m.label, ":as_of": m.as_of,
    })?;
    Ok(())
}
