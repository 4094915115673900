//! SQL for people like a person (`Person.similar`): everyone who shares
//! something with them — co-authored works, co-authors, arXiv categories,
//! venues, organizations — ranked by a weighted sum of what they share
//! (`Weights`), with what they share item by item to explain it. One
//! statement ranks everyone (`shares.sql`, from the person outward: its
//! cost follows the person's neighbourhood), one reads the items of the
//! ranked few (`items.sql`, from each of them outward). Works count only
//! where the person is an author.

use rusqlite::{named_params, Connection};

use super::{collect, id_array};
use crate::domain::id::PersonId;
use crate::Result;

/// What one unit of each kind of share adds to the score. A shared
/// organization says most (the two worked or studied in one place), a
/// co-authored work or a co-author in common as much as each other, a
/// category or venue, which whole fields share, least.
pub struct Weights;

impl Weights {
    pub const WORK: f64 = 1.0;
    pub const COAUTHOR: f64 = 1.0;
    pub const ORGANIZATION: f64 = 2.0;
    pub const CATEGORY: f64 = 0.5;
    pub const VENUE: f64 = 0.5;
}

/// What two people share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dim {
    /// Works both are authors of (the two are co-authors).
    Work,
    /// A co-author of both.
    Coauthor,
    /// An arXiv category of a work of each.
    Category,
    /// A venue of a work of each.
    Venue,
    /// A top-level organization each has an appointment or education at.
    Organization,
}

impl Dim {
    fn from_sql(s: &str) -> Dim {
        match s {
            "work" => Dim::Work,
            "coauthor" => Dim::Coauthor,
            "category" => Dim::Category,
            "venue" => Dim::Venue,
            _ => Dim::Organization,
        }
    }

    /// What one unit of this share adds to the score.
    pub fn weight(self) -> f64 {
        match self {
            Dim::Work => Weights::WORK,
            Dim::Coauthor => Weights::COAUTHOR,
            Dim::Category => Weights::CATEGORY,
            Dim::Venue => Weights::VENUE,
            Dim::Organization => Weights::ORGANIZATION,
        }
    }
}

/// One thing shared: its name (the co-author's or organization's name, the
/// category, the venue; none for co-authored works) and a count (the works
/// co-authored; the other person's works at a venue; else 1).
#[derive(Debug, Clone, PartialEq)]
pub struct ShareRow {
    pub dim: Dim,
    pub label: Option<String>,
    pub count: i64,
}

/// A person like the one asked about, with the score and every share.
#[derive(Debug, Clone, PartialEq)]
pub struct SimilarRow {
    pub person: PersonId,
    pub score: f64,
    pub shares: Vec<ShareRow>,
}

/// The `first` people most like `person` (never `person`), highest score
/// first, ties by name; each with what the two share, kind by kind, the
/// items of a kind most works first, then A to Z.
pub fn for_person(conn: &Connection, person: PersonId, first: u32) -> Result<Vec<SimilarRow>> {
    let mut ranked = ranked(conn, person, first)?;
    if !ranked.is_empty() {
        add_shares(conn, person, &mut ranked)?;
    }
    Ok(ranked)
}

const SHARES: &str = include_str!("shares.sql");

const RANK: &str = "
    SELECT s.candidate, sum(s.units * CASE s.dim
            WHEN 'work' THEN :work WHEN 'coauthor' THEN :coauthor
            WHEN 'category' THEN :category WHEN 'venue' THEN :venue
            ELSE :organization END) AS score
    FROM share AS s CROSS JOIN person AS p ON p.id = s.candidate
    GROUP BY s.candidate
    ORDER BY score DESC, p.name COLLATE NOCASE, p.name, s.candidate
    LIMIT :first";

/// Fills in what each ranked candidate shares with `person`.
fn add_shares(conn: &Connection, person: PersonId, ranked: &mut [SimilarRow]) -> Result<()> {
    let ids = id_array(ranked.iter().map(|r| r.person.0));
    let mut stmt = conn.prepare_cached(include_str!("items.sql"))?;
    let rows = stmt.query_map(
        named_params! { ":person": person.0, ":candidates": ids },
        |r| {
            let dim: String = r.get(1)?;
            Ok((
                PersonId(r.get(0)?),
                ShareRow {
                    dim: Dim::from_sql(&dim),
                    label: r.get(2)?,
                    count: r.get(3)?,
                },
            ))
        },
    )?;
    for (who, share) in collect(rows)? {
        if let Some(r) = ranked.iter_mut().find(|r| r.person == who) {
            r.shares.push(share);
        }
    }
    Ok(())
}

/// The `first` candidates by score, without their shares.
fn ranked(conn: &Connection, person: PersonId, first: u32) -> Result<Vec<SimilarRow>> {
    let mut stmt = conn.prepare_cached(&format!("{SHARES} {RANK}"))?;
    let rows = stmt.query_map(
        named_params! {
            ":person": person.0, ":first": first,
            ":work": Weights::WORK, ":coauthor": Weights::COAUTHOR,
            ":category": Weights::CATEGORY, ":venue": Weights::VENUE,
            ":organization": Weights::ORGANIZATION,
        },
        |r| {
            Ok(SimilarRow {
                person: PersonId(r.get(0)?),
                score: r.get(1)?,
                shares: Vec::new(),
            })
        },
    )?;
    collect(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn a_person_without_works_or_places_has_nobody_like_them() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db")).unwrap();
        let rows = store.read(|c| for_person(c, PersonId(1), 5)).unwrap();
        assert!(rows.is_empty());
        let mut someone = vec![SimilarRow {
            person: PersonId(2),
            score: 1.0,
            shares: Vec::new(),
        }];
        store
            .read(|c| add_shares(c, PersonId(1), &mut someone))
            .unwrap();
        assert!(someone[0].shares.is_empty());
    }
}
