//! SQL for works: the display row, ordered authorships, categories, links,
//! notes, listings, and filtered and ordered pages (a person's list with how
//! the person stands to each work: author, or only listed under them).

use std::collections::HashMap;

use rusqlite::types::Value;
use rusqlite::{named_params, params, params_from_iter, Connection, OptionalExtension, Row};

use super::person::LinkRow;
use super::{collect, grouped, id_array};
use crate::domain::id::{PersonId, SourceId, WorkId};
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
    /// The sources' author lists disagree beyond what an "et al." leaves out.
    pub authors_disputed: bool,
}

const COLUMNS: &str = "w.id, w.title, w.kind, w.venue, w.year, w.issued, w.issued_raw, w.volume, \
     w.issue, w.pages, w.abstract, w.abstract_truncated, w.doi, w.arxiv_id, w.alphabetical, \
     w.authors_truncated, w.authors_disputed";
/// How many columns `COLUMNS` names; a page reads the relation after them.
const COLUMN_COUNT: usize = 17;

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
            authors_disputed: r.get(16)?,
        })
    }
}

/// How a person stands to a work of their list (`person_work.relation`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// The person is among the work's authors.
    Author,
    /// A source lists the work under the person, and no source names the
    /// person among its authors (or the work's authors are unknown).
    Listed,
}

impl Relation {
    /// The stored code (`migrations/0005_person_work.sql`).
    fn code(self) -> i64 {
        match self {
            Relation::Author => 1,
            Relation::Listed => 2,
        }
    }

    fn from_code(code: Option<i64>) -> Option<Relation> {
        // The column's CHECK allows 1 and 2 only.
        match code? {
            1 => Some(Relation::Author),
            _ => Some(Relation::Listed),
        }
    }
}

/// A work of a page, with how the list's person stands to it (none on a
/// list without a person) and where the list's source places it (none on a
/// list without a source).
#[derive(Debug, Clone)]
pub struct PageRow {
    pub work: WorkRow,
    pub relation: Option<Relation>,
    pub placement: Option<Placement>,
}

/// Where a source places a work: its place in the source's list of works
/// (the document's order), the number the document gives it, its heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    pub ordinal: Option<i64>,
    pub position: Option<i64>,
    pub section: Option<String>,
}

impl PageRow {
    fn from_row(r: &Row, sourced: bool) -> rusqlite::Result<Self> {
        let at = COLUMN_COUNT + 1;
        Ok(PageRow {
            work: WorkRow::from_row(r)?,
            relation: Relation::from_code(r.get(COLUMN_COUNT)?),
            placement: match sourced {
                true => Some(Placement {
                    ordinal: r.get(at)?,
                    position: r.get(at + 1)?,
                    section: r.get(at + 2)?,
                }),
                false => None,
            },
        })
    }

    /// The row's sort key in `order`.
    pub fn key(&self, order: WorkOrder) -> SortKey {
        match order {
            WorkOrder::SourcePosition => self
                .placement
                .as_ref()
                .and_then(|p| p.ordinal)
                .map_or(SortKey::Missing, SortKey::Int),
            _ => order.key_of(&self.work),
        }
    }
}

/// An authorship: position, name as printed, person, equal-contribution mark.
#[derive(Debug, Clone, PartialEq)]
pub struct AuthorshipRow {
    pub position: i64,
    pub name: String,
    pub person_id: PersonId,
    pub equal_contribution: bool,
    pub affiliation: Option<String>,
}

/// How a page of works is ordered. Every order ends in the work id, so it
/// is total, and puts works without the key (no date, no year) last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkOrder {
    DateDesc,
    DateAsc,
    YearDesc,
    YearAsc,
    TitleAsc,
    /// The document's order of the query's source (`WorkQuery::source`).
    SourcePosition,
}

impl WorkOrder {
    fn descending(self) -> bool {
        matches!(self, WorkOrder::DateDesc | WorkOrder::YearDesc)
    }

