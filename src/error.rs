//! The one error type of Vitae. Its `Display` is what a client may read;
//! internal detail (SQL, file paths, panics) rides in `#[source]` and goes to
//! the log only. Each edge maps it once: `graphql::error` to `extensions.code`,
//! `http` to a status, `main` to an exit code and `Error::for_operator`, the
//! one rendering that may name a file. A message shows a value it was given
//! only through `domain::quote`: bounded and escaped.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use crate::domain::quote::{escape, quote};

/// Every failure Vitae reports.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A thing asked for by id or slug does not exist.
    #[error("no {kind} `{}`", quote(key))]
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
    /// The store's file failed in a way the operator can fix (full disk,
    /// read-only, locked, corrupt, newer). Clients read only "internal
    /// error"; `for_operator` names the file and the fault.
    #[error("internal error")]
    Store { path: PathBuf, fault: Fault },
    /// Anything else: the detail is logged, never shown.
    #[error("internal error")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// What is wrong with the store's file, in the operator's words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Fault {
    #[error("the disk is full")]
    DiskFull,
    #[error("read-only file system")]
    ReadOnlyFileSystem,
    #[error("read-only file")]
    ReadOnlyFile,
    #[error("read-only directory")]
    ReadOnlyDirectory,
    #[error("permission denied")]
    PermissionDenied,
    #[error("the directory does not exist")]
    NoDirectory,
    #[error("is a directory")]
    IsADirectory,
    #[error("the file is not a SQLite database")]
    NotADatabase,
    #[error("the database file is corrupt")]
    Corrupt,
    /// `user_version` is past the migrations this binary knows.
    #[error("written by a newer Vitae (schema {found}; this binary knows {known}): upgrade Vitae")]
    Newer { found: i64, known: usize },
    /// The busy timeout ran out waiting for another process's lock.
    #[error("another process holds the write lock; waited {} s", .waited.as_secs())]
    Locked { waited: Duration },
    /// An I/O failure SQLite reports without more detail.
    #[error("cannot read or write the file ({0})")]
    Io(String),
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
            Error::Store { .. } | Error::Internal(_) => "INTERNAL_SERVER_ERROR",
        }
    }

    /// A `BadInput` for `field`.
    pub fn bad_input(field: impl Into<String>, reason: impl fmt::Display) -> Self {
        Error::BadInput {
            field: field.into(),
            reason: reason.to_string(),
        }
    }

    /// The message for the operator (the CLI, the log): like `Display`, but
    /// a storage fault names its file and cause (`/data/v.db: the disk is
    /// full`), and control and bidirectional characters are escaped.
    pub fn for_operator(&self) -> String {
        let text = match self {
            Error::Store { path, fault } => format!("{}: {fault}", path.display()),
            other => other.to_string(),
        };
        escape(&text)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_fault_names_the_file_for_the_operator_only() {
        let err = Error::Store {
            path: PathBuf::from("/data/v.db"),
            fault: Fault::Newer { found: 9, known: 7 },
        };
        assert_eq!(err.to_string(), "internal error");
        assert_eq!(
            err.for_operator(),
            "/data/v.db: written by a newer Vitae (schema 9; this binary knows 7): upgrade Vitae"
        );
        let locked = Fault::Locked {
            waited: Duration::from_secs(5),
        };
        assert_eq!(
            locked.to_string(),
            "another process holds the write lock; waited 5 s"
        );
    }
}
