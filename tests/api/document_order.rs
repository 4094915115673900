//! Document order (issue 9, item 2): a source lists its works and career
//! facts in its own order, with the numbers it prints and the headings they
//! sit under (`Query.source`, `Source.works`, `Source.facts`,
//! `WorkFilter.source`, `WorkOrder.SOURCE_POSITION`), on generated bundles
//! and on the seeds, through the server.

use serde_json::{json, Value};

use crate::helpers::TestServer;

/// A CV-like bundle: a thesis under its own heading, then a numbered list
/// printed newest first but not in date order, and career facts under
/// headings, one of them printing its organization's name its own way.
/// `numbers` gives the printed number of each listed work, in the order
/// they appear.
fn cv(key: &str, numbers: &[u32]) -> Value {
    let mut works = vec![json!({
        "key": "thesis", "title": "A Thesis On Ordering", "kind": "thesis", "year": 2018,
        "authors": [{ "name": "Ada Order", "person": "ada" }], "section": "Thesis" })];
    for (i, n) in numbers.iter().enumerate() {
        works.push(json!({
            "key": format!("w{n}"), "title": format!("Ordered Work Number {n}"),
            "kind": "conference_paper", "year": 2000 + (n * 7 % 11),
            "authors": [{ "name": "Ada Order", "person": "ada" }, { "name": format!("Co Author {i}") }],
            "position": n, "section": "Publications" }));
    }
    json!({
        "format": "vitae-bundle/1",
        "source": { "key": key, "title": "Ada's CV", "kind": "cv" },
        "people": [{ "key": "ada", "slug": "ada-order", "name": "Ada Order" }],
        "organizations": [
            { "key": "u", "name": "University of Order", "kind": "university" },
            { "key": "f", "name": "Foundation for Lists", "kind": "funder" }],
        "appointments": [
            { "key": "a2", "person": "ada", "organization": "u", "title": "Professor",
              "kind": "faculty", "start": "2020", "section": "Employment" },
            { "key": "a1", "person": "ada", "organization": "u", "title": "Lecturer",
              "kind": "faculty", "start": "2018", "end": "2020", "section": "Employment",
              "organizationText": "Univ. of Order" }],
        "grants": [
            { "key": "g1", "person": "ada", "title": "Second Grant", "kind": "grant",
              "funder": "f", "funderText": "The Lists Foundation", "position": 1,
              "section": "Grants (Faculty)" },
            { "key": "g2", "person": "ada", "title": "First Grant", "kind": "grant",
              "funder": "f", "position": 2, "section": "Grants (Faculty)" },
            { "key": "g3", "person": "ada", "title": "A Student Award", "kind": "award",
              "section": "Awards (pre-faculty)" }],
        "works": works,
    })
}

const SOURCE_WORKS: &str = r#"query($key: String!, $first: Int, $after: String, $last: Int, $before: String, $filter: WorkFilter) {
  source(key: $key) { key title
    works(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
      totalCount pageInfo { hasNextPage hasPreviousPage endCursor startCursor }
      edges { cursor position section relation node { title
        statedBy(source: $key) { position section } } } } } }"#;

