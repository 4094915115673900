//! Search: FTS5 with bm25 ranking, prefix matching and folded diacritics.

use serde_json::json;

use crate::helpers::TestServer;

const SEARCH: &str = r#"query($t: String!, $n: Int) { search(text: $t, first: $n) {
  __typename ... on Person { slug name } ... on Organization { slug name } ... on Work { title } } }"#;

#[test]
fn diacritics_fold_and_words_match_as_prefixes() {
    let s = TestServer::with_seeds();
    let hits = s.data(SEARCH, json!({ "t": "gursoy" }))["search"].clone();
    assert_eq!(hits[0]["__typename"], "Person");
    assert_eq!(hits[0]["name"], "Gamze Gürsoy");
    let hits = s.data(SEARCH, json!({ "t": "Gürs" }))["search"].clone();
    assert_eq!(hits[0]["name"], "Gamze Gürsoy");
    // Decomposed: "u" followed by U+0308 COMBINING DIAERESIS.
    let hits = s.data(SEARCH, json!({ "t": "gu\u{308}rsoy" }))["search"].clone();
    assert_eq!(hits[0]["name"], "Gamze Gürsoy");
}

#[test]
fn names_and_titles_rank_above_abstracts() {
    let s = TestServer::with_seeds();
    let hits = s.data(SEARCH, json!({ "t": "princeton", "n": 5 }))["search"].clone();
    assert_eq!(hits[0]["__typename"], "Organization");
    assert_eq!(hits[0]["name"], "Princeton University");
    let hits = s.data(
        SEARCH,
        json!({ "t": "weak-to-strong generalization", "n": 10 }),
    )["search"]
        .clone();
    let titles: Vec<&str> = hits
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["title"].as_str())
        .collect();
    assert!(titles.len() >= 2, "{titles:?}");
    assert!(
        titles[..2]
            .iter()
            .all(|t| t.to_lowercase().contains("weak-to-strong")),
        "{titles:?}"
    );
}

#[test]
fn people_can_be_searched_and_paginated() {
    let s = TestServer::with_seeds();
    let d = s.data(
        r#"{ people(search: "lei", first: 50) { totalCount edges { node { slug } } } }"#,
        json!({}),
    );
    let slugs: Vec<&str> = d["people"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["slug"].as_str().unwrap())
        .collect();
    assert!(
        slugs.contains(&"qi-lei") && slugs.contains(&"lei-wu") && slugs.contains(&"huan-lei"),
        "{slugs:?}"
    );
    assert_eq!(
        d["people"]["totalCount"].as_i64().unwrap() as usize,
        slugs.len()
    );
    let e = s.first_error(r#"{ search(text: "  ") { __typename } }"#, json!({}));
    assert_eq!(e["extensions"]["code"], "BAD_USER_INPUT");
    assert_eq!(e["path"], json!(["search"]));
}
