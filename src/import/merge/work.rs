//! Works: matched by DOI, then arXiv id (any version of it), then folded
//! title; each source's statement keeps its author list resolved to
//! people, and the display values, author list, categories, links and
//! notes are chosen again from all statements. Apart because a work is
//! the one fact with its own per-field precedence (bibliographic versus
//! publication fields).

use std::collections::HashSet;

use rusqlite::Connection;

use super::authors::{self, Printed};
use super::person::person_for_name;
use super::rank::{rank, Fields};
use super::{date_parts, json, Ids};
use crate::domain::id::{PersonId, SourceId, WorkId};
use crate::domain::name::normalize;
use crate::import::bundle::{self, Bundle};
use crate::store::source::Placement;
use crate::store::{person, source, work};
use crate::{Error, Result};

/// What a source says of a work, with its author list resolved to people.
#[derive(serde::Serialize, serde::Deserialize)]
struct WorkStatement {
    work: bundle::Work,
    author_ids: Vec<i64>,
}

/// A `WorkStatement` written straight from the bundle, without a copy,
/// with the person the work is listed under (`listedUnder`) resolved too,
/// for `Work.statedBy` (absent in statements stored before it was kept).
#[derive(serde::Serialize)]
struct WorkStatementRef<'a> {
    work: &'a bundle::Work,
    author_ids: &'a [i64],
    #[serde(skip_serializing_if = "Option::is_none")]
    listed_under_id: Option<i64>,
}

/// One source's statement of a work, with the source's kind and key.
struct Stated<'a> {
    kind: &'a str,
    key: &'a str,
    work: &'a bundle::Work,
    author_ids: &'a [i64],
}

pub(super) fn merge_works(
    conn: &Connection,
    b: &Bundle,
    src: SourceId,
    ids: &mut Ids,
) -> Result<()> {
    // Name forms already recorded in this merge: most authors sign many works.
    let mut named: HashSet<(i64, &str)> = HashSet::new();
    for (i, w) in b.works.iter().enumerate() {
        let norm_title = normalize(&w.title);
        let found = work::find(conn, w.doi.as_deref(), w.arxiv_id.as_deref(), &norm_title)?;
        let mut author_ids = Vec::with_capacity(w.authors.len());
        for a in &w.authors {
            let pid = match &a.person {
                Some(k) => {
                    // The name as printed is one of the person's names.
                    let pid = ids.people[k];
                    if named.insert((pid.0, a.name.as_str())) {
                        person::add_name(conn, pid, &a.name, &normalize(&a.name))?;
                    }
                    pid
                }
                None => person_for_name(conn, src, &a.name)?,
            };
            author_ids.push(pid.0);
        }
        let statement = Stated {
            kind: &b.source.kind,
            key: &b.source.key,
            work: w,
            author_ids: &author_ids,
        };
        let id = match found {
            Some(id) => id,
            // A new work has this one statement: its values are written
            // with the row, and there is nothing older to replace.
            None => insert_work(conn, &statement)?,
        };
        let listed_under = w.listed_under.as_ref().map(|k| ids.people[k]);
        if let Some(pid) = listed_under {
            work::add_listing(conn, id, pid)?;
        }
        let data = WorkStatementRef {
            work: w,
            author_ids: &author_ids,
            listed_under_id: listed_under.map(|p| p.0),
        };
        let at = Placement::at(i, w.position, w.section.as_deref());
        source::attest(conn, src, "work", id.0, &json(&data)?, at)?;
        if found.is_some() {
            recompute_work(conn, id)?;
        }
        ids.works.insert(w.key.clone(), id);
    }
    Ok(())
}

/// Chooses a work's display values and author list from every statement.
pub(super) fn recompute_work(conn: &Connection, id: WorkId) -> Result<()> {
    let mut stated: Vec<(String, String, WorkStatement)> = Vec::new();
    for (kind, key, data) in source::statements(conn, "work", id.0)? {
        stated.push((
            kind,
            key,
            serde_json::from_str(&data).map_err(Error::internal)?,
        ));
    }
    let stated: Vec<Stated> = stated
        .iter()
        .map(|(kind, key, s)| Stated {
            kind,
            key,
            work: &s.work,
            author_ids: &s.author_ids,
        })
        .collect();
    let Some((row, authors)) = choose(&stated) else {
        return Ok(());
    };
    let row = work::WorkRow { id: id.0, ..row };
    work::set_values(conn, &row, &normalize(&row.title))?;
    work::set_authorships(conn, id, &authors)?;
    // Categories, links and notes: the union of what the sources state now.
    work::clear_union(conn, id)?;
    add_union(conn, id, &stated)
}

