//! Scalars and opaque strings: `PartialDate`, global node ids and cursors.

use async_graphql::{InputValueError, InputValueResult, Scalar, ScalarType, Value, ID};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use crate::domain::date::PartialDate;
use crate::domain::quote::quote;
use crate::store::work::{self, SortKey};
use crate::store::{coauthor, source};
use crate::Error;

/// A date of year, month or day precision, as the `PartialDate` scalar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(pub PartialDate);

/// An ISO 8601 calendar date of reduced precision, as a string: a year
/// (`"2020"`), a month (`"2020-05"`) or a day (`"2020-05-17"`), stated as
/// precisely as the source states it and never padded out. Only these three
/// forms are read and written (no times, no week dates); a month or day
/// that does not exist (`"2019-02-29"`) is `BAD_USER_INPUT`. Dates order by
/// year, then month, then day, a missing part first (`"2020"` <
/// `"2020-01"` < `"2020-01-01"`), which is the strings' own byte order. Where
/// a date is compared with another (a timeline window, `affiliationsAt`), it
/// stands for every day it covers: `"2020-05"` is 1 to 31 May 2020.
//
// `@specifiedBy` points at the W3C profile of ISO 8601: its first three
// levels are exactly these forms (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), and unlike
// ISO's own text it is free to read and has not moved since 1998.
#[Scalar(
    name = "PartialDate",
    specified_by_url = "https://www.w3.org/TR/NOTE-datetime"
)]
impl ScalarType for Date {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(s) => s
                .parse()
                .map(Date)
                .map_err(|e| InputValueError::custom(e.to_string())),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.to_string())
    }
}

/// An object as one source states it, served as the `JSON` scalar.
#[derive(Debug, Clone)]
pub struct SourceFact(pub serde_json::Value);

/// Any JSON value. Vitae serves one kind of value in it, `Statement.fact`:
/// an object (a person, a work, an appointment …) exactly as one source's
/// bundle states it, in the shape of its kind in the bundle format
/// (`docs/bundle.schema.json`): camelCase keys, dates as `PartialDate`
/// strings, `"present"` or `{"raw": "Feb 10"}`, other objects named by the
/// bundle's own keys. That shape is not part of this schema: read the keys
/// you know and keep the rest.
#[Scalar(name = "JSON")]
impl ScalarType for SourceFact {
    fn parse(value: Value) -> InputValueResult<Self> {
        value
            .into_json()
            .map(SourceFact)
            .map_err(InputValueError::custom)
    }

    fn to_value(&self) -> Value {
        async_graphql::to_value(&self.0).unwrap_or_default()
    }
}

/// A stored ISO date as a scalar (stored dates are valid by construction).
pub fn date(text: &Option<String>) -> Option<Date> {
    text.as_deref().and_then(|t| t.parse().ok()).map(Date)
}

/// The global id of a node: type name and row id, base64url-encoded.
pub fn global_id(type_name: &str, id: i64) -> ID {
    ID(URL_SAFE_NO_PAD.encode(format!("{type_name}:{id}")))
}

/// Splits a global id into type name and row id.
pub fn parse_global_id(id: &str) -> Result<(String, i64), Error> {
    let bad = || Error::bad_input("id", format!("`{}` is not a Vitae node id", quote(id)));
    let bytes = URL_SAFE_NO_PAD.decode(id).map_err(|_| bad())?;
    let text = String::from_utf8(bytes).map_err(|_| bad())?;
    let (kind, num) = text.split_once(':').ok_or_else(bad)?;
    Ok((kind.to_string(), num.parse().map_err(|_| bad())?))
}

/// The cursor of the item at `offset` in a connection (`works`, `people`):
/// opaque to clients, and only good for the connection that issued it.
pub fn cursor(connection: &str, offset: usize) -> String {
    URL_SAFE_NO_PAD.encode(format!("{connection}:{offset}"))
}

