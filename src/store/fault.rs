//! What went wrong with the store's file, in words an operator can act on.
//! SQLite's result codes say what kind of failure it was (`SQLITE_FULL`,
//! `SQLITE_READONLY_*`, `SQLITE_NOTADB`, `SQLITE_BUSY`, `SQLITE_CANTOPEN` …);
//! where they do not say why (a read-only file, directory or file system, a
//! directory named as the database), the file system is asked, on the error
//! path only. `Store` maps every error of its calls here once, so an error
//! leaves the store naming its file.

use std::io::ErrorKind;
use std::path::Path;

use rusqlite::ErrorCode;

use super::BUSY_WAIT;
use crate::error::Fault;
use crate::Error;

/// `err` as a storage fault of the file at `path` when it is one; any other
/// error unchanged.
pub fn locate(err: Error, path: &Path) -> Error {
    let fault = match &err {
        Error::Internal(detail) => detail
            .downcast_ref::<rusqlite::Error>()
            .and_then(|e| diagnose(e, path)),
        _ => None,
    };
    match fault {
        Some(fault) => {
            tracing::debug!(error = %err_detail(&err), %fault, "storage fault");
            Error::Store {
                path: path.to_path_buf(),
                fault,
            }
        }
        None => err,
    }
}

/// The fault a SQLite error stands for, if it is one of the file and not a
/// bug of ours (a constraint, a syntax error).
pub fn diagnose(err: &rusqlite::Error, path: &Path) -> Option<Fault> {
    let rusqlite::Error::SqliteFailure(e, message) = err else {
        return None;
    };
    Some(match e.code {
        ErrorCode::DiskFull => Fault::DiskFull,
        ErrorCode::ReadOnly => read_only(path),
        ErrorCode::NotADatabase => Fault::NotADatabase,
        ErrorCode::DatabaseCorrupt => Fault::Corrupt,
        ErrorCode::DatabaseBusy => Fault::Locked { waited: BUSY_WAIT },
        ErrorCode::CannotOpen => cannot_open(path),
        ErrorCode::PermissionDenied => Fault::PermissionDenied,
        ErrorCode::SystemIoFailure if no_space(path) => Fault::DiskFull,
        ErrorCode::SystemIoFailure => match message {
            Some(m) => Fault::Io(m.clone()),
            None => Fault::Io(e.to_string()),
        },
        _ => return None,
    })
}

/// SQLite could not open (or create) the file: say why.
fn cannot_open(path: &Path) -> Fault {
    if path.is_dir() {
        return Fault::IsADirectory;
    }
    let dir = directory_of(path);
    if !dir.is_dir() {
        return Fault::NoDirectory;
    }
    read_only(path)
}

/// SQLite may not write: the file, its directory (where the journal goes)
/// or the whole file system is read-only. Probed in that order of blame:
/// the file system first, since it makes both of the others read-only.
fn read_only(path: &Path) -> Fault {
    let dir = directory_of(path);
    // An unnamed temporary file, gone when closed: nothing is left behind.
    let dir_probe = tempfile::tempfile_in(dir);
    if let Err(e) = &dir_probe {
        if e.kind() == ErrorKind::ReadOnlyFilesystem {
            return Fault::ReadOnlyFileSystem;
        }
    }
    match std::fs::OpenOptions::new().write(true).open(path) {
        Err(e) if e.kind() == ErrorKind::ReadOnlyFilesystem => return Fault::ReadOnlyFileSystem,
        Err(e) if e.kind() == ErrorKind::PermissionDenied => return Fault::ReadOnlyFile,
        _ => {}
    }
    match dir_probe {
        Err(_) => Fault::ReadOnlyDirectory,
        Ok(_) => Fault::ReadOnlyFile,
    }
}

/// Whether the file system of `path` has no room for one more page.
/// SQLite reports a full disk as `SQLITE_FULL` only where it writes the
/// database or its log; creating the log or its index on a full disk is a
/// plain I/O error, so the file system is asked.
fn no_space(path: &Path) -> bool {
    let Ok(mut probe) = tempfile::tempfile_in(directory_of(path)) else {
        return false;
    };
    let page = [0u8; 4096];
    matches!(std::io::Write::write_all(&mut probe, &page), Err(e) if e.kind() == ErrorKind::StorageFull)
}

/// The directory a database file lives in (`.` for a bare file name).
fn directory_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn err_detail(err: &Error) -> String {
    match err {
        Error::Internal(detail) => detail.to_string(),
        other => other.to_string(),
    }
}