fn titles(conn: &Value) -> Vec<String> {
    conn["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["title"].as_str().unwrap().to_string())
        .collect()
}

fn listed(numbers: &[u32]) -> Vec<String> {
    std::iter::once("A Thesis On Ordering".to_string())
        .chain(numbers.iter().map(|n| format!("Ordered Work Number {n}")))
        .collect()
}

#[test]
fn a_source_lists_its_works_in_the_documents_order_with_its_numbers_and_headings() {
    let s = TestServer::spawn();
    let numbers = [9, 8, 7, 6, 5, 4, 3, 2, 1];
    s.import(&cv("ada-cv", &numbers));
    let d = s.data(SOURCE_WORKS, json!({ "key": "ada-cv", "first": 100 }));
    let works = &d["source"]["works"];
    assert_eq!(d["source"]["title"], "Ada's CV");
    assert_eq!(works["totalCount"], 10);
    assert_eq!(titles(works), listed(&numbers));
    let thesis = &works["edges"][0];
    assert_eq!(thesis["position"], Value::Null);
    assert_eq!(thesis["section"], "Thesis");
    assert_eq!(thesis["relation"], Value::Null);
    let third = &works["edges"][3];
    assert_eq!(third["position"], 7);
    assert_eq!(third["section"], "Publications");
    assert_eq!(
        third["node"]["statedBy"],
        json!([{ "position": 7, "section": "Publications" }])
    );

    // Pages of 4, forward then backward, walk the same order.
    let mut forward = Vec::new();
    let mut after: Option<String> = None;
    for _ in 0..5 {
        let d = s.data(
            SOURCE_WORKS,
            json!({ "key": "ada-cv", "first": 4, "after": after }),
        );
        let page = &d["source"]["works"];
        forward.extend(titles(page));
        if page["pageInfo"]["hasNextPage"] == false {
            break;
        }
        after = page["pageInfo"]["endCursor"].as_str().map(String::from);
    }
    assert_eq!(forward, listed(&numbers));
    let d = s.data(SOURCE_WORKS, json!({ "key": "ada-cv", "last": 3 }));
    let tail = &d["source"]["works"];
    assert_eq!(titles(tail), listed(&numbers)[7..].to_vec());
    assert_eq!(tail["pageInfo"]["hasPreviousPage"], true);
    let before = tail["pageInfo"]["startCursor"].as_str().unwrap();
    let d = s.data(
        SOURCE_WORKS,
        json!({ "key": "ada-cv", "last": 3, "before": before }),
    );
    assert_eq!(
        titles(&d["source"]["works"]),
        listed(&numbers)[4..7].to_vec()
    );

    // A filter narrows the list and keeps its order.
    let d = s.data(
        SOURCE_WORKS,
        json!({ "key": "ada-cv", "first": 100, "filter": { "kinds": ["CONFERENCE_PAPER"], "yearFrom": 2005 } }),
    );
    let want: Vec<String> = numbers
        .iter()
        .filter(|n| 2000 + (*n * 7 % 11) >= 2005)
        .map(|n| format!("Ordered Work Number {n}"))
        .collect();
    assert_eq!(titles(&d["source"]["works"]), want);
    assert_eq!(d["source"]["works"]["totalCount"], want.len());
}

const PERSON_IN_SOURCE: &str = r#"query($filter: WorkFilter, $order: WorkOrder) {
  person(slug: "ada-order") { works(first: 100, filter: $filter, orderBy: $order) {
    totalCount edges { position section relation node { title } } } }
  works(first: 100, filter: $filter, orderBy: $order) { totalCount edges { position node { title } } } }"#;

#[test]
fn work_lists_filter_by_source_and_order_by_its_position() {
    let s = TestServer::spawn();
    let numbers = [3, 1, 2];
    s.import(&cv("ada-cv", &numbers));
    // Another source lists two of the works, in its own order, and one more.
    s.import(&json!({
        "format": "vitae-bundle/1",
        "source": { "key": "ada-listing", "title": "Listing", "kind": "arxiv_listing" },
        "people": [{ "key": "ada", "slug": "ada-order", "name": "Ada Order" }],
        "works": [
            { "key": "x", "title": "A Listed Work Only", "kind": "preprint", "listedUnder": "ada", "position": 1 },
            { "key": "b", "title": "Ordered Work Number 2", "kind": "preprint", "listedUnder": "ada", "position": 2 },
            { "key": "a", "title": "Ordered Work Number 3", "kind": "preprint", "listedUnder": "ada", "position": 3 }]
    }));
    let d = s.data(
        PERSON_IN_SOURCE,
        json!({ "filter": { "source": "ada-listing" }, "order": "SOURCE_POSITION" }),
    );
    let mine = &d["person"]["works"];
    assert_eq!(
        titles(mine),
        [
            "A Listed Work Only",
            "Ordered Work Number 2",
            "Ordered Work Number 3"
        ]
    );
    assert_eq!(mine["totalCount"], 3);
    let relations: Vec<&Value> = mine["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["relation"])
        .collect();
    assert_eq!(
        relations,
        [&json!("LISTED"), &json!("AUTHOR"), &json!("AUTHOR")]
    );
    assert_eq!(mine["edges"][1]["position"], 2);
    assert_eq!(titles(&d["works"]), titles(mine));

    // With the default order the source still narrows the list, and each
    // edge still says where the source puts the work.
    let d = s.data(
        PERSON_IN_SOURCE,
        json!({ "filter": { "source": "ada-cv", "author": "ada-order" } }),
    );
    assert_eq!(d["works"]["totalCount"], 4);
    let by_title: Vec<(String, Value)> = d["works"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["node"]["title"].as_str().unwrap().to_string(),
                e["position"].clone(),
            )
        })
        .collect();
    assert!(by_title.contains(&("Ordered Work Number 3".into(), json!(3))));
    assert!(by_title.contains(&("A Thesis On Ordering".into(), Value::Null)));
    // The list of works without a source gives no positions.
    let d = s.data(PERSON_IN_SOURCE, json!({}));
    assert!(d["works"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["position"].is_null()));
}

