//! SQL for the facets of a work list (`WorkConnection.facets`): the works a
//! `WorkQuery` selects, counted per year, kind, venue and arXiv category.
//! Each count groups exactly the rows `work::count` counts (the same
//! `work::selection`), so a facet's counts add up to the list's
//! `totalCount`; a person's list is read from their `person_work` entries,
//! each joined to its work by primary key, never by scanning `work`.

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};

use super::collect;
use super::work::{selection, WorkQuery};
use crate::Result;

/// How many works of the list have a value (a year, a kind, a venue, a
/// category); `value` is none for the works without a year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count<T> {
    pub value: T,
    pub count: i64,
}

/// Works per year, ascending, and the works without a year last (one
/// entry with no value).
pub fn years(conn: &Connection, q: &WorkQuery) -> Result<Vec<Count<Option<i32>>>> {
    let s = selection(q);
    // A person's own index entries carry the year.
    let year = if s.index_only { "pw.year" } else { "w.year" };
    let sql = format!(
        "SELECT {year}, count(*) FROM {} WHERE {} GROUP BY {year}",
        s.from, s.filter
    );
    let mut rows = grouped_counts(conn, &sql, &s.args)?;
    // GROUP BY puts NULL first.
    rows.sort_by_key(|c: &Count<Option<i32>>| (c.value.is_none(), c.value));
    Ok(rows)
}

/// Works per kind (the stored kind), in no particular order.
pub fn kinds(conn: &Connection, q: &WorkQuery) -> Result<Vec<Count<String>>> {
    let s = selection(q);
    let from = with_work(&s.from, s.index_only);
    let sql = format!(
        "SELECT w.kind, count(*) FROM {from} WHERE {} GROUP BY w.kind",
        s.filter
    );
    grouped_counts(conn, &sql, &s.args)
}

/// The `first` venues with the most works, then A to Z; works without a
/// venue are left out.
pub fn venues(conn: &Connection, q: &WorkQuery, first: u32) -> Result<Vec<Count<String>>> {
    let s = selection(q);
    let from = with_work(&s.from, s.index_only);
    let sql = format!(
        "SELECT w.venue, count(*) AS n FROM {from} WHERE {} AND w.venue IS NOT NULL \
         GROUP BY w.venue ORDER BY n DESC, w.venue COLLATE NOCASE, w.venue LIMIT {first}",
        s.filter
    );
    grouped_counts(conn, &sql, &s.args)
}

/// The `first` arXiv categories with the most works, then A to Z; a work
/// counts once in each of its categories.
pub fn categories(conn: &Connection, q: &WorkQuery, first: u32) -> Result<Vec<Count<String>>> {
    let s = selection(q);
    let sql = format!(
        "SELECT c.category, count(*) AS n FROM {} CROSS JOIN work_category AS c \
         ON c.work_id = {} WHERE {} GROUP BY c.category ORDER BY n DESC, c.category LIMIT {first}",
        s.from, s.work_id, s.filter
    );
    grouped_counts(conn, &sql, &s.args)
}

/// `from` with the work of each row as `w` (a person's index entries
/// alone have none).
fn with_work(from: &str, index_only: bool) -> String {
    match index_only {
        true => format!("{from} CROSS JOIN work AS w ON w.id = pw.work_id"),
        false => from.to_string(),
    }
}

/// Runs a statement of (value, count) rows.
fn grouped_counts<T: rusqlite::types::FromSql>(
    conn: &Connection,
    sql: &str,
    args: &[Value],
) -> Result<Vec<Count<T>>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params_from_iter(args.iter()), |r| {
        Ok(Count {
            value: r.get(0)?,
            count: r.get(1)?,
        })
    })?;
    collect(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::id::PersonId;
    use crate::store::Store;

    /// Every statement of the module prepares and runs on a fresh store.
    #[test]
    fn every_facet_statement_runs_on_an_empty_store() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db")).unwrap();
        let person = WorkQuery {
            person: Some(PersonId(1)),
            ..Default::default()
        };
        let filtered = WorkQuery {
            person: Some(PersonId(1)),
            year_from: Some(2020),
            category: Some("LG".into()),
            ..Default::default()
        };
        store
            .read(|c| {
                for q in [&person, &filtered, &WorkQuery::default()] {
                    assert!(years(c, q)?.is_empty());
                    assert!(kinds(c, q)?.is_empty());
                    assert!(venues(c, q, 10)?.is_empty());
                    assert!(categories(c, q, 10)?.is_empty());
                }
                Ok(())
            })
            .unwrap();
    }
}
