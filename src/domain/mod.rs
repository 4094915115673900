//! Plain domain types and their rules: dates of reduced precision, name
//! matching, typed ids, values quoted in messages. No I/O here; every other module uses these.

pub mod date;
pub mod id;
pub mod name;
pub mod quote;
