//! The merge rules, through the real import and read back over GraphQL:
//! identity by slug, alias, DOI, arXiv id and folded title; every source's
//! value kept and one display value chosen by the documented precedence.

use serde_json::{json, Value};
use vitae::store::Store;

use crate::helpers::TestServer;

fn bundle(key: &str, kind: &str, rest: Value) -> Value {
    let mut b =
        json!({ "format": "vitae-bundle/1", "source": { "key": key, "title": key, "kind": kind } });
    for (k, v) in rest.as_object().unwrap() {
        b[k] = v.clone();
    }
    b
}

#[test]
fn a_stated_slug_keeps_two_people_of_one_name_apart() {
    let s = TestServer::with_seeds();
    s.import(&bundle(
        "other-qi-lei",
        "cv",
        json!({ "people": [{ "key": "q", "slug": "qi-lei-physics", "name": "Qi Lei" }] }),
    ));
    let d = s.data(
        r#"{ a: person(slug: "qi-lei") { name emails } b: person(slug: "qi-lei-physics") { name emails } }"#,
        json!({}),
    );
    assert_eq!(d["a"]["emails"], json!(["qilei@princeton.edu"]));
    assert_eq!(d["b"]["name"], "Qi Lei");
    assert_eq!(d["b"]["emails"], json!([]));
}

#[test]
fn a_name_printed_another_way_matches_by_alias() {
    let s = TestServer::with_seeds();
    let before = s.data("{ people { totalCount } }", json!({}))["people"]["totalCount"].clone();
    s.import(&bundle(
        "alias-test",
        "paper_index",
        json!({ "works": [{ "key": "w", "title": "A brand new paper", "kind": "preprint",
                                "authors": [{ "name": "Jason D Lee" }, { "name": "Lei, Qi" }] }] }),
    ));
    let d = s.data(
        r#"{ people { totalCount } works(filter: { text: "brand new paper" }) { edges { node { authors { name person { slug } } } } } }"#,
        json!({}),
    );
    assert_eq!(d["people"]["totalCount"], before, "no new person was made");
    let authors = &d["works"]["edges"][0]["node"]["authors"];
    assert_eq!(authors[0]["name"], "Jason D Lee");
    assert_eq!(authors[0]["person"]["slug"], "jason-d-lee");
    assert_eq!(authors[1]["person"]["slug"], "qi-lei");
}

#[test]
fn works_match_by_doi_then_arxiv_id_then_folded_title() {
    let s = TestServer::spawn();
    let first = bundle(
        "a",
        "cv",
        json!({ "works": [
            { "key": "1", "title": "Deep Things", "kind": "journal_article", "doi": "10.1000/xyz", "year": 2020 },
            { "key": "2", "title": "Shallow Things", "kind": "preprint", "arxivId": "2001.00001" },
            { "key": "3", "title": "Gr{\\\"u}n: A Study of $\\mu$P", "kind": "preprint" }
        ] }),
    );
    s.import(&first);
    let second = bundle(
        "b",
        "paper_index",
        json!({ "works": [
            { "key": "1", "title": "Deep things (retitled)", "kind": "preprint", "doi": "10.1000/xyz" },
            { "key": "2", "title": "Shallow things, v2", "kind": "preprint", "arxivId": "2001.00001" },
            { "key": "3", "title": "GRÜN — a study of μP", "kind": "preprint" }
        ] }),
    );
    s.import(&second);
    let d = s.data(
        "{ works(orderBy: TITLE_ASC) { totalCount edges { node { title kind year sources { key } } } } }",
        json!({}),
    );
    assert_eq!(d["works"]["totalCount"], 3);
    let titles: Vec<&str> = d["works"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["title"].as_str().unwrap())
        .collect();
    // Titles come from the bibliographic index; kind and year from the CV.
    assert_eq!(
        titles,
        [
            "Deep things (retitled)",
            "GRÜN — a study of μP",
            "Shallow things, v2"
        ]
    );
    let deep = &d["works"]["edges"][0]["node"];
    assert_eq!(deep["kind"], "JOURNAL_ARTICLE");
    assert_eq!(deep["year"], 2020);
    assert_eq!(deep["sources"], json!([{ "key": "a" }, { "key": "b" }]));
}