/// The position of the item a `cursor` of `connection` names (given as
/// the argument `arg`).
pub fn position(connection: &str, arg: &str, cursor: &str) -> Result<usize, Error> {
    let bad = || bad_cursor(arg, cursor, "");
    let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| bad())?;
    let text = String::from_utf8(bytes).map_err(|_| bad())?;
    // Offsets are u32: far beyond any list, and never near an overflow of
    // `n + 1` or of SQLite's signed OFFSET.
    let digits = text
        .strip_prefix(connection)
        .and_then(|t| t.strip_prefix(':'))
        .filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(bad)?;
    let n: u32 = digits.parse().map_err(|_| bad())?;
    Ok(n as usize)
}

/// A keyset cursor: the connection, the order and the keys of the item
/// (its sort keys, then its id), so that the next page starts right after it
/// however the list changed in between (a keyset, not an offset).
fn keyset_cursor(connection: &str, order: &str, keys: &[serde_json::Value]) -> String {
    let json = serde_json::json!([connection, order, keys]);
    URL_SAFE_NO_PAD.encode(json.to_string())
}

/// The keys a `keyset_cursor` of `connection` in `order` holds.
fn parse_keyset_cursor(
    connection: &str,
    order: &str,
    (arg, cursor): (&str, &str),
) -> Result<Vec<serde_json::Value>, Error> {
    let bytes = URL_SAFE_NO_PAD
        .decode(cursor)
        .map_err(|_| bad_cursor(arg, cursor, ""))?;
    let (conn, ord, keys): (String, String, Vec<serde_json::Value>) =
        serde_json::from_slice(&bytes).map_err(|_| bad_cursor(arg, cursor, ""))?;
    if conn != connection {
        return Err(bad_cursor(arg, cursor, ""));
    }
    if ord != order {
        return Err(bad_cursor(
            arg,
            cursor,
            &format!(" in order {order} (it was given in order {ord})"),
        ));
    }
    Ok(keys)
}

fn bad_cursor(arg: &str, cursor: &str, why: &str) -> Error {
    Error::bad_input(
        arg,
        format!(
            "`{}` is not a cursor of this connection{why}",
            quote(cursor)
        ),
    )
}

/// The cursor of a work in a page of `connection` ordered by `order`.
pub fn key_cursor(connection: &str, order: &str, after: &work::After) -> String {
    let key = match &after.key {
        SortKey::Missing => serde_json::Value::Null,
        SortKey::Text(t) => t.as_str().into(),
        SortKey::Int(i) => (*i).into(),
    };
    keyset_cursor(connection, order, &[key, after.id.into()])
}

/// The position a `key_cursor` of `connection` in `order` names.
pub fn parse_key_cursor(
    connection: &str,
    order: &str,
    (arg, cursor): (&str, &str),
) -> Result<work::After, Error> {
    let keys = parse_keyset_cursor(connection, order, (arg, cursor))?;
    let bad = || bad_cursor(arg, cursor, "");
    let [key, id] = keys.as_slice() else {
        return Err(bad());
    };
    let key = match key {
        serde_json::Value::Null => SortKey::Missing,
        serde_json::Value::String(s) => SortKey::Text(s.clone()),
        serde_json::Value::Number(n) => SortKey::Int(n.as_i64().ok_or_else(bad)?),
        _ => return Err(bad()),
    };
    let id = id.as_i64().ok_or_else(bad)?;
    Ok(work::After { key, id })
}

/// The cursor of a fact in a source's list of facts (`order` names the
/// source: a cursor of one source's list is refused on another's).
pub fn fact_cursor(order: &str, after: &source::FactAfter) -> String {
    let keys = [after.rank, after.ordinal, after.id].map(serde_json::Value::from);
    keyset_cursor("facts", order, &keys)
}

