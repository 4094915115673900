//! Scalars and opaque strings: `PartialDate`, global node ids and cursors.

use async_graphql::{InputValueError, InputValueResult, Scalar, ScalarType, Value, ID};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use crate::domain::date::PartialDate;
use crate::Error;

/// An ISO 8601 date of year, month or day precision: "2020", "2020-07" or
/// "2020-07-15". Coarser dates sort before finer ones within them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(pub PartialDate);

#[Scalar(name = "PartialDate")]
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
    let bad = || Error::bad_input("id", format!("`{id}` is not a Vitae node id"));
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

/// The offset after `after` (0 when absent), a cursor of `connection`.
pub fn offset_after(connection: &str, after: Option<&str>) -> Result<usize, Error> {
    let Some(after) = after else { return Ok(0) };
    let bad = || {
        Error::bad_input(
            "after",
            format!("`{after}` is not a cursor of this connection"),
        )
    };
    let bytes = URL_SAFE_NO_PAD.decode(after).map_err(|_| bad())?;
    let text = String::from_utf8(bytes).map_err(|_| bad())?;
    // Offsets are u32: far beyond any list, and never near an overflow of
    // `n + 1` or of SQLite's signed OFFSET.
    let digits = text
        .strip_prefix(connection)
        .and_then(|t| t.strip_prefix(':'))
        .filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(bad)?;
    let n: u32 = digits.parse().map_err(|_| bad())?;
    Ok(n as usize + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn global_ids_and_cursors_round_trip() {
        let id = global_id("Person", 42);
        assert_eq!(parse_global_id(&id).unwrap(), ("Person".to_string(), 42));
        assert!(parse_global_id("nope!").is_err());
        assert_eq!(
            offset_after("works", Some(&cursor("works", 9))).unwrap(),
            10
        );
        assert_eq!(offset_after("works", None).unwrap(), 0);
        assert!(offset_after("works", Some("bad")).is_err());
        assert!(offset_after("people", Some(&cursor("works", 9))).is_err());
        for text in [
            format!("works:{}", u64::MAX),
            "works:+1".into(),
            "works:".into(),
        ] {
            let c = URL_SAFE_NO_PAD.encode(text);
            assert!(offset_after("works", Some(&c)).is_err());
        }
    }
}
