//! What dashboards chart, computed by the store instead of by a client
//! paging through every work: the facets of a work list (`facet`), a
//! person's figures (`stats`), their co-author graph (`graph`) and the
//! people most like them (`similar`). Each costs a fixed number of
//! statements: `stats` is batched by a loader, the others run one or two
//! statements per field.

pub mod facet;
pub mod graph;
pub mod similar;
pub mod stats;

use crate::Error;

/// The most items an aggregate's `first` may ask for, as for a page.
const MAX_FIRST: i32 = 100;

/// `first` checked to lie in 0..=100.
fn first_in_range(field: &str, first: i32) -> Result<u32, Error> {
    match u32::try_from(first) {
        Ok(n) if first <= MAX_FIRST => Ok(n),
        _ => Err(Error::bad_input(
            field,
            format!("must be between 0 and {MAX_FIRST}, got {first}"),
        )),
    }
}
