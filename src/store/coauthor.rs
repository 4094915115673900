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

/// Up to `limit` co-authors of `person` next to `at`: after it in ranking
/// order, or before it when `backward` (then nearest first, so in reverse).
pub fn page(
    conn: &Connection,
    person: PersonId,
    at: Option<&After>,
    backward: bool,
    limit: usize,
) -> Result<Vec<CoauthorRow>> {
    // The index read from the cursor, down the ranking (forward) or up it
    // (backward); without a cursor, from the end of the ranking the page
    // starts at.
    let edge = if backward { i64::MIN } else { i64::MAX };
    let at = at.cloned().unwrap_or(After {
        shared: edge,
        last_year: edge,
        id: edge,
    });
    let sql = if backward {
        "SELECT coauthor_id, shared, first_year, last_year FROM coauthorship
         WHERE person_id = ?1 AND (shared, last_year, coauthor_id) > (?2, ?3, ?4)
         ORDER BY shared ASC, last_year ASC, coauthor_id ASC LIMIT ?5"
    } else {
        "SELECT coauthor_id, shared, first_year, last_year FROM coauthorship
         WHERE person_id = ?1 AND (shared, last_year, coauthor_id) < (?2, ?3, ?4)
         ORDER BY shared DESC, last_year DESC, coauthor_id DESC LIMIT ?5"
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(
        params![person.0, at.shared, at.last_year, at.id, limit as i64],
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

/// A collaboration between two people: the works both are authors of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairRow {
    pub a: PersonId,
    pub b: PersonId,
    pub shared: i64,
}

/// The pairs among `people` who share at least `min_shared` works, each
/// pair once (the lower id as `a`): one primary-key lookup per pair of the
/// batch, for the edges of a co-author graph.
pub fn pairs_among(
    conn: &Connection,
    people: &[PersonId],
    min_shared: i64,
) -> Result<Vec<PairRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT person_id, coauthor_id, shared FROM coauthorship
         WHERE person_id IN rarray(?1) AND coauthor_id IN rarray(?1)
           AND person_id < coauthor_id AND shared >= ?2
         ORDER BY person_id, coauthor_id",
    )?;
    let ids = super::id_array(people.iter().map(|p| p.0));
    let rows = stmt.query_map(params![ids, min_shared], |r| {
        Ok(PairRow {
            a: PersonId(r.get(0)?),
            b: PersonId(r.get(1)?),
            shared: r.get(2)?,
        })
    })?;
    collect(rows)
}
