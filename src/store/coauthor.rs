//! SQL for co-authors: each person's co-authors ranked by what they share,
//! read from `coauthorship` (migration 0007), which triggers keep equal to
//! the pairs of `authorship`. A page reads only the rows it returns from the
//! `coauthorship_rank` index, however many co-authors the person has.

use rusqlite::{params, Connection};

use super::collect;
use crate::domain::id::PersonId;
use crate::Result;

/// A co-author of a person: who, how many works they share, and the years
/// of the first and last of those that have a year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoauthorRow {
    pub person: PersonId,
    pub shared: i64,
    pub first_year: Option<i32>,
    pub last_year: Option<i32>,
}

impl CoauthorRow {
    /// This row's place in the ranking, to continue after it.
    pub fn after(&self) -> After {
        After {
            shared: self.shared,
            last_year: self.last_year.map_or(0, i64::from),
            id: self.person.0,
        }
    }
}

/// A place in the ranking: just after the co-author with these keys. The
/// ranking is most shared works first, then the most recent last shared
/// year (none counts as 0), then the highest person id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct After {
    pub shared: i64,
    pub last_year: i64,
    pub id: i64,
}

/// Up to `limit` co-authors of `person` after `after`, in ranking order.
pub fn page(
    conn: &Connection,
    person: PersonId,
    after: Option<&After>,
    limit: usize,
) -> Result<Vec<CoauthorRow>> {
    // The index read backwards from the cursor; a first page starts above
    // every key.
    let after = after.cloned().unwrap_or(After {
        shared: i64::MAX,
        last_year: i64::MAX,
        id: i64::MAX,
    });
    let mut stmt = conn.prepare_cached(
        "SELECT coauthor_id, shared, first_year, last_year FROM coauthorship
         WHERE person_id = ?1 AND (shared, last_year, coauthor_id) < (?2, ?3, ?4)
         ORDER BY shared DESC, last_year DESC, coauthor_id DESC LIMIT ?5",
    )?;
    let rows = stmt.query_map(
        params![
            person.0,
            after.shared,
            after.last_year,
            after.id,
            limit as i64
        ],
        |r| {
            let last_year: i32 = r.get(3)?;
            Ok(CoauthorRow {
                person: PersonId(r.get(0)?),
                shared: r.get(1)?,
                first_year: r.get(2)?,
                last_year: (last_year != 0).then_some(last_year),
            })
        },
    )?;
    collect(rows)
}

/// How many co-authors `person` has (an index count).
pub fn count(conn: &Connection, person: PersonId) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM coauthorship WHERE person_id = ?1")?
        .query_row([person.0], |r| r.get(0))?)
}
