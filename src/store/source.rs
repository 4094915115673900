//! SQL for sources and attestations: which source states which fact, and the
//! source's own JSON for it. The bundle as imported is kept with its source,
//! which is what `export` writes back out.

use std::collections::HashMap;

use rusqlite::{named_params, params, Connection, OptionalExtension};

use super::collect;
use crate::domain::id::SourceId;
use crate::{Error, Result};

/// A source document.
#[derive(Debug, Clone)]
pub struct SourceRow {
    pub id: SourceId,
    pub key: String,
    pub title: String,
    pub kind: String,
    pub url: Option<String>,
    pub seen: Option<String>,
    /// The source's notes as a JSON array of strings.
    pub notes: String,
}

/// Inserts or updates the source with this key; returns its id.
pub fn upsert(conn: &Connection, s: &SourceRow, about: Option<&str>) -> Result<SourceId> {
    let id = conn
        .prepare_cached(
            "INSERT INTO source (key, title, kind, url, seen, about_key, notes)
             VALUES (:key, :title, :kind, :url, :seen, :about, :notes)
             ON CONFLICT (key) DO UPDATE SET title = excluded.title, kind = excluded.kind,
                 url = excluded.url, seen = excluded.seen, about_key = excluded.about_key,
                 notes = excluded.notes
             RETURNING id",
        )?
        .query_row(
            named_params! { ":key": s.key, ":title": s.title, ":kind": s.kind, ":url": s.url,
            ":seen": s.seen, ":about": about, ":notes": s.notes },
            |r| r.get(0),
        )?;
    Ok(SourceId(id))
}

/// Stores the bundle as imported (canonical JSON) with its source,
/// compressed: it is written straight into the compressor, never whole as
/// text. `$schema` is never serialized, so the stored bundle is canonical.
pub fn set_bundle(conn: &Connection, id: SourceId, bundle: &impl serde::Serialize) -> Result<()> {
    let z = zstd::Encoder::new(Vec::new(), BUNDLE_ZSTD_LEVEL).map_err(Error::internal)?;
    // serde_json writes token by token: buffered, zstd sees blocks, not tokens.
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, z);
    serde_json::to_writer(&mut buffered, bundle).map_err(Error::internal)?;
    let z = buffered
        .into_inner()
        .map_err(|e| Error::internal(e.into_error()))?;
    let blob = z.finish().map_err(Error::internal)?;
    conn.prepare_cached("UPDATE source SET bundle = NULL, bundle_zstd = ?2 WHERE id = ?1")?
        .execute(params![id.0, blob])?;
    Ok(())
}

/// zstd's level for stored bundles: its default, fast and about 10x smaller
/// on bundles.
const BUNDLE_ZSTD_LEVEL: i32 = 3;

/// Every stored bundle as JSON text, ordered by source key.
pub fn bundles(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT bundle, bundle_zstd FROM source ORDER BY key")?;
    let rows = stmt.query_map([], stored_bundle)?;
    collect(rows)?.into_iter().map(bundle_text).collect()
}

/// The stored bundle of one source as JSON text.
pub fn bundle(conn: &Connection, id: SourceId) -> Result<String> {
    let row = conn
        .prepare_cached("SELECT bundle, bundle_zstd FROM source WHERE id = ?1")?
        .query_row([id.0], stored_bundle)?;
    bundle_text(row)
}

type StoredBundle = (Option<String>, Option<Vec<u8>>);

fn stored_bundle(r: &rusqlite::Row) -> rusqlite::Result<StoredBundle> {
    Ok((r.get(0)?, r.get(1)?))
}

/// A stored bundle's text: stores from before 0006 keep it as text.
fn bundle_text(row: StoredBundle) -> Result<String> {
    match row {
        (Some(text), _) => Ok(text),
        (None, Some(blob)) => {
            let bytes = zstd::decode_all(blob.as_slice()).map_err(Error::internal)?;
            String::from_utf8(bytes).map_err(Error::internal)
        }
        (None, None) => Err(Error::internal("a source without its bundle")),
    }
}

/// Sources a migration queued to be merged again from their stored bundle
/// (`source_to_reread`), at most `limit`.
pub fn queued_for_reread(conn: &Connection, limit: usize) -> Result<Vec<SourceId>> {
    let mut stmt =
        conn.prepare_cached("SELECT source_id FROM source_to_reread ORDER BY source_id LIMIT ?1")?;
    let rows = stmt.query_map([limit as i64], |r| Ok(SourceId(r.get(0)?)))?;
    collect(rows)
}

/// Takes a source off the reread queue.
pub fn reread(conn: &Connection, id: SourceId) -> Result<()> {
    conn.prepare_cached("DELETE FROM source_to_reread WHERE source_id = ?1")?
        .execute([id.0])?;
    Ok(())
}

/// Sources by id.
pub fn by_ids(conn: &Connection, ids: &[i64]) -> Result<Vec<SourceRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, key, title, kind, url, seen, notes FROM source WHERE id IN rarray(?1)",
    )?;
    let rows = stmt.query_map([super::id_array(ids.iter().copied())], source_row)?;
    collect(rows)
}

