//! SQL for works: the display row, ordered authorships, categories, links,
//! notes, listings, filtered and ordered pages, and co-author ranking.

use std::collections::HashMap;

use std::rc::Rc;

use rusqlite::types::Value;
use rusqlite::{named_params, params, params_from_iter, Connection, OptionalExtension, Row, ToSql};

use super::person::LinkRow;
use super::{collect, grouped, id_array};
use crate::domain::id::{PersonId, WorkId};
use crate::Result;

/// A work's display row.
#[derive(Debug, Clone, Default)]
pub struct WorkRow {
    pub id: i64,
    pub title: String,
    pub kind: String,
    pub venue: Option<String>,
    pub year: Option<i32>,
    pub issued: Option<String>,
    pub issued_raw: Option<String>,
    pub volume: Option<String>,
    pub issue: Option<String>,
    pub pages: Option<String>,
    pub r#abstract: Option<String>,
    pub abstract_truncated: bool,
    pub doi: Option<String>,
    pub arxiv_id: Option<String>,
    pub alphabetical: bool,
    pub authors_truncated: bool,
}

const COLUMNS: &str = "w.id, w.title, w.kind, w.venue, w.year, w.issued, w.issued_raw, w.volume, \
     w.issue, w.pages, w.abstract, w.abstract_truncated, w.doi, w.arxiv_id, w.alphabetical, \
     w.authors_truncated";

impl WorkRow {
    fn from_row(r: &Row) -> rusqlite::Result<Self> {
        Ok(WorkRow {
            id: r.get(0)?,
            title: r.get(1)?,
            kind: r.get(2)?,
            venue: r.get(3)?,
            year: r.get(4)?,
            issued: r.get(5)?,
            issued_raw: r.get(6)?,
            volume: r.get(7)?,
            issue: r.get(8)?,
            pages: r.get(9)?,
            r#abstract: r.get(10)?,
            abstract_truncated: r.get(11)?,
            doi: r.get(12)?,
            arxiv_id: r.get(13)?,
            alphabetical: r.get(14)?,
            authors_truncated: r.get(15)?,
        })
    }
}

/// An authorship: position, name as printed, person, equal-contribution mark.
#[derive(Debug, Clone)]
pub struct AuthorshipRow {
    pub position: i64,
    pub name: String,
    pub person_id: PersonId,
    pub equal_contribution: bool,
    pub affiliation: Option<String>,
}

/// How a page of works is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkOrder {
    DateDesc,
    DateAsc,
    YearDesc,
    YearAsc,
    TitleAsc,
}

/// Which works a page holds. Every field narrows the set.
#[derive(Debug, Clone, Default)]
pub struct WorkQuery {
    pub person: Option<PersonId>,
    pub author: Option<PersonId>,
    pub year_from: Option<i32>,
    pub year_to: Option<i32>,
    pub kinds: Vec<String>,
    pub venue: Option<String>,
    pub category: Option<String>,
    /// An FTS5 query over title and abstract.
    pub text: Option<String>,
}

/// A page of works and the total count of the filtered set.
pub fn page(
    conn: &Connection,
    q: &WorkQuery,
    order: WorkOrder,
    offset: usize,
    limit: usize,
) -> Result<(Vec<WorkRow>, i64)> {
    let (filter, args) = where_clause(q);
    let order_sql = match order {
        // `issued` is ISO text and `year` an integer; SQLite sorts all text
        // above all integers, so the year is compared as text too ("2020"
        // sorts before "2020-07", as `PartialDate` does).
        WorkOrder::DateDesc => "coalesce(w.issued, CAST(w.year AS TEXT)) DESC, w.id DESC",
        WorkOrder::DateAsc => {
            "coalesce(w.issued, CAST(w.year AS TEXT)) IS NULL, \
             coalesce(w.issued, CAST(w.year AS TEXT)), w.id"
        }
        WorkOrder::YearDesc => "w.year DESC, w.id DESC",
        WorkOrder::YearAsc => "w.year IS NULL, w.year, w.id",
        WorkOrder::TitleAsc => "w.title COLLATE NOCASE, w.id",
    };
    let total: i64 = conn
        .prepare_cached(&format!("SELECT count(*) FROM work AS w WHERE {filter}"))?
        .query_row(params_from_iter(args.iter()), |r| r.get(0))?;
    let sql = format!(
        "SELECT {COLUMNS} FROM work AS w WHERE {filter} ORDER BY {order_sql} LIMIT {limit} OFFSET {offset}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(args.iter()), WorkRow::from_row)?;
    Ok((collect(rows)?, total))
}

/// `text` as a literal inside a LIKE pattern (escape character `\`).
fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// The SQL condition for a query; values are bound, never formatted in.
fn where_clause(q: &WorkQuery) -> (String, Vec<Box<dyn ToSql>>) {
    let mut parts = vec!["1".to_string()];
    let mut args: Vec<Box<dyn ToSql>> = Vec::new();
    let mut bind = |parts: &mut Vec<String>, sql: &str, v: Box<dyn ToSql>| {
        args.push(v);
        parts.push(sql.replace('?', &format!("?{}", args.len())));
    };
    if let Some(p) = q.person {
        bind(
            &mut parts,
            "(w.id IN (SELECT work_id FROM authorship WHERE person_id = ?)
              OR w.id IN (SELECT work_id FROM work_listing WHERE person_id = ?))",
            Box::new(p.0),
        );
        // The same parameter number serves both placeholders.
    }
    if let Some(a) = q.author {
        bind(
            &mut parts,
            "w.id IN (SELECT work_id FROM authorship WHERE person_id = ?)",
            Box::new(a.0),
        );
    }
    if let Some(y) = q.year_from {
        bind(&mut parts, "w.year >= ?", Box::new(y));
    }
    if let Some(y) = q.year_to {
        bind(&mut parts, "w.year <= ?", Box::new(y));
    }
    if !q.kinds.is_empty() {
        let kinds: Vec<Value> = q.kinds.iter().map(|k| Value::from(k.clone())).collect();
        bind(&mut parts, "w.kind IN rarray(?)", Box::new(Rc::new(kinds)));
    }
    if let Some(v) = &q.venue {
        bind(
            &mut parts,
            "w.venue LIKE '%' || ? || '%' ESCAPE '\\'",
            Box::new(escape_like(v)),
        );
    }
    if let Some(c) = &q.category {
        bind(
            &mut parts,
            "w.id IN (SELECT work_id FROM work_category WHERE category = ?)",
            Box::new(c.clone()),
        );
    }
    if let Some(t) = &q.text {
        bind(
            &mut parts,
            "w.id IN (SELECT entity_id FROM search_index WHERE search_index MATCH ? AND entity = 'work')",
            Box::new(t.clone()),
        );
    }
    (parts.join(" AND "), args)
}