    /// The sort key of `w` in this order; a source's order is not the
    /// work's own (see `PageRow::key`).
    fn key_of(self, w: &WorkRow) -> SortKey {
        match self {
            // `issued` is ISO text and `year` an integer; the year is
            // compared as text ("2020" sorts before "2020-07", as
            // `PartialDate` does).
            WorkOrder::DateDesc | WorkOrder::DateAsc => w
                .issued
                .clone()
                .or_else(|| w.year.map(|y| y.to_string()))
                .map_or(SortKey::Missing, SortKey::Text),
            WorkOrder::YearDesc | WorkOrder::YearAsc => {
                w.year.map_or(SortKey::Missing, |y| SortKey::Int(y.into()))
            }
            WorkOrder::TitleAsc => SortKey::Text(w.title.clone()),
            WorkOrder::SourcePosition => SortKey::Missing,
        }
    }
}

/// A work's place in an order: its date, year or title, or none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SortKey {
    Missing,
    Text(String),
    Int(i64),
}

impl SortKey {
    fn to_sql(&self) -> Value {
        match self {
            SortKey::Missing => Value::Null,
            SortKey::Text(t) => Value::Text(t.clone()),
            SortKey::Int(i) => Value::Integer(*i),
        }
    }
}

/// Where a page starts: just after the work with this sort key and id (the
/// last of the page before). A keyset, not an offset: a page costs the same
/// however deep it is, and an import between two pages shifts nothing.
#[derive(Debug, Clone, PartialEq)]
pub struct After {
    pub key: SortKey,
    pub id: i64,
}

/// Which works a page holds. Every field narrows the set.
#[derive(Debug, Clone, Default)]
pub struct WorkQuery {
    /// Works the person is an author of or a source lists under them.
    pub person: Option<PersonId>,
    /// Of `person`'s list, only the works in this relation to them; both
    /// relations when none. Ignored without `person`.
    pub relation: Option<Relation>,
    /// Works this person is an author of.
    pub author: Option<PersonId>,
    pub year_from: Option<i32>,
    pub year_to: Option<i32>,
    pub kinds: Vec<String>,
    pub venue: Option<String>,
    pub category: Option<String>,
    /// An FTS5 query over title and abstract.
    pub text: Option<String>,
    /// Works this source states.
    pub source: Option<SourceId>,
}

impl WorkQuery {
    /// Whether a page of this list in `order` reads only the rows it
    /// returns: a person's list with no filter beyond the relation, which
    /// `person_work`'s indexes serve in every order but a source's
    /// (`tests/api/query_plans.rs`). A filter may skip any number of rows.
    pub fn reads_only_its_page(&self, order: WorkOrder) -> bool {
        self.person.is_some()
            && self.author.is_none()
            && order != WorkOrder::SourcePosition
            && self.narrowed_by_people_only()
    }

    /// Whether nothing but people (the list's owner, the author) narrows
    /// the list: no year, kind, venue, category, text or source filter.
    fn narrowed_by_people_only(&self) -> bool {
        self.year_from.is_none()
            && self.year_to.is_none()
            && self.kinds.is_empty()
            && self.venue.is_none()
            && self.category.is_none()
            && self.text.is_none()
            && self.source.is_none()
    }
}

/// A page of `limit` works next to `at` in `order`: after it, or before it
/// when `backward` (then in the reverse of `order`, nearest first), read in
/// index order: a person's list from `person_work`, all works from the
/// order's index on `work`. Works with the order's key come first, then
/// those without it, by id.
pub fn page(
    conn: &Connection,
    q: &WorkQuery,
    order: WorkOrder,
    at: Option<&After>,
    backward: bool,
    limit: usize,
) -> Result<Vec<PageRow>> {
    let Some((sql, args)) = page_sql(q, order, at, backward, limit) else {
        return Ok(Vec::new());
    };
    let sourced = q.source.is_some();
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(args.iter()), |r| {
        PageRow::from_row(r, sourced)
    })?;
    collect(rows)
}