fn source_row(r: &rusqlite::Row) -> rusqlite::Result<SourceRow> {
    Ok(SourceRow {
        id: SourceId(r.get(0)?),
        key: r.get(1)?,
        title: r.get(2)?,
        kind: r.get(3)?,
        url: r.get(4)?,
        seen: r.get(5)?,
        notes: r.get(6)?,
    })
}

/// The source with this key.
pub fn find(conn: &Connection, key: &str) -> Result<Option<SourceId>> {
    Ok(conn
        .prepare_cached("SELECT id FROM source WHERE key = ?1")?
        .query_row([key], |r| Ok(SourceId(r.get(0)?)))
        .optional()?)
}

/// Forgets everything `id` stated (before its bundle is merged again) and
/// returns the facts it stated: (entity table, id).
pub fn clear_attestations(conn: &Connection, id: SourceId) -> Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare_cached(
        "DELETE FROM attestation WHERE source_id = ?1 RETURNING entity, entity_id",
    )?;
    let rows = stmt.query_map([id.0], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let stated = collect(rows)?;
    conn.prepare_cached("DELETE FROM metric WHERE source_id = ?1")?
        .execute([id.0])?;
    super::badge::forget_source(conn, id)?;
    Ok(stated)
}

/// Whether any source states the fact.
pub fn is_stated(conn: &Connection, entity: &str, id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM attestation WHERE entity = ?1 AND entity_id = ?2 LIMIT 1")?
        .exists(params![entity, id])?)
}

/// Deletes a fact that no source states any more, with the rows that belong
/// to it (cascades). A fact that something else still refers to (a person
/// still an author elsewhere, an organization that is still a parent) is kept:
/// returns whether it was deleted.
pub fn delete_unstated(conn: &Connection, entity: &str, id: i64) -> Result<bool> {
    let table = match entity {
        "person" | "organization" | "work" | "appointment" | "education" | "award" | "talk"
        | "patent" | "teaching" | "service" => entity,
        _ => return Ok(false),
    };
    if is_stated(conn, entity, id)? {
        return Ok(false);
    }
    let sql = format!("DELETE FROM {table} WHERE id = ?1");
    match conn.prepare_cached(&sql)?.execute([id]) {
        Ok(n) => Ok(n > 0),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            Ok(false)
        }
        Err(e) => Err(e.into()),
    }
}

/// Where a fact sits in the document that states it: its 1-based place in
/// its list of the bundle (the document's order), the number the document
/// gives it, and the heading it sits under.
#[derive(Debug, Clone, Copy, Default)]
pub struct Placement<'a> {
    pub ordinal: Option<i64>,
    pub position: Option<u32>,
    pub section: Option<&'a str>,
}

impl Placement<'_> {
    /// The `i`th (0-based) fact of its list, numbered and headed as given.
    pub fn at(i: usize, position: Option<u32>, section: Option<&str>) -> Placement<'_> {
        Placement {
            ordinal: Some(i as i64 + 1),
            position,
            section,
        }
    }
}

/// Records that `source` states the fact `entity`/`id`, with its own values
/// and its place in the document.
pub fn attest(
    conn: &Connection,
    source: SourceId,
    entity: &str,
    id: i64,
    data: &str,
    at: Placement,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO attestation (source_id, entity, entity_id, data, ordinal, position, section)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![source.0, entity, id, data, at.ordinal, at.position, at.section])?;
    Ok(())
}

/// Records that `source` states the fact unless it already does.
pub fn attest_if_absent(
    conn: &Connection,
    source: SourceId,
    entity: &str,
    id: i64,
    data: &str,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO attestation (source_id, entity, entity_id, data) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![source.0, entity, id, data])?;
    Ok(())
}

/// What each source says about one fact: (source kind, source key, JSON),
/// in source-key order.
pub fn statements(
    conn: &Connection,
    entity: &str,
    id: i64,
) -> Result<Vec<(String, String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.kind, s.key, a.data FROM attestation AS a JOIN source AS s ON s.id = a.source_id
         WHERE a.entity = ?1 AND a.entity_id = ?2 ORDER BY s.key",
    )?;
    let rows = stmt.query_map(params![entity, id], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })?;
    collect(rows)
}

/// What each source states about each fact of one entity kind: (source id,
/// the source's JSON for the fact), in source-key order.
pub fn statements_for(
    conn: &Connection,
    entity: &str,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<(i64, String)>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.entity_id, a.source_id, a.data FROM attestation AS a JOIN source AS s ON s.id = a.source_id
         WHERE a.entity = ?2 AND a.entity_id IN rarray(?1) ORDER BY a.entity_id, s.key",
    )?;
    let rows = stmt.query_map(params![super::id_array(ids.iter().copied()), entity], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out: HashMap<i64, Vec<(i64, String)>> = HashMap::new();
    for (id, source, data) in collect(rows)? {
        out.entry(id).or_default().push((source, data));
    }
    Ok(out)
}

