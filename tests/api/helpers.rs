//! `TestServer::spawn()`: a fresh database in a temp dir, the real startup
//! path bound to 127.0.0.1:0 on its own thread, and a small GraphQL client.

use std::path::{Path, PathBuf};
use std::sync::{mpsc, OnceLock};
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

/// A file of `tests/formats/`: the official schemas and samples of the
/// formats Vitae reads and writes.
pub fn format_file(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/formats")
        .join(rel)
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

/// How many works the heavy store holds.
pub const HEAVY_WORKS: usize = 20_000;
/// How many venues the heavy store's works are spread over, evenly.
pub const HEAVY_VENUES: usize = 100;

/// A copy, at `dir/vitae.db`, of a store of `HEAVY_WORKS` works by one
/// person (`heavy-author`), work `i` in the venue named `heavy_venue(i %
/// HEAVY_VENUES)`. It is built once per test run through the real
/// `vitae import` (a bulk load) and kept in memory.
pub fn heavy_store(dir: &Path) -> PathBuf {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    let bytes = BYTES.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let bundle = tmp.path().join("heavy.json");
        std::fs::write(&bundle, heavy_bundle().to_string()).unwrap();
        let db = tmp.path().join("vitae.db");
        let (code, _, err) = vitae(&[
            "--db",
            &db.display().to_string(),
            "import",
            &bundle.display().to_string(),
        ]);
        assert_eq!(code, 0, "{err}");
        // Everything into the main file, so that one file is the store.
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
        drop(conn);
        std::fs::read(&db).unwrap()
    });
    let db = dir.join("vitae.db");
    std::fs::write(&db, bytes).unwrap();
    db
}

/// The name of venue `n` of the heavy store: no venue's name is part of
/// another's.
pub fn heavy_venue(n: usize) -> String {
    format!("Proceedings of the Workshop on Rather Long Venue Names (volume {n:03})")
}

fn heavy_bundle() -> Value {
    let works: Vec<Value> = (0..HEAVY_WORKS)
        .map(|i| {
            json!({
                "key": format!("w{i}"),
                "title": format!("On the structure of problem {i} of a long series"),
                "kind": "journal_article",
                "year": 1990 + i % 30,
                "venue": heavy_venue(i % HEAVY_VENUES),
                "authors": [{ "name": "Heavy Author", "person": "heavy" }],
            })
        })
        .collect();
    json!({
        "format": "vitae-bundle/1",
        "source": { "key": "heavy", "title": "Many works", "kind": "other" },
        "people": [{ "key": "heavy", "slug": "heavy-author", "name": "Heavy Author" }],
        "works": works,
    })
}

/// A query that is slow because the store is large: `fields` times, how
/// many works the heavy store lists in a venue (venue `n % HEAVY_VENUES` for
/// field `n`). A venue filter matches a substring, which no index serves, so
/// each count reads every work (about 11 ms in a debug build on 2 cores).
/// Each answer is `HEAVY_WORKS / HEAVY_VENUES`, under the alias `v000`,
/// `v001`, ….
pub fn heavy_query(fields: usize) -> String {
    let fields: Vec<String> = (0..fields)
        .map(|n| {
            let venue = n % HEAVY_VENUES;
            format!(
                "v{n:03}: works(filter: {{ venue: \"(volume {venue:03})\" }}, first: 1) {{ totalCount }}"
            )
        })
        .collect();
    format!("{{ {} }}", fields.join(" "))
}

/// What the server holds for the start of a test.
enum Data<'a> {
    Empty,
    Seeds,
    Heavy,
    /// The bytes of a database file.
    File(&'a [u8]),
}

impl TestServer {
    /// A server over an empty database.
    pub fn spawn() -> TestServer {
        Self::start(Data::Empty, Limits::default())
    }

    /// A server over a database loaded with `data/seed/`.
    pub fn with_seeds() -> TestServer {
        Self::start(Data::Seeds, Limits::default())
    }

    /// A seeded server with other limits.
    pub fn with_limits(limits: Limits) -> TestServer {
        Self::start(Data::Seeds, limits)
    }

    /// A server over a copy of the heavy store, with `limits`.
    pub fn heavy(limits: Limits) -> TestServer {
        Self::start(Data::Heavy, limits)
    }

    /// A server over a copy of an existing database file (its bytes), which
    /// the real startup path opens and migrates.
    pub fn on_database(bytes: &[u8]) -> TestServer {
        Self::start(Data::File(bytes), Limits::default())
    }

    fn start(data: Data, limits: Limits) -> TestServer {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("vitae.db");
        match data {
            Data::Empty => {}
            Data::Seeds => drop(seeded_store(dir.path())),
            Data::Heavy => drop(heavy_store(dir.path())),
            Data::File(bytes) => std::fs::write(&db, bytes).unwrap(),
        }
        let config = ServerConfig {
            db: db.clone(),
            bind: "127.0.0.1".parse().unwrap(),
            port: 0,
            seed: false,
            limits,
            read: Default::default(),
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

    /// POSTs a JSON body; asserts a 200 and returns the body.
    pub fn gql_body(&self, body: Value) -> Value {
        let res = self.post(body);
        assert_eq!(res.status(), 200);
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

    /// GETs `path` (with `accept` as the `Accept` header): status, the
    /// response's headers and its body as text.
    pub fn fetch(
        &self,
        path: &str,
        accept: Option<&str>,
    ) -> (u16, reqwest::header::HeaderMap, String) {
        let mut req = self.client.get(format!("{}{path}", self.base));
        if let Some(a) = accept {
            req = req.header("accept", a);
        }
        let res = req.send().unwrap();
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        (status, headers, res.text().unwrap())
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

/// Polls `base`/health until `ready` holds (for at most 30 s), asserting
/// that every answer is a 200; returns the last body.
pub fn wait_for_health(
    client: &reqwest::blocking::Client,
    base: &str,
    ready: impl Fn(&Value) -> bool,
) -> Value {
    let until = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        let res = client.get(format!("{base}/health")).send().unwrap();
        assert_eq!(res.status(), 200);
        let health: Value = res.json().unwrap();
        if ready(&health) || std::time::Instant::now() > until {
            assert!(ready(&health), "{health:#}");
            return health;
        }
        std::thread::sleep(Duration::from_millis(20));
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
