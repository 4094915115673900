//! Faults of the store's file, through the real binary: each names the file
//! and the cause on stderr (`vitae: PATH: CAUSE`) and exits 2, while GraphQL
//! clients read "internal error" with no path. Also: any number of processes
//! may open one new store at once.
//!
//! The disk-full and read-only cases need a real file system that says so:
//! a small tmpfs (mounted, then remounted read-only) and `chattr +i` (the
//! tests run as root, whom file modes do not stop). Where the machine does
//! not allow them, the case is skipped with its reason printed.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::json;

use crate::helpers::{seed_files, vitae, TestServer};

/// A migrated, empty store at `db`, made by the binary.
fn new_store(db: &Path) {
    let (code, _, err) = vitae(&["--db", &db.display().to_string(), "check"]);
    assert_eq!(code, 0, "{err}");
}

/// Runs `vitae --db DB ARGS…` and asserts exit 2 with `vitae: DB: CAUSE` as
/// the whole of stderr.
fn assert_fault(db: &Path, args: &[&str], cause: &str) {
    let db = db.display().to_string();
    let mut all = vec!["--db", db.as_str()];
    all.extend(args);
    let (code, out, err) = vitae(&all);
    assert_eq!(code, 2, "stdout {out} stderr {err}");
    assert_eq!(err, format!("vitae: {db}: {cause}\n"));
}

fn lei_wu() -> String {
    let seed = seed_files()
        .into_iter()
        .find(|f| f.to_string_lossy().contains("lei-wu"))
        .unwrap();
    seed.display().to_string()
}

/// A tmpfs mounted on a directory, unmounted on drop.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(on: &Path, size: &str) -> Option<Tmpfs> {
        let opts = format!("size={size}");
        run(
            "mount",
            &[
                "-t",
                "tmpfs",
                "-o",
                &opts,
                "tmpfs",
                &on.display().to_string(),
            ],
        )
        .map(|()| Tmpfs(on.to_path_buf()))
    }

    fn remount_read_only(&self) -> Option<()> {
        run(
            "mount",
            &["-o", "remount,ro", &self.0.display().to_string()],
        )
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = run("umount", &[&self.0.display().to_string()]);
    }
}

/// A file or directory made immutable (`chattr +i`), released on drop.
struct Immutable(PathBuf);

impl Immutable {
    fn set(path: &Path) -> Option<Immutable> {
        run("chattr", &["+i", &path.display().to_string()]).map(|()| Immutable(path.to_path_buf()))
    }
}

impl Drop for Immutable {
    fn drop(&mut self) {
        let _ = run("chattr", &["-i", &self.0.display().to_string()]);
    }
}

/// Runs a system command; `None`, with the reason printed, when it fails.
fn run(cmd: &str, args: &[&str]) -> Option<()> {
    match Command::new(cmd).args(args).output() {
        Ok(out) if out.status.success() => Some(()),
        Ok(out) => {
            let why = String::from_utf8_lossy(&out.stderr);
            eprintln!("skipped: `{cmd} {}` failed: {}", args.join(" "), why.trim());
            None
        }
        Err(e) => {
            eprintln!("skipped: cannot run `{cmd}`: {e}");
            None
        }
    }
}

#[test]
fn a_full_disk_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let Some(fs) = Tmpfs::mount(dir.path(), "1m") else {
        return;
    };
    let db = fs.0.join("v.db");
    new_store(&db);
    // Fill what is left of the file system.
    let filler = vec![0u8; 4096];
    let mut f = std::fs::File::create(fs.0.join("filler")).unwrap();
    while std::io::Write::write_all(&mut f, &filler).is_ok() {}
    drop(f);
    let seed = seed_files()[0].display().to_string();
    assert_fault(&db, &["import", &seed], "the disk is full");
}

#[test]
fn a_read_only_file_system_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let Some(fs) = Tmpfs::mount(dir.path(), "4m") else {
        return;
    };
    let db = fs.0.join("v.db");
    new_store(&db);
    let Some(()) = fs.remount_read_only() else {
        return;
    };
    assert_fault(&db, &["import", &lei_wu()], "read-only file system");
    assert_fault(&fs.0.join("new.db"), &["check"], "read-only file system");
}

#[test]
fn a_read_only_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    new_store(&db);
    let Some(_frozen) = Immutable::set(&db) else {
        return;
    };
    assert_fault(&db, &["import", &lei_wu()], "read-only file");
}

#[test]
fn a_read_only_directory_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("data");
    std::fs::create_dir(&sub).unwrap();
    let Some(_frozen) = Immutable::set(&sub) else {
        return;
    };
    assert_fault(&sub.join("v.db"), &["check"], "read-only directory");
}

#[test]
fn a_file_of_garbage_is_not_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    let garbage: Vec<u8> = (0..8192u32).map(|i| (i * 7 + 3) as u8).collect();
    std::fs::write(&db, garbage).unwrap();
    assert_fault(&db, &["check"], "the file is not a SQLite database");
    assert_fault(&db, &["export"], "the file is not a SQLite database");
}