#[test]
fn reimporting_a_source_with_new_numbers_reorders_its_list() {
    let s = TestServer::spawn();
    s.import(&cv("ada-cv", &[1, 2, 3, 4]));
    let d = s.data(SOURCE_WORKS, json!({ "key": "ada-cv", "first": 100 }));
    assert_eq!(titles(&d["source"]["works"]), listed(&[1, 2, 3, 4]));
    // The new version prints the list the other way round, and drops 2.
    s.import(&cv("ada-cv", &[4, 3, 1]));
    let d = s.data(SOURCE_WORKS, json!({ "key": "ada-cv", "first": 100 }));
    let works = &d["source"]["works"];
    assert_eq!(titles(works), listed(&[4, 3, 1]));
    assert_eq!(works["edges"][1]["position"], 4);
}

#[test]
fn source_position_needs_a_source_and_sources_are_checked() {
    let s = TestServer::spawn();
    s.import(&cv("ada-cv", &[1, 2]));
    s.import(&cv("ada-cv-2", &[2, 1]));
    let e = s.first_error(
        r#"{ works(orderBy: SOURCE_POSITION) { edges { node { title } } } }"#,
        json!({}),
    );
    assert_eq!(e["extensions"]["code"], "BAD_USER_INPUT");
    assert_eq!(e["path"], json!(["works"]));
    assert!(
        e["message"].as_str().unwrap().contains("filter.source"),
        "{e}"
    );

    let e = s.first_error(
        r#"{ works(filter: {source: "no-such-source"}) { totalCount } }"#,
        json!({}),
    );
    assert_eq!(e["extensions"]["code"], "NOT_FOUND");

    let d = s.data(r#"{ source(key: "no-such-source") { key } }"#, json!({}));
    assert_eq!(d["source"], Value::Null);
    let d = s.data(r#"{ sources { key } }"#, json!({}));
    assert_eq!(
        d["sources"],
        json!([{ "key": "ada-cv" }, { "key": "ada-cv-2" }])
    );

    let e = s.first_error(
        r#"{ source(key: "ada-cv") { works(filter: {source: "ada-cv-2"}) { totalCount } } }"#,
        json!({}),
    );
    assert_eq!(e["extensions"]["code"], "BAD_USER_INPUT");

    // A cursor of one document's order is refused in another's.
    let d = s.data(SOURCE_WORKS, json!({ "key": "ada-cv", "first": 1 }));
    let cursor = d["source"]["works"]["pageInfo"]["endCursor"].clone();
    let e = s.first_error(SOURCE_WORKS, json!({ "key": "ada-cv-2", "after": cursor }));
    assert_eq!(e["extensions"]["code"], "BAD_USER_INPUT");
    assert_eq!(e["path"], json!(["source", "works"]));
}

const FACTS: &str = r#"query($key: String!, $kinds: [FactKind!], $first: Int, $after: String, $last: Int, $before: String) {
  source(key: $key) { facts(kinds: $kinds, first: $first, after: $after, last: $last, before: $before) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor position section organizationAsPrinted node { __typename
      ... on Appointment { title organization { name } }
      ... on Grant { title funder { name } } } } } } }"#;

