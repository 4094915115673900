//! Upgrades: for every schema version a user's store can be at, a fixture
//! (`tests/fixtures/vN-COMMIT.sqlite.zst`, made by `tests/fixtures/make.sh`
//! with that commit's own `vitae import` of the seeds) is opened by today's
//! server, which migrates it. The migrated store must answer the key queries
//! exactly as a store freshly imported from the same seeds does, hold the
//! same schema and derived rows, and keep its answers when the seeds are
//! imported into it again.

use std::path::{Path, PathBuf};

use rusqlite::types::Value as Sql;
use rusqlite::Connection;
use serde_json::{json, Value};
use vitae::store::{migrate, Store};

use crate::helpers::{seed_files, seeded_store, vitae, TestServer, WHOLE_CV};

/// The oldest schema version a user's store can be at: versions 1 to 4
/// arrived in one commit.
const OLDEST: usize = 4;

#[test]
fn every_version_from_the_oldest_to_the_one_before_today_has_a_fixture() {
    let have: Vec<usize> = fixtures().iter().map(|f| f.version).collect();
    let want: Vec<usize> = (OLDEST..migrate::FILES.len()).collect();
    assert_eq!(
        have, want,
        "one fixture per earlier schema version: add the missing ones with tests/fixtures/make.sh"
    );
}

#[test]
fn a_migrated_store_answers_as_a_fresh_import_and_keeps_its_answers_on_reimport() {
    let fresh = TestServer::with_seeds();
    let want = answers(&fresh);
    features_work(&want);
    for f in fixtures() {
        let s = TestServer::on_database(&f.bytes());
        let got = answers(&s);
        features_work(&got);
        assert_same(&got, &want, &format!("{} migrated", f.name));
        let db = s.db.display().to_string();
        let seeds: Vec<String> = seed_files()
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        let mut args = vec!["--db", db.as_str(), "import"];
        args.extend(seeds.iter().map(String::as_str));
        let (code, _, err) = vitae(&args);
        assert_eq!(code, 0, "{}: {err}", f.name);
        assert_same(&answers(&s), &want, &format!("{} re-imported", f.name));
    }
}

#[test]
fn a_migrated_store_has_the_schema_and_derived_rows_of_a_fresh_one() {
    let dir = tempfile::tempdir().unwrap();
    drop(seeded_store(dir.path()));
    let fresh = Connection::open(dir.path().join("vitae.db")).unwrap();
    for f in fixtures() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vitae.db");
        std::fs::write(&path, f.bytes()).unwrap();
        let before = Connection::open(&path).unwrap();
        assert_eq!(version(&before), f.version, "{}", f.name);
        drop(before);
        // As the CLI and the server open a store: migrate, then catch up.
        let store = Store::open(&path).unwrap();
        vitae::import::catch_up(&store).unwrap();
        drop(store);
        let migrated = Connection::open(&path).unwrap();
        assert_eq!(version(&migrated), migrate::FILES.len(), "{}", f.name);
        for sql in DERIVED {
            let rows = rows(&migrated, sql);
            assert!(!rows.is_empty(), "{}: nothing in {sql}", f.name);
            assert_eq!(rows, self::rows(&fresh, sql), "{}: {sql}", f.name);
        }
        migrated
            .execute_batch("INSERT INTO search_index (search_index) VALUES ('integrity-check')")
            .unwrap();
        let problems = rows(&migrated, "PRAGMA foreign_key_check");
        assert!(problems.is_empty(), "{}: {problems:?}", f.name);
    }
}

/// Every source's works and career facts in the document's order, as the
/// API lists them (ids left out: they follow import order).
const DOCUMENT_ORDER: &str = r#"{ sources { key
  works(first: 100) { edges { position section node { title
    statedBy { source { key } position section listedUnder { slug } } } } }
  facts(first: 100) { edges { position section organizationAsPrinted node { __typename } } } } }"#;

#[test]
fn a_migrated_store_lists_each_source_in_its_documents_order_as_a_fresh_import_does() {
    for f in fixtures() {
        let migrated = TestServer::on_database(&f.bytes());
        let got = migrated.data(DOCUMENT_ORDER, json!({}));
        // A fresh store imports what the migrated one holds: its sources'
        // stored bundles, exported.
        let export = migrated.db.with_file_name("export.json");
        let db = migrated.db.display().to_string();
        let out = export.display().to_string();
        let (code, _, err) = vitae(&["--db", &db, "export", "--format", "json", "--out", &out]);
        assert_eq!(code, 0, "{}: {err}", f.name);
        let fresh = TestServer::spawn();
        let db = fresh.db.display().to_string();
        let (code, _, err) = vitae(&["--db", &db, "import", &out]);
        assert_eq!(code, 0, "{}: {err}", f.name);
        let want = fresh.data(DOCUMENT_ORDER, json!({}));
        assert_eq!(got, want, "{}", f.name);
        let sources = got["sources"].as_array().unwrap();
        assert_eq!(sources.len(), 5, "{}", f.name);
        let listed: usize = sources
            .iter()
            .map(|s| s["works"]["edges"].as_array().unwrap().len())
            .sum();
        assert!(listed > 150, "{}: {listed} works listed", f.name);
        let store = Connection::open(&migrated.db).unwrap();
        let unplaced = rows(
            &store,
            "SELECT count(*) FROM attestation WHERE ordinal IS NULL AND entity <> 'person'",
        );
        assert_eq!(unplaced, vec![vec![Sql::Integer(0)]], "{}", f.name);
        let queued = rows(&store, "SELECT count(*) FROM source_to_reread");
        assert_eq!(queued, vec![vec![Sql::Integer(0)]], "{}", f.name);
    }
}

