//! The ordered list of `migrations/*.sql` and the small runner that applies
//! them, recording the schema version in SQLite's `user_version`. A released
//! migration is never edited: add the next file and list it here.
//!
//! Any number of processes may open one store at once, so reading the
//! version and migrating happen under one exclusive lock (`BEGIN
//! EXCLUSIVE`): the second opener waits (busy timeout), then reads the
//! version the first one left and finds nothing to do. `rusqlite_migration`,
//! used before, cannot be made safe this way: it reads `user_version`
//! before it opens its transaction (`Migrations::goto` in 2.5), so two
//! openers of a new file both saw version 0 and the second ran the first
//! migration again (`table source already exists`); and its transaction
//! cannot be nested in one of ours. A store written by a newer Vitae (a
//! version past `FILES`) is refused before anything runs.

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use crate::error::Fault;
use crate::{Error, Result};

/// File names and SQL of every migration, in order.
pub const FILES: &[(&str, &str)] = &[
    (
        "0001_people_and_organizations.sql",
        include_str!("../../migrations/0001_people_and_organizations.sql"),
    ),
    (
        "0002_career.sql",
        include_str!("../../migrations/0002_career.sql"),
    ),
    (
        "0003_works.sql",
        include_str!("../../migrations/0003_works.sql"),
    ),
    (
        "0004_search.sql",
        include_str!("../../migrations/0004_search.sql"),
    ),
    (
        "0005_person_work.sql",
        include_str!("../../migrations/0005_person_work.sql"),
    ),
    (
        "0006_bundle_zstd.sql",
        include_str!("../../migrations/0006_bundle_zstd.sql"),
    ),
    (
        "0007_coauthorship.sql",
        include_str!("../../migrations/0007_coauthorship.sql"),
    ),
    (
        "0008_refill_derived.sql",
        include_str!("../../migrations/0008_refill_derived.sql"),
    ),
    (
        "0009_authors_disputed.sql",
        include_str!("../../migrations/0009_authors_disputed.sql"),
    ),
    (
        "0010_badges.sql",
        include_str!("../../migrations/0010_badges.sql"),
    ),
    (
        "0011_document_order.sql",
        include_str!("../../migrations/0011_document_order.sql"),
    ),
];

/// Brings the database at `path` to the newest schema version, or refuses
/// one written by a newer Vitae. A store already at the newest version is
/// only read: opening it takes no lock.
pub fn to_latest(conn: &mut Connection, path: &Path) -> Result<()> {
    if refuse_newer(version(conn)?, path)? == FILES.len() {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    let from = refuse_newer(version(&tx)?, path)?;
    for (name, sql) in &FILES[from..] {
        tracing::debug!(migration = name, "migrating the store");
        tx.execute_batch(sql).inspect_err(|e| {
            tracing::error!(migration = name, error = %e, "a migration failed");
        })?;
    }
    if from < FILES.len() {
        tx.pragma_update(None, "user_version", FILES.len() as i64)?;
    }
    tx.commit()?;
    Ok(())
}

/// The schema version recorded in the database (0 for an empty file).
pub fn version(conn: &Connection) -> Result<usize> {
    let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    Ok(usize::try_from(v).unwrap_or(0))
}

/// `found` as an index into `FILES`, or the refusal of a newer store.
fn refuse_newer(found: usize, path: &Path) -> Result<usize> {
    if found <= FILES.len() {
        return Ok(found);
    }
    Err(Error::Store {
        path: path.to_path_buf(),
        fault: Fault::Newer {
            found: found as i64,
            known: FILES.len(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_names_every_file_in_the_folder_in_order() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".sql"))
            .collect();
        on_disk.sort();
        let listed: Vec<&str> = FILES.iter().map(|(n, _)| *n).collect();
        assert_eq!(on_disk, listed);
    }

    #[test]
    fn migrations_are_valid_and_record_their_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        to_latest(&mut conn, Path::new(":memory:")).unwrap();
        assert_eq!(version(&conn).unwrap(), FILES.len());
        to_latest(&mut conn, Path::new(":memory:")).unwrap();
        assert_eq!(version(&conn).unwrap(), FILES.len());
    }

    #[test]
    fn a_store_of_a_newer_version_is_refused_untouched() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        let err = to_latest(&mut conn, Path::new("v.db")).unwrap_err();
        let want = format!(
            "v.db: written by a newer Vitae (schema 99; this binary knows {}): upgrade Vitae",
            FILES.len()
        );
        assert_eq!(err.for_operator(), want);
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
            .unwrap();
        assert_eq!(tables, 0);
    }
}