/// Works by id.
pub fn by_ids(conn: &Connection, ids: &[i64]) -> Result<Vec<WorkRow>> {
    let sql = format!("SELECT {COLUMNS} FROM work AS w WHERE w.id IN rarray(?1)");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([id_array(ids.iter().copied())], WorkRow::from_row)?;
    collect(rows)
}

/// Authorships per work, in order.
pub fn authorships_for(conn: &Connection, ids: &[i64]) -> Result<HashMap<i64, Vec<AuthorshipRow>>> {
    grouped(
        conn,
        "SELECT work_id, position, name, person_id, equal_contribution, affiliation FROM authorship
         WHERE work_id IN rarray(?1) ORDER BY work_id, position",
        ids,
        |r| {
            Ok(AuthorshipRow {
                position: r.get(1)?,
                name: r.get(2)?,
                person_id: PersonId(r.get(3)?),
                equal_contribution: r.get(4)?,
                affiliation: r.get(5)?,
            })
        },
    )
}

/// Categories per work.
pub fn categories_for(conn: &Connection, ids: &[i64]) -> Result<HashMap<i64, Vec<String>>> {
    grouped(
        conn,
        "SELECT work_id, category FROM work_category WHERE work_id IN rarray(?1) ORDER BY work_id, category",
        ids,
        |r| r.get(1),
    )
}

/// Notes per work.
pub fn notes_for(conn: &Connection, ids: &[i64]) -> Result<HashMap<i64, Vec<String>>> {
    grouped(
        conn,
        "SELECT work_id, note FROM work_note WHERE work_id IN rarray(?1) ORDER BY work_id, note",
        ids,
        |r| r.get(1),
    )
}

/// Links per work (a link shown without its address has no `url`).
pub fn links_for(conn: &Connection, ids: &[i64]) -> Result<HashMap<i64, Vec<LinkRow>>> {
    grouped(
        conn,
        "SELECT work_id, kind, nullif(url, ''), label FROM work_link WHERE work_id IN rarray(?1)
         ORDER BY work_id, kind, url",
        ids,
        |r| {
            Ok(LinkRow {
                kind: r.get(1)?,
                url: r.get(2)?,
                label: r.get(3)?,
            })
        },
    )
}

/// People who share works with `person`, most shared works first, with the count.
pub fn coauthors(
    conn: &Connection,
    person: PersonId,
    limit: usize,
) -> Result<Vec<(PersonId, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT b.person_id, count(DISTINCT b.work_id) AS shared
         FROM authorship AS a JOIN authorship AS b ON b.work_id = a.work_id
         JOIN person AS p ON p.id = b.person_id
         WHERE a.person_id = ?1 AND b.person_id <> ?1
         GROUP BY b.person_id ORDER BY shared DESC, p.name, p.id LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![person.0, limit as i64], |r| {
        Ok((PersonId(r.get(0)?), r.get(1)?))
    })?;
    collect(rows)
}

// ---- matching and writes, for the import ----

