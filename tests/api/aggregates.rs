//! The aggregates dashboards chart, on the seeds: `facets` checked against
//! counts made here from every page of the same list (and against figures
//! read by hand from `data/seed/`), `stats` against the lists it counts,
//! `coauthorGraph` against the works' author lists, `similar` by its top
//! entries and their reasons, and the bad arguments.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use crate::helpers::TestServer;

/// Every work of a list, paged through 100 at a time: each work's year,
/// kind, venue, categories and authors' slugs.
const PAGE: &str = r#"query($slug: String!, $relation: WorkRelation!, $filter: WorkFilter, $after: String) {
  person(slug: $slug) { works(relation: $relation, filter: $filter, first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { title year kind venue categories authors { person { slug } } } } } } }"#;

fn all_works(s: &TestServer, slug: &str, relation: &str, filter: Value) -> Vec<Value> {
    let mut works = Vec::new();
    let mut after = Value::Null;
    for _ in 0..100 {
        let d = s.data(
            PAGE,
            json!({ "slug": slug, "relation": relation, "filter": filter, "after": after }),
        );
        let list = &d["person"]["works"];
        works.extend(
            list["edges"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["node"].clone()),
        );
        if !list["pageInfo"]["hasNextPage"].as_bool().unwrap() {
            return works;
        }
        after = list["pageInfo"]["endCursor"].clone();
    }
    panic!("more than 100 pages");
}

const FACETS: &str = r#"query($slug: String!, $relation: WorkRelation!, $filter: WorkFilter) {
  person(slug: $slug) { works(relation: $relation, filter: $filter, first: 1) { totalCount
    facets { years { value count } kinds { value count }
             venues(first: 100) { value count } categories(first: 100) { value count } } } } }"#;

fn facets(s: &TestServer, slug: &str, relation: &str, filter: Value) -> (i64, Value) {
    let d = s.data(
        FACETS,
        json!({ "slug": slug, "relation": relation, "filter": filter }),
    );
    let works = &d["person"]["works"];
    (
        works["totalCount"].as_i64().unwrap(),
        works["facets"].clone(),
    )
}

/// (value, count) pairs of a facet, in the facet's order.
fn pairs(facet: &Value) -> Vec<(Value, i64)> {
    facet
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["value"].clone(), c["count"].as_i64().unwrap()))
        .collect()
}

/// Counts of `key`'s values among `works`, as (value, count) sorted by
/// `value`.
fn count_by(works: &[Value], key: impl Fn(&Value) -> Vec<Value>) -> BTreeMap<String, (Value, i64)> {
    let mut out: BTreeMap<String, (Value, i64)> = BTreeMap::new();
    for w in works {
        for v in key(w) {
            out.entry(v.to_string()).or_insert((v.clone(), 0)).1 += 1;
        }
    }
    out
}

/// The facets of a list agree with counts made here from its pages.
fn assert_facets_match_pages(s: &TestServer, slug: &str, relation: &str, filter: Value) -> Value {
    let works = all_works(s, slug, relation, filter.clone());
    let (total, f) = facets(s, slug, relation, filter);
    assert_eq!(total as usize, works.len());

    let years = pairs(&f["years"]);
    let mut want: Vec<(Value, i64)> = count_by(&works, |w| vec![w["year"].clone()])
        .into_values()
        .collect();
    want.sort_by_key(|(y, _)| (y.is_null(), y.as_i64()));
    assert_eq!(years, want, "years of {slug} {relation}");
    assert_eq!(years.iter().map(|p| p.1).sum::<i64>(), total);

    let kinds = pairs(&f["kinds"]);
    let mut sorted = kinds.clone();
    sorted.sort_by_key(|(k, n)| (-n, k.to_string()));
    let want: BTreeMap<_, _> = count_by(&works, |w| vec![w["kind"].clone()]);
    assert_eq!(kinds.len(), want.len());
    for (k, n) in &kinds {
        assert_eq!(want[&k.to_string()].1, *n, "kind {k}");
    }
    assert_eq!(kinds.iter().map(|p| p.1).sum::<i64>(), total);
    assert!(kinds.windows(2).all(|w| w[0].1 >= w[1].1), "{kinds:?}");

    let venues = pairs(&f["venues"]);
    let want = count_by(&works, |w| {
        (!w["venue"].is_null())
            .then(|| w["venue"].clone())
            .into_iter()
            .collect()
    });
    assert_eq!(venues.len(), want.len());
    for (v, n) in &venues {
        assert_eq!(want[&v.to_string()].1, *n, "venue {v}");
    }
    assert!(venues.windows(2).all(|w| w[0].1 >= w[1].1), "{venues:?}");

    let categories = pairs(&f["categories"]);
    let want = count_by(&works, |w| w["categories"].as_array().unwrap().clone());
    assert_eq!(categories.len(), want.len());
    for (c, n) in &categories {
        assert_eq!(want[&c.to_string()].1, *n, "category {c}");
    }
    f
}