/// How many works `q` selects: from a person's index entries alone when only
/// the person (with or without a relation) or only the author is given.
pub fn count(conn: &Connection, q: &WorkQuery) -> Result<i64> {
    let (sql, args) = count_sql(q);
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(params_from_iter(args.iter()), |r| r.get(0))?)
}

/// The statement of `page` and its arguments; none for a page that is
/// empty whatever the store holds. The list is two runs, the works with the
/// order's key and then those without it; a cursor in one run rules out the
/// run on its other side.
fn page_sql(
    q: &WorkQuery,
    order: WorkOrder,
    at: Option<&After>,
    backward: bool,
    limit: usize,
) -> Option<(String, Vec<Value>)> {
    let scan = Scan::for_query(q, order);
    let (filter, mut args) = where_clause(q, &scan);
    // A backward page reads the index against the order's direction.
    let descending = order.descending() != backward;
    let dir = if descending { "DESC" } else { "ASC" };
    let (cmp, cmp_eq) = if descending { ("<", "<=") } else { (">", ">=") };
    let (key, id, from, relation) = (scan.key, scan.id, &scan.from, scan.relation);
    let placement = match q.source {
        Some(_) => "a.ordinal, a.position, a.section",
        None => "NULL, NULL, NULL",
    };
    let order_by = match scan.tie {
        None => format!("{key} {dir}, {id} {dir}"),
        Some(tie) => format!("{key} {dir}, {tie} {dir}, {id} {dir}"),
    };
    let unkeyed_cursor = at.is_some_and(|a| a.key == SortKey::Missing);
    let keyed = match at {
        // Forward from a work without the key: no keyed work follows it.
        Some(_) if unkeyed_cursor && !backward => None,
        Some(a) if !unkeyed_cursor => {
            args.push(a.key.to_sql());
            args.push(a.id.into());
            let (k, i) = (args.len() - 1, args.len());
            // Past (key, id), or with a prefix key past (prefix, whole, id).
            let seek = match scan.tie {
                None => format!("{key} {cmp_eq} ?{k} AND ({key} {cmp} ?{k} OR {id} {cmp} ?{i})"),
                Some(tie) => {
                    let prefix = format!("substr(?{k}, 1, {TITLE_KEY_CHARS})");
                    format!(
                        "{key} {cmp_eq} {prefix} AND ({key} {cmp} {prefix} OR {tie} {cmp} ?{k} \
                         OR ({tie} = ?{k} AND {id} {cmp} ?{i}))"
                    )
                }
            };
            Some(format!(
                "SELECT {COLUMNS}, {relation}, {placement} FROM {from} WHERE {filter} AND {seek} \
                 ORDER BY {order_by} LIMIT {limit}"
            ))
        }
        // No cursor, or backward from a work without the key: every keyed work.
        _ => Some(format!(
            "SELECT {COLUMNS}, {relation}, {placement} FROM {from} WHERE {filter} AND {key} IS NOT NULL \
             ORDER BY {order_by} LIMIT {limit}"
        )),
    };
    let unkeyed = (order != WorkOrder::TitleAsc).then(|| {
        let seek = match at {
            // Backward from a keyed work: no work without the key precedes it.
            Some(_) if backward && !unkeyed_cursor => return None,
            Some(a) if unkeyed_cursor => {
                args.push(a.id.into());
                format!("AND {id} {cmp} ?{}", args.len())
            }
            _ => String::new(),
        };
        Some(format!(
            "SELECT {COLUMNS}, {relation}, {placement} FROM {from} WHERE {filter} AND {key} IS NULL {seek} \
             ORDER BY {id} {dir} LIMIT {limit}"
        ))
    });
    let unkeyed = unkeyed.flatten();
    let (near, far) = if backward {
        (unkeyed, keyed)
    } else {
        (keyed, unkeyed)
    };
    let sql = match (near, far) {
        (Some(a), Some(b)) => {
            format!("SELECT * FROM ({a}) UNION ALL SELECT * FROM ({b}) LIMIT {limit}")
        }
        (Some(a), None) | (None, Some(a)) => a,
        // A title cursor always has a key: one without names no work.
        (None, None) => return None,
    };
    Some((sql, args))
}