/// Source ids per fact of one entity kind, in source-key order.
pub fn sources_for(conn: &Connection, entity: &str, ids: &[i64]) -> Result<HashMap<i64, Vec<i64>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.entity_id, a.source_id FROM attestation AS a JOIN source AS s ON s.id = a.source_id
         WHERE a.entity = ?2 AND a.entity_id IN rarray(?1) ORDER BY a.entity_id, s.key",
    )?;
    let rows = stmt.query_map(params![super::id_array(ids.iter().copied()), entity], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
    })?;
    let mut out: HashMap<i64, Vec<i64>> = HashMap::new();
    for (id, source) in collect(rows)? {
        out.entry(id).or_default().push(source);
    }
    Ok(out)
}

/// The kinds of career fact, in the order a bundle lists them: a source's
/// facts are listed kind by kind in this order, each kind in the document's.
pub const CAREER_FACTS: [&str; 7] = [
    "appointment",
    "education",
    "award",
    "talk",
    "patent",
    "teaching",
    "service",
];

/// A career fact a source states, with where the document puts it and the
/// source's own JSON for it.
#[derive(Debug, Clone)]
pub struct FactRow {
    pub entity: &'static str,
    pub id: i64,
    pub at: FactAfter,
    pub position: Option<i64>,
    pub section: Option<String>,
    pub data: String,
}

/// A fact's place in a source's list of facts: its kind's rank in
/// `CAREER_FACTS`, its place among the facts of that kind, its id. Where a
/// page of facts starts (just after it, or before it backward).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FactAfter {
    pub rank: i64,
    pub ordinal: i64,
    pub id: i64,
}

/// A page of `limit` of the career facts of kinds `ranks` (indexes into
/// `CAREER_FACTS`) that `source` states, next to `at`: kind by kind, each in
/// the document's order. One run per kind, each a seek on
/// `attestation_document_order` read in order, the runs concatenated in
/// the page's direction.
pub fn facts(
    conn: &Connection,
    source: SourceId,
    ranks: &[usize],
    at: Option<FactAfter>,
    backward: bool,
    limit: usize,
) -> Result<Vec<FactRow>> {
    let (cmp, dir) = if backward {
        ("<", "DESC")
    } else {
        (">", "ASC")
    };
    let mut ranks = ranks.to_vec();
    if backward {
        ranks.reverse();
    }
    let runs: Vec<String> = ranks
        .iter()
        .filter_map(|&r| {
            let seek = match at {
                // The cursor's own kind: from just past it.
                Some(a) if a.rank == r as i64 => format!("AND (ordinal, entity_id) {cmp} (?2, ?3)"),
                // Kinds on the cursor's far side are all in; the near side none.
                Some(a) if (r as i64 > a.rank) == backward => return None,
                _ => String::new(),
            };
            Some(format!(
                "SELECT * FROM (SELECT {r} AS rank, entity_id, ordinal, position, section, data \
                 FROM attestation WHERE source_id = ?1 AND entity = '{}' {seek} \
                 ORDER BY ordinal {dir}, entity_id {dir} LIMIT {limit})",
                CAREER_FACTS[r]
            ))
        })
        .collect();
    if runs.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!("{} LIMIT {limit}", runs.join(" UNION ALL "));
    let mut args: Vec<rusqlite::types::Value> = vec![source.0.into()];
    // The cursor's place is bound only when its kind is among the runs.
    if let Some(a) = at.filter(|a| ranks.iter().any(|&r| r as i64 == a.rank)) {
        args.extend([a.ordinal.into(), a.id.into()]);
    }
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| {
        let rank: i64 = r.get(0)?;
        let id: i64 = r.get(1)?;
        Ok(FactRow {
            entity: CAREER_FACTS[rank as usize],
            id,
            at: FactAfter {
                rank,
                ordinal: r.get::<_, Option<i64>>(2)?.unwrap_or(0),
                id,
            },
            position: r.get(3)?,
            section: r.get(4)?,
            data: r.get(5)?,
        })
    })?;
    collect(rows)
}

/// How many career facts of kinds `ranks` `source` states.
pub fn count_facts(conn: &Connection, source: SourceId, ranks: &[usize]) -> Result<i64> {
    let kinds: Vec<String> = ranks
        .iter()
        .map(|&r| format!("'{}'", CAREER_FACTS[r]))
        .collect();
    let sql = format!(
        "SELECT count(*) FROM attestation WHERE source_id = ?1 AND entity IN ({})",
        kinds.join(", ")
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([source.0], |r| r.get(0))?)
}

/// Every source, by key.
pub fn all(conn: &Connection) -> Result<Vec<SourceRow>> {
    let mut stmt = conn
        .prepare_cached("SELECT id, key, title, kind, url, seen, notes FROM source ORDER BY key")?;
    let rows = stmt.query_map([], source_row)?;
    collect(rows)
}