fn year(f: &Value, y: Option<i64>) -> i64 {
    f["years"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["value"].as_i64() == y)
        .map_or(0, |c| c["count"].as_i64().unwrap())
}

#[test]
fn qi_leis_works_per_year_add_up_to_the_authored_list() {
    let s = TestServer::with_seeds();
    let (total, f) = facets(&s, "qi-lei", "AUTHOR", Value::Null);
    assert_eq!(total, 63);
    // Counted by hand over the four Qi Lei bundles of data/seed/ (a work
    // listed by several counts once): the years before 2020, which no two
    // sources give differently, and 2021 as the CV (whose year wins) has it.
    let by_hand = [
        (2013, 1),
        (2014, 1),
        (2015, 1),
        (2016, 2),
        (2017, 3),
        (2018, 4),
        (2019, 5),
    ];
    for (y, n) in by_hand {
        assert_eq!(year(&f, Some(y)), n, "{y}");
    }
    assert_eq!(year(&f, Some(2021)), 10);
    assert_eq!(year(&f, None), 0, "every authored work has a year");
    assert_facets_match_pages(&s, "qi-lei", "AUTHOR", Value::Null);
    // The 11 works only listed under her: five have no year, last.
    let listed = assert_facets_match_pages(&s, "qi-lei", "LISTED", Value::Null);
    assert_eq!(
        pairs(&listed["years"]),
        [(json!(2022), 1), (json!(2025), 5), (Value::Null, 5)]
    );
    assert_eq!(pairs(&listed["kinds"]), [(json!("PREPRINT"), 11)]);
    let any = assert_facets_match_pages(&s, "qi-lei", "ANY", Value::Null);
    assert_eq!(year(&any, Some(2025)), 11 + 5);
}

#[test]
fn qi_leis_kinds_venues_and_categories() {
    let s = TestServer::with_seeds();
    let (_, f) = facets(&s, "qi-lei", "AUTHOR", Value::Null);
    let kinds = pairs(&f["kinds"]);
    assert_eq!(kinds[0], (json!("CONFERENCE_PAPER"), 49));
    assert_eq!(kinds.last().unwrap(), &(json!("THESIS"), 1));
    // The CV prints ICML's long name on 10 works (data/seed/000-qi-lei-cv.json).
    let venues = pairs(&f["venues"]);
    assert_eq!(
        venues[0],
        (
            json!("International Conference of Machine Learning (ICML)"),
            10
        )
    );
    // AISTATS and NeurIPS both have 7: A to Z.
    assert_eq!(
        venues[1].0,
        "International Conference on Artificial Intelligence and Statistics (AISTATS)"
    );
    assert_eq!(
        venues[2].0,
        "Neural Information Processing Systems (NeurIPS)"
    );
    assert_eq!(pairs(&f["categories"])[0], (json!("LG"), 34));
    let d = s.data(
        r#"{ person(slug: "qi-lei") { works(relation: AUTHOR) {
             facets { venues(first: 2) { value } categories(first: 0) { value } } } } }"#,
        json!({}),
    );
    let top = &d["person"]["works"]["facets"];
    assert_eq!(top["venues"].as_array().unwrap().len(), 2);
    assert_eq!(top["categories"], json!([]));
}

#[test]
fn facets_follow_the_filter() {
    let s = TestServer::with_seeds();
    let f = assert_facets_match_pages(&s, "qi-lei", "AUTHOR", json!({ "yearFrom": 2020 }));
    assert_eq!(
        pairs(&f["years"]),
        [2020, 2021, 2022, 2023, 2024, 2025]
            .into_iter()
            .zip([5, 10, 4, 10, 6, 11])
            .map(|(y, n)| (json!(y), n))
            .collect::<Vec<_>>()
    );
    let papers =
        json!({ "kinds": ["CONFERENCE_PAPER", "THESIS"], "yearFrom": 2014, "yearTo": 2019 });
    let f = assert_facets_match_pages(&s, "qi-lei", "AUTHOR", papers);
    let kinds = pairs(&f["kinds"]);
    assert_eq!(kinds[0].0, "CONFERENCE_PAPER");
    assert!(kinds
        .iter()
        .all(|(k, _)| k == "CONFERENCE_PAPER" || k == "THESIS"));
    assert_facets_match_pages(&s, "lei-wu", "ANY", json!({ "venue": "review" }));
    assert_facets_match_pages(
        &s,
        "qi-lei",
        "ANY",
        json!({ "category": "LG", "text": "learning" }),
    );
}

