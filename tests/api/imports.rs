//! Imports of other formats (issue 10): each reader's file merges through
//! the one merge path, as a source of its own; round trips through a fresh
//! store; bad files change nothing.

use serde_json::{json, Value};

use crate::exports::{assert_valid, cli_person};
use crate::helpers::{vitae, TestServer};

/// Imports `files` into the server's database with extra CLI arguments;
/// returns (exit code, stderr).
pub fn import(s: &TestServer, args: &[&str], files: &[&str]) -> (i32, String) {
    let db = s.db.display().to_string();
    let mut all = vec!["--db", db.as_str(), "import"];
    all.extend(args);
    all.extend(files);
    let (code, _, err) = vitae(&all);
    (code, err)
}

/// Writes `text` beside the server's database as `name`; returns its path.
pub fn write_file(s: &TestServer, name: &str, text: &str) -> String {
    let path = s.db.with_file_name(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

fn total_works(s: &TestServer) -> u64 {
    s.data("{ works { totalCount } }", json!({}))["works"]["totalCount"]
        .as_u64()
        .unwrap()
}

#[test]
fn csl_json_round_trips_through_a_fresh_store() {
    let seeded = TestServer::with_seeds();
    let first = cli_person(&seeded, "qi-lei", "csl-json");
    let fresh = TestServer::spawn();
    let file = write_file(&fresh, "qi-lei.csl.json", &first);
    let (code, err) = import(&fresh, &[], &[&file]);
    assert_eq!(code, 0, "{err}");
    // Everyone the list names is now a person; the export of all works
    // gives the same items.
    let db = fresh.db.display().to_string();
    let (code, again, err) = vitae(&["--db", &db, "export", "--works", "--format", "csl-json"]);
    assert_eq!(code, 0, "{err}");
    let (a, b): (Value, Value) = (
        serde_json::from_str(&first).unwrap(),
        serde_json::from_str(&again).unwrap(),
    );
    assert_valid("csl-data.json", &b);
    // Works of one date come in id order, which is import order: compare
    // by citation key.
    let by_key = |v: &Value| {
        let mut items = v.as_array().unwrap().clone();
        items.sort_by_key(|i| i["id"].as_str().unwrap().to_string());
        items
    };
    let (a, b) = (by_key(&a), by_key(&b));
    assert_eq!(a.len(), 63);
    assert_eq!(b.len(), 63);
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y, "{}", x["title"]);
    }
    let d = fresh.data(r#"{ sources { key kind title } }"#, json!({}));
    assert_eq!(
        d["sources"],
        json!([{ "key": "csl-json-qi-lei", "kind": "export", "title": "qi-lei.csl.json" }])
    );
}

#[test]
fn a_seed_work_arriving_again_from_csl_json_merges_and_gains_the_source() {
    let s = TestServer::with_seeds();
    let before = total_works(&s);
    let text = cli_person(&s, "lei-wu", "csl-json");
    let file = write_file(&s, "lei-wu.csl.json", &text);
    let (code, err) = import(&s, &["--person", "lei-wu"], &[&file]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(total_works(&s), before, "no work is duplicated");
    let d = s.data(
        r#"{ person(slug: "lei-wu") { works(relation: AUTHOR, first: 100) { totalCount
             edges { node { sources { key } } } } } }"#,
        json!({}),
    );
    let works = &d["person"]["works"];
    assert_eq!(works["totalCount"], 19);
    for e in works["edges"].as_array().unwrap() {
        let keys: Vec<&str> = e["node"]["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["key"].as_str().unwrap())
            .collect();
        assert!(keys.contains(&"csl-json-lei-wu"), "{keys:?}");
    }
}

#[test]
fn a_person_named_by_the_file_owns_the_list() {
    let s = TestServer::with_seeds();
    let items = json!([
        { "id": "own", "type": "article-journal", "title": "A Paper Lei Wu Wrote Elsewhere",
          "author": [{ "family": "Wu", "given": "Lei" }, { "family": "Other", "given": "Ann" }],
          "issued": { "date-parts": [[2019, 3]] }, "container-title": "Journal X" },
        { "id": "theirs", "type": "article", "title": "A Preprint Not Naming Her",
          "author": [{ "family": "Someone", "given": "Else" }] }
    ]);
    let file = write_file(&s, "mine.json", &items.to_string());
    let (code, err) = import(
        &s,
        &["--format", "csl-json", "--person", "lei-wu"],
        &[&file],
    );
    assert_eq!(code, 0, "{err}");
    let d = s.data(
        r#"{ person(slug: "lei-wu") { works(first: 100, filter: {source: "csl-json-mine"}) {
             edges { relation node { title year venue authors { name person { slug } } } } } } }"#,
        json!({}),
    );
    let edges = d["person"]["works"]["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 2);
    let own = edges.iter().find(|e| e["relation"] == "AUTHOR").unwrap();
    assert_eq!(own["node"]["title"], "A Paper Lei Wu Wrote Elsewhere");
    assert_eq!(own["node"]["year"], 2019);
    assert_eq!(own["node"]["venue"], "Journal X");
    assert_eq!(own["node"]["authors"][0]["person"]["slug"], "lei-wu");
    let listed = edges.iter().find(|e| e["relation"] == "LISTED").unwrap();
    assert_eq!(listed["node"]["title"], "A Preprint Not Naming Her");
}

#[test]
fn bad_csl_json_is_refused_with_its_place_and_nothing_is_written() {
    let s = TestServer::with_seeds();
    let before = total_works(&s);
    let cases = [
        (
            "truncated.csl.json",
            r#"[{"id": "a", "title": "T"#.to_string(),
            "line 1",
        ),
        (
            "untitled.csl.json",
            json!([{ "id": "a", "title": "Fine" }, { "id": "b", "type": "book" }]).to_string(),
            "item 2 (id \"b\"): has no title",
        ),
        (
            "object.csl.json",
            json!({ "id": "a" }).to_string(),
            "array of items",
        ),
    ];
    for (name, text, want) in cases {
        let file = write_file(&s, name, &text);
        let (code, err) = import(&s, &[], &[&file]);
        assert_eq!(code, 2, "{name}: {err}");
        assert!(err.contains(want), "{name}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    let big = format!(
        "[{}{{\"id\": \"last\", \"title\": \"Last\"}}]",
        r#"{"id": "x", "title": "A Title Repeated To Make The File Large", "note": "padding padding padding padding"},"#
            .repeat(200_000)
    );
    assert!(big.len() > 20_000_000);
    let file = write_file(&s, "big.csl.json", &big);
    let (code, err) = import(&s, &[], &[&file]);
    assert_eq!(code, 2);
    assert!(err.contains("at most 16 MiB"), "{err}");
    let latin1 = s.db.with_file_name("latin1.csl.json");
    std::fs::write(&latin1, b"[{\"id\": \"a\", \"title\": \"Caf\xe9\"}]").unwrap();
    let (code, err) = import(&s, &[], &[&latin1.display().to_string()]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read the file"), "{err}");
    assert_eq!(total_works(&s), before);
    let d = s.data("{ sources { key } }", json!({}));
    assert_eq!(
        d["sources"].as_array().unwrap().len(),
        5,
        "no source was added"
    );
    let (code, err) = import(
        &s,
        &["--person", "nobody", "--format", "csl-json"],
        &["x.json"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("no person with slug `nobody`"), "{err}");
}