/// The schema and the rows of every derived structure, in a fixed order.
const DERIVED: &[&str] = &[
    "SELECT type, name, tbl_name, sql FROM sqlite_schema
     WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    "SELECT person_id, work_id, relation, date_key, year, title_key FROM person_work
     ORDER BY work_id, person_id",
    "SELECT person_id, coauthor_id, shared, first_year, last_year FROM coauthorship
     ORDER BY person_id, coauthor_id",
    "SELECT entity, entity_id, name, body FROM search_index ORDER BY entity, entity_id",
    // Chosen by the import (0009 queues works for `import::catch_up`).
    "SELECT id, authors_truncated, authors_disputed FROM work ORDER BY id",
    "SELECT work_id, position, person_id, name FROM authorship ORDER BY work_id, position",
];

/// A store of one earlier schema version.
struct Fixture {
    version: usize,
    name: String,
    path: PathBuf,
}

impl Fixture {
    /// The SQLite file.
    fn bytes(&self) -> Vec<u8> {
        zstd::decode_all(std::fs::File::open(&self.path).unwrap()).unwrap()
    }
}

/// `tests/fixtures/vN-COMMIT.sqlite.zst`, oldest version first.
fn fixtures() -> Vec<Fixture> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out: Vec<Fixture> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?.to_string();
            let stem = name.strip_suffix(".sqlite.zst")?.strip_prefix('v')?;
            let version = stem.split('-').next()?.parse().ok()?;
            Some(Fixture {
                version,
                name,
                path,
            })
        })
        .collect();
    out.sort_by_key(|f| f.version);
    out
}

fn version(conn: &Connection) -> usize {
    let v: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    usize::try_from(v).unwrap()
}

fn rows(conn: &Connection, sql: &str) -> Vec<Vec<Sql>> {
    let mut stmt = conn.prepare(sql).unwrap();
    let n = stmt.column_count();
    stmt.query_map([], |r| (0..n).map(|i| r.get::<_, Sql>(i)).collect())
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

const PERSON_WORKS: &str = r#"query($slug: String!, $order: WorkOrder, $after: String) {
  person(slug: $slug) { works(first: 7, orderBy: $order, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id title year date } } } } }"#;

const WORKS: &str = r#"query($filter: WorkFilter, $order: WorkOrder) {
  works(first: 100, filter: $filter, orderBy: $order) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id title year kind venue categories authors { name person { slug } } } } } }"#;

const COAUTHORS: &str = r#"query($slug: String!) { person(slug: $slug) {
  coauthors(first: 100) { totalCount edges { cursor node { slug name } sharedWorks firstYear lastYear } } } }"#;

const TIMELINE: &str = r#"query($slug: String!) { person(slug: $slug) {
  timeline(kinds: [APPOINTMENT, EDUCATION, GRANT, TALK, TEACHING]) {
    kind title startDate endDate current lane organization { name } subject { id __typename } } } }"#;

const SEARCH: &str = r#"query($t: String!) { search(text: $t, first: 20) { totalCount edges { cursor node {
  __typename ... on Person { id slug name } ... on Organization { id slug name } ... on Work { id title } } } } }"#;

const PEOPLE: &str = r#"query($t: String!) { people(search: $t, first: 50) {
  totalCount edges { node { id slug name } } } }"#;

const ORDERS: &[&str] = &[
    "DATE_DESC",
    "DATE_ASC",
    "YEAR_DESC",
    "YEAR_ASC",
    "TITLE_ASC",
];

