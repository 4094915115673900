//! Author lists that never lose a name (issue 9): a complete list wins over
//! an "et al." one only when the cut list is its prefix; otherwise the work
//! is disputed and keeps every printed name. On the seeds and on generated
//! bundles, through the server and `vitae check`.

use serde_json::{json, Value};

use crate::helpers::{vitae, TestServer};

const WORK: &str = r#"query($text: String!) { works(filter: {text: $text}) { edges { node {
  title authorsDisputed authorsTruncated authors { name person { slug } } } } } }"#;

/// The one work whose title has `text`, as served.
fn work(s: &TestServer, text: &str) -> Value {
    let d = s.data(WORK, json!({ "text": text }));
    let edges = d["works"]["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 1, "{edges:?}");
    edges[0]["node"].clone()
}

fn names(work: &Value) -> Vec<&str> {
    work["authors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect()
}

#[test]
fn an_et_al_list_that_is_no_prefix_keeps_its_names_and_flags_the_work() {
    let s = TestServer::with_seeds();
    // The CV prints "Sheng Liu, Zihan Wang, Qi Lei"; the paper index
    // "Sheng Liu, Zihan Wang, Yuxiao Chen et al.".
    let w = work(&s, "Data Reconstruction Attacks Defenses Systematic");
    assert_eq!(
        names(&w),
        ["Sheng Liu", "Zihan Wang", "Yuxiao Chen", "Qi Lei"]
    );
    assert_eq!(w["authorsDisputed"], true);
    assert_eq!(w["authorsTruncated"], true);
    // Yuxiao Chen keeps the work and the co-authorship with Qi Lei.
    let d = s.data(
        r#"{ person(slug: "yuxiao-chen") { works { edges { node { title } } }
             coauthors(first: 100) { edges { node { slug } sharedWorks } } } }"#,
        json!({}),
    );
    let titles: Vec<&str> = d["person"]["works"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["title"].as_str().unwrap())
        .collect();
    assert!(
        titles.contains(&"Data Reconstruction Attacks and Defenses: A Systematic Evaluation"),
        "{titles:?}"
    );
    let lei = d["person"]["coauthors"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["node"]["slug"] == "qi-lei")
        .cloned()
        .unwrap();
    assert_eq!(lei["sharedWorks"], 2);
    // A work whose cut list is a prefix of the complete one is not flagged.
    let d = s.data(
        r#"{ works(first: 100) { totalCount edges { node { authorsDisputed } } } }"#,
        json!({}),
    );
    let disputed = d["works"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["node"]["authorsDisputed"] == true)
        .count();
    assert_eq!(disputed, 1);
}

/// A source stating one work with this author list.
fn bundle(key: &str, kind: &str, authors: &[&str], truncated: bool) -> Value {
    let authors: Vec<Value> = authors.iter().map(|n| json!({ "name": n })).collect();
    json!({
        "format": "vitae-bundle/1",
        "source": { "key": key, "title": key, "kind": kind },
        "works": [{ "key": "w", "title": "A Generated Work on Author Lists", "kind": "preprint",
                    "doi": "10.1234/generated.1", "authors": authors,
                    "authorsTruncated": truncated }],
    })
}

#[test]
fn any_two_sources_that_disagree_keep_every_name_in_an_order_both_allow() {
    let s = TestServer::spawn();
    s.import(&bundle(
        "gen-cv",
        "cv",
        &["Ann Able", "Bo Baker", "Di Dunn"],
        false,
    ));
    s.import(&bundle(
        "gen-index",
        "other",
        &["Ann Able", "Cy Cole"],
        true,
    ));
    let w = work(&s, "Generated Work Author Lists");
    assert_eq!(names(&w), ["Ann Able", "Cy Cole", "Bo Baker", "Di Dunn"]);
    assert_eq!(
        (&w["authorsDisputed"], &w["authorsTruncated"]),
        (&json!(true), &json!(true))
    );

    // The index's new version agrees with the CV: the dispute is gone, and
    // Cy Cole, whom no source names any more, with it.
    s.import(&bundle(
        "gen-index",
        "other",
        &["Ann Able", "Bo Baker"],
        true,
    ));
    let w = work(&s, "Generated Work Author Lists");
    assert_eq!(names(&w), ["Ann Able", "Bo Baker", "Di Dunn"]);
    assert_eq!(
        (&w["authorsDisputed"], &w["authorsTruncated"]),
        (&json!(false), &json!(false))
    );
    let cole = s.data(r#"{ person(slug: "cy-cole") { name } }"#, json!({}));
    assert_eq!(cole["person"], json!(null));
}

#[test]
fn check_lists_the_author_list_conflict_with_its_sources() {
    let s = TestServer::spawn();
    s.import(&bundle("gen-cv", "cv", &["Ann Able", "Bo Baker"], false));
    s.import(&bundle(
        "gen-index",
        "other",
        &["Ann Able", "Cy Cole"],
        true,
    ));
    let db = s.db.display().to_string();
    let (code, out, _) = vitae(&["--db", &db, "check"]);
    assert_eq!(code, 1, "{out}");
    let line = out
        .lines()
        .find(|l| l.starts_with("author-list-conflict:"))
        .expect(&out);
    assert!(
        line.contains("A Generated Work on Author Lists")
            && line.ends_with("[sources: gen-cv, gen-index]"),
        "{line}"
    );
}
