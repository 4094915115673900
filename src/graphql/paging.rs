//! Relay pagination arguments, read the same way for every connection: a
//! page goes forward (`first` items after the cursor `after`) or backward
//! (`last` items before the cursor `before`), never both at once, as
//! Apollo's and Relay's pagination helpers send them. Keyset connections
//! read backward pages in the reverse of their order and turn them round;
//! position-paged ones (`people`, `search`) count back from the cursor.

use async_graphql::Context;

use super::error::GqlResult;
use super::{limits, scalars};
use crate::Error;

/// A page request: its size, its direction and the cursor it starts from.
#[derive(Debug, Clone)]
pub struct Page {
    /// How many items the page holds at most.
    pub size: usize,
    /// Whether the page ends at `cursor` (`last`/`before`) rather than
    /// starting after it (`first`/`after`).
    pub backward: bool,
    cursor: Option<String>,
}

impl Page {
    /// Reads the four Relay arguments; `default` items when no size is
    /// given.
    pub fn read(
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> async_graphql::Result<Page> {
        let mixed = |arg: &str, why: &str| Err(Error::bad_input(arg, why)).gql();
        if first.is_some() && last.is_some() {
            return mixed(
                "last",
                "cannot be given with `first`: page forward with `first` and `after`, \
                 or backward with `last` and `before`",
            );
        }
        if after.is_some() && before.is_some() {
            return mixed(
                "before",
                "cannot be given with `after`: page forward from `after` or backward from `before`",
            );
        }
        if first.is_some() && before.is_some() {
            return mixed("before", "pages backward: give it with `last`, not `first`");
        }
        if last.is_some() && after.is_some() {
            return mixed("after", "pages forward: give it with `first`, not `last`");
        }
        let backward = last.is_some() || before.is_some();
        let (arg, n) = if backward {
            ("last", last)
        } else {
            ("first", first)
        };
        Ok(Page {
            size: size(ctx, arg, n, 20)?,
            backward,
            cursor: if backward { before } else { after },
        })
    }

    /// The cursor the page starts from, with the argument that gave it
    /// (`after` or `before`), for error messages.
    pub fn cursor(&self) -> Option<(&'static str, &str)> {
        let arg = if self.backward { "before" } else { "after" };
        self.cursor.as_deref().map(|c| (arg, c))
    }

    /// For a connection paged by position: the position the cursor names.
    pub fn position(&self, connection: &str) -> async_graphql::Result<Option<usize>> {
        self.cursor()
            .map(|(arg, c)| scalars::position(connection, arg, c))
            .transpose()
            .gql()
    }

    /// Turns the rows of a keyset read — up to `size + 1` of them, in the
    /// direction of the page, the extra one saying that more lie beyond —
    /// into the page in the connection's order, with whether items come
    /// before and after it.
    pub fn finish<T>(&self, mut rows: Vec<T>) -> (Vec<T>, bool, bool) {
        let beyond = rows.len() > self.size;
        rows.truncate(self.size);
        let from_cursor = self.cursor.is_some();
        if self.backward {
            rows.reverse();
            (rows, beyond, from_cursor)
        } else {
            (rows, from_cursor, beyond)
        }
    }

    /// For a connection paged by position: the offset and length of the
    /// page in a list of `total` items, given the position the cursor
    /// names (from `position`).
    pub fn window(&self, position: Option<usize>, total: usize) -> (usize, usize) {
        if self.backward {
            let end = position.map_or(total, |p| p.min(total));
            let start = end.saturating_sub(self.size);
            (start, end - start)
        } else {
            let start = position.map_or(0, |p| p + 1);
            (start, self.size)
        }
    }
}

/// Checks a page size argument (`first` or `last`) against the limit;
/// `default` when absent.
pub(crate) fn size(
    ctx: &Context<'_>,
    arg: &str,
    n: Option<i32>,
    default: usize,
) -> async_graphql::Result<usize> {
    let max = limits(ctx).max_first;
    match n {
        None => Ok(default.min(max)),
        Some(n) if n < 0 => Err(Error::bad_input(arg, "must not be negative")).gql(),
        Some(n) if n as usize > max => Err(Error::bad_input(
            arg,
            format!("must be at most {max}, got {n}"),
        ))
        .gql(),
        Some(n) => Ok(n as usize),
    }
}
