//! Keyset pagination of works: every order walks a person's whole list
//! without gaps or repeats, works without the order's key come last, a
//! cursor still means "right after this work" when an import lands between
//! two pages, and `totalCount` agrees with the walk under every filter.

use serde_json::{json, Value};

use crate::helpers::TestServer;

const ORDERS: [&str; 5] = [
    "DATE_DESC",
    "DATE_ASC",
    "YEAR_DESC",
    "YEAR_ASC",
    "TITLE_ASC",
];

const PAGE: &str = r#"query($slug: String!, $first: Int, $after: String, $last: Int, $before: String,
    $order: WorkOrder, $filter: WorkFilter) {
  person(slug: $slug) { works(first: $first, after: $after, last: $last, before: $before,
      orderBy: $order, filter: $filter) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id title year date } } } } }"#;

/// A bundle of `n` works of the person `many` from number `from` on: years
/// cycle over 2000–2012 with every seventh work undated, every third has a
/// month, titles differ in case, and every fifth is only listed
/// under the person.
fn bundle(key: &str, from: usize, n: usize, newest: bool) -> Value {
    let works: Vec<Value> = (from..from + n)
        .map(|i| {
            let mut w = json!({
                "key": format!("w{i}"),
                "title": format!("{} {i}", if i % 4 == 0 { "study number" } else { "Study Number" }),
                "kind": if i % 2 == 0 { "preprint" } else { "journal_article" },
                "venue": format!("Venue {}", i % 3),
                "categories": [if i % 2 == 0 { "LG" } else { "ML" }],
            });
            if newest {
                w["year"] = json!(2030);
                w["date"] = json!(format!("2030-{:02}", 1 + i % 12));
            } else if i % 7 != 0 {
                w["year"] = json!(2000 + (i % 13) as i32);
                if i % 3 == 0 {
                    w["date"] = json!(format!("{}-{:02}", 2000 + i % 13, 1 + i % 12));
                }
            }
            if i % 5 == 0 {
                w["listedUnder"] = json!("many");
            } else {
                w["authors"] = json!([{ "name": "Many Works", "person": "many" },
                                      { "name": format!("Other {}", i % 9) }]);
            }
            w
        })
        .collect();
    json!({
        "format": "vitae-bundle/1",
        "source": { "key": key, "title": "Generated works", "kind": "other" },
        "people": [{ "key": "many", "slug": "many", "name": "Many Works" }],
        "works": works,
    })
}

/// Every work of `many` in `order`, `size` at a time; checks each page's
/// `totalCount` and `pageInfo`.
fn walk(s: &TestServer, order: &str, size: usize, filter: Value) -> Vec<Value> {
    let mut all = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let vars = json!({ "slug": "many", "first": size, "after": after, "order": order, "filter": filter });
        let works = s.data(PAGE, vars)["person"]["works"].clone();
        let edges = works["edges"].as_array().unwrap().clone();
        assert_eq!(works["pageInfo"]["hasPreviousPage"], after.is_some());
        all.extend(edges.iter().map(|e| e["node"].clone()));
        if works["pageInfo"]["hasNextPage"] == false {
            assert_eq!(works["totalCount"].as_u64().unwrap() as usize, all.len());
            return all;
        }
        assert_eq!(edges.len(), size);
        after = works["pageInfo"]["endCursor"].as_str().map(String::from);
    }
}

/// Every work of `many` in `order`, `size` at a time from the end
/// (`last`/`before`), put back in list order; checks each page.
fn walk_back(s: &TestServer, order: &str, size: usize, filter: Value) -> Vec<Value> {
    let mut all: Vec<Value> = Vec::new();
    let mut before: Option<String> = None;
    loop {
        let vars = json!({ "slug": "many", "last": size, "before": before, "order": order, "filter": filter });
        let works = s.data(PAGE, vars)["person"]["works"].clone();
        let edges = works["edges"].as_array().unwrap().clone();
        assert_eq!(works["pageInfo"]["hasNextPage"], before.is_some());
        let mut page: Vec<Value> = edges.iter().map(|e| e["node"].clone()).collect();
        page.append(&mut all);
        all = page;
        if works["pageInfo"]["hasPreviousPage"] == false {
            return all;
        }
        assert_eq!(edges.len(), size);
        assert_eq!(works["pageInfo"]["startCursor"], edges[0]["cursor"]);
        before = works["pageInfo"]["startCursor"].as_str().map(String::from);
    }
}

/// The key a work sorts by in `order`, as the API shows it.
fn key(order: &str, w: &Value) -> Option<String> {
    match order {
        "DATE_DESC" | "DATE_ASC" => w["date"]
            .as_str()
            .map(String::from)
            .or_else(|| w["year"].as_i64().map(|y| y.to_string())),
        "YEAR_DESC" | "YEAR_ASC" => w["year"].as_i64().map(|y| format!("{y:04}")),
        _ => Some(w["title"].as_str().unwrap().to_lowercase()),
    }
}

