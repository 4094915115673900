//! SQL for people: the display row, every form of the name, emails, links,
//! interests and topics.

use std::collections::HashMap;

use rusqlite::{named_params, params, Connection, OptionalExtension, Row};

use super::{collect, grouped, id_array};
use crate::domain::id::PersonId;
use crate::Result;

/// A person's display row.
#[derive(Debug, Clone)]
pub struct PersonRow {
    pub id: PersonId,
    pub slug: String,
    pub name: String,
    pub given: Option<String>,
    pub family: Option<String>,
    pub orcid: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub summary: Option<String>,
}

/// Display values of a person, as the merge chose them.
#[derive(Debug, Clone, Default)]
pub struct PersonValues {
    pub name: String,
    pub given: Option<String>,
    pub family: Option<String>,
    pub orcid: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub summary: Option<String>,
}

const COLUMNS: &str = "id, slug, name, given, family, orcid, address, phone, summary";

impl PersonRow {
    fn from_row(r: &Row) -> rusqlite::Result<Self> {
        Ok(PersonRow {
            id: PersonId(r.get(0)?),
            slug: r.get(1)?,
            name: r.get(2)?,
            given: r.get(3)?,
            family: r.get(4)?,
            orcid: r.get(5)?,
            address: r.get(6)?,
            phone: r.get(7)?,
            summary: r.get(8)?,
        })
    }
}

/// People by id.
pub fn by_ids(conn: &Connection, ids: &[i64]) -> Result<Vec<PersonRow>> {
    let sql = format!("SELECT {COLUMNS} FROM person WHERE id IN rarray(?1)");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([id_array(ids.iter().copied())], PersonRow::from_row)?;
    collect(rows)
}

/// The person with this slug.
pub fn by_slug(conn: &Connection, slug: &str) -> Result<Option<PersonRow>> {
    let sql = format!("SELECT {COLUMNS} FROM person WHERE slug = ?1");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([slug], PersonRow::from_row)
        .optional()?)
}

/// A page of people ordered by name then id, optionally only those whose
/// names match an FTS5 query.
pub fn page(
    conn: &Connection,
    fts: Option<&str>,
    offset: usize,
    limit: usize,
) -> Result<Vec<PersonRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM person WHERE {MATCHING} ORDER BY name, id LIMIT :limit OFFSET :offset"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(
        named_params! { ":fts": fts, ":limit": limit as i64, ":offset": offset as i64 },
        PersonRow::from_row,
    )?;
    collect(rows)
}

/// How many people `page` pages through.
pub fn count(conn: &Connection, fts: Option<&str>) -> Result<i64> {
    Ok(conn
        .prepare_cached(&format!("SELECT count(*) FROM person WHERE {MATCHING}"))?
        .query_row(named_params! { ":fts": fts }, |r| r.get(0))?)
}

/// People whose names match the FTS5 query `:fts`, or everyone when it is null.
const MATCHING: &str = "(:fts IS NULL OR id IN (SELECT entity_id FROM search_index
                        WHERE search_index MATCH :fts AND entity = 'person'))";

/// Aliases (every name form but the display name) per person.
pub fn aliases_for(conn: &Connection, ids: &[i64]) -> Result<HashMap<i64, Vec<String>>> {
    grouped(
        conn,
        "SELECT person_id, name FROM person_name
         WHERE person_id IN rarray(?1) AND is_alias = 1 ORDER BY person_id, name",
        ids,
        |r| r.get(1),
    )
}

/// Emails per person.
pub fn emails_for(conn: &Connection, ids: &[i64]) -> Result<HashMap<i64, Vec<String>>> {
    grouped(
        conn,
        "SELECT person_id, email FROM person_email WHERE person_id IN rarray(?1)
         ORDER BY person_id, email",
        ids,
        |r| r.get(1),
    )
}