/// Inserts a work that only `statement` states, with its values.
fn insert_work(conn: &Connection, statement: &Stated) -> Result<WorkId> {
    let stated = std::slice::from_ref(statement);
    let (row, authors) = choose(stated).expect("one statement always gives values");
    let id = work::insert_with_values(conn, &row, &normalize(&row.title))?;
    work::set_authorships(conn, id, &authors)?;
    add_union(conn, id, stated)?;
    Ok(id)
}

/// The display values (`id` left 0) and author list the statements give,
/// each field by its precedence; `None` when there is no statement.
fn choose(stated: &[Stated]) -> Option<(work::WorkRow, Vec<work::AuthorshipRow>)> {
    let by = |fields: Fields| {
        let mut v: Vec<&Stated> = stated.iter().collect();
        v.sort_by(|a, b| {
            rank(b.kind, fields)
                .cmp(&rank(a.kind, fields))
                .then_with(|| a.key.cmp(b.key))
        });
        v
    };
    let (biblio, publ) = (by(Fields::Bibliographic), by(Fields::Publication));
    let top = biblio.first()?;
    let first = |list: &[&Stated], f: &dyn Fn(&bundle::Work) -> Option<String>| {
        list.iter().find_map(|s| f(s.work))
    };
    // A whole abstract beats a cut one, whatever the source.
    let abstract_of = |cut: bool| {
        biblio
            .iter()
            .find(|s| s.work.r#abstract.is_some() && s.work.abstract_truncated == cut)
    };
    let abs = abstract_of(false)
        .or_else(|| abstract_of(true))
        .map(|s| s.work);
    let dated = biblio
        .iter()
        .find(|s| s.work.date.is_some())
        .map(|s| date_parts(&s.work.date));
    let (issued, issued_raw) = dated.unwrap_or((None, None));
    let year = publ.iter().find_map(|s| s.work.year).or_else(|| {
        issued
            .as_deref()
            .and_then(|d| d.get(..4))
            .and_then(|y| y.parse().ok())
    });
    let printed: Vec<Printed> = publ
        .iter()
        .map(|s| Printed {
            people: s.author_ids,
            truncated: s.work.authors_truncated,
        })
        .collect();
    let authors = authors::choose(&printed);
    let row = work::WorkRow {
        id: 0,
        title: top.work.title.clone(),
        kind: publ
            .first()
            .map_or(top.work.kind.clone(), |s| s.work.kind.clone()),
        venue: first(&publ, &|w| w.venue.clone()),
        year,
        issued,
        issued_raw,
        volume: first(&publ, &|w| w.volume.clone()),
        issue: first(&publ, &|w| w.issue.clone()),
        pages: first(&publ, &|w| w.pages.clone()),
        r#abstract: abs.and_then(|w| w.r#abstract.clone()),
        abstract_truncated: abs.is_some_and(|w| w.abstract_truncated),
        doi: first(&biblio, &|w| w.doi.clone()),
        arxiv_id: first(&biblio, &|w| w.arxiv_id.clone()),
        alphabetical: stated.iter().any(|s| s.work.alphabetical),
        authors_truncated: authors.as_ref().is_some_and(|c| c.truncated),
        authors_disputed: authors.as_ref().is_some_and(|c| c.disputed),
    };
    let list = authors.map_or_else(Vec::new, |c| {
        c.places
            .iter()
            .enumerate()
            .map(|(i, &(l, m))| {
                let (s, a) = (publ[l], &publ[l].work.authors[m]);
                work::AuthorshipRow {
                    position: i as i64 + 1,
                    name: a.name.clone(),
                    person_id: PersonId(s.author_ids[m]),
                    equal_contribution: a.equal,
                    affiliation: a.affiliation.clone(),
                }
            })
            .collect()
    });
    Some((row, list))
}

/// Records the categories, links and notes of every statement.
fn add_union(conn: &Connection, id: WorkId, stated: &[Stated]) -> Result<()> {
    for s in stated {
        for c in &s.work.categories {
            work::add_category(conn, id, c)?;
        }
        for l in &s.work.links {
            let url = l.url.as_deref().unwrap_or("");
            work::add_link(conn, id, &l.kind, url, l.label.as_deref())?;
        }
        for n in &s.work.notes {
            work::add_note(conn, id, n)?;
        }
    }
    Ok(())
}
