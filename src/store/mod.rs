//! Everything that touches SQLite. `Store` owns a pool of read connections
//! and one writer behind a mutex: every write goes through the writer in a
//! transaction, and reads (WAL mode) never wait on it. Only this module and
//! `migrations/` contain SQL; it knows nothing of GraphQL, HTTP or the CLI.

pub mod appointment;
pub mod award;
pub mod badge;
pub mod coauthor;
pub mod derived;
pub mod education;
pub mod facet;
pub mod fault;
pub mod metric;
pub mod migrate;
pub mod organization;
pub mod patent;
pub mod person;
pub mod quality;
pub mod search;
pub mod service;
pub mod similar;
pub mod source;
pub mod stats;
pub mod talk;
pub mod teaching;
pub mod work;

use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use r2d2_sqlite::SqliteConnectionManager;
use rusqlite::types::Value;
use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::{Error, Result};

/// A pooled read connection.
pub type ReadConn = r2d2::PooledConnection<SqliteConnectionManager>;

/// The SQLite store: read pool plus one writer.
#[derive(Clone)]
pub struct Store {
    pool: r2d2::Pool<SqliteConnectionManager>,
    /// One permit per read connection: a read waits here, on the async side,
    /// until a connection is free, so blocking threads never outnumber them.
    read_slots: Arc<tokio::sync::Semaphore>,
    writer: Arc<Mutex<Connection>>,
    path: PathBuf,
}

/// How long a read waits for a free connection before the server answers
/// that it is busy.
const READ_WAIT: Duration = Duration::from_secs(5);

/// Statements run since start, counted only when `VITAE_COUNT_SQL` is set
/// (a test reads it to prove nested queries do not run one query per parent).
static STATEMENTS: AtomicU64 = AtomicU64::new(0);

/// How many SQL statements have run in this process (0 unless counting is on).
pub fn statements_run() -> u64 {
    STATEMENTS.load(Ordering::Relaxed)
}

/// Whether statement counting is on (`VITAE_COUNT_SQL` is set).
pub fn counting_statements() -> bool {
    std::env::var_os("VITAE_COUNT_SQL").is_some()
}

fn count_statement(_event: rusqlite::trace::TraceEvent<'_>) {
    STATEMENTS.fetch_add(1, Ordering::Relaxed);
}

/// How long a write waits for another process's lock (SQLite's busy
/// timeout) before it gives up with `Fault::Locked`.
pub const BUSY_WAIT: Duration = Duration::from_secs(5);

