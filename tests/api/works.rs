//! Works: pagination with stable cursors, every filter, orders, node ids.

use std::collections::HashSet;

use serde_json::{json, Value};

use crate::helpers::TestServer;

const PAGE: &str = r#"query($first: Int, $after: String, $filter: WorkFilter, $order: WorkOrder) {
  works(first: $first, after: $after, filter: $filter, orderBy: $order) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id title year kind venue categories authors { person { slug } } } } } }"#;

fn page(s: &TestServer, vars: Value) -> Value {
    s.data(PAGE, vars)["works"].clone()
}

fn titles(conn: &Value) -> Vec<String> {
    conn["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["title"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn pages_follow_each_other_without_gaps_or_repeats() {
    let s = TestServer::with_seeds();
    let all = page(&s, json!({ "first": 100, "order": "TITLE_ASC" }));
    let total = all["totalCount"].as_i64().unwrap();
    assert!(total > 90, "{total} works");
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    let mut pages = 0;
    loop {
        let p = page(
            &s,
            json!({ "first": 30, "after": after, "order": "TITLE_ASC" }),
        );
        assert_eq!(p["totalCount"], total);
        assert_eq!(p["pageInfo"]["hasPreviousPage"], pages > 0);
        seen.extend(titles(&p));
        pages += 1;
        if p["pageInfo"]["hasNextPage"] == false {
            break;
        }
        after = p["pageInfo"]["endCursor"].as_str().map(String::from);
    }
    assert_eq!(seen.len() as i64, total);
    assert_eq!(pages, (total as usize).div_ceil(30));
    assert_eq!(seen[..], titles(&all)[..]);
    // The same cursor gives the same page again.
    let cursor =
        page(&s, json!({ "first": 5, "order": "TITLE_ASC" }))["pageInfo"]["endCursor"].clone();
    let a = page(
        &s,
        json!({ "first": 5, "after": cursor, "order": "TITLE_ASC" }),
    );
    let b = page(
        &s,
        json!({ "first": 5, "after": cursor, "order": "TITLE_ASC" }),
    );
    assert_eq!(titles(&a), titles(&b));
    assert_eq!(titles(&a), seen[5..10]);
}

#[test]
fn each_filter_narrows_the_list() {
    let s = TestServer::with_seeds();
    let years = page(
        &s,
        json!({ "first": 100, "filter": { "yearFrom": 2016, "yearTo": 2017 } }),
    );
    assert!(years["edges"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| (2016..=2017).contains(&e["node"]["year"].as_i64().unwrap())));
    assert!(years["totalCount"].as_i64().unwrap() >= 5);

    let journals = page(
        &s,
        json!({ "first": 100, "filter": { "kinds": ["JOURNAL_ARTICLE"] } }),
    );
    assert!(journals["edges"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["node"]["kind"] == "JOURNAL_ARTICLE"));
    assert!(titles(&journals).contains(
        &"Coordinate Descent Methods for Symmetric Nonnegative Matrix Factorization".to_string()
    ));

    let icml = page(&s, json!({ "first": 100, "filter": { "venue": "icml" } }));
    assert!(icml["edges"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["node"]["venue"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("icml")));
    assert!(icml["totalCount"].as_i64().unwrap() >= 3);

    // The venue is matched as text: LIKE wildcards in it are literal.
    for wildcard in ["%", "_"] {
        let none = page(&s, json!({ "first": 1, "filter": { "venue": wildcard } }));
        assert_eq!(none["totalCount"], 0, "venue {wildcard}");
    }

    let cv = page(&s, json!({ "first": 100, "filter": { "category": "CV" } }));
    assert!(cv["edges"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["node"]["categories"]
            .as_array()
            .unwrap()
            .contains(&json!("CV"))));
    assert!(titles(&cv)
        .contains(&"Efficient Medical Image Assessment via Self-supervised Learning".to_string()));

    let jason = page(
        &s,
        json!({ "first": 100, "filter": { "author": "jason-d-lee" } }),
    );
    for e in jason["edges"].as_array().unwrap() {
        assert!(e["node"]["authors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["person"]["slug"] == "jason-d-lee"));
    }
    assert!(jason["totalCount"].as_i64().unwrap() >= 15);

    let text = page(&s, json!({ "first": 100, "filter": { "text": "pruning" } }));
    let t = titles(&text);
    assert!(
        t.iter().any(|x| x.starts_with("Towards Robust Pruning")),
        "{t:?}"
    );

    let combined = page(
        &s,
        json!({ "first": 100, "filter": { "author": "jason-d-lee", "yearFrom": 2021, "yearTo": 2021, "kinds": ["CONFERENCE_PAPER"] } }),
    );
    assert!(combined["totalCount"].as_i64().unwrap() < jason["totalCount"].as_i64().unwrap());
    assert!(combined["totalCount"].as_i64().unwrap() >= 3);
}

#[test]
fn orders_are_by_date_year_or_title() {
    let s = TestServer::with_seeds();
    let by_year = page(
        &s,
        json!({ "first": 100, "order": "YEAR_ASC", "filter": { "author": "lei-wu" } }),
    );
    let years: Vec<i64> = by_year["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["year"].as_i64().unwrap())
        .collect();
    let mut sorted = years.clone();
    sorted.sort();
    assert_eq!(years, sorted);
    assert_eq!(years[0], 2016);
    let newest = page(
        &s,
        json!({ "first": 1, "order": "YEAR_DESC", "filter": { "author": "lei-wu" } }),
    );
    assert_eq!(newest["edges"][0]["node"]["year"], 2020);
    // DATE_DESC compares a full date and a bare year as dates: "2024" is
    // newer than "2018-02-22", and "2020-07" newer than "2020".
    let dates = s.data(
        "{ works(first: 100, orderBy: DATE_DESC) { edges { node { date year } } } }",
        json!({}),
    );
    let keys: Vec<String> = dates["works"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| match e["node"]["date"].as_str() {
            Some(d) => d.to_string(),
            None => e["node"]["year"]
                .as_i64()
                .map_or(String::new(), |y| y.to_string()),
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(keys, sorted);
    assert!(keys.iter().any(|k| k.len() == 4) && keys.iter().any(|k| k.len() == 10));
    let a_to_z = titles(&page(&s, json!({ "first": 50, "order": "TITLE_ASC" })));
    let mut sorted = a_to_z.clone();
    sorted.sort_by_key(|t| t.to_lowercase());
    assert_eq!(a_to_z, sorted);
}

#[test]
fn a_node_id_fetches_the_same_object_again() {
    let s = TestServer::with_seeds();
    let first = page(&s, json!({ "first": 3 }));
    let ids: HashSet<String> = first["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 3);
    for e in first["edges"].as_array().unwrap() {
        let id = e["node"]["id"].clone();
        let d = s.data(
            "query($id: ID!) { node(id: $id) { id __typename ... on Work { title } } work(id: $id) { title } }",
            json!({ "id": id }),
        );
        assert_eq!(d["node"]["id"], id);
        assert_eq!(d["node"]["__typename"], "Work");
        assert_eq!(d["node"]["title"], e["node"]["title"]);
        assert_eq!(d["work"]["title"], e["node"]["title"]);
    }
    // Every kind of node round-trips.
    let cv = s.data(
        r#"{ person(slug: "lei-wu") { id appointments { id } education { id } talks { id } teaching { id } service { id } sources { id } } }"#,
        json!({}),
    );
    let p = &cv["person"];
    let mut all = vec![p["id"].clone()];
    for f in [
        "appointments",
        "education",
        "talks",
        "teaching",
        "service",
        "sources",
    ] {
        all.push(p[f][0]["id"].clone());
    }
    for id in all {
        let d = s.data(
            "query($id: ID!) { node(id: $id) { id } }",
            json!({ "id": id }),
        );
        assert_eq!(d["node"]["id"], id);
    }
}
