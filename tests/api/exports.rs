//! Exports (issue 10): each format of a person or a list of works, the same
//! bytes from the CLI, HTTP and GraphQL, content negotiation, and every
//! export put through a real validator or parser of its format.

use serde_json::{json, Value};

use crate::helpers::{format_file, vitae, TestServer};

/// A person's export through the CLI, on the server's database.
pub fn cli_person(s: &TestServer, slug: &str, format: &str) -> String {
    let db = s.db.display().to_string();
    let (code, out, err) = vitae(&["--db", &db, "export", "--person", slug, "--format", format]);
    assert_eq!(code, 0, "{err}");
    out
}

/// A person's export over GraphQL.
pub fn gql_person(s: &TestServer, slug: &str, format: &str) -> String {
    let q = format!(r#"{{ person(slug: "{slug}") {{ export(format: {format}) }} }}"#);
    s.data(&q, json!({}))["person"]["export"]
        .as_str()
        .unwrap()
        .to_string()
}

/// A person's export over HTTP, asserting 200, its media type and its
/// file name.
pub fn http_person(s: &TestServer, slug: &str, ext: &str, media: &str) -> String {
    let (status, headers, body) = s.fetch(&format!("/export/people/{slug}.{ext}"), None);
    assert_eq!(status, 200, "{body}");
    let ct = headers["content-type"].to_str().unwrap();
    assert!(ct.starts_with(media), "{ct}");
    assert_eq!(
        headers["content-disposition"],
        format!("attachment; filename=\"{slug}.{ext}\"").as_str()
    );
    body
}

/// Validates `doc` against a JSON Schema file of `tests/formats/`.
pub fn assert_valid(schema_file: &str, doc: &Value) {
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(format_file(schema_file)).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .take(5)
        .collect();
    assert!(errors.is_empty(), "{schema_file}: {errors:#?}");
}

fn csl_item<'a>(items: &'a [Value], title_start: &str) -> &'a Value {
    items
        .iter()
        .find(|i| i["title"].as_str().unwrap().starts_with(title_start))
        .unwrap_or_else(|| panic!("no item {title_start}"))
}

#[test]
fn csl_json_of_both_seed_people_is_valid_and_the_same_three_ways() {
    let s = TestServer::with_seeds();
    for (slug, authored) in [("qi-lei", 63), ("lei-wu", 19)] {
        let cli = cli_person(&s, slug, "csl-json");
        let http = http_person(
            &s,
            slug,
            "csl.json",
            "application/vnd.citationstyles.csl+json",
        );
        let gql = gql_person(&s, slug, "CSL_JSON");
        assert_eq!(cli, http, "{slug}: CLI and HTTP");
        assert_eq!(cli, gql, "{slug}: CLI and GraphQL");
        let doc: Value = serde_json::from_str(&cli).unwrap();
        assert_valid("csl-data.json", &doc);
        let items = doc.as_array().unwrap();
        let count = s.data(
            r#"query($slug: String!) { person(slug: $slug) { works(relation: AUTHOR) { totalCount } } }"#,
            json!({ "slug": slug }),
        )["person"]["works"]["totalCount"]
            .as_u64()
            .unwrap();
        assert_eq!(count, authored, "{slug}");
        assert_eq!(
            items.len() as u64,
            count,
            "{slug}: one item per authored work"
        );
        let keys: std::collections::HashSet<&str> =
            items.iter().map(|i| i["id"].as_str().unwrap()).collect();
        assert_eq!(keys.len(), items.len(), "{slug}: keys are unique");
    }
    let doc: Value = serde_json::from_str(&cli_person(&s, "qi-lei", "csl-json")).unwrap();
    let items = doc.as_array().unwrap();
    let dra = csl_item(items, "Data Reconstruction Attacks");
    let families: Vec<&str> = dra["author"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["family"].as_str().unwrap())
        .collect();
    assert_eq!(families, ["Liu", "Wang", "Chen", "Lei"]);
    // Published at AISTATS 2025, posted on 2024-02-13.
    assert_eq!(dra["issued"]["date-parts"], json!([[2025]]));
    assert_eq!(dra["available-date"]["date-parts"], json!([[2024, 2, 13]]));
    assert_eq!(dra["type"], "paper-conference");
    assert_eq!(dra["container-title"], "AISTATS");
    assert!(dra["note"].as_str().unwrap().contains("et al."), "{dra}");
    let thesis = csl_item(items, "Provably effective algorithms");
    assert_eq!(thesis["type"], "thesis");
    assert_eq!(thesis["id"], "lei2020provably");
    assert_eq!(thesis["issued"]["date-parts"], json!([[2020, 5]]));
}