/// The place a `fact_cursor` of the list `order` names.
pub fn parse_fact_cursor(
    order: &str,
    (arg, cursor): (&str, &str),
) -> Result<source::FactAfter, Error> {
    let keys = parse_keyset_cursor("facts", order, (arg, cursor))?;
    let n: Vec<i64> = keys.iter().filter_map(serde_json::Value::as_i64).collect();
    match n.as_slice() {
        [rank, ordinal, id] if keys.len() == 3 && (0..7).contains(rank) => Ok(source::FactAfter {
            rank: *rank,
            ordinal: *ordinal,
            id: *id,
        }),
        _ => Err(bad_cursor(arg, cursor, "")),
    }
}

/// The cursor of a co-author in a person's ranking.
pub fn coauthor_cursor(after: &coauthor::After) -> String {
    let keys = [after.shared, after.last_year, after.id].map(serde_json::Value::from);
    keyset_cursor("coauthors", "SHARED_WORKS", &keys)
}

/// The position a `coauthor_cursor` names.
pub fn parse_coauthor_cursor((arg, cursor): (&str, &str)) -> Result<coauthor::After, Error> {
    let keys = parse_keyset_cursor("coauthors", "SHARED_WORKS", (arg, cursor))?;
    let ints: Option<Vec<i64>> = keys.iter().map(serde_json::Value::as_i64).collect();
    match ints.as_deref() {
        Some(&[shared, last_year, id]) => Ok(coauthor::After {
            shared,
            last_year,
            id,
        }),
        _ => Err(bad_cursor(arg, cursor, "")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_cursors_round_trip_and_belong_to_their_order() {
        for key in [
            SortKey::Missing,
            SortKey::Text("2020-07".into()),
            SortKey::Int(2019),
        ] {
            let after = work::After { key, id: 7 };
            let c = key_cursor("works", "DATE_DESC", &after);
            assert_eq!(
                parse_key_cursor("works", "DATE_DESC", ("after", &c)).unwrap(),
                after
            );
            assert!(parse_key_cursor("works", "TITLE_ASC", ("after", &c)).is_err());
            assert!(parse_key_cursor("people", "DATE_DESC", ("after", &c)).is_err());
        }
        for junk in [
            "",
            "bad!",
            &URL_SAFE_NO_PAD.encode("[\"works\",\"DATE_DESC\",[[],1]]"),
            &URL_SAFE_NO_PAD.encode("[\"works\",\"DATE_DESC\",[\"2020\"]]"),
        ] {
            assert!(parse_key_cursor("works", "DATE_DESC", ("after", junk)).is_err());
        }
    }

    #[test]
    fn coauthor_cursors_round_trip_and_belong_to_their_connection() {
        let after = coauthor::After {
            shared: 3,
            last_year: 2021,
            id: 9,
        };
        assert_eq!(
            parse_coauthor_cursor(("after", &coauthor_cursor(&after))).unwrap(),
            after
        );
        let work = work::After {
            key: SortKey::Int(3),
            id: 9,
        };
        assert!(
            parse_coauthor_cursor(("before", &key_cursor("works", "DATE_DESC", &work))).is_err()
        );
        let short = URL_SAFE_NO_PAD.encode("[\"coauthors\",\"SHARED_WORKS\",[3,9]]");
        assert!(parse_coauthor_cursor(("after", &short)).is_err());
    }

    #[test]
    fn global_ids_and_cursors_round_trip() {
        let id = global_id("Person", 42);
        assert_eq!(parse_global_id(&id).unwrap(), ("Person".to_string(), 42));
        assert!(parse_global_id("nope!").is_err());
        assert_eq!(position("works", "after", &cursor("works", 9)).unwrap(), 9);
        assert!(position("works", "after", "bad").is_err());
        assert!(position("people", "before", &cursor("works", 9)).is_err());
        for text in [
            format!("works:{}", u64::MAX),
            "works:+1".into(),
            "works:".into(),
        ] {
            let c = URL_SAFE_NO_PAD.encode(text);
            assert!(position("works", "after", &c).is_err());
        }
    }
}
