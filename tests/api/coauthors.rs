//! `Person.coauthors` as a connection: a generated person with 130
//! co-authors is walked page by page past the hundredth, every edge carries
//! what the two share (works, first and last year) as computed here from
//! the bundle itself, and a new version of the source that drops works,
//! moves years and changes author lists is followed row by row.

use std::collections::HashMap;

use serde_json::{json, Value};

use crate::helpers::TestServer;

const PAGE: &str = r#"query($first: Int, $after: String, $last: Int, $before: String) {
  person(slug: "hub") { coauthors(first: $first, after: $after, last: $last, before: $before) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { slug } sharedWorks firstYear lastYear } } } }"#;

const COAUTHORS: usize = 130;

/// Version `v` of a source with 260 works of `hub`, each with one or two of
/// the co-authors `c0`…`c129`; version 2 drops every tenth work, moves some
/// years and changes some author lists. Three works are only listed under
/// `hub` (they make no co-authors).
fn bundle(v: u32) -> Value {
    let mut works = Vec::new();
    for j in 0..2 * COAUTHORS {
        if v == 2 && j % 10 == 0 {
            continue;
        }
        let mut keys = vec![
            "hub".to_string(),
            format!("c{}", j % COAUTHORS),
            format!("c{}", (j * 7 + 3) % COAUTHORS),
        ];
        if v == 2 && j % 17 == 2 {
            keys[2] = format!("c{}", (j + 1) % COAUTHORS);
        }
        keys.dedup();
        let authors: Vec<Value> = keys
            .iter()
            .map(|k| json!({ "name": name(k), "person": k }))
            .collect();
        let mut w = json!({
            "key": format!("w{j}"), "title": format!("Work {j}"), "kind": "journal_article",
            "authors": authors,
        });
        if j % 11 != 0 {
            let year = if v == 2 && j % 13 == 1 {
                2040
            } else {
                2000 + j % 17
            };
            w["year"] = json!(year);
        }
        works.push(w);
    }
    for j in 0..3 {
        works.push(json!({
            "key": format!("listed{j}"), "title": format!("Listed {j}"), "kind": "preprint",
            "year": 2050, "listedUnder": "hub",
            "authors": [{ "name": "C 0", "person": "c0" }, { "name": "C 1", "person": "c1" }],
        }));
    }
    let mut people = vec![json!({ "key": "hub", "slug": "hub", "name": "Hub Person" })];
    people.extend((0..COAUTHORS).map(|i| {
        let key = format!("c{i}");
        json!({ "key": key, "slug": key, "name": name(&key) })
    }));
    json!({
        "format": "vitae-bundle/1",
        "source": { "key": "generated-coauthors", "title": "Generated co-authors", "kind": "other" },
        "people": people,
        "works": works,
    })
}

fn name(key: &str) -> String {
    match key {
        "hub" => "Hub Person".into(),
        k => format!("C {}", &k[1..]),
    }
}

/// What `hub` shares with each co-author in `bundle`, counted here: slug →
/// (works, first year, last year).
fn expected(bundle: &Value) -> HashMap<String, (i64, Option<i64>, Option<i64>)> {
    let mut out: HashMap<String, (i64, Option<i64>, Option<i64>)> = HashMap::new();
    for w in bundle["works"].as_array().unwrap() {
        let mut authors: Vec<&str> = w["authors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["person"].as_str().unwrap())
            .collect();
        if !authors.contains(&"hub") {
            continue;
        }
        authors.sort();
        authors.dedup();
        let year = w["year"].as_i64();
        for a in authors.into_iter().filter(|a| *a != "hub") {
            let e = out.entry(a.to_string()).or_insert((0, None, None));
            e.0 += 1;
            if let Some(y) = year {
                e.1 = Some(e.1.map_or(y, |f| f.min(y)));
                e.2 = Some(e.2.map_or(y, |l| l.max(y)));
            }
        }
    }
    out
}

/// Every co-author of `hub`, `size` at a time, checking each page.
fn walk(s: &TestServer, size: usize) -> Vec<Value> {
    let mut all = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let page =
            s.data(PAGE, json!({ "first": size, "after": after }))["person"]["coauthors"].clone();
        assert_eq!(page["pageInfo"]["hasPreviousPage"], after.is_some());
        let edges = page["edges"].as_array().unwrap().clone();
        all.extend(edges.iter().cloned());
        if page["pageInfo"]["hasNextPage"] == false {
            assert_eq!(page["totalCount"].as_u64().unwrap() as usize, all.len());
            return all;
        }
        assert_eq!(edges.len(), size);
        after = page["pageInfo"]["endCursor"].as_str().map(String::from);
    }
}

