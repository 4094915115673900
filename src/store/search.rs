//! Full-text search (SQLite FTS5, bm25 ranking, diacritics folded) over
//! people, organizations and works.

use rusqlite::Connection;
use unicode_normalization::UnicodeNormalization;

use super::collect;
use crate::Result;

/// A search hit: entity kind (`person`, `organization`, `work`), id, score
/// (bm25: lower is better).
#[derive(Debug, Clone)]
pub struct Hit {
    pub entity: String,
    pub id: i64,
    pub score: f64,
}

/// Rebuilds the whole index from the tables; run inside the import transaction.
pub fn rebuild(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "DELETE FROM search_index;
         INSERT INTO search_index (entity, entity_id, name, body)
             SELECT 'person', p.id, p.name,
                    ifnull((SELECT group_concat(name, ' ') FROM person_name WHERE person_id = p.id), '')
             FROM person AS p;
         INSERT INTO search_index (entity, entity_id, name, body)
             SELECT 'organization', o.id, o.name,
                    ifnull((SELECT group_concat(alias, ' ') FROM organization_alias WHERE organization_id = o.id), '')
             FROM organization AS o;
         INSERT INTO search_index (entity, entity_id, name, body)
             SELECT 'work', w.id, w.title, ifnull(w.abstract, '') FROM work AS w;",
    )?;
    Ok(())
}

/// Turns user text into an FTS5 query: each word a quoted prefix term, so
/// "gurs lei" finds "Gürsoy" and "Lei"; operators in the text mean nothing.
/// The text is composed (NFC) first, so that a decomposed "u" + U+0308 is the
/// one letter "ü" that the index folds, not a word break. `None` when the
/// text has no word.
pub fn to_fts_query(text: &str) -> Option<String> {
    let text: String = text.nfc().collect();
    let terms: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// The hits for an FTS5 query from the `offset`-th best on, at most
/// `limit` of them, names weighted above bodies. FTS5 ranks every match to
/// order them, so a page costs what the matches cost, whatever its offset.
pub fn query(conn: &Connection, fts: &str, offset: usize, limit: usize) -> Result<Vec<Hit>> {
    let mut stmt = conn.prepare_cached(
        "SELECT entity, entity_id, bm25(search_index, 0.0, 0.0, 10.0, 1.0) AS score
         FROM search_index WHERE search_index MATCH ?1 ORDER BY score, entity, entity_id
         LIMIT ?2 OFFSET ?3",
    )?;
    let rows = stmt.query_map(rusqlite::params![fts, limit as i64, offset as i64], |r| {
        Ok(Hit {
            entity: r.get(0)?,
            id: r.get(1)?,
            score: r.get(2)?,
        })
    })?;
    collect(rows)
}

/// How many hits an FTS5 query has.
pub fn count(conn: &Connection, fts: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM search_index WHERE search_index MATCH ?1")?
        .query_row([fts], |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_becomes_quoted_prefix_terms() {
        assert_eq!(
            to_fts_query("gurs lei").as_deref(),
            Some("\"gurs\"* \"lei\"*")
        );
        assert_eq!(
            to_fts_query("a OR \"b\"").as_deref(),
            Some("\"a\"* \"OR\"* \"b\"*")
        );
        assert_eq!(to_fts_query("  ?? "), None);
    }
}