#[test]
fn the_display_value_does_not_depend_on_import_order() {
    let a = bundle(
        "a",
        "cv",
        json!({ "works": [{ "key": "w", "title": "Cat: customized training", "kind": "conference_paper", "venue": "IJCAI", "year": 2022 }],
                "organizations": [{ "key": "u", "name": "Some University", "kind": "university", "country": "USA" }] }),
    );
    let b = bundle(
        "b",
        "paper_index",
        json!({ "works": [{ "key": "w", "title": "CAT: Customized Training", "kind": "preprint", "date": "2020-02-17" }],
                "organizations": [{ "key": "u", "name": "Some University", "kind": "university", "country": "United States", "city": "Springfield" }] }),
    );
    let query = "{ works { edges { node { title kind venue year date sources { key } } } }
                   organization(slug: \"some-university\") { location sources { key } } }";
    let one = TestServer::spawn();
    one.import(&a);
    one.import(&b);
    let two = TestServer::spawn();
    two.import(&b);
    two.import(&a);
    let d1 = one.data(query, json!({}));
    assert_eq!(d1, two.data(query, json!({})));
    let w = &d1["works"]["edges"][0]["node"];
    assert_eq!(w["title"], "CAT: Customized Training");
    // The CV's country wins; the city only the index states is kept.
    assert_eq!(d1["organization"]["location"], "Springfield, USA");
    assert_eq!(
        (
            w["kind"].as_str(),
            w["venue"].as_str(),
            w["year"].as_i64(),
            w["date"].as_str()
        ),
        (
            Some("CONFERENCE_PAPER"),
            Some("IJCAI"),
            Some(2022),
            Some("2020-02-17")
        )
    );
}

#[test]
fn a_name_as_printed_in_an_author_list_is_one_of_the_persons_names() {
    let s = TestServer::spawn();
    s.import(&bundle(
        "cv",
        "cv",
        json!({ "people": [{ "key": "ann", "slug": "ann-b-smith", "name": "Ann B. Smith" }],
                    "works": [{ "key": "w", "title": "First", "kind": "preprint", "year": 2020,
                                "authors": [{ "name": "A. B. Smith", "person": "ann" }] }] }),
    ));
    // Another document prints the same form without saying who it is.
    s.import(&bundle(
        "index",
        "paper_index",
        json!({ "works": [{ "key": "w", "title": "Second", "kind": "preprint", "year": 2021,
                                "authors": [{ "name": "A. B. Smith" }] }] }),
    ));
    let d = s.data(
        r#"{ person(slug: "ann-b-smith") { aliases works { totalCount } }
             people(search: "Smith") { totalCount } }"#,
        json!({}),
    );
    assert_eq!(d["person"]["aliases"], json!(["A. B. Smith"]));
    assert_eq!(d["person"]["works"]["totalCount"], 2);
    assert_eq!(d["people"]["totalCount"], 1);
}

#[test]
fn a_new_version_of_a_source_replaces_what_the_old_one_stated() {
    let s = TestServer::spawn();
    let author = |name: &str, key: &str| json!({ "name": name, "person": key });
    let v1 = bundle(
        "cv",
        "cv",
        json!({
            "people": [{ "key": "ann", "slug": "ann-test", "name": "Ann Test" },
                       { "key": "bob", "slug": "bob-other", "name": "Bob Other" }],
            "organizations": [{ "key": "u", "name": "Big University", "kind": "university" }],
            "appointments": [{ "key": "a", "person": "ann", "organization": "u",
                               "title": "Professor", "kind": "faculty", "start": "2020" }],
            "grants": [{ "key": "g", "person": "ann", "title": "Big Grant", "kind": "grant" }],
            "works": [
                { "key": "w1", "title": "A Test Paper", "kind": "preprint", "year": 2020,
                  "authors": [author("Ann Test", "ann"), author("Bob Other", "bob")] },
                { "key": "w2", "title": "Shared Paper", "kind": "journal_article", "year": 2021,
                  "venue": "Old Venue", "categories": ["CV"], "notes": ["Oral"],
                  "authors": [author("Ann Test", "ann")] }
            ]
        }),
    );
    // Another document lists the shared paper too, as a preprint.
    let index = bundle(
        "index",
        "paper_index",
        json!({ "works": [{ "key": "w", "title": "Shared Paper", "kind": "preprint", "year": 2021,
                            "categories": ["LG"], "authors": [{ "name": "Ann Test" }] }] }),
    );
    let mut v2 = v1.clone();
    v2["people"] = json!([{ "key": "ann", "slug": "ann-test", "name": "Ann Test" }]);
    v2["organizations"] =
        json!([{ "key": "u", "name": "Bigger University", "kind": "university" }]);
    v2["grants"] = json!([]);
    v2["works"] = json!([{ "key": "w1", "title": "A Test Paper, Revised", "kind": "preprint",
                           "year": 2022, "authors": [author("Ann Test", "ann")] }]);
    s.import(&v1);
    s.import(&index);
    s.import(&v2);
    let d = s.data(
        r#"{ person(slug: "ann-test") { grants { title } appointments { organization { name } } }
             bob: person(slug: "bob-other") { name }
             old: organization(slug: "big-university") { name }
             works(orderBy: TITLE_ASC) { totalCount edges { node {
               title kind venue categories notes sources { key } } } } }"#,
        json!({}),
    );
    assert_eq!(d["person"]["grants"], json!([]));
    assert_eq!(
        d["person"]["appointments"],
        json!([{ "organization": { "name": "Bigger University" } }])
    );
    assert_eq!(
        (d["bob"].clone(), d["old"].clone()),
        (json!(null), json!(null))
    );
    // The shared paper stays, stated by the index alone, and shows its values.
    assert_eq!(
        d["works"],
        json!({ "totalCount": 2, "edges": [
            { "node": { "title": "A Test Paper, Revised", "kind": "PREPRINT", "venue": null,
                        "categories": [], "notes": [], "sources": [{ "key": "cv" }] } },
            { "node": { "title": "Shared Paper", "kind": "PREPRINT", "venue": null,
                        "categories": ["LG"], "notes": [], "sources": [{ "key": "index" }] } }
        ] })
    );
}

#[test]
fn a_refused_bundle_through_the_library_writes_nothing() {
    let s = TestServer::with_seeds();
    let store = Store::open(&s.db).unwrap();
    let before = vitae::export::json::export(&store).unwrap();
    let bad = bundle(
        "bad",
        "cv",
        json!({ "people": [{ "key": "p", "name": "New Person" }],
                "appointments": [{ "key": "a", "person": "p", "organization": "nowhere", "title": "x", "kind": "faculty" }] }),
    );
    let err = vitae::import::import_text(&store, &bad.to_string(), "bad.json").unwrap_err();
    assert_eq!(err.code(), "BAD_USER_INPUT");
    assert_eq!(
        err.to_string(),
        "bad.json:1: /appointments/0/organization: no organization with key `nowhere` in this bundle"
    );
    assert_eq!(vitae::export::json::export(&store).unwrap(), before);
}