#[test]
fn a_corrupt_database_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    let (code, _, err) = vitae(&["--db", &db.display().to_string(), "import", &lei_wu()]);
    assert_eq!(code, 0, "{err}");
    // Every page after the header page, overwritten: the schema and the
    // tables' b-trees are garbage, the header still says SQLite.
    let mut bytes = std::fs::read(&db).unwrap();
    for b in bytes.iter_mut().skip(4096) {
        *b = 0xa5;
    }
    std::fs::write(&db, bytes).unwrap();
    assert_fault(&db, &["check"], "the database file is corrupt");
}

#[test]
fn a_store_of_a_newer_vitae_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    new_store(&db);
    let known = vitae::store::migrate::FILES.len();
    let newer = known as i64 + 2;
    rusqlite::Connection::open(&db)
        .unwrap()
        .pragma_update(None, "user_version", newer)
        .unwrap();
    let cause = format!(
        "written by a newer Vitae (schema {newer}; this binary knows {known}): upgrade Vitae"
    );
    assert_fault(&db, &["import", &lei_wu()], &cause);
    assert_fault(&db, &["serve", "--port", "0"], &cause);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, newer);
}

#[test]
fn a_directory_named_as_the_database_is_named() {
    let dir = tempfile::tempdir().unwrap();
    assert_fault(dir.path(), &["check"], "is a directory");
    assert_fault(
        &dir.path().join("no/such/dir/v.db"),
        &["check"],
        "the directory does not exist",
    );
}

#[test]
fn a_write_lock_held_by_another_process_is_waited_for_then_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    new_store(&db);
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let started = std::time::Instant::now();
    assert_fault(
        &db,
        &["import", &lei_wu()],
        "another process holds the write lock; waited 5 s",
    );
    assert!(started.elapsed() >= std::time::Duration::from_secs(5));
    // Reads do not wait for the writer.
    let (code, _, err) = vitae(&["--db", &db.display().to_string(), "check"]);
    assert_eq!(code, 0, "{err}");
    holder.execute_batch("ROLLBACK").unwrap();
}

#[test]
fn two_processes_open_one_new_store_at_once_twenty_times() {
    let dir = tempfile::tempdir().unwrap();
    let alone = dir.path().join("alone.db");
    new_store(&alone);
    let want = schema_of(&alone);
    for round in 0..20 {
        let db = dir.path().join(format!("race-{round}.db"));
        open_twice_at_once(&db);
        // Each migration ran once: the schema is the one a single opener
        // makes, at the latest version.
        assert_eq!(schema_of(&db), want, "round {round}");
    }
}

#[test]
fn two_processes_upgrade_one_old_store_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let alone = dir.path().join("alone.db");
    new_store(&alone);
    let want = schema_of(&alone);
    let files = vitae::store::migrate::FILES;
    for (round, from) in (0..files.len()).cycle().take(10).enumerate() {
        // A store as an older Vitae left it: the first `from` migrations.
        let db = dir.path().join(format!("old-{round}.db"));
        let conn = rusqlite::Connection::open(&db).unwrap();
        for (_, sql) in &files[..from] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", from as i64)
            .unwrap();
        drop(conn);
        open_twice_at_once(&db);
        assert_eq!(schema_of(&db), want, "from {from}");
    }
}

/// Runs `vitae check` on `db` from two processes at once; both must succeed.
fn open_twice_at_once(db: &Path) {
    let both: Vec<_> = (0..2)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_vitae"))
                .args(["--db", &db.display().to_string(), "check"])
                .env("RUST_LOG", "warn")
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in both {
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{}: {err}", db.display());
    }
}

/// The schema version and every schema object of a store.
fn schema_of(db: &Path) -> (i64, Vec<(String, String, Option<String>)>) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, vitae::store::migrate::FILES.len() as i64);
    let mut stmt = conn
        .prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name")
        .unwrap();
    let objects = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    (version, objects)
}

#[test]
fn graphql_clients_never_see_the_path_of_a_failing_store() {
    let server = TestServer::with_seeds();
    // The root page of every table and index overwritten under the running
    // server (the schema left whole): reads now meet garbage.
    let (page, roots) = {
        let conn = rusqlite::Connection::open(&server.db).unwrap();
        let page: i64 = conn
            .pragma_query_value(None, "page_size", |r| r.get(0))
            .unwrap();
        let mut stmt = conn
            .prepare("SELECT rootpage FROM sqlite_schema WHERE rootpage > 1")
            .unwrap();
        let roots: Vec<i64> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        (page, roots)
    };
    let mut bytes = std::fs::read(&server.db).unwrap();
    for root in roots {
        let start = ((root - 1) * page) as usize;
        bytes[start..start + page as usize].fill(0xa5);
    }
    std::fs::write(&server.db, bytes).unwrap();
    let body = server.gql(
        "{ person(slug: \"lei-wu\") { name works(first: 5) { edges { node { title } } } } }",
        json!({}),
    );
    let text = body.to_string();
    let dir = server.db.parent().unwrap().display().to_string();
    assert!(!text.contains(&dir), "{text}");
    assert!(!text.contains("vitae.db"), "{text}");
    assert_eq!(body["errors"][0]["message"], "internal error", "{text}");
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "INTERNAL_SERVER_ERROR",
        "{text}"
    );
}
