//! No N+1: the whole-CV query runs a fixed number of SQL statements, however
//! many works and authors the person has. Counted by SQLite's trace hook in
//! a server process of its own (`VITAE_COUNT_SQL`), read from the
//! `x-vitae-sql-statements` response header.
//!
//! A `DataLoader` batch holds the keys queued before its task runs, that is
//! until the resolvers of one level have yielded; a level whose parents' rows
//! arrive in two parts then loads in two batches, and loads of one kind from different places in the
//! query (mentors, advisors, authors are all people) share a batch or not
//! depending on when their parents' rows arrived. Each count is therefore the
//! fewest statements over a few runs of the same request, and the bound
//! allows a few split batches: far fewer than one statement per work.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use serde_json::json;

use crate::helpers::{seed_files, vitae, WHOLE_CV};

struct Served {
    child: Child,
    base: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// How many more statements a larger profile may run than a small one,
/// from batches that split (see the module docs); 60 more works add none.
const SPLIT_BATCHES: u64 = 8;

fn serve(db: &str) -> Served {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vitae"))
        .args(["--db", db, "serve", "--port", "0"])
        .env("VITAE_COUNT_SQL", "1")
        .env("RUST_LOG", "info")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    let base = loop {
        let line = lines
            .next()
            .expect("the server ended before it listened")
            .unwrap();
        if let Some(at) = line.find("http://") {
            let url: String = line[at..].split_whitespace().next().unwrap().to_string();
            break url;
        }
    };
    // Keep draining the log so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Served { child, base }
}

/// The fewest statements over `RUNS` runs of the whole-CV query, and the
/// number of works it returned.
fn statements_for_whole_cv(served: &Served, slug: &str) -> (u64, usize) {
    fewest_statements(served, WHOLE_CV, slug)
}

/// Every work of a person with each source's typed statement of it and the
/// people its printed authors are.
const STATED_BY: &str = r#"query($slug: String!) { person(slug: $slug) {
  works(first: 100) { edges { node { title statedBy { source { key } title year
    listedUnder { slug } authors { position name person { slug } } } } } } } }"#;

/// The fewest statements over `RUNS` runs of `query` for the person `slug`,
/// and the number of works it returned.
fn fewest_statements(served: &Served, query: &str, slug: &str) -> (u64, usize) {
    const RUNS: usize = 5;
    let runs: Vec<(u64, usize)> = (0..RUNS).map(|_| one_run(served, query, slug)).collect();
    let works = runs[0].1;
    assert!(runs.iter().all(|r| r.1 == works), "{runs:?}");
    (runs.iter().map(|r| r.0).min().unwrap(), works)
}