impl Store {
    /// Opens (creating and migrating when new) the database at `path`. Any
    /// number of processes may open one file at once, new or old: the WAL
    /// switch and the migrations wait for each other (`BUSY_WAIT`). A fault
    /// of the file (see `fault`) comes back as `Error::Store` naming it.
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_with(path, ReadSettings::default())
    }

    /// Opens the database at `path` with read connections set up as
    /// `settings` says.
    pub fn open_with(path: &Path, settings: ReadSettings) -> Result<Store> {
        Self::open_unlocated(path, settings).map_err(|e| fault::locate(e, path))
    }

    fn open_unlocated(path: &Path, settings: ReadSettings) -> Result<Store> {
        if path.is_dir() {
            return Err(Error::Store {
                path: path.to_path_buf(),
                fault: crate::error::Fault::IsADirectory,
            });
        }
        let mut writer = Connection::open(path)?;
        configure(&mut writer)?;
        to_wal(&writer)?;
        migrate::to_latest(&mut writer, path)?;
        let manager = SqliteConnectionManager::file(path)
            .with_init(move |conn| configure_reader(conn, settings));
        let readers = read_connections();
        let pool = r2d2::Pool::builder()
            .max_size(readers as u32)
            .connection_timeout(READ_WAIT)
            .build(manager)?;
        Ok(Store {
            pool,
            read_slots: Arc::new(tokio::sync::Semaphore::new(readers)),
            writer: Arc::new(Mutex::new(writer)),
            path: path.to_path_buf(),
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How many reads can run at once (the read connections): the most
    /// blocking threads `read_async` can keep busy.
    pub fn read_connections(&self) -> usize {
        self.pool.max_size() as usize
    }

    /// Runs `f` on a read connection, on the calling thread.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let conn = self.pool.get()?;
        f(&conn).map_err(|e| self.locate(e))
    }

    /// Runs `f`, a short read, on a read connection on the calling thread,
    /// once a connection is free (waiting for one does not block). For
    /// keyed lookups whose size the caller bounds (a loader's batch of ids, a
    /// row by its key): a hop to the blocking pool and back cost more than
    /// such a read (17% of a profile request's CPU, `bench/README.md`), and
    /// the async thread would only wait for it. Anything that may scan or
    /// take long goes through `read_async`, which a timeout can interrupt.
    pub async fn lookup<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let _permit = self.read_slot().await?;
        let conn = self.pool.get()?;
        f(&conn).map_err(|e| self.locate(e))
    }

    /// Runs `f` on a read connection on the blocking thread pool, so that
    /// SQLite never blocks the async executor. When the caller gives up on
    /// the result (the request timed out, the client left), the statement in
    /// flight is interrupted instead of running on to its end.
    pub async fn read_async<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T> + Send + 'static,
    {
        let permit = self.read_slot().await?;
        let store = self.clone();
        let running = InterruptOnDrop::default();
        let slot = running.0.clone();
        let out = tokio::task::spawn_blocking(move || {
            let conn = store.pool.get()?;
            *lock(&slot) = Some(conn.get_interrupt_handle());
            let out = f(&conn);
            lock(&slot).take();
            drop(permit);
            out
        })
        .await
        .map_err(Error::internal)?;
        running.disarm();
        out
    }

    /// A read connection's slot: one is free while the permit lives.
    async fn read_slot(&self) -> Result<tokio::sync::OwnedSemaphorePermit> {
        tokio::time::timeout(READ_WAIT, self.read_slots.clone().acquire_owned())
            .await
            .map_err(|_| {
                tracing::warn!("no read connection came free");
                Error::Busy
            })?
            .map_err(Error::internal)
    }

    /// Lets SQLite refresh its statistics for the query planner where an
    /// import changed the tables enough to matter (`PRAGMA optimize`).
    pub fn optimize(&self) -> Result<()> {
        let out = self.writer()?.execute_batch("PRAGMA optimize");
        out.map_err(|e| self.locate(e.into()))
    }

    /// Runs `f` in one write transaction: committed when `f` returns `Ok`,
    /// rolled back otherwise, so a failed write leaves nothing behind.
    pub fn write<T>(&self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        in_transaction(&mut *self.writer()?, f).map_err(|e| self.locate(e))
    }

    /// Runs `f` in one write transaction, like `write`, with a page cache
    /// sized for a bulk load (`BULK_CACHE_KIB`): a large import otherwise
    /// spills its dirty pages to the WAL and reads them back many times over.
    /// The connection's cache size is restored afterwards.
    pub fn write_bulk<T>(&self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let mut conn = self.writer()?;
        let before: i64 = conn.pragma_query_value(None, "cache_size", |r| r.get(0))?;
        conn.pragma_update(None, "cache_size", -BULK_CACHE_KIB)?;
        let out = in_transaction(&mut conn, f);
        conn.pragma_update(None, "cache_size", before)?;
        out.map_err(|e| self.locate(e))
    }

    /// `err` naming this store's file when it is a fault of the file.
    fn locate(&self, err: Error) -> Error {
        fault::locate(err, &self.path)
    }

    /// The one writer connection.
    fn writer(&self) -> Result<std::sync::MutexGuard<'_, Connection>> {
        self.writer
            .lock()
            .map_err(|_| Error::internal("the writer lock is poisoned"))
    }
}

/// Runs `f` in a transaction of `conn`: committed when `f` returns `Ok`,
/// rolled back (dropped) otherwise. The write lock is taken at the start
/// (`BEGIN IMMEDIATE`), so a write waits for another process's write up to
/// `BUSY_WAIT` instead of failing midway when its snapshot went stale.
fn in_transaction<T>(
    conn: &mut Connection,
    f: impl FnOnce(&Transaction) -> Result<T>,
) -> Result<T> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let out = f(&tx)?;
    tx.commit()?;
    Ok(out)
}

/// The page cache of a bulk load, in KiB (SQLite's default is 2 MB).
const BULK_CACHE_KIB: i64 = 256 * 1024;

/// Interrupts the read it guards if dropped before `disarm`: a future of
/// `read_async` that is dropped mid-query stops the query in SQLite.
#[derive(Default)]
struct InterruptOnDrop(Arc<Mutex<Option<rusqlite::InterruptHandle>>>);

impl InterruptOnDrop {
    fn disarm(self) {
        lock(&self.0).take();
    }
}

impl Drop for InterruptOnDrop {
    fn drop(&mut self) {
        if let Some(handle) = lock(&self.0).take() {
            tracing::debug!("interrupting a read whose result nobody waits for");
            handle.interrupt();
        }
    }
}

