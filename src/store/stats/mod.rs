//! SQL for a person's figures at a glance (`Person.stats`): how many works,
//! co-authors and career facts of each kind, and the span of years, read
//! for a whole batch of people in one statement (`for_people.sql`), so a
//! list of profile headers costs one statement, not one per person.

use rusqlite::Connection;

use super::{collect, id_array};
use crate::domain::id::PersonId;
use crate::Result;

/// A person's figures. Works are the authored ones (`person_work`
/// relation 1), like every count of a person's works but `Person.works`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatsRow {
    pub person: PersonId,
    pub works: i64,
    /// Works a source only lists under the person.
    pub listed_works: i64,
    pub first_year: Option<i32>,
    pub last_year: Option<i32>,
    pub coauthors: i64,
    pub appointments: i64,
    pub education: i64,
    pub grants: i64,
    pub talks: i64,
    pub patents: i64,
    pub teaching: i64,
    pub service: i64,
    /// Sources that state the person.
    pub sources: i64,
}

/// The figures of each person of `ids` (a row for every id, zeros for an
/// unknown one).
pub fn for_people(conn: &Connection, ids: &[i64]) -> Result<Vec<StatsRow>> {
    let mut stmt = conn.prepare_cached(include_str!("for_people.sql"))?;
    let rows = stmt.query_map([id_array(ids.iter().copied())], |r| {
        Ok(StatsRow {
            person: PersonId(r.get(0)?),
            works: r.get(1)?,
            listed_works: r.get(2)?,
            first_year: r.get(3)?,
            last_year: r.get(4)?,
            coauthors: r.get(5)?,
            appointments: r.get(6)?,
            education: r.get(7)?,
            grants: r.get(8)?,
            talks: r.get(9)?,
            patents: r.get(10)?,
            teaching: r.get(11)?,
            service: r.get(12)?,
            sources: r.get(13)?,
        })
    })?;
    collect(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn an_unknown_person_has_zeros_and_no_years() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db")).unwrap();
        let rows = store.read(|c| for_people(c, &[7])).unwrap();
        assert_eq!(rows.len(), 1);
        let r = &rows[0];
        assert_eq!(
            (r.person, r.works, r.first_year, r.last_year),
            (PersonId(7), 0, None, None)
        );
        assert_eq!((r.coauthors, r.patents, r.sources), (0, 0, 0));
    }
}
