//! SQL for grants, fellowships, awards, prizes and honours (table `award`,
//! since GRANT is reserved in SQL).

use std::collections::HashMap;

use rusqlite::{named_params, Connection, Row};

use super::grouped;
use crate::domain::id::{AwardId, OrganizationId, PersonId};
use crate::Result;

/// A grant or award row. `amount` is a decimal string.
#[derive(Debug, Clone)]
pub struct AwardRow {
    pub id: AwardId,
    pub person_id: PersonId,
    pub title: String,
    pub kind: String,
    pub project: Option<String>,
    pub funder_id: Option<OrganizationId>,
    pub award_number: Option<String>,
    pub amount: Option<String>,
    pub currency: Option<String>,
    pub amount_text: Option<String>,
    pub role: Option<String>,
    pub start_date: Option<String>,
    /// The start as printed when it has no year ("Spring").
    pub start_raw: Option<String>,
    pub end_date: Option<String>,
    /// The end as printed when it has no year.
    pub end_raw: Option<String>,
}

impl AwardRow {
    fn from_row(r: &Row) -> rusqlite::Result<Self> {
        Ok(AwardRow {
            id: AwardId(r.get(1)?),
            person_id: PersonId(r.get(2)?),
            title: r.get(3)?,
            kind: r.get(4)?,
            project: r.get(5)?,
            funder_id: r.get::<_, Option<i64>>(6)?.map(OrganizationId),
            award_number: r.get(7)?,
            amount: r.get(8)?,
            currency: r.get(9)?,
            amount_text: r.get(10)?,
            role: r.get(11)?,
            start_date: r.get(12)?,
            end_date: r.get(13)?,
            start_raw: r.get(14)?,
            end_raw: r.get(15)?,
        })
    }
}

/// Grants and awards per person, newest first.
pub fn for_people(conn: &Connection, ids: &[i64]) -> Result<HashMap<i64, Vec<AwardRow>>> {
    grouped(
        conn,
        "SELECT person_id, id, person_id, title, kind, project, funder_id, award_number, amount,
                currency, amount_text, role, start_date, end_date, start_raw, end_raw
         FROM award WHERE person_id IN rarray(?1)
         ORDER BY start_date IS NULL, start_date DESC, id",
        ids,
        AwardRow::from_row,
    )
}

/// Inserts the award or finds it by `norm_key`, filling empty fields (a raw
/// date only where the row has no date).
pub fn upsert(conn: &Connection, a: &AwardRow, norm_key: &str) -> Result<AwardId> {
    let id = conn
        .prepare_cached(
            "INSERT INTO award (person_id, title, kind, project, funder_id, award_number, amount,
                 currency, amount_text, role, start_date, start_raw, end_date, end_raw, norm_key)
             VALUES (:person, :title, :kind, :project, :funder, :number, :amount, :currency,
                 :amount_text, :role, :start, :start_raw, :end, :end_raw, :key)
             ON CONFLICT (norm_key) DO UPDATE SET
                 project = ifnull(project, excluded.project),
                 funder_id = ifnull(funder_id, excluded.funder_id),
                 award_number = ifnull(award_number, excluded.award_number),
                 amount = ifnull(amount, excluded.amount),
                 currency = ifnull(currency, excluded.currency),
                 amount_text = ifnull(amount_text, excluded.amount_text),
                 role = ifnull(role, excluded.role),
                 end_date = ifnull(end_date, excluded.end_date),
                 start_raw = CASE WHEN start_date IS NULL THEN ifnull(start_raw, excluded.start_raw) ELSE start_raw END,
                 end_raw = CASE WHEN end_date IS NULL THEN ifnull(end_raw, excluded.end_raw) ELSE end_raw END
             RETURNING id",
        )?
        .query_row(
            named_params! {
                ":person": a.person_id.0, ":title": a.title, ":kind": a.kind, ":project": a.project,
                ":funder": a.funder_id.map(|f| f.0), ":number": a.award_number, ":amount": a.amount,
                ":currency": a.currency, ":amount_text": a.amount_text, ":role": a.role,
                ":start": a.start_date, ":start_raw": a.start_raw, ":end": a.end_date,
                ":end_raw": a.end_raw, ":key": norm_key,
            },
            |r| r.get(0),
        )?;
    Ok(AwardId(id))
}

/// Rows by id.
pub fn by_ids(conn: &Connection, ids: &[i64]) -> Result<Vec<AwardRow>> {
    let map = grouped(
        conn,
        "SELECT id, id, person_id, title, kind, project, funder_id, award_number, amount,
                currency, amount_text, role, start_date, end_date, start_raw, end_raw
         FROM award WHERE id IN rarray(?1)",
        ids,
        AwardRow::from_row,
    )?;
    Ok(map.into_values().flatten().collect())
}