fn fact_titles(conn: &Value) -> Vec<String> {
    conn["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["title"].as_str().unwrap_or("?").to_string())
        .collect()
}

#[test]
fn a_source_lists_its_career_facts_kind_by_kind_in_its_own_order() {
    let s = TestServer::spawn();
    s.import(&cv("ada-cv", &[1]));
    let d = s.data(FACTS, json!({ "key": "ada-cv" }));
    let facts = &d["source"]["facts"];
    assert_eq!(facts["totalCount"], 5);
    assert_eq!(
        fact_titles(facts),
        [
            "Professor",
            "Lecturer",
            "Second Grant",
            "First Grant",
            "A Student Award"
        ]
    );
    let lecturer = &facts["edges"][1];
    assert_eq!(lecturer["node"]["__typename"], "Appointment");
    assert_eq!(lecturer["section"], "Employment");
    assert_eq!(lecturer["position"], Value::Null);
    assert_eq!(lecturer["organizationAsPrinted"], "Univ. of Order");
    assert_eq!(
        lecturer["node"]["organization"]["name"],
        "University of Order"
    );
    assert_eq!(facts["edges"][0]["organizationAsPrinted"], Value::Null);
    let grant = &facts["edges"][2];
    assert_eq!(grant["position"], 1);
    assert_eq!(grant["section"], "Grants (Faculty)");
    assert_eq!(grant["organizationAsPrinted"], "The Lists Foundation");
    assert_eq!(grant["node"]["funder"]["name"], "Foundation for Lists");
    assert_eq!(facts["edges"][4]["section"], "Awards (pre-faculty)");

    // Pages of two cross from one kind to the next, both ways.
    let mut walked = Vec::new();
    let mut after: Option<String> = None;
    for _ in 0..4 {
        let d = s.data(
            FACTS,
            json!({ "key": "ada-cv", "first": 2, "after": after }),
        );
        let page = &d["source"]["facts"];
        walked.extend(fact_titles(page));
        if page["pageInfo"]["hasNextPage"] == false {
            break;
        }
        after = page["pageInfo"]["endCursor"].as_str().map(String::from);
    }
    assert_eq!(walked, fact_titles(facts));
    let d = s.data(FACTS, json!({ "key": "ada-cv", "last": 2 }));
    let tail = &d["source"]["facts"];
    assert_eq!(fact_titles(tail), ["First Grant", "A Student Award"]);
    let before = tail["pageInfo"]["startCursor"].clone();
    let d = s.data(
        FACTS,
        json!({ "key": "ada-cv", "last": 2, "before": before }),
    );
    assert_eq!(
        fact_titles(&d["source"]["facts"]),
        ["Lecturer", "Second Grant"]
    );

    // One kind only; an empty list of kinds is refused.
    let d = s.data(FACTS, json!({ "key": "ada-cv", "kinds": ["GRANT"] }));
    assert_eq!(d["source"]["facts"]["totalCount"], 3);
    assert_eq!(
        fact_titles(&d["source"]["facts"]),
        ["Second Grant", "First Grant", "A Student Award"]
    );
    let e = s.first_error(FACTS, json!({ "key": "ada-cv", "kinds": [] }));
    assert_eq!(e["extensions"]["code"], "BAD_USER_INPUT");
    assert_eq!(e["path"], json!(["source", "facts"]));
}

#[test]
fn a_career_fact_gives_each_sources_wording_typed() {
    let s = TestServer::spawn();
    s.import(&cv("ada-cv", &[1]));
    // A second source states the lecturer post under another heading, and
    // prints the university's name as it is.
    let mut other = cv("ada-cv-2", &[1]);
    other["appointments"][1]["section"] = json!("Past positions");
    other["appointments"][1]["position"] = json!(4);
    other["appointments"][1]
        .as_object_mut()
        .unwrap()
        .remove("organizationText");
    s.import(&other);
    let q = r#"query($only: String) { person(slug: "ada-order") {
      appointments { title statedBy(source: $only) { source { key } position section organizationAsPrinted fact } }
      grants { title statedBy { source { key } position section organizationAsPrinted } } } }"#;
    let d = s.data(q, json!({}));
    let lecturer = d["person"]["appointments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Lecturer")
        .unwrap();
    let stated = lecturer["statedBy"].as_array().unwrap();
    assert_eq!(stated.len(), 2);
    assert_eq!(stated[0]["source"]["key"], "ada-cv");
    assert_eq!(stated[0]["section"], "Employment");
    assert_eq!(stated[0]["position"], Value::Null);
    assert_eq!(stated[0]["organizationAsPrinted"], "Univ. of Order");
    assert_eq!(stated[0]["fact"]["title"], "Lecturer");
    assert_eq!(stated[1]["source"]["key"], "ada-cv-2");
    assert_eq!(stated[1]["section"], "Past positions");
    assert_eq!(stated[1]["position"], 4);
    assert_eq!(stated[1]["organizationAsPrinted"], Value::Null);
    let grant = d["person"]["grants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["title"] == "Second Grant")
        .unwrap();
    assert_eq!(
        grant["statedBy"][0]["organizationAsPrinted"],
        "The Lists Foundation"
    );
    assert_eq!(grant["statedBy"][0]["section"], "Grants (Faculty)");
    assert_eq!(grant["statedBy"][0]["position"], 1);

    let d = s.data(q, json!({ "only": "ada-cv-2" }));
    let keys: Vec<&Value> = d["person"]["appointments"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["statedBy"].as_array().unwrap())
        .map(|st| &st["source"]["key"])
        .collect();
    assert_eq!(keys, [&json!("ada-cv-2"), &json!("ada-cv-2")]);
    let d = s.data(q, json!({ "only": "no-such-source" }));
    assert_eq!(d["person"]["appointments"][0]["statedBy"], json!([]));
}