#[test]
fn a_filtered_list_of_works_is_the_same_three_ways() {
    let s = TestServer::with_seeds();
    let db = s.db.display().to_string();
    let (code, cli, err) = vitae(&[
        "--db",
        &db,
        "export",
        "--works",
        "--author",
        "qi-lei",
        "--year-from",
        "2024",
        "--kind",
        "preprint",
        "--format",
        "csl-json",
    ]);
    assert_eq!(code, 0, "{err}");
    let (status, _, http) = s.fetch(
        "/export/works.csl.json?author=qi-lei&yearFrom=2024&kind=preprint",
        None,
    );
    assert_eq!(status, 200, "{http}");
    let gql = s.data(
        r#"{ exportWorks(filter: {author: "qi-lei", yearFrom: 2024, kinds: [PREPRINT]}, format: CSL_JSON) }"#,
        json!({}),
    )["exportWorks"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(cli, http);
    assert_eq!(cli, gql);
    let doc: Value = serde_json::from_str(&cli).unwrap();
    assert_valid("csl-data.json", &doc);
    let want = s.data(
        r#"{ works(first: 100, filter: {author: "qi-lei", yearFrom: 2024, kinds: [PREPRINT]}) { totalCount } }"#,
        json!({}),
    )["works"]["totalCount"]
        .as_u64()
        .unwrap();
    assert!(want >= 3, "{want}");
    let items = doc.as_array().unwrap();
    assert_eq!(items.len() as u64, want);
    assert!(items.iter().all(|i| i["type"] == "article"));
    // Every work, without a filter.
    let (code, all, err) = vitae(&["--db", &db, "export", "--works", "--format", "csl-json"]);
    assert_eq!(code, 0, "{err}");
    let total = s.data(r#"{ works { totalCount } }"#, json!({}))["works"]["totalCount"]
        .as_u64()
        .unwrap();
    let all: Value = serde_json::from_str(&all).unwrap();
    assert_eq!(all.as_array().unwrap().len() as u64, total);
}

#[test]
fn exports_refuse_bad_requests_clearly() {
    let s = TestServer::with_seeds();
    let code_of = |body: &str| -> Value {
        let v: Value = serde_json::from_str(body).unwrap();
        v["errors"][0]["extensions"]["code"].clone()
    };
    let (status, _, body) = s.fetch("/export/people/nobody.csl.json", None);
    assert_eq!((status, code_of(&body)), (404, json!("NOT_FOUND")));
    let (status, _, body) = s.fetch("/export/people/qi-lei.docx", None);
    assert_eq!((status, code_of(&body)), (404, json!("NOT_FOUND")));
    assert!(body.contains(".csl.json"), "{body}");
    let (status, _, body) = s.fetch("/export/works.csl.json?kind=poem", None);
    assert_eq!((status, code_of(&body)), (400, json!("BAD_USER_INPUT")));
    let (status, _, body) = s.fetch("/export/works.csl.json?yearFrom=2024&yearTo=2020", None);
    assert_eq!((status, code_of(&body)), (400, json!("BAD_USER_INPUT")));
    let (status, _, body) = s.fetch("/export/works.csl.json?colour=red", None);
    assert_eq!(status, 400, "{body}");
    let (status, _, body) = s.fetch("/export/works.csl.json?author=nobody", None);
    assert_eq!((status, code_of(&body)), (404, json!("NOT_FOUND")));

    let db = s.db.display().to_string();
    let (code, out, err) = vitae(&[
        "--db", &db, "export", "--person", "nobody", "--format", "csl-json",
    ]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("no person with slug `nobody`"), "{err}");
    let (code, _, err) = vitae(&["--db", &db, "export", "--format", "csl-json"]);
    assert_eq!(code, 2);
    assert!(err.contains("--person SLUG or --works"), "{err}");
    let (code, _, err) = vitae(&["--db", &db, "export", "--person", "qi-lei"]);
    assert_eq!(code, 2);
    assert!(err.contains("whole store"), "{err}");
    let (code, _, err) = vitae(&[
        "--db", &db, "export", "--works", "--kind", "poem", "--format", "csl-json",
    ]);
    assert_eq!(code, 2, "{err}");
    // A failed export to a file leaves no file behind.
    let out = s.db.with_file_name("none.csl.json");
    let path = out.display().to_string();
    let (code, _, _) = vitae(&[
        "--db", &db, "export", "--person", "nobody", "--format", "csl-json", "--out", &path,
    ]);
    assert_eq!(code, 2);
    assert!(!out.exists());
}

#[test]
fn people_and_works_answer_in_the_format_accept_asks_for() {
    let s = TestServer::with_seeds();
    let csl = "application/vnd.citationstyles.csl+json";
    let (status, headers, body) = s.fetch("/people/qi-lei", Some(csl));
    assert_eq!(status, 200, "{body}");
    assert_eq!(headers["content-type"], csl);
    assert_eq!(body, cli_person(&s, "qi-lei", "csl-json"));
    let (status, _, body) = s.fetch("/people/qi-lei", Some(&format!("text/html;q=0.9, {csl}")));
    assert_eq!(status, 200, "{body}");
    let (status, _, body) = s.fetch("/people/qi-lei", Some("image/png"));
    assert_eq!(status, 406, "{body}");
    assert!(body.contains(csl), "{body}");
    let (status, _, _) = s.fetch("/people/nobody", Some(csl));
    assert_eq!(status, 404);

    let d = s.data(
        r#"{ works(first: 1, filter: {text: "Data Reconstruction Attacks Defenses"}) { edges { node { id title } } } }"#,
        json!({}),
    );
    let id = d["works"]["edges"][0]["node"]["id"].as_str().unwrap();
    let (status, _, body) = s.fetch(&format!("/works/{id}"), Some(csl));
    assert_eq!(status, 200, "{body}");
    let doc: Value = serde_json::from_str(&body).unwrap();
    assert_valid("csl-data.json", &doc);
    assert_eq!(doc.as_array().unwrap().len(), 1);
    assert_eq!(doc[0]["title"], d["works"]["edges"][0]["node"]["title"]);
    let (status, _, _) = s.fetch("/works/not-an-id", Some(csl));
    assert_eq!(status, 404);
    let (status, _, _) = s.fetch(&format!("/works/{id}"), Some("text/plain"));
    assert_eq!(status, 406);
    // A format the client refuses (`q=0`) is not served.
    let refused = "application/x-bibtex;q=0";
    let (status, _, _) = s.fetch(&format!("/works/{id}"), Some(refused));
    assert_eq!(status, 406);
    let (status, _, _) = s.fetch("/people/qi-lei", Some(refused));
    assert_eq!(status, 406);
}

#[test]
fn a_work_whose_authors_are_unknown_says_so() {
    let s = TestServer::spawn();
    s.import(&json!({
        "format": "vitae-bundle/1",
        "source": { "key": "gen-listing", "title": "Listing", "kind": "arxiv_listing" },
        "people": [{ "key": "p", "slug": "listed-person", "name": "Listed Person" }],
        "works": [{ "key": "w", "title": "A Work Nobody Names The Authors Of",
                    "kind": "preprint", "year": 2022, "listedUnder": "p" }]
    }));
    let out = s.data(r#"{ exportWorks(format: CSL_JSON) }"#, json!({}))["exportWorks"]
        .as_str()
        .unwrap()
        .to_string();
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_valid("csl-data.json", &doc);
    assert_eq!(doc[0]["author"], Value::Null);
    assert_eq!(doc[0]["note"], "Authors unknown");
    assert_eq!(doc[0]["id"], "anon2022work");
}
