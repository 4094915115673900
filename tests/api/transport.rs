//! What GraphQL clients expect of the transport: Apollo's automatic
//! persisted queries over POST and GET, and compressed responses.

use std::io::Read;

use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::helpers::{TestServer, WHOLE_CV};

fn sha256(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

fn persisted(hash: &str) -> Value {
    json!({ "persistedQuery": { "version": 1, "sha256Hash": hash } })
}

/// GETs /graphql with these query-string parameters.
fn get(s: &TestServer, params: &[(&str, &str)]) -> reqwest::blocking::Response {
    s.client
        .get(format!("{}/graphql", s.base))
        .query(params)
        .send()
        .unwrap()
}

#[test]
fn a_persisted_query_is_registered_once_and_then_run_by_its_hash() {
    let s = TestServer::with_seeds();
    let query = r#"query Name($slug: String!) { person(slug: $slug) { name } }"#;
    let hash = sha256(query);
    let vars = json!({ "slug": "qi-lei" });

    // The hash alone, before the server has seen the document: a 200 that
    // Apollo's PersistedQueryLink reads as "send the document".
    let miss = s.post(json!({ "variables": vars, "extensions": persisted(&hash) }));
    assert_eq!(miss.status(), 200);
    assert_eq!(
        miss.headers()["cache-control"],
        "private, no-cache, must-revalidate"
    );
    let miss: Value = miss.json().unwrap();
    assert_eq!(miss["errors"][0]["message"], "PersistedQueryNotFound");
    assert_eq!(
        miss["errors"][0]["extensions"]["code"],
        "PERSISTED_QUERY_NOT_FOUND"
    );
    assert!(miss.get("data").is_none());

    // The same over GET, as a CDN would forward it.
    let ext = persisted(&hash).to_string();
    let vars_text = vars.to_string();
    let get_miss: Value = get(&s, &[("variables", &vars_text), ("extensions", &ext)])
        .json()
        .unwrap();
    assert_eq!(
        get_miss["errors"][0]["extensions"]["code"],
        "PERSISTED_QUERY_NOT_FOUND"
    );

    // The document with its hash runs and registers it.
    let full =
        s.gql_body(json!({ "query": query, "variables": vars, "extensions": persisted(&hash) }));
    assert_eq!(full["data"]["person"]["name"], "Qi Lei");

    // Then the hash alone runs it, over POST and over GET.
    let hit =
        s.gql_body(json!({ "variables": { "slug": "lei-wu" }, "extensions": persisted(&hash) }));
    assert_eq!(hit["data"]["person"]["name"], "Lei Wu");
    let get_hit = get(&s, &[("variables", &vars_text), ("extensions", &ext)]);
    assert_eq!(get_hit.status(), 200);
    let get_hit: Value = get_hit.json().unwrap();
    assert_eq!(
        get_hit,
        json!({ "data": { "person": { "name": "Qi Lei" } } })
    );
}

#[test]
fn a_persisted_query_with_a_wrong_hash_or_version_is_a_bad_request() {
    let s = TestServer::with_seeds();
    let query = "{ people(first: 1) { totalCount } }";
    let cases = [
        (
            persisted(&sha256("{ other }")),
            "not the sha256 of the query",
        ),
        (persisted("c0ffee"), "64 hexadecimal digits"),
        (
            json!({ "persistedQuery": { "version": 2, "sha256Hash": sha256(query) } }),
            "version 1",
        ),
        (json!({ "persistedQuery": "yes" }), "{version, sha256Hash}"),
    ];
    for (extensions, says) in cases {
        let res = s.post(json!({ "query": query, "extensions": extensions }));
        assert_eq!(res.status(), 400, "{extensions}");
        assert!(res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json"));
        let body: Value = res.json().unwrap();
        assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_REQUEST");
        let message = body["errors"][0]["message"].as_str().unwrap();
        assert!(message.contains(says), "{message}");
    }
}

#[test]
fn a_document_that_fails_validation_is_not_kept() {
    let s = TestServer::with_seeds();
    let query = "{ person(slug: \"qi-lei\") { nosuchfield } }";
    let hash = sha256(query);
    let first = s.gql_body(json!({ "query": query, "extensions": persisted(&hash) }));
    assert_eq!(
        first["errors"][0]["extensions"]["code"],
        "GRAPHQL_VALIDATION_FAILED"
    );
    let again = s.gql_body(json!({ "extensions": persisted(&hash) }));
    assert_eq!(
        again["errors"][0]["extensions"]["code"],
        "PERSISTED_QUERY_NOT_FOUND"
    );
}

/// The whole CV of `slug` with this `Accept-Encoding`: the
/// `Content-Encoding` and the body as sent.
fn whole_cv(s: &TestServer, encoding: &str) -> (Option<String>, Vec<u8>) {
    let res = s
        .client
        .post(format!("{}/graphql", s.base))
        .header("accept-encoding", encoding)
        .json(&json!({ "query": WHOLE_CV, "variables": { "slug": "qi-lei" } }))
        .send()
        .unwrap();
    assert_eq!(res.status(), 200);
    let coding = res
        .headers()
        .get("content-encoding")
        .map(|v| v.to_str().unwrap().to_string());
    // A shared cache must not hand a compressed body to a client that
    // did not ask for it; an uncompressed one suits every client.
    if coding.is_some() {
        let vary: Vec<_> = res.headers().get_all("vary").iter().collect();
        assert!(
            vary.iter()
                .any(|v| v.to_str().unwrap().eq_ignore_ascii_case("accept-encoding")),
            "{vary:?}"
        );
    }
    (coding, res.bytes().unwrap().to_vec())
}

#[test]
fn responses_are_compressed_as_the_client_accepts() {
    let s = TestServer::with_seeds();
    let (coding, raw) = whole_cv(&s, "identity");
    assert_eq!(coding, None);
    let plain: Value = serde_json::from_slice(&raw).unwrap();
    assert_eq!(plain["data"]["person"]["name"], "Qi Lei");

    let (coding, gz) = whole_cv(&s, "gzip");
    assert_eq!(coding.as_deref(), Some("gzip"));
    let mut text = Vec::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_end(&mut text)
        .unwrap();
    assert_eq!(serde_json::from_slice::<Value>(&text).unwrap(), plain);
    assert!(
        gz.len() * 4 < raw.len(),
        "gzip {} of {} bytes",
        gz.len(),
        raw.len()
    );

    let (coding, br) = whole_cv(&s, "br;q=1.0, gzip;q=0.5");
    assert_eq!(coding.as_deref(), Some("br"));
    let mut text = Vec::new();
    brotli::Decompressor::new(&br[..], 4096)
        .read_to_end(&mut text)
        .unwrap();
    assert_eq!(serde_json::from_slice::<Value>(&text).unwrap(), plain);
}