fn id(w: &Value) -> String {
    w["id"].as_str().unwrap().to_string()
}

#[test]
fn every_order_walks_the_whole_list_in_order_with_unkeyed_works_last() {
    let s = TestServer::spawn();
    s.import(&bundle("many-a", 0, 130, false));
    for order in ORDERS {
        let all = walk(&s, order, 17, Value::Null);
        assert_eq!(all.len(), 130, "{order}");
        let mut ids: Vec<String> = all.iter().map(id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 130, "{order}: a work came twice");
        let keys: Vec<Option<String>> = all.iter().map(|w| key(order, w)).collect();
        let keyed = keys.iter().take_while(|k| k.is_some()).count();
        assert!(
            keys[keyed..].iter().all(Option::is_none),
            "{order}: {keys:?}"
        );
        let descending = order.ends_with("DESC");
        for pair in keys[..keyed].windows(2) {
            let ok = if descending {
                pair[0] >= pair[1]
            } else {
                pair[0] <= pair[1]
            };
            assert!(ok, "{order}: {:?} before {:?}", pair[0], pair[1]);
        }
        if order != "TITLE_ASC" {
            // 0, 7, …, 126: nineteen works without a year or a date.
            assert_eq!(130 - keyed, 19, "{order}");
        }
    }
}

#[test]
fn backward_pages_mirror_forward_ones_in_every_order_and_filter() {
    let s = TestServer::spawn();
    s.import(&bundle("many-a", 0, 75, false));
    let filters = [
        Value::Null,
        json!({ "author": "many" }),
        json!({ "kinds": ["PREPRINT"], "yearFrom": 2003 }),
    ];
    for order in ORDERS {
        for filter in &filters {
            let forward: Vec<String> = walk(&s, order, 11, filter.clone()).iter().map(id).collect();
            let backward: Vec<String> = walk_back(&s, order, 11, filter.clone())
                .iter()
                .map(id)
                .collect();
            assert!(!forward.is_empty());
            assert_eq!(backward, forward, "{order} {filter}");
        }
    }
    // `before` the second page's start is the first page.
    let vars = |v: Value| {
        let mut base = json!({ "slug": "many", "order": "DATE_DESC" });
        base.as_object_mut()
            .unwrap()
            .extend(v.as_object().unwrap().clone());
        base
    };
    let first = s.data(PAGE, vars(json!({ "first": 10 })))["person"]["works"].clone();
    let second = s.data(
        PAGE,
        vars(json!({ "first": 10, "after": first["pageInfo"]["endCursor"] })),
    )["person"]["works"]
        .clone();
    let back = s.data(
        PAGE,
        vars(json!({ "last": 10, "before": second["pageInfo"]["startCursor"] })),
    )["person"]["works"]
        .clone();
    assert_eq!(back["edges"], first["edges"]);
    assert_eq!(back["pageInfo"]["hasPreviousPage"], false);
    assert_eq!(back["pageInfo"]["hasNextPage"], true);
}

#[test]
fn first_with_last_or_after_with_before_is_bad_user_input() {
    let s = TestServer::spawn();
    s.import(&bundle("many-a", 0, 5, false));
    let cursor = s.data(PAGE, json!({ "slug": "many", "first": 1 }))["person"]["works"]["pageInfo"]
        ["endCursor"]
        .clone();
    for (vars, arg) in [
        (json!({ "first": 2, "last": 2 }), "last"),
        (json!({ "after": cursor, "before": cursor }), "before"),
        (json!({ "first": 2, "before": cursor }), "before"),
        (json!({ "last": 2, "after": cursor }), "after"),
        (json!({ "last": 101 }), "last"),
        (json!({ "last": -1 }), "last"),
    ] {
        let mut vars = vars;
        vars["slug"] = json!("many");
        let err = s.first_error(PAGE, vars.clone());
        assert_eq!(err["extensions"]["code"], "BAD_USER_INPUT", "{vars} {err}");
        assert_eq!(err["path"], json!(["person", "works"]), "{vars}");
        let message = err["message"].as_str().unwrap();
        assert!(
            message.starts_with(&format!("{arg}: ")),
            "{vars}: {message}"
        );
    }
}