#[test]
fn the_list_of_all_works_and_of_a_category_have_facets() {
    let s = TestServer::with_seeds();
    let d = s.data(
        r#"{ lg: works(filter: { category: "LG" }) { totalCount
               facets { categories { value count } kinds { count } } }
             all: works { totalCount facets { categories(first: 100) { value count }
               years { value count } } } }"#,
        json!({}),
    );
    // Every work of the seeds has one arXiv category at most.
    assert_eq!(d["lg"]["totalCount"], 39);
    assert_eq!(
        d["lg"]["facets"]["categories"],
        json!([{ "value": "LG", "count": 39 }])
    );
    let kinds: i64 = d["lg"]["facets"]["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["count"].as_i64().unwrap())
        .sum();
    assert_eq!(kinds, 39);
    let all = &d["all"];
    assert_eq!(
        pairs(&all["facets"]["categories"]),
        [
            ("LG", 39),
            ("CV", 4),
            ("ML", 3),
            ("CL", 2),
            ("AI", 1),
            ("CR", 1)
        ]
        .map(|(c, n)| (json!(c), n))
    );
    let years = pairs(&all["facets"]["years"]);
    assert_eq!(years.last().unwrap(), &(Value::Null, 5));
    assert_eq!(
        years.iter().map(|p| p.1).sum::<i64>(),
        all["totalCount"].as_i64().unwrap()
    );
}

#[test]
fn a_sources_works_have_facets_as_its_document_counts_them() {
    let s = TestServer::with_seeds();
    let d = s.data(
        r#"{ source(key: "seed-004-lei-wu-cv") { works(first: 1) { totalCount
             facets { years { value count } kinds { value count } } } } }"#,
        json!({}),
    );
    let works = &d["source"]["works"];
    assert_eq!(works["totalCount"], 19);
    // The years and kinds of the 19 works of data/seed/004-lei-wu-cv.json.
    assert_eq!(
        pairs(&works["facets"]["years"]),
        [(2016, 1), (2017, 1), (2018, 2), (2019, 4), (2020, 11)].map(|(y, n)| (json!(y), n))
    );
    assert_eq!(
        pairs(&works["facets"]["kinds"]),
        [
            ("JOURNAL_ARTICLE", 9),
            ("CONFERENCE_PAPER", 5),
            ("PREPRINT", 4),
            ("WORKSHOP_PAPER", 1)
        ]
        .map(|(k, n)| (json!(k), n))
    );
}

const STATS: &str = r#"query($slug: String!) { person(slug: $slug) {
  stats { works listedWorks firstYear lastYear coauthors appointments education grants talks
          patents teaching service sources }
  authored: works(relation: AUTHOR) { totalCount } listed: works(relation: LISTED) { totalCount }
  coauthors { totalCount } appointments { title } education { degree } grants { title }
  talks { title } patents { title } teaching { course } service { role } sources { key } } }"#;

/// `stats` of `slug`, after checking each count against its list.
fn stats(s: &TestServer, slug: &str) -> Value {
    let d = s.data(STATS, json!({ "slug": slug }));
    let p = &d["person"];
    let st = p["stats"].clone();
    assert_eq!(st["works"], p["authored"]["totalCount"]);
    assert_eq!(st["listedWorks"], p["listed"]["totalCount"]);
    assert_eq!(st["coauthors"], p["coauthors"]["totalCount"]);
    let lists = [
        "appointments",
        "education",
        "grants",
        "talks",
        "patents",
        "teaching",
        "service",
        "sources",
    ];
    for list in lists {
        let n = p[list].as_array().unwrap().len();
        assert_eq!(st[list], json!(n), "{slug} {list}");
    }
    st
}