/// Research interests (`kind` `interest`) or topics (`topic`) per person, in stated order.
pub fn interests_for(
    conn: &Connection,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<(String, String)>>> {
    grouped(
        conn,
        "SELECT person_id, kind, text FROM person_interest
         WHERE person_id IN rarray(?1) ORDER BY person_id, kind, position",
        ids,
        |r| Ok((r.get(1)?, r.get(2)?)),
    )
}

/// A link: kind, URL, label.
#[derive(Debug, Clone)]
pub struct LinkRow {
    pub kind: String,
    pub url: Option<String>,
    pub label: Option<String>,
}

/// Links per person.
pub fn links_for(conn: &Connection, ids: &[i64]) -> Result<HashMap<i64, Vec<LinkRow>>> {
    grouped(
        conn,
        "SELECT person_id, kind, url, label FROM person_link
         WHERE person_id IN rarray(?1) ORDER BY person_id, kind, url",
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

// ---- matching, for the import ----

/// The person with this ORCID iD.
pub fn find_by_orcid(conn: &Connection, orcid: &str) -> Result<Option<PersonId>> {
    find_one(conn, "SELECT id FROM person WHERE orcid = ?1", orcid)
}

/// The person with this email.
pub fn find_by_email(conn: &Connection, email: &str) -> Result<Option<PersonId>> {
    find_one(
        conn,
        "SELECT person_id FROM person_email WHERE email = ?1",
        email,
    )
}

/// The person with this slug.
pub fn find_by_slug(conn: &Connection, slug: &str) -> Result<Option<PersonId>> {
    find_one(conn, "SELECT id FROM person WHERE slug = ?1", slug)
}

/// People any of whose name forms folds to `norm`, oldest first.
pub fn find_by_name(conn: &Connection, norm: &str) -> Result<Vec<PersonId>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT person_id FROM person_name WHERE norm = ?1 ORDER BY person_id",
    )?;
    let rows = stmt.query_map([norm], |r| Ok(PersonId(r.get(0)?)))?;
    collect(rows)
}

fn find_one(conn: &Connection, sql: &str, value: &str) -> Result<Option<PersonId>> {
    Ok(conn
        .prepare_cached(sql)?
        .query_row([value], |r| Ok(PersonId(r.get(0)?)))
        .optional()?)
}

// ---- writes ----

/// Inserts a person with a slug not yet taken (`base`, `base-2`, …).
pub fn insert(conn: &Connection, base_slug: &str, name: &str) -> Result<PersonId> {
    let mut slug = base_slug.to_string();
    let mut n = 1;
    while find_by_slug(conn, &slug)?.is_some() {
        n += 1;
        slug = format!("{base_slug}-{n}");
    }
    conn.prepare_cached("INSERT INTO person (slug, name) VALUES (?1, ?2)")?
        .execute(params![slug, name])?;
    Ok(PersonId(conn.last_insert_rowid()))
}

/// Writes the display values chosen by the merge.
pub fn set_values(conn: &Connection, id: PersonId, v: &PersonValues) -> Result<()> {
    conn.prepare_cached(
        "UPDATE person SET name = :name, given = :given, family = :family, orcid = :orcid,
             address = :address, phone = :phone, summary = :summary WHERE id = :id",
    )?
    .execute(named_params! {
        ":name": v.name, ":given": v.given, ":family": v.family, ":orcid": v.orcid,
        ":address": v.address, ":phone": v.phone, ":summary": v.summary, ":id": id.0,
    })?;
    // The display name is the one name form that is not an alias.
    conn.prepare_cached("UPDATE person_name SET is_alias = (name <> ?2) WHERE person_id = ?1")?
        .execute(params![id.0, v.name])?;
    Ok(())
}

/// Records a form of the person's name (display name or alias).
pub fn add_name(conn: &Connection, id: PersonId, name: &str, norm: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO person_name (person_id, name, norm, is_alias) VALUES (?1, ?2, ?3, 1)",
    )?
    .execute(params![id.0, name, norm])?;
    Ok(())
}

/// Records an email (ignored when already recorded for this person).
pub fn add_email(conn: &Connection, id: PersonId, email: &str) -> Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO person_email (person_id, email) VALUES (?1, ?2)")?
        .execute(params![id.0, email])?;
    Ok(())
}

/// Records a link.
pub fn add_link(conn: &Connection, id: PersonId, link: &LinkRow) -> Result<()> {
    let Some(url) = &link.url else { return Ok(()) };
    conn.prepare_cached(
        "INSERT OR IGNORE INTO person_link (person_id, kind, url, label) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![id.0, link.kind, url, link.label])?;
    Ok(())
}

/// Appends an interest or topic (`kind`) unless already recorded.
pub fn add_interest(conn: &Connection, id: PersonId, kind: &str, text: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO person_interest (person_id, kind, text, position)
         VALUES (?1, ?2, ?3,
             (SELECT ifnull(max(position), 0) + 1 FROM person_interest WHERE person_id = ?1 AND kind = ?2))",
    )?
    .execute(params![id.0, kind, text])?;
    Ok(())
}