const SEED_ORDER: &str = r#"{
  cv: source(key: "seed-000-qi-lei-cv") {
    works(first: 100) { totalCount edges { position section node { title } } }
    grants: facts(kinds: [GRANT], first: 100) { edges { position section organizationAsPrinted node { ... on Grant { title } } } } }
  listing: source(key: "seed-001-qi-lei-arxiv-listing") { works(first: 100) { totalCount edges { position section node { title } } } }
  wu: source(key: "seed-004-lei-wu-cv") { works(first: 100) { edges { position section node { title } } } } }"#;

fn edge_at(list: &Value, i: usize) -> (Value, Value, &str) {
    let e = &list["edges"][i];
    (
        e["position"].clone(),
        e["section"].clone(),
        e["node"]["title"].as_str().unwrap_or("?"),
    )
}

#[test]
fn the_seed_documents_are_listed_in_their_own_order() {
    let s = TestServer::with_seeds();
    let d = s.data(SEED_ORDER, json!({}));
    // The CV: its thesis, publications 1–52, workshop articles 1–4.
    let cv = &d["cv"]["works"];
    assert_eq!(cv["totalCount"], 57);
    assert_eq!(
        edge_at(cv, 0),
        (
            Value::Null,
            json!("Thesis"),
            "Provably effective algorithms for min-max optimization"
        )
    );
    let (pos, section, title) = edge_at(cv, 1);
    assert_eq!((pos, section), (json!(1), json!("Publications")));
    assert!(title.starts_with("Beyond Invisibility"), "{title}");
    let (pos, _, title) = edge_at(cv, 4);
    assert_eq!(pos, 4);
    assert!(title.starts_with("Data Reconstruction Attacks"), "{title}");
    let (pos, _, title) = edge_at(cv, 52);
    assert_eq!(pos, 52);
    assert!(
        title.starts_with("Interactive Tensor Field Design"),
        "{title}"
    );
    assert_eq!(edge_at(cv, 53).0, 1);
    assert_eq!(edge_at(cv, 53).1, "Workshop Articles");
    // The CV's grants under its two headings, with the funder as printed.
    let grants = &d["cv"]["grants"]["edges"];
    assert_eq!(grants[0]["section"], "Grants and Award (Faculty)");
    assert_eq!(grants[0]["position"], 1);
    assert_eq!(grants[0]["organizationAsPrinted"], "NYU");
    assert_eq!(grants[0]["node"]["title"], "NYU Research Catalyst Prize");
    assert_eq!(
        grants[3]["section"],
        "Selected Grants and Awards (pre-faculty)"
    );
    assert_eq!(grants[3]["position"], 1);
    // The listing: 48 items, the third is 3.
    let listing = &d["listing"]["works"];
    assert_eq!(listing["totalCount"], 48);
    let (pos, section, title) = edge_at(listing, 2);
    assert_eq!((pos, section), (json!(3), json!("Papers on arXiv")));
    assert!(title.starts_with("Data Reconstruction Attacks"), "{title}");
    assert_eq!(edge_at(listing, 47).0, 48);
    // Lei Wu's CV numbers [1]–[15] and its preprints [1]–[4] apart.
    let wu = &d["wu"]["works"];
    let (pos, section, title) = edge_at(wu, 14);
    assert_eq!((pos, section), (json!(15), json!("Published")));
    assert!(
        title.starts_with("Smoothed dissipative particle dynamics"),
        "{title}"
    );
    assert_eq!(edge_at(wu, 15).0, 1);
    assert_eq!(edge_at(wu, 15).1, "Preprints");
}