/// Every key query's whole response (errors included), labelled.
fn answers(s: &TestServer) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let mut ask = |label: String, query: &str, vars: Value| {
        let body = s.gql(query, vars);
        out.push((label, body));
    };
    for slug in ["qi-lei", "lei-wu"] {
        ask(
            format!("whole CV of {slug}"),
            WHOLE_CV,
            json!({ "slug": slug }),
        );
        ask(
            format!("co-authors of {slug}"),
            COAUTHORS,
            json!({ "slug": slug }),
        );
        ask(
            format!("timeline of {slug}"),
            TIMELINE,
            json!({ "slug": slug }),
        );
    }
    for text in [
        "gursoy",
        "lei",
        "adversarial training",
        "princeton",
        "nuclear norm",
    ] {
        ask(format!("search {text}"), SEARCH, json!({ "t": text }));
    }
    ask("people lei".into(), PEOPLE, json!({ "t": "lei" }));
    let filters = [
        json!(null),
        json!({ "author": "qi-lei", "yearFrom": 2020, "yearTo": 2022 }),
        json!({ "author": "lei-wu" }),
        json!({ "kinds": ["PREPRINT"] }),
        json!({ "text": "adversarial" }),
        json!({ "venue": "neur" }),
        json!({ "category": "LG" }),
    ];
    for filter in &filters {
        for order in ORDERS {
            let vars = json!({ "filter": filter, "order": order });
            ask(format!("works {filter} {order}"), WORKS, vars);
        }
    }
    for order in ORDERS {
        for (i, page) in person_works(s, order).into_iter().enumerate() {
            out.push((format!("qi-lei's works {order} page {i}"), page));
        }
    }
    let ids = ids_in(&out[0].1);
    out.push(("nodes of qi-lei's CV".into(), nodes(s, &ids)));
    out
}

/// Every page of qi-lei's works in `order`, each page after the last one's
/// cursor: keyset paging over `person_work`.
fn person_works(s: &TestServer, order: &str) -> Vec<Value> {
    let mut pages = Vec::new();
    let mut after = Value::Null;
    loop {
        let vars = json!({ "slug": "qi-lei", "order": order, "after": after });
        let page = s.gql(PERSON_WORKS, vars);
        let works = &page["data"]["person"]["works"];
        let more = works["pageInfo"]["hasNextPage"] == json!(true);
        after = works["pageInfo"]["endCursor"].clone();
        pages.push(page);
        if !more || pages.len() > 100 {
            return pages;
        }
    }
}

/// The global ids in an answer, in order, each once.
fn ids_in(v: &Value) -> Vec<String> {
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                if let Some(Value::String(id)) = m.get("id") {
                    if !out.contains(id) {
                        out.push(id.clone());
                    }
                }
                m.values().for_each(|v| walk(v, out));
            }
            Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(v, &mut out);
    out
}

/// `node(id)` for each id, in one request.
fn nodes(s: &TestServer, ids: &[String]) -> Value {
    let fields: Vec<String> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            format!(
                r#"n{i}: node(id: "{id}") {{ id __typename ... on Person {{ slug }} ... on Work {{ title }} ... on Organization {{ slug }} }}"#
            )
        })
        .collect();
    s.gql(&format!("{{ {} }}", fields.join(" ")), json!({}))
}

/// Each answer equals the fresh store's, label by label.
fn assert_same(got: &[(String, Value)], want: &[(String, Value)], what: &str) {
    for ((label, got), (want_label, want)) in got.iter().zip(want) {
        assert_eq!(label, want_label, "{what}");
        assert_eq!(got, want, "{what}: {label}");
    }
    assert_eq!(got.len(), want.len(), "{what}: number of answers");
}

/// The answers hold what the seeds say, so that equal answers mean working
/// features, not equally empty ones.
fn features_work(answers: &[(String, Value)]) {
    for (label, body) in answers {
        assert!(body.get("errors").is_none(), "{label}: {body:#}");
    }
    let data = |label: &str| {
        let (_, body) = answers.iter().find(|(l, _)| l == label).unwrap();
        body["data"].clone()
    };
    let hits = data("search gursoy")["search"]["edges"].clone();
    assert_eq!(hits[0]["node"]["name"], "Gamze Gürsoy");
    let hits = data("search princeton")["search"]["edges"].clone();
    assert_eq!(hits[0]["node"]["__typename"], "Organization");
    assert_eq!(hits[0]["node"]["name"], "Princeton University");
    let hits = data("search adversarial training")["search"]["edges"].clone();
    assert_eq!(hits[0]["node"]["__typename"], "Work");
    let coauthors = data("co-authors of qi-lei")["person"]["coauthors"].clone();
    assert_eq!(coauthors["totalCount"], 104);
    let first = &coauthors["edges"][0];
    assert_eq!(first["node"]["slug"], "jason-d-lee");
    assert_eq!(
        (
            &first["sharedWorks"],
            &first["firstYear"],
            &first["lastYear"]
        ),
        (&json!(17), &json!(2020), &json!(2025))
    );
    let cv = data("whole CV of qi-lei")["person"].clone();
    assert_eq!(cv["works"]["totalCount"], 74);
    let page = data("qi-lei's works TITLE_ASC page 0")["person"]["works"].clone();
    assert_eq!(page["totalCount"], 74);
    assert_eq!(
        page["edges"][0]["node"]["title"],
        "A Greedy Approach for Budgeted Maximum Inner Product Search"
    );
    // 74 works, 7 a page.
    assert!(answers
        .iter()
        .any(|(l, _)| l == "qi-lei's works TITLE_ASC page 10"));
    assert!(!answers
        .iter()
        .any(|(l, _)| l == "qi-lei's works TITLE_ASC page 11"));
}