fn one_run(served: &Served, query: &str, slug: &str) -> (u64, usize) {
    let client = reqwest::blocking::Client::new();
    let res = client
        .post(format!("{}/graphql", served.base))
        .json(&json!({ "query": query, "variables": { "slug": slug } }))
        .send()
        .unwrap();
    let n: u64 = res.headers()["x-vitae-sql-statements"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let body: serde_json::Value = res.json().unwrap();
    assert!(body.get("errors").is_none(), "{body:#}");
    let works = body["data"]["person"]["works"]["edges"]
        .as_array()
        .unwrap()
        .len();
    (n, works)
}

/// A bundle of `n` works by the person `grown`, each with 6 co-authors of
/// its own, from `first` on.
fn works_of_grown(path: &std::path::Path, first: usize, n: usize) {
    let works: Vec<_> = (first..first + n)
        .map(|i| {
            let authors: Vec<_> = (0..6)
                .map(|j| json!({ "name": format!("Extra Author {i} {j}") }))
                .chain([json!({ "name": "Grown Person", "person": "grown" })])
                .collect();
            json!({ "key": format!("w{i}"), "title": format!("Generated work number {i}"),
                    "kind": "preprint", "year": 2000 + (i % 20) as i32, "categories": ["LG"],
                    "authors": authors })
        })
        .collect();
    let bundle = json!({
        "format": "vitae-bundle/1",
        "source": { "key": format!("generated-{first}"), "title": "Generated works", "kind": "other" },
        "people": [{ "key": "grown", "slug": "grown", "name": "Grown Person" }],
        "works": works,
    });
    std::fs::write(path, bundle.to_string()).unwrap();
}

fn import(db: &str, files: &[String]) {
    let mut args = vec!["--db", db, "import"];
    args.extend(files.iter().map(String::as_str));
    let (code, _, err) = vitae(&args);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn the_whole_cv_query_runs_a_bounded_number_of_statements() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("vitae.db").display().to_string();
    let seeds: Vec<String> = seed_files()
        .iter()
        .map(|f| f.display().to_string())
        .collect();
    import(&db, &seeds);
    let small = dir.path().join("small.json");
    works_of_grown(&small, 0, 3);
    import(&db, &[small.display().to_string()]);

    let served = serve(&db);
    let (qi_lei, qi_lei_works) = statements_for_whole_cv(&served, "qi-lei");
    let (grown_small, works_small) = statements_for_whole_cv(&served, "grown");
    let (stated_small, _) = fewest_statements(&served, STATED_BY, "grown");
    drop(served);

    let large = dir.path().join("large.json");
    works_of_grown(&large, 3, 60);
    import(&db, &[large.display().to_string()]);
    let served = serve(&db);
    let (grown_large, works_large) = statements_for_whole_cv(&served, "grown");
    let (stated_large, _) = fewest_statements(&served, STATED_BY, "grown");
    let (stated_qi_lei, _) = fewest_statements(&served, STATED_BY, "qi-lei");

    assert!(qi_lei_works > 50, "{qi_lei_works}");
    assert!(
        qi_lei <= 100,
        "the whole CV of Qi Lei ran {qi_lei} statements"
    );
    assert_eq!((works_small, works_large), (3, 63));
    // One statement per work or per author anywhere in the query would add
    // at least 60 statements between the two sizes; a batch that split in
    // two because its keys came in two windows adds one.
    assert!(
        grown_large <= grown_small + SPLIT_BATCHES,
        "63 works with 441 authors ran {grown_large} statements, 3 works ran {grown_small}"
    );
    assert!(grown_large < 60, "63 works ran {grown_large} statements");
    // Each source's statement of every work, with its authors' people: one
    // batch per level, not one statement per work or per statement.
    assert!(
        stated_large <= stated_small + SPLIT_BATCHES,
        "statedBy of 63 works ran {stated_large} statements, of 3 works {stated_small}"
    );
    assert!(
        stated_qi_lei < 40,
        "statedBy of Qi Lei's works ran {stated_qi_lei}"
    );
}

/// Every aggregate a dashboard asks of a person, in three requests (in one,
/// the people of the graph and of the similar list load in one batch or in
/// two, as their parents' rows arrive): all four facets of the authored
/// works and the figures; the co-author graph; the similar people.
const AGGREGATES: [&str; 3] = [
    r#"query($slug: String!) { person(slug: $slug) {
  works(relation: AUTHOR, first: 1) { totalCount
    facets { years { value count } kinds { value count }
             venues { value count } categories { value count } } }
  stats { works coauthors firstYear lastYear appointments sources } } }"#,
    r#"query($slug: String!) { person(slug: $slug) {
  coauthorGraph(first: 10) { nodes { slug } edges { source { slug } target { slug } sharedWorks } } } }"#,
    r#"query($slug: String!) { person(slug: $slug) {
  similar(first: 5) { person { slug } score reasons } } }"#,
];

/// The fewest statements over five runs of each aggregates query for `slug`.
fn aggregate_statements(served: &Served, slug: &str) -> [u64; 3] {
    let client = reqwest::blocking::Client::new();
    AGGREGATES.map(|query| {
        let runs = (0..5).map(|_| {
            let res = client
                .post(format!("{}/graphql", served.base))
                .json(&json!({ "query": query, "variables": { "slug": slug } }))
                .send()
                .unwrap();
            let n: u64 = res.headers()["x-vitae-sql-statements"]
                .to_str()
                .unwrap()
                .parse()
                .unwrap();
            let body: serde_json::Value = res.json().unwrap();
            assert!(body.get("errors").is_none(), "{body:#}");
            n
        });
        runs.min().unwrap()
    })
}

#[test]
fn the_aggregates_of_a_person_run_a_fixed_number_of_statements() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("vitae.db").display().to_string();
    let seeds: Vec<String> = seed_files()
        .iter()
        .map(|f| f.display().to_string())
        .collect();
    import(&db, &seeds);
    let small = dir.path().join("small.json");
    works_of_grown(&small, 0, 3);
    import(&db, &[small.display().to_string()]);
    let served = serve(&db);
    let qi_lei = aggregate_statements(&served, "qi-lei");
    let grown_small = aggregate_statements(&served, "grown");
    drop(served);

    let large = dir.path().join("large.json");
    works_of_grown(&large, 3, 60);
    import(&db, &[large.display().to_string()]);
    let served = serve(&db);
    let grown_large = aggregate_statements(&served, "grown");
    // SQLite's trace hook reports some statements more than once (one with
    // common table expressions, say), so these are the hook's figures, not
    // the statements prepared; what matters is that they are fixed.
    assert_eq!(
        (qi_lei, grown_small, grown_large),
        (
            AGGREGATE_STATEMENTS,
            AGGREGATE_STATEMENTS,
            AGGREGATE_STATEMENTS
        ),
        "Qi Lei (63 authored works), 3 works, 63 works"
    );
}

/// What the trace hook counts for each aggregates query of any person:
/// `person(slug:)`, the page, `totalCount`, four facets, the stats batch;
/// the graph's ranking and pairs, and its people; the similar ranking and
/// items, and their people.
const AGGREGATE_STATEMENTS: [u64; 3] = [16, 7, 7];
