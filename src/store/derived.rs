//! Tables derived from others and kept by triggers: `person_work` (each
//! person's works with their sort keys, migration 0005) and `coauthorship`
//! (each person's co-authors, 0007). A bulk load suspends the upkeep and
//! fills both in one pass at the end: millions of trigger runs and random
//! index inserts cost far more than one scan and building each index by
//! sorting.

use rusqlite::Connection;

use super::collect;
use crate::Result;

/// The derived tables' indexes and triggers, as SQL to create them again.
pub struct Upkeep(Vec<String>);

/// Drops the indexes and triggers that keep the derived tables, so that a
/// bulk import writes the base tables alone; `rebuild` then fills them.
pub fn suspend(conn: &Connection) -> Result<Upkeep> {
    let mut stmt = conn.prepare(
        "SELECT type, name, sql FROM sqlite_schema
         WHERE sql IS NOT NULL
           AND ((type = 'index' AND tbl_name IN ('person_work', 'coauthorship'))
             OR (type = 'trigger' AND (sql LIKE '%person_work%' OR sql LIKE '%coauthorship%')))
         ORDER BY type, name",
    )?;
    let upkeep: Vec<(String, String, String)> =
        collect(stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?)?;
    for (kind, name, _) in &upkeep {
        let kind = if kind == "index" { "INDEX" } else { "TRIGGER" };
        conn.execute_batch(&format!("DROP {kind} \"{name}\""))?;
    }
    Ok(Upkeep(upkeep.into_iter().map(|(_, _, sql)| sql).collect()))
}

/// Fills the derived tables again from `authorship`, `work_listing` and
/// `work`, then creates what `suspend` dropped.
pub fn rebuild(conn: &Connection, upkeep: Upkeep) -> Result<()> {
    conn.execute_batch(
        "DELETE FROM person_work;
         INSERT INTO person_work (person_id, work_id, relation, date_key, year, title_key)
         SELECT a.person_id, w.id, 1, coalesce(w.issued, CAST(w.year AS TEXT)), w.year,
                substr(w.title, 1, 12)
         FROM authorship AS a JOIN work AS w ON w.id = a.work_id WHERE true
         ON CONFLICT (work_id, person_id) DO NOTHING;
         INSERT INTO person_work (person_id, work_id, relation, date_key, year, title_key)
         SELECT l.person_id, w.id, 2, coalesce(w.issued, CAST(w.year AS TEXT)), w.year,
                substr(w.title, 1, 12)
         FROM work_listing AS l JOIN work AS w ON w.id = l.work_id WHERE true
         ON CONFLICT (work_id, person_id) DO NOTHING;
         DELETE FROM coauthorship;
         INSERT INTO coauthorship (person_id, coauthor_id, shared, first_year, last_year)
         SELECT a.person_id, b.person_id, count(*), min(a.year), ifnull(max(a.year), 0)
         FROM person_work AS a
         JOIN person_work AS b ON b.work_id = a.work_id AND b.person_id <> a.person_id
         WHERE a.relation = 1 AND b.relation = 1
         GROUP BY a.person_id, b.person_id;",
    )?;
    for sql in &upkeep.0 {
        conn.execute_batch(sql)?;
    }
    Ok(())
}
