//! SQL for talks and their presentations (one talk, given several times).

use std::collections::HashMap;

use rusqlite::{named_params, params, Connection};

use super::grouped;
use crate::domain::id::{OrganizationId, PersonId, TalkId};
use crate::Result;

/// A talk row.
#[derive(Debug, Clone)]
pub struct TalkRow {
    pub id: TalkId,
    pub person_id: PersonId,
    pub title: String,
}

/// One giving of a talk.
#[derive(Debug, Clone)]
pub struct PresentationRow {
    pub event: Option<String>,
    pub host_id: Option<OrganizationId>,
    pub location: Option<String>,
    pub date: Option<String>,
    pub date_raw: Option<String>,
    pub r#virtual: bool,
}

/// Talks per person, in the order of their first presentation, newest first.
pub fn for_people(conn: &Connection, ids: &[i64]) -> Result<HashMap<i64, Vec<TalkRow>>> {
    grouped(
        conn,
        "SELECT t.person_id, t.id, t.title FROM talk AS t
         WHERE t.person_id IN rarray(?1)
         ORDER BY (SELECT max(date) FROM presentation WHERE talk_id = t.id) DESC, t.id",
        ids,
        |r| {
            Ok(TalkRow {
                id: TalkId(r.get(1)?),
                person_id: PersonId(r.get(0)?),
                title: r.get(2)?,
            })
        },
    )
}

/// Presentations per talk, chronological.
pub fn presentations_for(
    conn: &Connection,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<PresentationRow>>> {
    grouped(
        conn,
        "SELECT talk_id, event, host_id, location, date, date_raw, virtual FROM presentation
         WHERE talk_id IN rarray(?1) ORDER BY talk_id, date IS NULL, date, id",
        ids,
        |r| {
            Ok(PresentationRow {
                event: r.get(1)?,
                host_id: r.get::<_, Option<i64>>(2)?.map(OrganizationId),
                location: r.get(3)?,
                date: r.get(4)?,
                date_raw: r.get(5)?,
                r#virtual: r.get(6)?,
            })
        },
    )
}

/// Inserts the talk or finds it by `norm_key`.
pub fn upsert(conn: &Connection, person: PersonId, title: &str, norm_key: &str) -> Result<TalkId> {
    let id = conn
        .prepare_cached(
            "INSERT INTO talk (person_id, title, norm_key) VALUES (?1, ?2, ?3)
             ON CONFLICT (norm_key) DO UPDATE SET title = title RETURNING id",
        )?
        .query_row(params![person.0, title, norm_key], |r| r.get(0))?;
    Ok(TalkId(id))
}

/// Records a presentation unless the same one (by `norm_key`) is there.
pub fn add_presentation(
    conn: &Connection,
    talk: TalkId,
    p: &PresentationRow,
    norm_key: &str,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO presentation (talk_id, event, host_id, location, date, date_raw, virtual, norm_key)
         VALUES (:talk, :event, :host, :location, :date, :raw, :virtual, :key)",
    )?
    .execute(named_params! {
        ":talk": talk.0, ":event": p.event, ":host": p.host_id.map(|h| h.0), ":location": p.location,
        ":date": p.date, ":raw": p.date_raw, ":virtual": p.r#virtual, ":key": norm_key,
    })?;
    Ok(())
}

/// Talks by id.
pub fn by_ids(conn: &Connection, ids: &[i64]) -> Result<Vec<TalkRow>> {
    let map = grouped(
        conn,
        "SELECT id, id, person_id, title FROM talk WHERE id IN rarray(?1)",
        ids,
        |r| {
            Ok(TalkRow {
                id: TalkId(r.get(1)?),
                person_id: PersonId(r.get(2)?),
                title: r.get(3)?,
            })
        },
    )?;
    Ok(map.into_values().flatten().collect())
}
