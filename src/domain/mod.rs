//! Plain domain types and their rules: dates of reduced precision, name
//! matching, typed ids, metric values read as numbers, values quoted in messages. No I/O here; every other module uses these.

pub mod date;
pub mod id;
pub mod metric;
pub mod name;
pub mod quote;
