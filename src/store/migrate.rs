//! The ordered list of `migrations/*.sql`, applied by `rusqlite_migration`,
//! which records the schema version in SQLite's `user_version`. A released
//! migration is never edited: add the next file and list it here.

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

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
];

/// Brings the database to the newest schema version.
pub fn to_latest(conn: &mut Connection) -> Result<()> {
    migrations().to_latest(conn).map_err(Error::internal)
}

/// The schema version recorded in the database (0 for an empty file).
pub fn version(conn: &Connection) -> Result<usize> {
    let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    Ok(usize::try_from(v).unwrap_or(0))
}

fn migrations() -> Migrations<'static> {
    Migrations::new(FILES.iter().map(|(_, sql)| M::up(sql)).collect())
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
        migrations().validate().unwrap();
        let mut conn = Connection::open_in_memory().unwrap();
        to_latest(&mut conn).unwrap();
        assert_eq!(version(&conn).unwrap(), FILES.len());
    }
}
