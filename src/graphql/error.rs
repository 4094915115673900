//! `Error` → GraphQL error. The message is the error's `Display` (never SQL
//! or paths); `extensions.code` is `Error::code`. Internal errors are logged
//! here with their detail, once. `add_codes` and `parse_failed` give the errors
//! async-graphql raises itself (parse, validation, limits, argument
//! coercion) a code too, so every error a client sees has one.

use std::sync::Arc;

use async_graphql::{ErrorExtensions, Response, ServerError};

use crate::Error;

impl ErrorExtensions for Error {
    fn extend(&self) -> async_graphql::Error {
        match self {
            Error::Internal(detail) => {
                tracing::error!(error = %detail, source = ?std::error::Error::source(detail.as_ref()), "internal error");
            }
            // The operator's message names the file: the log may read it,
            // the client reads only "internal error".
            Error::Store { .. } => tracing::error!(error = %self.for_operator(), "storage fault"),
            _ => {}
        }
        async_graphql::Error::new(self.to_string()).extend_with(|_, e| e.set("code", self.code()))
    }
}

/// `.gql()` turns a Vitae result into a GraphQL result with a code.
pub trait GqlResult<T> {
    fn gql(self) -> async_graphql::Result<T>;
}

impl<T> GqlResult<T> for Result<T, Error> {
    fn gql(self) -> async_graphql::Result<T> {
        self.map_err(|e| e.extend())
    }
}

impl<T> GqlResult<T> for Result<T, Arc<Error>> {
    fn gql(self) -> async_graphql::Result<T> {
        self.map_err(|e| e.extend())
    }
}

/// Sets `extensions.code` of `err` unless it has one.
pub(crate) fn set_code(err: &mut ServerError, code: &str) {
    let ext = err.extensions.get_or_insert_with(Default::default);
    if ext.get("code").is_none() {
        ext.set("code", code);
    }
}

fn validation_code(err: &ServerError) -> &'static str {
    let m = err.message.as_str();
    if m.contains("nested too deep") {
        "QUERY_TOO_DEEP"
    } else if m.contains("too complex") {
        "QUERY_TOO_COMPLEX"
    } else if m.starts_with("Invalid value") || m.contains("Failed to parse") {
        "BAD_USER_INPUT"
    } else {
        "GRAPHQL_VALIDATION_FAILED"
    }
}

/// Gives a code to every error of `response` that async-graphql raised
/// itself: a request that did not run (no field has a path) failed
/// validation or a limit; errors of a run request come from coercing the
/// client's arguments and variables. Errors about the operation name are
/// left to the HTTP layer.
pub fn add_codes(response: &mut Response) {
    let ran = response.errors.iter().any(|e| !e.path.is_empty())
        || response.data != async_graphql::Value::Null;
    for e in &mut response.errors {
        let code = if ran || !e.path.is_empty() {
            "BAD_USER_INPUT"
        } else if e.message.starts_with("Unknown operation")
            || e.message.starts_with("Operation name required")
        {
            continue;
        } else {
            validation_code(e)
        };
        set_code(e, code);
    }
}

/// A parse error with its code, as one line: async-graphql's parser prints
/// a multi-line picture of the line with a caret; its last line (`= …`)
/// says what was expected. (`validation` parses first and words most
/// syntax errors itself; this covers what only async-graphql refuses.)
pub fn parse_failed(mut err: ServerError) -> ServerError {
    if err.message.contains('\n') {
        let detail = err
            .message
            .lines()
            .rev()
            .find_map(|l| l.trim().strip_prefix("= "))
            .unwrap_or("invalid syntax")
            .to_string();
        err.message = match err.locations.first() {
            Some(at) => format!("Syntax error at {}:{}: {detail}", at.line, at.column),
            None => format!("Syntax error: {detail}"),
        };
    }
    set_code(&mut err, "GRAPHQL_PARSE_FAILED");
    err
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parse_error_of_async_graphql_is_one_line() {
        let err = async_graphql::parser::parse_query("{ people { ").unwrap_err();
        let err = parse_failed(ServerError::from(err));
        assert!(!err.message.contains('\n'), "{}", err.message);
        assert!(
            err.message.starts_with("Syntax error at 1:"),
            "{}",
            err.message
        );
    }
}