#[test]
fn a_cursor_still_means_right_after_its_work_when_an_import_lands_between_pages() {
    let s = TestServer::spawn();
    s.import(&bundle("many-a", 0, 60, false));
    let first = s.data(
        PAGE,
        json!({ "slug": "many", "first": 10, "order": "DATE_DESC" }),
    )["person"]["works"]
        .clone();
    let cursor = first["pageInfo"]["endCursor"].as_str().unwrap().to_string();
    let last_seen = id(&first["edges"][9]["node"]);
    // Twenty newer works arrive, all of which sort before the cursor.
    s.import(&bundle("many-b", 1000, 20, true));
    let next = s.data(
        PAGE,
        json!({ "slug": "many", "first": 10, "after": cursor, "order": "DATE_DESC" }),
    )["person"]["works"]
        .clone();
    let all: Vec<String> = walk(&s, "DATE_DESC", 25, Value::Null)
        .iter()
        .map(id)
        .collect();
    assert_eq!(all.len(), 80);
    let at = all.iter().position(|w| *w == last_seen).unwrap();
    assert_eq!(at, 29, "the page before now ends after the 20 new works");
    let got: Vec<String> = next["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| id(&e["node"]))
        .collect();
    assert_eq!(got, all[at + 1..at + 11]);
    assert_eq!(next["totalCount"], 80);
}

#[test]
fn total_count_agrees_with_the_walk_under_every_filter() {
    let s = TestServer::spawn();
    s.import(&bundle("many-a", 0, 90, false));
    let filters = [
        (json!({}), 90),
        (json!({ "yearFrom": 2005 }), 0),
        (json!({ "yearTo": 2003, "yearFrom": 2001 }), 0),
        (json!({ "kinds": ["PREPRINT"] }), 45),
        (json!({ "venue": "venue 1" }), 30),
        (json!({ "category": "LG" }), 45),
        (json!({ "author": "many" }), 72),
        (json!({ "text": "study" }), 90),
        (
            json!({ "kinds": ["JOURNAL_ARTICLE"], "category": "ML", "author": "many" }),
            36,
        ),
    ];
    for (filter, expected) in filters {
        let walked = walk(&s, "YEAR_ASC", 13, filter.clone());
        let count = s.data(
            PAGE,
            json!({ "slug": "many", "first": 1, "filter": filter }),
        )["person"]["works"]["totalCount"]
            .as_u64()
            .unwrap() as usize;
        assert_eq!(count, walked.len(), "{filter}");
        if expected > 0 {
            assert_eq!(count, expected, "{filter}");
        } else {
            assert!(count > 0 && count < 90, "{filter}: {count}");
        }
    }
    // The same filters on all works, with the author filter's relation.
    let all = s.data(
        r#"{ works(filter: { author: "many" }, first: 1) { totalCount } }"#,
        json!({}),
    );
    assert_eq!(all["works"]["totalCount"], 72);
}

#[test]
fn a_cursor_of_another_order_is_bad_user_input() {
    let s = TestServer::spawn();
    s.import(&bundle("many-a", 0, 30, false));
    let cursor = s.data(
        PAGE,
        json!({ "slug": "many", "first": 3, "order": "TITLE_ASC" }),
    )["person"]["works"]["pageInfo"]["endCursor"]
        .clone();
    let err = s.first_error(
        PAGE,
        json!({ "slug": "many", "first": 3, "after": cursor, "order": "DATE_DESC" }),
    );
    assert_eq!(err["extensions"]["code"], "BAD_USER_INPUT", "{err}");
    assert!(err["message"].as_str().unwrap().contains("order"), "{err}");
}

#[test]
fn a_bulk_rebuild_of_the_derived_tables_equals_their_upkeep_row_by_row() {
    let dir = tempfile::tempdir().unwrap();
    let store = crate::helpers::seeded_store(dir.path());
    // Every row of both tables as text, and the schema.
    let snapshot = |store: &vitae::store::Store| {
        store
            .read(|c| {
                let strings = |sql: &str| -> Vec<String> {
                    c.prepare(sql)
                        .unwrap()
                        .query_map([], |r| r.get(0))
                        .unwrap()
                        .map(Result::unwrap)
                        .collect()
                };
                Ok((
                    strings(
                        "SELECT format('%d %d %d %s %s %s', person_id, work_id, relation, \
                         quote(date_key), quote(year), title_key) FROM person_work ORDER BY 1",
                    ),
                    strings(
                        "SELECT format('%d %d %d %s %d', person_id, coauthor_id, shared, \
                         quote(first_year), last_year) FROM coauthorship ORDER BY 1",
                    ),
                    strings("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name"),
                ))
            })
            .unwrap()
    };
    let before = snapshot(&store);
    let (lists, pairs, _) = &before;
    assert!(lists.len() > 150, "{} links", lists.len());
    assert!(
        lists.iter().any(|r| r.contains(" 2 ")),
        "no listed-only work"
    );
    assert!(pairs.len() > 100, "{} co-author pairs", pairs.len());
    assert!(
        pairs
            .iter()
            .any(|r| r.split(' ').nth(2).unwrap().parse::<i64>().unwrap() > 1),
        "no pair sharing more than one work"
    );
    store
        .write(|tx| {
            let upkeep = vitae::store::derived::suspend(tx)?;
            tx.execute_batch("DELETE FROM person_work; DELETE FROM coauthorship")?;
            vitae::store::derived::rebuild(tx, upkeep)
        })
        .unwrap();
    assert_eq!(snapshot(&store), before);
}
