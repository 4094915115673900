//! Authored versus listed: `Person.works(relation:)` with each edge's
//! `relation`, the counts each list uses, paging a relation-filtered list
//! both ways, and `Work.authorsKnown` — on the seeds and on generated
//! bundles, so nothing depends on the seeds.

use std::collections::BTreeSet;

use serde_json::{json, Value};

use crate::helpers::TestServer;

const COUNTS: &str = r#"query($slug: String!) {
  person(slug: $slug) {
    any: works { totalCount }
    default: works(relation: ANY) { totalCount }
    author: works(relation: AUTHOR) { totalCount }
    listed: works(relation: LISTED) { totalCount }
    coauthors { totalCount }
  }
  works(filter: { author: $slug }) { totalCount } }"#;

const PAGE: &str = r#"query($slug: String!, $relation: WorkRelation!, $first: Int, $after: String,
    $last: Int, $before: String, $order: WorkOrder) {
  person(slug: $slug) { works(relation: $relation, first: $first, after: $after, last: $last,
      before: $before, orderBy: $order) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor relation node { id title authorsKnown authors { name } } } } } }"#;

/// The edges of `slug`'s whole list in `relation`, `size` at a time forward.
fn walk(s: &TestServer, slug: &str, relation: &str, order: &str, size: usize) -> Vec<Value> {
    let mut all = Vec::new();
    let mut after: Option<String> = None;
    for _ in 0..100 {
        let vars = json!({ "slug": slug, "relation": relation, "first": size, "after": after,
                           "order": order });
        let works = s.data(PAGE, vars)["person"]["works"].clone();
        all.extend(works["edges"].as_array().unwrap().iter().cloned());
        if works["pageInfo"]["hasNextPage"] == false {
            assert_eq!(works["totalCount"].as_u64().unwrap() as usize, all.len());
            return all;
        }
        after = works["pageInfo"]["endCursor"].as_str().map(String::from);
    }
    panic!("more than 100 pages");
}

/// The same list read from the end (`last`/`before`), put back in order.
fn walk_back(s: &TestServer, slug: &str, relation: &str, order: &str, size: usize) -> Vec<Value> {
    let mut all: Vec<Value> = Vec::new();
    let mut before: Option<String> = None;
    for _ in 0..100 {
        let vars = json!({ "slug": slug, "relation": relation, "last": size, "before": before,
                           "order": order });
        let works = s.data(PAGE, vars)["person"]["works"].clone();
        let mut page = works["edges"].as_array().unwrap().clone();
        page.append(&mut all);
        all = page;
        if works["pageInfo"]["hasPreviousPage"] == false {
            return all;
        }
        before = works["pageInfo"]["startCursor"].as_str().map(String::from);
    }
    panic!("more than 100 pages");
}

fn titles_with(edges: &[Value], relation: &str) -> BTreeSet<String> {
    edges
        .iter()
        .filter(|e| e["relation"] == relation)
        .map(|e| e["node"]["title"].as_str().unwrap().to_string())
        .collect()
}