/// Puts the file in WAL mode (a no-op when it is already). Two processes
/// opening a new file may both try at once; SQLite may answer busy without
/// calling the busy handler where waiting could deadlock, so a busy answer
/// is retried here until `BUSY_WAIT` has passed.
fn to_wal(conn: &Connection) -> Result<()> {
    let started = std::time::Instant::now();
    loop {
        let mode =
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0));
        match mode {
            Ok(_) => return Ok(()),
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy && started.elapsed() < BUSY_WAIT =>
            {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// Locks a mutex whose data stays valid even if a holder panicked.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Read connections: as many as the cores can keep busy (SQLite reads are
/// CPU work once the file is mapped), plus as many again for reads that
/// wait on the disk.
fn read_connections() -> usize {
    std::thread::available_parallelism().map_or(2, usize::from) * 2
}

/// How read connections hold the pages they read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadSettings {
    /// The most of the file each read connection maps into memory, in MiB
    /// (0: none, the default). A map saves copying pages into SQLite's cache
    /// (profile queries 5–9% faster, measured with bench/ab.sh), but every connection maps the file
    /// on its own, so the resident memory the OS reports counts each page
    /// once per connection: 4 connections over a 216 MB store showed 800 MB.
    pub mmap_mib: u32,
}

/// A read connection: `configure`, a page cache of `READ_CACHE_KIB` (pages
/// beyond it are read again from the OS's file cache, which is shared and
/// not counted in the server's memory), and the memory map `settings` ask
/// for. The writer maps nothing: an import would otherwise count every page
/// of the file it touches in its resident memory.
fn configure_reader(conn: &mut Connection, settings: ReadSettings) -> rusqlite::Result<()> {
    configure(conn)?;
    conn.pragma_update(None, "cache_size", -READ_CACHE_KIB)?;
    conn.pragma_update(None, "mmap_size", i64::from(settings.mmap_mib) << 20)
}

/// The page cache of a read connection, in KiB: the hot pages of the
/// indexes a request walks (SQLite's default is 2 MB).
const READ_CACHE_KIB: i64 = 8 * 1024;

/// Per-connection settings: foreign keys, busy timeout, room for every
/// statement Vitae prepares in the statement cache, the `rarray` module that
/// loaders use for `IN` lists, and the optional statement counter.
fn configure(conn: &mut Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(BUSY_WAIT)?;
    conn.set_prepared_statement_cache_capacity(256);
    rusqlite::vtab::array::load_module(conn)?;
    if counting_statements() {
        conn.trace_v2(
            rusqlite::trace::TraceEventCodes::SQLITE_TRACE_STMT,
            Some(count_statement),
        );
    }
    Ok(())
}

/// Ids as an `rarray` parameter: `WHERE id IN rarray(?1)`.
pub fn id_array(ids: impl IntoIterator<Item = i64>) -> Rc<Vec<Value>> {
    Rc::new(ids.into_iter().map(Value::from).collect())
}

/// Collects a `query_map` result, turning SQLite errors into ours.
pub fn collect<T>(rows: impl Iterator<Item = rusqlite::Result<T>>) -> Result<Vec<T>> {
    Ok(rows.collect::<rusqlite::Result<Vec<T>>>()?)
}

/// Runs a loader query whose first column is the parent id and groups the
/// rows (mapped by `f` from column 1 on) by it. One statement per batch.
pub fn grouped<T>(
    conn: &Connection,
    sql: &str,
    ids: &[i64],
    f: impl Fn(&rusqlite::Row) -> rusqlite::Result<T>,
) -> Result<std::collections::HashMap<i64, Vec<T>>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([id_array(ids.iter().copied())], |r| {
        Ok((r.get::<_, i64>(0)?, f(r)?))
    })?;
    let mut out: std::collections::HashMap<i64, Vec<T>> = std::collections::HashMap::new();
    for (id, v) in collect(rows)? {
        out.entry(id).or_default().push(v);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicBool;

    use super::*;

    /// A query that runs for many seconds (bounded, so that a failing test
    /// still ends).
    const ENDLESS: &str = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n \
                           LIMIT 100000000) SELECT count(*) FROM n";

    #[tokio::test]
    async fn a_read_nobody_waits_for_is_interrupted() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db")).unwrap();
        let interrupted = Arc::new(AtomicBool::new(false));
        let flag = interrupted.clone();
        let endless = store.read_async(move |c| {
            let out = c.query_row(ENDLESS, [], |r| r.get::<_, i64>(0));
            let stopped = matches!(&out, Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::OperationInterrupted);
            flag.store(stopped, Ordering::SeqCst);
            Ok(())
        });
        let gave_up = tokio::time::timeout(Duration::from_millis(100), endless).await;
        assert!(gave_up.is_err());
        for _ in 0..100 {
            if interrupted.load(Ordering::SeqCst) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the query ran on for 5 s after its caller gave up");
    }

    #[tokio::test]
    async fn a_lookup_runs_on_the_calling_thread_and_frees_its_slot() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db")).unwrap();
        let caller = std::thread::current().id();
        // More lookups than read connections, one after another: each gives
        // its connection back, and none leaves the calling thread.
        for i in 0..store.read_connections() as i64 * 3 {
            let (thread, n) = store
                .lookup(|c| {
                    let n = c.query_row("SELECT ?1 + 1", [i], |r| r.get::<_, i64>(0))?;
                    Ok((std::thread::current().id(), n))
                })
                .await
                .unwrap();
            assert_eq!((thread, n), (caller, i + 1));
        }
        assert_eq!(
            store.read_slots.available_permits(),
            store.read_connections()
        );
        let off_thread = store
            .read_async(|_| Ok(std::thread::current().id()))
            .await
            .unwrap();
        assert_ne!(off_thread, caller, "read_async runs on the blocking pool");
    }
}