/// The statement of `count` and its arguments.
fn count_sql(q: &WorkQuery) -> (String, Vec<Value>) {
    let s = selection(q);
    (
        format!("SELECT count(*) FROM {} WHERE {}", s.from, s.filter),
        s.args,
    )
}

/// The rows a query selects, for a statement that counts or groups them
/// (`count`, `store::facet`): `from` and `filter` with their arguments.
pub(crate) struct Selection {
    pub from: String,
    pub filter: String,
    pub args: Vec<Value>,
    /// The rows are a person's `person_work` index entries alone (alias
    /// `pw`, no `w`): only the list's owner, or the author, narrows them.
    pub index_only: bool,
    /// The work id column of `from`.
    pub work_id: &'static str,
}

/// The selection of `q`: a person's list reads that person's index entries
/// of `person_work` (alone when nothing but the person narrows it), any
/// other the `work` table.
pub(crate) fn selection(q: &WorkQuery) -> Selection {
    let scan = Scan::for_query(q, WorkOrder::DateDesc);
    let (filter, args) = where_clause(q, &scan);
    // Only the owner of the list (or the author) narrows it.
    let only_person = !(q.person.is_some() && q.author.is_some()) && q.narrowed_by_people_only();
    let index_only = scan.person_list && only_person;
    Selection {
        from: match index_only {
            true => "person_work AS pw".to_string(),
            false => scan.from,
        },
        filter,
        args,
        index_only,
        work_id: scan.id,
    }
}

/// How many characters of a title `person_work.title_key` keeps (as in
/// `migrations/0005_person_work.sql`).
const TITLE_KEY_CHARS: usize = 12;

/// Where a page's rows come from and what it sorts by.
struct Scan {
    from: String,
    key: &'static str,
    /// What orders the rows whose `key` is equal, when the key is a prefix:
    /// SQLite reads the index in `key` order and sorts only those rows.
    tie: Option<&'static str>,
    id: &'static str,
    /// The person's relation to each work read (NULL without a person).
    relation: &'static str,
    /// Reading one person's `person_work` entries.
    person_list: bool,
}

impl Scan {
    fn for_query(q: &WorkQuery, order: WorkOrder) -> Scan {
        let mut scan = Scan::unsourced(q, order);
        if let Some(source) = q.source {
            scan.add_source(source, order, q.person.is_some() || q.author.is_some());
        }
        scan
    }

    /// Narrows the scan to one source's works. In the source's order its
    /// attestations drive, read from `attestation_document_order` (each
    /// joined to its work, and to the person's entry, by primary key);
    /// otherwise each work read is looked up among them. The source id is
    /// an integer, written into the statement.
    fn add_source(&mut self, source: SourceId, order: WorkOrder, person: bool) {
        let on = format!("a.source_id = {} AND a.entity = 'work'", source.0);
        if order != WorkOrder::SourcePosition {
            self.from = format!(
                "{} JOIN attestation AS a ON {on} AND a.entity_id = w.id",
                self.from
            );
            return;
        }
        self.from = match person {
            true => format!(
                "attestation AS a CROSS JOIN person_work AS pw ON pw.work_id = a.entity_id \
                 CROSS JOIN work AS w ON w.id = a.entity_id AND {on}"
            ),
            false => {
                format!("attestation AS a CROSS JOIN work AS w ON w.id = a.entity_id AND {on}")
            }
        };
        self.key = "a.ordinal";
        self.tie = None;
        self.id = "a.entity_id";
    }