/// Every co-author of `hub`, `size` at a time from the end (`last`/`before`),
/// put back in ranking order.
fn walk_back(s: &TestServer, size: usize) -> Vec<Value> {
    let mut all: Vec<Value> = Vec::new();
    let mut before: Option<String> = None;
    loop {
        let page =
            s.data(PAGE, json!({ "last": size, "before": before }))["person"]["coauthors"].clone();
        assert_eq!(page["pageInfo"]["hasNextPage"], before.is_some());
        let mut edges = page["edges"].as_array().unwrap().clone();
        edges.append(&mut all);
        all = edges;
        if page["pageInfo"]["hasPreviousPage"] == false {
            return all;
        }
        before = page["pageInfo"]["startCursor"].as_str().map(String::from);
    }
}

/// The walk holds exactly the expected co-authors, in ranking order.
fn assert_walk_is(edges: &[Value], want: &HashMap<String, (i64, Option<i64>, Option<i64>)>) {
    let got: HashMap<String, (i64, Option<i64>, Option<i64>)> = edges
        .iter()
        .map(|e| {
            (
                e["node"]["slug"].as_str().unwrap().to_string(),
                (
                    e["sharedWorks"].as_i64().unwrap(),
                    e["firstYear"].as_i64(),
                    e["lastYear"].as_i64(),
                ),
            )
        })
        .collect();
    assert_eq!(got.len(), edges.len(), "a co-author came twice");
    assert_eq!(&got, want);
    let ranks: Vec<(i64, i64)> = edges
        .iter()
        .map(|e| {
            (
                e["sharedWorks"].as_i64().unwrap(),
                e["lastYear"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    assert!(
        ranks.windows(2).all(|w| w[0] >= w[1]),
        "not ranked: {ranks:?}"
    );
}

#[test]
fn coauthors_page_past_the_hundredth_with_what_they_share() {
    let s = TestServer::spawn();
    let v1 = bundle(1);
    s.import(&v1);
    let want = expected(&v1);
    assert_eq!(want.len(), COAUTHORS);
    let edges = walk(&s, 40);
    assert_walk_is(&edges, &want);
    // A concrete pair: c5 is the first co-author of works 5 and 135 and
    // the second of works 56 and 186 ((56 * 7 + 3) % 130 = 5); their years
    // are 2005, 2016, 2005 and 2016.
    let c5 = edges.iter().find(|e| e["node"]["slug"] == "c5").unwrap();
    assert_eq!(
        (&c5["sharedWorks"], &c5["firstYear"], &c5["lastYear"]),
        (&json!(4), &json!(2005), &json!(2016))
    );
    // The largest page the server gives is 100: a second page holds the rest.
    let first = s.data(PAGE, json!({ "first": 100 }))["person"]["coauthors"].clone();
    assert_eq!(first["edges"].as_array().unwrap().len(), 100);
    assert_eq!(first["pageInfo"]["hasNextPage"], true);
    let rest = s.data(
        PAGE,
        json!({ "first": 100, "after": first["pageInfo"]["endCursor"] }),
    )["person"]["coauthors"]
        .clone();
    assert_eq!(rest["edges"].as_array().unwrap().len(), COAUTHORS - 100);
}

#[test]
fn backward_pages_walk_the_ranking_from_its_end() {
    let s = TestServer::spawn();
    s.import(&bundle(1));
    let forward = walk(&s, 40);
    let backward = walk_back(&s, 40);
    assert_eq!(backward.len(), COAUTHORS);
    assert_eq!(backward, forward);
    // The last page of 100 holds the 31st to the 130th.
    let tail = s.data(PAGE, json!({ "last": 100 }))["person"]["coauthors"].clone();
    assert_eq!(tail["edges"].as_array().unwrap()[..], forward[30..]);
    assert_eq!(tail["pageInfo"]["hasPreviousPage"], true);
    assert_eq!(tail["pageInfo"]["hasNextPage"], false);
}

#[test]
fn a_new_version_of_the_source_moves_the_ranking_with_it() {
    let s = TestServer::spawn();
    s.import(&bundle(1));
    let v2 = bundle(2);
    s.import(&v2);
    assert_walk_is(&walk(&s, 50), &expected(&v2));
}

#[test]
fn a_cursor_of_another_connection_is_bad_user_input() {
    let s = TestServer::spawn();
    s.import(&bundle(1));
    let works_cursor = s.data(
        r#"{ person(slug: "hub") { works(first: 1) { pageInfo { endCursor } } } }"#,
        json!({}),
    )["person"]["works"]["pageInfo"]["endCursor"]
        .clone();
    let err = s.first_error(PAGE, json!({ "first": 5, "after": works_cursor }));
    assert_eq!(err["extensions"]["code"], "BAD_USER_INPUT", "{err}");
}
