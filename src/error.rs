//! The one error type of Vitae. Its `Display` is what a client may read;
//! internal detail (SQL, file paths, panics) rides in `#[source]` and goes to
//! the log only. Each edge maps it once: `graphql::error` to `extensions.code`,
//! `http` to a status, `main` to an exit code.

use std::fmt;

/// Every failure Vitae reports.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A thing asked for by id or slug does not exist.
    #[error("no {kind} `{key}`")]
    NotFound { kind: &'static str, key: String },
    /// Input that breaks a rule; `field` says where (a JSON path, an argument).
    #[error("{field}: {reason}")]
    BadInput { field: String, reason: String },
    /// Input that contradicts what the store already holds.
    #[error("{0}")]
    Conflict(String),
    /// A request that ran past its time limit.
    #[error("the request took longer than {0} ms and was stopped")]
    Timeout(u64),
    /// Every read connection stayed busy past the pool's wait: the server is
    /// overloaded, and the client may try again.
    #[error("the server is busy; try again shortly")]
    Busy,
    /// Anything else: the detail is logged, never shown.
    #[error("internal error")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// Vitae's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The stable code clients match on (`extensions.code` in GraphQL).
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotFound { .. } => "NOT_FOUND",
            Error::BadInput { .. } => "BAD_USER_INPUT",
            Error::Conflict(_) => "CONFLICT",
            Error::Timeout(_) => "TIMEOUT",
            Error::Busy => "SERVICE_UNAVAILABLE",
            Error::Internal(_) => "INTERNAL_SERVER_ERROR",
        }
    }

    /// A `BadInput` for `field`.
    pub fn bad_input(field: impl Into<String>, reason: impl fmt::Display) -> Self {
        Error::BadInput {
            field: field.into(),
            reason: reason.to_string(),
        }
    }

    /// An `Internal` error wrapping any error.
    pub fn internal(err: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Error::Internal(err.into())
    }
}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        Error::internal(err)
    }
}

impl From<r2d2::Error> for Error {
    /// r2d2 fails only when no connection came free within its wait.
    fn from(err: r2d2::Error) -> Self {
        tracing::warn!(error = %err, "no read connection came free");
        Error::Busy
    }
}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Self {
        Error::internal(err)
    }
}