#[test]
fn stats_count_what_the_profile_lists() {
    let s = TestServer::with_seeds();
    assert_eq!(
        stats(&s, "qi-lei"),
        json!({ "works": 63, "listedWorks": 11, "firstYear": 2013, "lastYear": 2025,
                "coauthors": 104, "appointments": 10, "education": 2, "grants": 11, "talks": 0,
                "patents": 2, "teaching": 7, "service": 6, "sources": 4 })
    );
    // data/seed/004-lei-wu-cv.json: 2 appointments, 4 education entries, 4 talks.
    assert_eq!(
        stats(&s, "lei-wu"),
        json!({ "works": 19, "listedWorks": 0, "firstYear": 2016, "lastYear": 2020,
                "coauthors": 17, "appointments": 2, "education": 4, "grants": 0, "talks": 4,
                "patents": 0, "teaching": 7, "service": 2, "sources": 1 })
    );
}

const GRAPH: &str = r#"query($slug: String!, $first: Int, $min: Int) { person(slug: $slug) {
  coauthorGraph(first: $first, minShared: $min) { nodes { slug }
    edges { source { slug } target { slug } sharedWorks } } } }"#;

/// The graph's nodes' slugs and its edges as (source, target, works).
fn graph(
    s: &TestServer,
    slug: &str,
    first: i64,
    min: i64,
) -> (Vec<String>, Vec<(String, String, i64)>) {
    let d = s.data(GRAPH, json!({ "slug": slug, "first": first, "min": min }));
    let g = &d["person"]["coauthorGraph"];
    let slug = |v: &Value| v["slug"].as_str().unwrap().to_string();
    let nodes = g["nodes"].as_array().unwrap().iter().map(slug).collect();
    let edges = g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                slug(&e["source"]),
                slug(&e["target"]),
                e["sharedWorks"].as_i64().unwrap(),
            )
        })
        .collect();
    (nodes, edges)
}

/// The works each pair of authors shares among `works` (a work may come
/// twice: from the lists of two of its authors).
fn shared_pairs(works: &[Value]) -> BTreeMap<(String, String), i64> {
    let mut seen = BTreeSet::new();
    let mut out = BTreeMap::new();
    for w in works {
        let slugs: BTreeSet<String> = w["authors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["person"]["slug"].as_str().unwrap().to_string())
            .collect();
        if !seen.insert((w["title"].to_string(), slugs.clone())) {
            continue;
        }
        for a in &slugs {
            for b in slugs.range(a.clone()..).skip(1) {
                *out.entry((a.clone(), b.clone())).or_insert(0) += 1;
            }
        }
    }
    out
}

fn edge(a: &str, b: &str, n: i64) -> (String, String, i64) {
    (a.to_string(), b.to_string(), n)
}

#[test]
fn the_coauthor_graph_joins_the_top_coauthors_who_work_together() {
    let s = TestServer::with_seeds();
    let (nodes, edges) = graph(&s, "qi-lei", 4, 1);
    let top = [
        "qi-lei",
        "jason-d-lee",
        "inderjit-s-dhillon",
        "yijun-dong",
        "alexandros-g-dimakis",
    ];
    assert_eq!(nodes, top);
    // Inderjit S. Dhillon and Alexandros G. Dimakis are both authors of three
    // works of the CV (Primal-Dual Block Generalized Frank-Wolfe; Inverting
    // Deep Generative models; Discrete Adversarial Attacks …).
    assert_eq!(
        edges,
        [
            edge("qi-lei", "jason-d-lee", 17),
            edge("qi-lei", "inderjit-s-dhillon", 11),
            edge("qi-lei", "yijun-dong", 7),
            edge("qi-lei", "alexandros-g-dimakis", 7),
            edge("jason-d-lee", "yijun-dong", 1),
            edge("jason-d-lee", "alexandros-g-dimakis", 1),
            edge("inderjit-s-dhillon", "yijun-dong", 1),
            edge("inderjit-s-dhillon", "alexandros-g-dimakis", 3),
        ]
    );
    // The pairs' counts agree with the author lists of the co-authors' works.
    let mut works = Vec::new();
    for n in &nodes[1..] {
        works.extend(all_works(&s, n, "AUTHOR", Value::Null));
    }
    let shared = shared_pairs(&works);
    for (a, b, n) in &edges[4..] {
        let key = (a.min(b).clone(), a.max(b).clone());
        assert_eq!(shared[&key], *n, "{a} {b}");
    }
    // minShared keeps the collaborations of at least that many works.
    let (nodes, edges) = graph(&s, "qi-lei", 4, 2);
    assert_eq!(nodes, top);
    assert_eq!(
        edges[4..],
        [edge("inderjit-s-dhillon", "alexandros-g-dimakis", 3)]
    );
    let (nodes, edges) = graph(&s, "qi-lei", 100, 12);
    assert_eq!(nodes, ["qi-lei", "jason-d-lee"]);
    assert_eq!(edges, [edge("qi-lei", "jason-d-lee", 17)]);
    let (nodes, edges) = graph(&s, "lei-wu", 3, 2);
    assert_eq!(nodes, ["lei-wu", "chao-ma", "weinan-e", "zhanxing-zhu"]);
    assert_eq!(edges[3], edge("chao-ma", "weinan-e", 11));
    let (nodes, edges) = graph(&s, "lei-wu", 0, 1);
    assert_eq!((nodes, edges.len()), (vec!["lei-wu".to_string()], 0));
}

const SIMILAR: &str = r#"query($slug: String!, $first: Int) { person(slug: $slug) {
  similar(first: $first) { person { slug } score reasons } } }"#;