fn ids(edges: &[Value]) -> Vec<String> {
    edges
        .iter()
        .map(|e| e["node"]["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn qi_lei_has_63_authored_and_11_listed_works_and_the_author_filter_counts_the_authored() {
    let s = TestServer::with_seeds();
    let d = s.data(COUNTS, json!({ "slug": "qi-lei" }));
    let p = &d["person"];
    assert_eq!(p["any"]["totalCount"], 74);
    assert_eq!(p["default"]["totalCount"], 74);
    assert_eq!(p["author"]["totalCount"], 63);
    assert_eq!(p["listed"]["totalCount"], 11);
    assert_eq!(d["works"]["totalCount"], 63);

    let any = walk(&s, "qi-lei", "ANY", "DATE_DESC", 30);
    let listed = walk(&s, "qi-lei", "LISTED", "DATE_DESC", 30);
    let author = walk(&s, "qi-lei", "AUTHOR", "DATE_DESC", 30);
    assert_eq!(titles_with(&any, "AUTHOR").len(), 63);
    assert_eq!(titles_with(&any, "LISTED"), titles_with(&listed, "LISTED"));
    assert_eq!(titles_with(&listed, "LISTED").len(), 11);
    assert!(author.iter().all(|e| e["relation"] == "AUTHOR"));
    // The physics paper of another Qi Lei, from the arXiv author listing.
    assert!(titles_with(&listed, "LISTED")
        .contains("Hybridization theory for plasmon resonance in metallic nanostructures"));
    // A listed work may name its authors, none of them Qi Lei.
    let named = listed
        .iter()
        .find(|e| e["node"]["title"] == "Bridging Distribution Shift and AI Safety: Conceptual and Methodological Synergies")
        .unwrap();
    assert_eq!(named["node"]["authorsKnown"], true);
    assert!(!named["node"]["authors"].as_array().unwrap().is_empty());
    // The filtered list keeps the list's order: ANY minus the listed ones.
    let authored: Vec<String> = any
        .iter()
        .filter(|e| e["relation"] == "AUTHOR")
        .map(|e| e["node"]["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids(&author), authored);
}

#[test]
fn query_works_edges_carry_author_under_an_author_filter_and_null_without_one() {
    let s = TestServer::with_seeds();
    let q = r#"query($filter: WorkFilter) { works(first: 100, filter: $filter) { edges { relation } } }"#;
    let by_author = s.data(q, json!({ "filter": { "author": "qi-lei" } }));
    let edges = by_author["works"]["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 63);
    assert!(edges.iter().all(|e| e["relation"] == "AUTHOR"));
    let all = s.data(q, json!({}));
    let edges = all["works"]["edges"].as_array().unwrap();
    assert!(!edges.is_empty());
    assert!(edges.iter().all(|e| e["relation"].is_null()));
}

#[test]
fn the_four_works_no_source_names_authors_of_are_authors_unknown() {
    let s = TestServer::with_seeds();
    let q = r#"query($after: String) { works(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor } edges { node { title authorsKnown authors { name } } } } }"#;
    let mut unknown = BTreeSet::new();
    let mut known = 0;
    let mut after: Option<String> = None;
    for _ in 0..10 {
        let works = s.data(q, json!({ "after": after }))["works"].clone();
        for e in works["edges"].as_array().unwrap() {
            let n = &e["node"];
            let has_authors = !n["authors"].as_array().unwrap().is_empty();
            assert_eq!(n["authorsKnown"], has_authors, "{n}");
            if has_authors {
                known += 1;
            } else {
                unknown.insert(n["title"].as_str().unwrap().to_string());
            }
        }
        if works["pageInfo"]["hasNextPage"] == false {
            break;
        }
        after = works["pageInfo"]["endCursor"].as_str().map(String::from);
    }
    let expected: BTreeSet<String> = [
        "Communication-Efficient Asynchronous Stochastic Frank-Wolfe over Nuclear-norm Balls",
        "Hybridization theory for plasmon resonance in metallic nanostructures",
        "Reconnecting the Estranged Relationships: Optimizing the Influence Propagation in Evolving Networks",
        "When does Chain-of-Thought Help: A Markovian Perspective",
    ]
    .map(String::from)
    .into();
    assert_eq!(unknown, expected);
    // Every other of the seeds' 93 works names its authors.
    assert_eq!(known, 89);
}

/// Two sources about `gen`: a listing that shows `n` works under the person
/// without authors, and an index that names authors for three works in four:
/// work `i` with `i % 4 == 1` is a namesake's (authors without `gen`), `2`
/// and `3` are `gen`'s; `0` stays without authors. Every seventh is undated.
fn listing_and_index(n: usize) -> (Value, Value) {
    let work = |i: usize| {
        let mut w = json!({ "key": format!("w{i}"), "title": format!("Generated Work {i:03}"),
                            "kind": "preprint" });
        if !i.is_multiple_of(7) {
            w["year"] = json!(2010 + (i % 9) as i32);
        }
        w
    };
    let listing: Vec<Value> = (0..n)
        .map(|i| {
            let mut w = work(i);
            w["listedUnder"] = json!("gen");
            w
        })
        .collect();
    let index: Vec<Value> = (0..n)
        .filter(|i| i % 4 != 0)
        .map(|i| {
            let mut w = work(i);
            w["authors"] = if i % 4 == 1 {
                json!([{ "name": "Other Person", "person": "other" }])
            } else {
                json!([{ "name": "Gen Erated", "person": "gen" },
                       { "name": "Other Person", "person": "other" }])
            };
            w
        })
        .collect();
    let bundle = |key: &str, works: Vec<Value>| {
        json!({
            "format": "vitae-bundle/1",
            "source": { "key": key, "title": "Generated", "kind": "other" },
            "people": [{ "key": "gen", "slug": "gen", "name": "Gen Erated" },
                       { "key": "other", "slug": "other", "name": "Other Person" }],
            "works": works,
        })
    };
    (bundle("gen-listing", listing), bundle("gen-index", index))
}

#[test]
fn a_generated_person_splits_into_authored_and_listed_works_in_every_order() {
    let s = TestServer::spawn();
    let (listing, index) = listing_and_index(40);
    s.import(&listing);
    s.import(&index);
    let d = s.data(COUNTS, json!({ "slug": "gen" }));
    let p = &d["person"];
    assert_eq!(p["any"]["totalCount"], 40);
    assert_eq!(p["author"]["totalCount"], 20);
    assert_eq!(p["listed"]["totalCount"], 20);
    assert_eq!(p["coauthors"]["totalCount"], 1);
    assert_eq!(d["works"]["totalCount"], 20);

    let number = |e: &Value| -> usize {
        let t = e["node"]["title"].as_str().unwrap();
        t.trim_start_matches("Generated Work ").parse().unwrap()
    };
    for order in [
        "DATE_DESC",
        "DATE_ASC",
        "YEAR_DESC",
        "YEAR_ASC",
        "TITLE_ASC",
    ] {
        let any = walk(&s, "gen", "ANY", order, 7);
        assert_eq!(any.len(), 40, "{order}");
        for e in &any {
            let i = number(e);
            let expected = if i % 4 >= 2 { "AUTHOR" } else { "LISTED" };
            assert_eq!(e["relation"], expected, "{order} work {i}");
            assert_eq!(e["node"]["authorsKnown"], i % 4 != 0, "work {i}");
        }
        for relation in ["AUTHOR", "LISTED"] {
            let forward = walk(&s, "gen", relation, order, 7);
            let backward = walk_back(&s, "gen", relation, order, 7);
            assert_eq!(forward.len(), 20, "{order} {relation}");
            assert!(forward.iter().all(|e| e["relation"] == relation));
            assert_eq!(ids(&backward), ids(&forward), "{order} {relation}");
            // The relation filter keeps the list's order.
            let kept: Vec<Value> = any
                .iter()
                .filter(|e| e["relation"] == relation)
                .cloned()
                .collect();
            assert_eq!(ids(&forward), ids(&kept), "{order} {relation}");
        }
    }
}

#[test]
fn a_cursor_of_one_relation_continues_the_list_of_another() {
    let s = TestServer::spawn();
    let (listing, index) = listing_and_index(40);
    s.import(&listing);
    s.import(&index);
    let any = walk(&s, "gen", "ANY", "TITLE_ASC", 40);
    // After the tenth work of the whole list, the listed ones that follow it.
    let vars = json!({ "slug": "gen", "relation": "LISTED", "first": 40, "order": "TITLE_ASC",
                       "after": any[9]["cursor"] });
    let page = s.data(PAGE, vars)["person"]["works"].clone();
    let expected: Vec<Value> = any[10..]
        .iter()
        .filter(|e| e["relation"] == "LISTED")
        .cloned()
        .collect();
    assert_eq!(ids(page["edges"].as_array().unwrap()), ids(&expected));
    assert_eq!(page["pageInfo"]["hasPreviousPage"], true);
}

#[test]
fn the_relation_combines_with_filters_and_a_bad_relation_is_refused() {
    let s = TestServer::with_seeds();
    let q = r#"{ person(slug: "qi-lei") {
        listed: works(relation: LISTED, filter: { yearFrom: 2025 }) { totalCount edges { relation node { year } } }
        author: works(relation: AUTHOR, filter: { yearFrom: 2025 }) { totalCount }
        any: works(filter: { yearFrom: 2025 }) { totalCount } } }"#;
    let p = s.data(q, json!({}))["person"].clone();
    assert_eq!(p["listed"]["totalCount"], 5);
    let edges = p["listed"]["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 5);
    assert!(edges
        .iter()
        .all(|e| e["relation"] == "LISTED" && e["node"]["year"] == 2025));
    let (author, any) = (&p["author"]["totalCount"], &p["any"]["totalCount"]);
    assert_eq!(any.as_i64().unwrap(), author.as_i64().unwrap() + 5);
    for bad in ["BOTH", "null", "\"AUTHOR\""] {
        let q = format!(
            r#"{{ person(slug: "qi-lei") {{ works(relation: {bad}) {{ totalCount }} }} }}"#
        );
        let e = s.first_error(&q, json!({}));
        assert_eq!(
            e["extensions"]["code"], "GRAPHQL_VALIDATION_FAILED",
            "{bad}: {e}"
        );
    }
}