    fn unsourced(q: &WorkQuery, order: WorkOrder) -> Scan {
        use WorkOrder::*;
        if q.person.is_some() || q.author.is_some() {
            // CROSS JOIN keeps SQLite from reordering: the person's index
            // entries drive, each joined to its work by primary key.
            return Scan {
                from: "person_work AS pw CROSS JOIN work AS w ON w.id = pw.work_id".into(),
                key: match order {
                    DateDesc | DateAsc | SourcePosition => "pw.date_key",
                    YearDesc | YearAsc => "pw.year",
                    TitleAsc => "pw.title_key",
                },
                tie: (order == TitleAsc).then_some("w.title COLLATE NOCASE"),
                id: "pw.work_id",
                relation: "pw.relation",
                person_list: true,
            };
        }
        Scan {
            from: "work AS w".into(),
            // The very expressions of the indexes `work_date_order`,
            // `work_year_order` and `work_title_order`.
            key: match order {
                DateDesc | DateAsc | SourcePosition => "coalesce(w.issued, CAST(w.year AS TEXT))",
                YearDesc | YearAsc => "w.year",
                TitleAsc => "w.title COLLATE NOCASE",
            },
            tie: None,
            id: "w.id",
            relation: "NULL",
            person_list: false,
        }
    }
}

