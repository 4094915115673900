//! SQL for people like a person (`Person.similar`): people who share
//! something with them — co-authored works, co-authors, arXiv categories,
//! venues, organizations — ranked by a weighted sum of what they share
//! (`Weights`), with what they share item by item to explain it. Works
//! count only where the person is an author.
//!
//! Ranking everyone who shares anything reads most of a dense store (a
//! popular category is a tenth of all works, a venue has no index), so
//! the ranking is over a bounded neighbourhood instead (`candidates.sql`,
//! each source an index range under a cap of `Caps`): the person's
//! co-authors, co-authors of their closest co-authors, people at their
//! organizations, authors of recent works in their commonest categories.
//! Each candidate is then scored from the candidate outward
//! (`shares.sql`: their co-authors, newest works and organizations, each
//! looked up in the person's by key), so a ranking costs the caps, not the
//! store. Someone sharing only a venue, or only a rarer category, is not
//! ranked. The reasons of the ranked few are the same shares, read again
//! for those few alone (`items.sql`).

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

/// The bounds of the neighbourhood ranked and of what is read per
/// candidate (see `candidates.sql` and `shares.sql`).
pub struct Caps;

impl Caps {
    /// The person's co-authors sharing most works.
    pub const COAUTHORS: u32 = 100;
    /// Of those, the first whose own co-authors are candidates …
    pub const OF_COAUTHORS: u32 = 10;
    /// … each bringing this many of theirs sharing most works.
    pub const PER_COAUTHOR: u32 = 30;
    /// People at or below the person's top-level organizations.
    pub const COLLEAGUES: u32 = 100;
    /// The person's commonest arXiv categories that bring candidates …
    pub const CATEGORIES: u32 = 3;
    /// … each through its most recently stored works …
    pub const CATEGORY_WORKS: u32 = 50;
    /// … and at most this many of their authors in all.
    pub const CATEGORY_PEOPLE: u32 = 200;
    /// A candidate's newest authored works whose categories and venues count.
    pub const CANDIDATE_WORKS: u32 = 500;
    /// A candidate's co-authors (sharing most works) checked against the
    /// person's.
    pub const CANDIDATE_COAUTHORS: u32 = 200;
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

/// The ranking: the neighbourhood, its shares, the first by score. One
/// text made at compile time, as the statement cache's key.
const RANK_SQL: &str = concat!(
    "WITH RECURSIVE\n",
    include_str!("candidates.sql"),
    include_str!("shares.sql"),
    include_str!("rank.sql")
);

/// The shares of the ranked few (`:candidates`), item by item.
const ITEMS_SQL: &str = concat!(
    "WITH RECURSIVE\ncand(id) AS (SELECT value FROM rarray(:candidates)),\n",
    include_str!("shares.sql"),
    include_str!("items.sql")
);

/// Fills in what each ranked candidate shares with `person`.
fn add_shares(conn: &Connection, person: PersonId, ranked: &mut [SimilarRow]) -> Result<()> {
    let ids = id_array(ranked.iter().map(|r| r.person.0));
    let mut stmt = conn.prepare_cached(ITEMS_SQL)?;
    let rows = stmt.query_map(
        named_params! {
            ":person": person.0, ":candidates": ids,
            ":candidate_works": Caps::CANDIDATE_WORKS,
            ":candidate_coauthors": Caps::CANDIDATE_COAUTHORS,
        },
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
    let mut stmt = conn.prepare_cached(RANK_SQL)?;
    let rows = stmt.query_map(
        named_params! {
            ":person": person.0, ":first": first,
            ":coauthors": Caps::COAUTHORS, ":of_coauthors": Caps::OF_COAUTHORS,
            ":per_coauthor": Caps::PER_COAUTHOR, ":colleagues": Caps::COLLEAGUES,
            ":categories": Caps::CATEGORIES, ":category_works": Caps::CATEGORY_WORKS,
            ":category_people": Caps::CATEGORY_PEOPLE,
            ":candidate_works": Caps::CANDIDATE_WORKS,
            ":candidate_coauthors": Caps::CANDIDATE_COAUTHORS,
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