/// The work with this DOI, else this arXiv id, else this normalized title.
pub fn find(
    conn: &Connection,
    doi: Option<&str>,
    arxiv: Option<&str>,
    norm_title: &str,
) -> Result<Option<WorkId>> {
    let one = |sql: &str, v: &str| -> Result<Option<WorkId>> {
        Ok(conn
            .prepare_cached(sql)?
            .query_row([v], |r| Ok(WorkId(r.get(0)?)))
            .optional()?)
    };
    if let Some(d) = doi {
        if let Some(id) = one("SELECT id FROM work WHERE doi = ?1 COLLATE NOCASE", d)? {
            return Ok(Some(id));
        }
    }
    if let Some(a) = arxiv {
        if let Some(id) = one("SELECT id FROM work WHERE arxiv_id = ?1", a)? {
            return Ok(Some(id));
        }
    }
    one(
        "SELECT id FROM work WHERE norm_title = ?1 ORDER BY id LIMIT 1",
        norm_title,
    )
}

/// Inserts a work with the display values the merge chose for it.
pub fn insert_with_values(conn: &Connection, w: &WorkRow, norm_title: &str) -> Result<WorkId> {
    conn.prepare_cached(
        "INSERT INTO work (title, norm_title, kind, venue, year, issued, issued_raw, volume,
             issue, pages, abstract, abstract_truncated, doi, arxiv_id, alphabetical,
             authors_truncated)
         VALUES (:title, :norm, :kind, :venue, :year, :issued, :issued_raw, :volume, :issue,
             :pages, :abstract, :abstract_truncated, :doi, :arxiv, :alphabetical,
             :authors_truncated)",
    )?
    .execute(named_params! {
        ":title": w.title, ":norm": norm_title, ":kind": w.kind, ":venue": w.venue, ":year": w.year,
        ":issued": w.issued, ":issued_raw": w.issued_raw, ":volume": w.volume, ":issue": w.issue,
        ":pages": w.pages, ":abstract": w.r#abstract, ":abstract_truncated": w.abstract_truncated,
        ":doi": w.doi, ":arxiv": w.arxiv_id, ":alphabetical": w.alphabetical,
        ":authors_truncated": w.authors_truncated,
    })?;
    Ok(WorkId(conn.last_insert_rowid()))
}

/// Writes the display values the merge chose.
pub fn set_values(conn: &Connection, w: &WorkRow, norm_title: &str) -> Result<()> {
    conn.prepare_cached(
        "UPDATE work SET title = :title, norm_title = :norm, kind = :kind, venue = :venue,
             year = :year, issued = :issued, issued_raw = :issued_raw, volume = :volume,
             issue = :issue, pages = :pages, abstract = :abstract,
             abstract_truncated = :abstract_truncated, doi = :doi, arxiv_id = :arxiv,
             alphabetical = :alphabetical, authors_truncated = :authors_truncated
         WHERE id = :id",
    )?
    .execute(named_params! {
        ":title": w.title, ":norm": norm_title, ":kind": w.kind, ":venue": w.venue, ":year": w.year,
        ":issued": w.issued, ":issued_raw": w.issued_raw, ":volume": w.volume, ":issue": w.issue,
        ":pages": w.pages, ":abstract": w.r#abstract, ":abstract_truncated": w.abstract_truncated,
        ":doi": w.doi, ":arxiv": w.arxiv_id, ":alphabetical": w.alphabetical,
        ":authors_truncated": w.authors_truncated, ":id": w.id,
    })?;
    Ok(())
}

/// Replaces the author list.
pub fn set_authorships(conn: &Connection, work: WorkId, authors: &[AuthorshipRow]) -> Result<()> {
    conn.prepare_cached("DELETE FROM authorship WHERE work_id = ?1")?
        .execute([work.0])?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO authorship (work_id, position, name, person_id, equal_contribution, affiliation)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for a in authors {
        stmt.execute(params![
            work.0,
            a.position,
            a.name,
            a.person_id.0,
            a.equal_contribution,
            a.affiliation
        ])?;
    }
    Ok(())
}

/// Records a category, link (kind, url or '', label), note, or listing.
pub fn add_category(conn: &Connection, work: WorkId, category: &str) -> Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO work_category (work_id, category) VALUES (?1, ?2)")?
        .execute(params![work.0, category])?;
    Ok(())
}

/// Forgets a work's categories, links and notes, before they are gathered
/// again from the statements of its sources.
pub fn clear_union(conn: &Connection, work: WorkId) -> Result<()> {
    for table in ["work_category", "work_link", "work_note"] {
        conn.prepare_cached(&format!("DELETE FROM {table} WHERE work_id = ?1"))?
            .execute([work.0])?;
    }
    Ok(())
}

/// Records a link; `url` is '' when the source shows none.
pub fn add_link(
    conn: &Connection,
    work: WorkId,
    kind: &str,
    url: &str,
    label: Option<&str>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO work_link (work_id, kind, url, label) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![work.0, kind, url, label])?;
    Ok(())
}

/// Records a note.
pub fn add_note(conn: &Connection, work: WorkId, note: &str) -> Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO work_note (work_id, note) VALUES (?1, ?2)")?
        .execute(params![work.0, note])?;
    Ok(())
}

/// Records that a source lists the work under a person.
pub fn add_listing(conn: &Connection, work: WorkId, person: PersonId) -> Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO work_listing (work_id, person_id) VALUES (?1, ?2)")?
        .execute(params![work.0, person.0])?;
    Ok(())
}
