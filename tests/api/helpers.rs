//! `TestServer::spawn()`: a fresh database in a temp dir, the real startup
//! path bound to 127.0.0.1:0 on its own thread, and a small GraphQL client.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{json, Value};
use vitae::config::{Limits, ServerConfig};
use vitae::store::Store;

/// A running server over its own database.
pub struct TestServer {
    pub base: String,
    pub client: reqwest::blocking::Client,
    pub db: PathBuf,
    handle: actix_web::dev::ServerHandle,
    _dir: tempfile::TempDir,
}

/// The seed bundles, in file-name order.
pub fn seed_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/seed");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// A fresh store with every seed bundle imported through the real import.
pub fn seeded_store(dir: &Path) -> Store {
    let store = Store::open(&dir.join("vitae.db")).unwrap();
    for f in seed_files() {
        vitae::import::import_file(&store, &f).unwrap();
    }
    store
}

impl TestServer {
    /// A server over an empty database.
    pub fn spawn() -> TestServer {
        Self::start(false, Limits::default())
    }

    /// A server over a database loaded with `data/seed/`.
    pub fn with_seeds() -> TestServer {
        Self::start(true, Limits::default())
    }

    /// A seeded server with other limits.
    pub fn with_limits(limits: Limits) -> TestServer {
        Self::start(true, limits)
    }

    /// A server over a copy of an existing database file (its bytes), which
    /// the real startup path opens and migrates.
    pub fn on_database(bytes: &[u8]) -> TestServer {
        Self::start_with(Limits::default(), |db| std::fs::write(db, bytes).unwrap())
    }

    fn start(seeds: bool, limits: Limits) -> TestServer {
        Self::start_with(limits, |db| {
            if seeds {
                drop(seeded_store(db.parent().unwrap()));
            }
        })
    }

    /// Starts the server after `prepare` has had the database path.
    fn start_with(limits: Limits, prepare: impl FnOnce(&Path)) -> TestServer {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("vitae.db");
        prepare(&db);
        let config = ServerConfig {
            db: db.clone(),
            bind: "127.0.0.1".parse().unwrap(),
            port: 0,
            seed: false,
            limits,
        };
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                let running = vitae::startup::start(config).unwrap();
                tx.send((running.addr, running.server.handle())).unwrap();
                running.server.await.unwrap();
            });
        });
        let (addr, handle) = rx.recv_timeout(Duration::from_secs(30)).unwrap();
        TestServer {
            base: format!("http://{addr}"),
            client: reqwest::blocking::Client::builder()
                .timeout(Duration::from_secs(30))
                .build()
                .unwrap(),
            db,
            handle,
            _dir: dir,
        }
    }

    /// POSTs a query with variables; asserts a 200 and returns the body.
    pub fn gql(&self, query: &str, variables: Value) -> Value {
        let res = self.post(json!({ "query": query, "variables": variables }));
        assert_eq!(res.status(), 200, "status of {query}");
        res.json().unwrap()
    }

    /// POSTs a query and returns `data`, asserting there are no errors.
    pub fn data(&self, query: &str, variables: Value) -> Value {
        let body = self.gql(query, variables);
        assert!(body.get("errors").is_none(), "errors: {body:#}");
        body["data"].clone()
    }

    /// POSTs a JSON body to /graphql.
    pub fn post(&self, body: Value) -> reqwest::blocking::Response {
        self.client
            .post(format!("{}/graphql", self.base))
            .json(&body)
            .send()
            .unwrap()
    }

    /// Imports `bundle` into this server's database with the `vitae import`
    /// CLI while the server runs; asserts it succeeded.
    pub fn import(&self, bundle: &Value) {
        let key = bundle["source"]["key"].as_str().unwrap();
        let file = self.db.with_file_name(format!("{key}.json"));
        std::fs::write(&file, bundle.to_string()).unwrap();
        let db = self.db.display().to_string();
        let (code, _, err) = vitae(&["--db", &db, "import", &file.display().to_string()]);
        assert_eq!(code, 0, "{err}");
    }

    /// The first error of a response, asserting there is one.
    pub fn first_error(&self, query: &str, variables: Value) -> Value {
        let body = self.gql(query, variables);
        body["errors"][0].clone()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        // Stop accepting and let the server thread end.
        drop(self.handle.stop(false));
    }
}

/// The whole CV of one person in one request: every section, every work
/// with its ordered authors (shared with the load benchmark).
pub const WHOLE_CV: &str = include_str!("../../bench/whole_cv.graphql");

/// Runs the `vitae` binary with `args`; returns (exit code, stdout, stderr).
pub fn vitae(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vitae"))
        .args(args)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