/// `text` as a literal inside a LIKE pattern (escape character `\`).
fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// The SQL condition for a query; values are bound, never formatted in.
fn where_clause(q: &WorkQuery, scan: &Scan) -> (String, Vec<Value>) {
    let mut parts = vec!["1".to_string()];
    let mut args: Vec<Value> = Vec::new();
    let mut bind = |parts: &mut Vec<String>, sql: &str, v: Value| {
        args.push(v);
        parts.push(sql.replace('?', &format!("?{}", args.len())));
    };
    // The scan's person: the list's owner, or else the author filter's.
    match (q.person, q.author) {
        (Some(p), author) => {
            bind(&mut parts, "pw.person_id = ?", p.0.into());
            // Every index of `person_work` carries the relation: the filter
            // reads the person's index entries, never the table.
            if let Some(r) = q.relation {
                parts.push(format!("pw.relation = {}", r.code()));
            }
            if let Some(a) = author {
                bind(
                    &mut parts,
                    "w.id IN (SELECT work_id FROM authorship WHERE person_id = ?)",
                    a.0.into(),
                );
            }
        }
        (None, Some(a)) if scan.person_list => {
            bind(&mut parts, "pw.person_id = ?", a.0.into());
            parts.push(format!("pw.relation = {}", Relation::Author.code()));
        }
        (None, _) => {}
    }
    if let Some(y) = q.year_from {
        bind(&mut parts, "w.year >= ?", y.into());
    }
    if let Some(y) = q.year_to {
        bind(&mut parts, "w.year <= ?", y.into());
    }
    if !q.kinds.is_empty() {
        // Kinds are a closed enum; as literals they keep the statement's
        // parameters plain values.
        let kinds: Vec<String> = q
            .kinds
            .iter()
            .map(|k| format!("'{}'", k.replace('\'', "''")))
            .collect();
        parts.push(format!("w.kind IN ({})", kinds.join(", ")));
    }
    if let Some(v) = &q.venue {
        bind(
            &mut parts,
            "w.venue LIKE '%' || ? || '%' ESCAPE '\\'",
            escape_like(v).into(),
        );
    }
    if let Some(c) = &q.category {
        bind(
            &mut parts,
            "w.id IN (SELECT work_id FROM work_category WHERE category = ?)",
            c.clone().into(),
        );
    }
    if let Some(t) = &q.text {
        bind(
            &mut parts,
            "w.id IN (SELECT entity_id FROM search_index WHERE search_index MATCH ? AND entity = 'work')",
            t.clone().into(),
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

// ---- matching and writes, for the import ----

/// A work by any version of an arXiv id: the id without a version, or
/// with any (`2101.00001`, `2101.00001v3`); the oldest when several. Two
/// searches of the unique index (an `OR` of them scans the table).
const BY_ARXIV_PAPER: &str = "
    SELECT min(id) FROM (
        SELECT id FROM work WHERE arxiv_id = :base
        UNION ALL
        SELECT id FROM work WHERE arxiv_id > :base || 'v' AND arxiv_id < :base || 'w')";

/// The work with this DOI, else this arXiv id (the same version, else any
/// version of the paper: arXiv feeds give versions, CVs seldom do), else
/// this normalized title.
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
        let id: Option<i64> = conn
            .prepare_cached(BY_ARXIV_PAPER)?
            .query_row(named_params! { ":base": arxiv_base(a) }, |r| r.get(0))?;
        if let Some(id) = id {
            return Ok(Some(WorkId(id)));
        }
    }
    one(
        "SELECT id FROM work WHERE norm_title = ?1 ORDER BY id LIMIT 1",
        norm_title,
    )
}

/// An arXiv id without its version (`2101.00001v2` → `2101.00001`).
fn arxiv_base(id: &str) -> &str {
    match id.rsplit_once('v') {
        Some((base, v)) if !v.is_empty() && v.bytes().all(|c| c.is_ascii_digit()) => base,
        _ => id,
    }
}

/// Inserts a work with the display values the merge chose for it.
pub fn insert_with_values(conn: &Connection, w: &WorkRow, norm_title: &str) -> Result<WorkId> {
    conn.prepare_cached(
        "INSERT INTO work (title, norm_title, kind, venue, year, issued, issued_raw, volume,
             issue, pages, abstract, abstract_truncated, doi, arxiv_id, alphabetical,
             authors_truncated, authors_disputed)
         VALUES (:title, :norm, :kind, :venue, :year, :issued, :issued_raw, :volume, :issue,
             :pages, :abstract, :abstract_truncated, :doi, :arxiv, :alphabetical,
             :authors_truncated, :authors_disputed)",
    )?
    .execute(named_params! {
        ":title": w.title, ":norm": norm_title, ":kind": w.kind, ":venue": w.venue, ":year": w.year,
        ":issued": w.issued, ":issued_raw": w.issued_raw, ":volume": w.volume, ":issue": w.issue,
        ":pages": w.pages, ":abstract": w.r#abstract, ":abstract_truncated": w.abstract_truncated,
        ":doi": w.doi, ":arxiv": w.arxiv_id, ":alphabetical": w.alphabetical,
        ":authors_truncated": w.authors_truncated, ":authors_disputed": w.authors_disputed,
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
             alphabetical = :alphabetical, authors_truncated = :authors_truncated,
             authors_disputed = :authors_disputed
         WHERE id = :id",
    )?
    .execute(named_params! {
        ":title": w.title, ":norm": norm_title, ":kind": w.kind, ":venue": w.venue, ":year": w.year,
        ":issued": w.issued, ":issued_raw": w.issued_raw, ":volume": w.volume, ":issue": w.issue,
        ":pages": w.pages, ":abstract": w.r#abstract, ":abstract_truncated": w.abstract_truncated,
        ":doi": w.doi, ":arxiv": w.arxiv_id, ":alphabetical": w.alphabetical,
        ":authors_truncated": w.authors_truncated, ":authors_disputed": w.authors_disputed,
        ":id": w.id,
    })?;
    Ok(())
}

/// Replaces the author list, unless it is the one stored: a re-import
/// rewrites every work it touches, and each authorship written runs the
/// triggers of `person_work` and `coauthorship`.
pub fn set_authorships(conn: &Connection, work: WorkId, authors: &[AuthorshipRow]) -> Result<()> {
    let stored = authorships_for(conn, &[work.0])?.remove(&work.0);
    if stored.as_deref().unwrap_or_default() == authors {
        return Ok(());
    }
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

/// The works a migration queued to have their display values chosen again
/// (`work_to_remerge`, 0009), at most `limit` of them.
pub fn queued_for_remerge(conn: &Connection, limit: usize) -> Result<Vec<WorkId>> {
    let mut stmt =
        conn.prepare_cached("SELECT work_id FROM work_to_remerge ORDER BY work_id LIMIT ?1")?;
    let rows = stmt.query_map([limit as i64], |r| Ok(WorkId(r.get(0)?)))?;
    collect(rows)
}

/// Takes a work off the remerge queue.
pub fn remerged(conn: &Connection, id: WorkId) -> Result<()> {
    conn.prepare_cached("DELETE FROM work_to_remerge WHERE work_id = ?1")?
        .execute([id.0])?;
    Ok(())
}