fn similar(s: &TestServer, slug: &str, first: i64) -> Vec<Value> {
    let d = s.data(SIMILAR, json!({ "slug": slug, "first": first }));
    d["person"]["similar"].as_array().unwrap().clone()
}

#[test]
fn similar_people_come_with_their_reasons_in_words() {
    let s = TestServer::with_seeds();
    let qi = similar(&s, "qi-lei", 2);
    assert_eq!(
        qi[0],
        json!({ "person": { "slug": "jason-d-lee" }, "score": 44.0, "reasons": [
            "22 co-authors in common: Alexandros G. Dimakis, Baihe Huang, Benjamin Van Roy, …",
            "Co-authored 17 works",
            "Both published in International Conference of Machine Learning (ICML) (4 works), \
             Neural Information Processing Systems (NeurIPS) (4 works), International Conference \
             on Artificial Intelligence and Statistics (AISTATS) (3 works), …",
            "Shares arXiv category LG"] })
    );
    assert_eq!(qi[1]["person"]["slug"], "inderjit-s-dhillon");
    assert_eq!(qi[1]["score"], 38.5);
    // Lei Wu's co-authors first; Qi Lei shares only Princeton University
    // (her ECE department, his PACM): 2 points.
    let wu = similar(&s, "lei-wu", 100);
    let slugs: Vec<&str> = wu
        .iter()
        .map(|p| p["person"]["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs[..3], ["weinan-e", "chao-ma", "zhanxing-zhu"]);
    assert!(!slugs.contains(&"lei-wu"));
    let qi_lei = wu.iter().find(|p| p["person"]["slug"] == "qi-lei").unwrap();
    assert_eq!(qi_lei["score"], 2.0);
    assert_eq!(qi_lei["reasons"], json!(["Both at Princeton University"]));
    // Ties go by name (as displayed, given name first).
    let tied: Vec<&str> = wu
        .iter()
        .filter(|p| p["score"] == 5.5)
        .map(|p| p["person"]["slug"].as_str().unwrap())
        .collect();
    assert_eq!(
        tied[..4],
        [
            "alexandre-m-tartakovsky",
            "christopher-j-mundy",
            "gregory-k-schenter",
            "nathan-a-baker"
        ]
    );
    assert!(similar(&s, "lei-wu", 0).is_empty());
}

#[test]
fn bad_aggregate_arguments_are_bad_user_input_with_their_path() {
    let s = TestServer::with_seeds();
    let graph = json!(["person", "coauthorGraph"]);
    let cases = [
        (
            r#"{ person(slug: "qi-lei") { coauthorGraph(first: 101) { nodes { slug } } } }"#,
            &graph,
        ),
        (
            r#"{ person(slug: "qi-lei") { coauthorGraph(first: -1) { nodes { slug } } } }"#,
            &graph,
        ),
        (
            r#"{ person(slug: "qi-lei") { coauthorGraph(minShared: 0) { nodes { slug } } } }"#,
            &graph,
        ),
        (
            r#"{ person(slug: "qi-lei") { similar(first: 101) { score } } }"#,
            &json!(["person", "similar"]),
        ),
        (
            r#"{ works { facets { venues(first: 101) { count } } } }"#,
            &json!(["works", "facets", "venues"]),
        ),
        (
            r#"{ works { facets { categories(first: -1) { count } } } }"#,
            &json!(["works", "facets", "categories"]),
        ),
    ];
    for (query, path) in cases {
        let e = s.first_error(query, json!({}));
        assert_eq!(e["extensions"]["code"], "BAD_USER_INPUT", "{query}: {e}");
        assert_eq!(&e["path"], path, "{query}");
    }
}
