//! SQL for organizations: the tree of universities and their units, aliases,
//! and matching by normalized name under a parent.

use std::collections::HashMap;

use rusqlite::{named_params, params, Connection, OptionalExtension, Row};

use super::{collect, grouped, id_array};
use crate::domain::id::OrganizationId;
use crate::Result;

/// An organization row.
#[derive(Debug, Clone)]
pub struct OrganizationRow {
    pub id: OrganizationId,
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub parent_id: Option<OrganizationId>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub country: Option<String>,
    pub url: Option<String>,
}

const COLUMNS: &str = "id, slug, name, kind, parent_id, city, region, country, url";

impl OrganizationRow {
    fn from_row(r: &Row) -> rusqlite::Result<Self> {
        Self::from_row_at(r, 0)
    }

    fn from_row_at(r: &Row, at: usize) -> rusqlite::Result<Self> {
        Ok(OrganizationRow {
            id: OrganizationId(r.get(at)?),
            slug: r.get(at + 1)?,
            name: r.get(at + 2)?,
            kind: r.get(at + 3)?,
            parent_id: r.get::<_, Option<i64>>(at + 4)?.map(OrganizationId),
            city: r.get(at + 5)?,
            region: r.get(at + 6)?,
            country: r.get(at + 7)?,
            url: r.get(at + 8)?,
        })
    }
}

/// Organizations by id.
pub fn by_ids(conn: &Connection, ids: &[i64]) -> Result<Vec<OrganizationRow>> {
    let sql = format!("SELECT {COLUMNS} FROM organization WHERE id IN rarray(?1)");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([id_array(ids.iter().copied())], OrganizationRow::from_row)?;
    collect(rows)
}

/// The organization with this slug.
pub fn by_slug(conn: &Connection, slug: &str) -> Result<Option<OrganizationRow>> {
    let sql = format!("SELECT {COLUMNS} FROM organization WHERE slug = ?1");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([slug], OrganizationRow::from_row)
        .optional()?)
}

/// Direct children per organization, by name.
pub fn children_of(conn: &Connection, ids: &[i64]) -> Result<HashMap<i64, Vec<OrganizationRow>>> {
    let sql = format!(
        "SELECT parent_id, {COLUMNS} FROM organization WHERE parent_id IN rarray(?1) ORDER BY name"
    );
    grouped(conn, &sql, ids, |r| OrganizationRow::from_row_at(r, 1))
}

/// Aliases per organization.
pub fn aliases_for(conn: &Connection, ids: &[i64]) -> Result<HashMap<i64, Vec<String>>> {
    grouped(
        conn,
        "SELECT organization_id, alias FROM organization_alias
         WHERE organization_id IN rarray(?1) ORDER BY alias",
        ids,
        |r| r.get(1),
    )
}

// ---- matching and writes, for the import ----

/// The organization whose name or an alias folds to `norm`, under `parent`.
pub fn find(
    conn: &Connection,
    norm: &str,
    parent: Option<OrganizationId>,
) -> Result<Option<OrganizationId>> {
    Ok(conn
        .prepare_cached(
            "SELECT o.id FROM organization AS o
             WHERE ifnull(o.parent_id, 0) = :parent
               AND (o.norm = :norm OR EXISTS (SELECT 1 FROM organization_alias AS a
                                              WHERE a.organization_id = o.id AND a.norm = :norm))
             ORDER BY o.id LIMIT 1",
        )?
        .query_row(
            named_params! { ":norm": norm, ":parent": parent.map_or(0, |p| p.0) },
            |r| Ok(OrganizationId(r.get(0)?)),
        )
        .optional()?)
}

/// Fields of a new or updated organization.
#[derive(Debug, Clone)]
pub struct OrganizationValues<'a> {
    pub name: &'a str,
    pub norm: &'a str,
    pub kind: &'a str,
    pub parent: Option<OrganizationId>,
    pub city: Option<&'a str>,
    pub region: Option<&'a str>,
    pub country: Option<&'a str>,
    pub url: Option<&'a str>,
}

/// Inserts an organization under a slug not yet taken.
pub fn insert(conn: &Connection, slug: &str, v: &OrganizationValues) -> Result<OrganizationId> {
    let mut candidate = slug.to_string();
    let mut n = 1;
    while conn
        .prepare_cached("SELECT 1 FROM organization WHERE slug = ?1")?
        .exists([&candidate])?
    {
        n += 1;
        candidate = format!("{slug}-{n}");
    }
    conn.prepare_cached(
        "INSERT INTO organization (slug, name, norm, kind, parent_id, city, region, country, url)
         VALUES (:slug, :name, :norm, :kind, :parent, :city, :region, :country, :url)",
    )?
    .execute(named_params! {
        ":slug": candidate, ":name": v.name, ":norm": v.norm, ":kind": v.kind,
        ":parent": v.parent.map(|p| p.0), ":city": v.city, ":region": v.region,
        ":country": v.country, ":url": v.url,
    })?;
    Ok(OrganizationId(conn.last_insert_rowid()))
}

/// Where an organization is, and its URL, as chosen from its sources.
#[derive(Debug, Clone, Default)]
pub struct Place {
    pub city: Option<String>,
    pub region: Option<String>,
    pub country: Option<String>,
    pub url: Option<String>,
}

/// Sets the chosen location and URL.
pub fn set_place(conn: &Connection, id: OrganizationId, p: &Place) -> Result<()> {
    conn.prepare_cached(
        "UPDATE organization SET city = :city, region = :region, country = :country, url = :url
         WHERE id = :id",
    )?
    .execute(named_params! {
        ":city": p.city, ":region": p.region, ":country": p.country, ":url": p.url, ":id": id.0,
    })?;
    Ok(())
}

/// Records an alias unless it is the name itself.
pub fn add_alias(conn: &Connection, id: OrganizationId, alias: &str, norm: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO organization_alias (organization_id, alias, norm)
         SELECT ?1, ?2, ?3 WHERE NOT EXISTS (SELECT 1 FROM organization WHERE id = ?1 AND name = ?2)",
    )?
    .execute(params![id.0, alias, norm])?;
    Ok(())
}
