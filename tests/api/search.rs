//! Search: FTS5 with bm25 ranking, prefix matching and folded diacritics.

use serde_json::{json, Value};

use crate::helpers::TestServer;

const SEARCH: &str = r#"query($t: String!, $n: Int) { search(text: $t, first: $n) { edges { node {
  __typename ... on Person { slug name } ... on Organization { slug name } ... on Work { title } } } } }"#;

/// The hits of `SEARCH` for `text`, at most `n` (the default page when none).
fn hits(s: &TestServer, text: &str, n: Option<i32>) -> Vec<Value> {
    let d = s.data(SEARCH, json!({ "t": text, "n": n }));
    d["search"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"].clone())
        .collect()
}

#[test]
fn diacritics_fold_and_words_match_as_prefixes() {
    let s = TestServer::with_seeds();
    let found = hits(&s, "gursoy", None);
    assert_eq!(found[0]["__typename"], "Person");
    assert_eq!(found[0]["name"], "Gamze Gürsoy");
    let found = hits(&s, "Gürs", None);
    assert_eq!(found[0]["name"], "Gamze Gürsoy");
    // Decomposed: "u" followed by U+0308 COMBINING DIAERESIS.
    let found = hits(&s, "gu\u{308}rsoy", None);
    assert_eq!(found[0]["name"], "Gamze Gürsoy");
}

#[test]
fn names_and_titles_rank_above_abstracts() {
    let s = TestServer::with_seeds();
    let found = hits(&s, "princeton", Some(5));
    assert_eq!(found[0]["__typename"], "Organization");
    assert_eq!(found[0]["name"], "Princeton University");
    let found = hits(&s, "weak-to-strong generalization", Some(10));
    let titles: Vec<&str> = found.iter().filter_map(|h| h["title"].as_str()).collect();
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
    let e = s.first_error(r#"{ search(text: "  ") { totalCount } }"#, json!({}));
    assert_eq!(e["extensions"]["code"], "BAD_USER_INPUT");
    assert_eq!(e["path"], json!(["search"]));
}

/// The ids of every edge of `field` (`people` or `search`) walked `size` at
/// a time, forward or backward, in list order; and the total count.
fn walk(
    s: &TestServer,
    query: &str,
    field: &str,
    size: usize,
    backward: bool,
) -> (Vec<Value>, i64) {
    let mut all: Vec<Value> = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let vars = if backward {
            json!({ "last": size, "before": cursor })
        } else {
            json!({ "first": size, "after": cursor })
        };
        let page = s.data(query, vars)[field].clone();
        let mut ids: Vec<Value> = page["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["node"]["id"].clone())
            .collect();
        let info = &page["pageInfo"];
        let (more, next) = if backward {
            ids.append(&mut all);
            all = ids;
            (&info["hasPreviousPage"], &info["startCursor"])
        } else {
            all.append(&mut ids);
            (&info["hasNextPage"], &info["endCursor"])
        };
        if *more == false {
            return (all, page["totalCount"].as_i64().unwrap());
        }
        cursor = next.as_str().map(String::from);
    }
}

#[test]
fn search_and_people_page_forward_and_backward_alike() {
    let s = TestServer::with_seeds();
    let search = r#"query($first: Int, $after: String, $last: Int, $before: String) {
      search(text: "learning", first: $first, after: $after, last: $last, before: $before) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor node { ... on Work { id } ... on Person { id } ... on Organization { id } } } } }"#;
    let people = r#"query($first: Int, $after: String, $last: Int, $before: String) {
      people(first: $first, after: $after, last: $last, before: $before) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor node { id } } } }"#;
    for (query, field) in [(search, "search"), (people, "people")] {
        let (forward, total) = walk(&s, query, field, 7, false);
        let (backward, _) = walk(&s, query, field, 7, true);
        assert!(total > 20, "{field}: {total}");
        assert_eq!(forward.len() as i64, total, "{field}");
        assert_eq!(backward, forward, "{field}");
        let mut unique = forward.clone();
        unique.sort_by_key(|v| v.to_string());
        unique.dedup();
        assert_eq!(unique.len(), forward.len(), "{field}: an item came twice");
    }
    // One page of 100 is the same list as the walk.
    let all = s.data(search, json!({ "first": 100 }))["search"].clone();
    let (walked, total) = walk(&s, search, "search", 9, false);
    let ids: Vec<Value> = all["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["id"].clone())
        .collect();
    assert_eq!(ids[..], walked[..ids.len()]);
    assert_eq!(all["totalCount"], total);
}
