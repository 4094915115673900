//! Every error a client can meet has a clear message, `extensions.code` and,
//! for field errors, the path; internal detail never reaches the client.

use std::time::Duration;

use serde_json::json;
use vitae::config::Limits;

use crate::helpers::TestServer;

#[test]
fn first_beyond_the_maximum_is_bad_user_input_with_its_path() {
    let s = TestServer::spawn();
    let e = s.first_error("{ works(first: 101) { totalCount } }", json!({}));
    assert_eq!(e["extensions"]["code"], "BAD_USER_INPUT");
    assert_eq!(e["path"], json!(["works"]));
    assert_eq!(e["message"], "first: must be at most 100, got 101");
    let e = s.first_error("{ people(first: -1) { totalCount } }", json!({}));
    assert_eq!(e["message"], "first: must not be negative");
}

#[test]
fn a_cursor_that_is_not_ours_is_bad_user_input() {
    let s = TestServer::spawn();
    let e = s.first_error(r#"{ works(after: "bm9wZQ") { totalCount } }"#, json!({}));
    assert_eq!(e["extensions"]["code"], "BAD_USER_INPUT");
    assert_eq!(e["path"], json!(["works"]));
}

#[test]
fn an_unknown_author_slug_is_not_found() {
    let s = TestServer::spawn();
    let e = s.first_error(
        r#"{ works(filter: { author: "nobody-here" }) { totalCount } }"#,
        json!({}),
    );
    assert_eq!(e["extensions"]["code"], "NOT_FOUND");
    assert_eq!(e["message"], "no person with slug `nobody-here`");
    assert_eq!(e["path"], json!(["works"]));
}

#[test]
fn a_malformed_node_id_is_bad_user_input_and_an_unknown_one_is_null() {
    let s = TestServer::spawn();
    let e = s.first_error(r#"{ node(id: "!!") { id } }"#, json!({}));
    assert_eq!(e["extensions"]["code"], "BAD_USER_INPUT");
    assert_eq!(e["path"], json!(["node"]));
    // "Person:999999" base64url-encoded.
    let d = s.data(r#"{ node(id: "UGVyc29uOjk5OTk5OQ") { id } }"#, json!({}));
    assert_eq!(d["node"], json!(null));
    // "Foo:1": well formed, but no type of ours.
    let e = s.first_error(r#"{ node(id: "Rm9vOjE") { id } }"#, json!({}));
    assert_eq!(e["extensions"]["code"], "BAD_USER_INPUT");
}

#[test]
fn a_cursor_past_any_offset_or_of_another_connection_is_bad_user_input() {
    let s = TestServer::with_seeds();
    // "works:18446744073709551615" base64url-encoded.
    let e = s.first_error(
        r#"{ works(after: "d29ya3M6MTg0NDY3NDQwNzM3MDk1NTE2MTU") { totalCount } }"#,
        json!({}),
    );
    assert_eq!(e["extensions"]["code"], "BAD_USER_INPUT");
    assert_eq!(e["path"], json!(["works"]));
    let d = s.data("{ people(first: 1) { pageInfo { endCursor } } }", json!({}));
    let people_cursor = d["people"]["pageInfo"]["endCursor"].clone();
    let e = s.first_error(
        "query($c: String) { works(after: $c) { totalCount } }",
        json!({ "c": people_cursor }),
    );
    assert_eq!(e["extensions"]["code"], "BAD_USER_INPUT");
}

#[test]
fn an_invalid_partial_date_is_bad_user_input() {
    let s = TestServer::with_seeds();
    let q = "query($d: PartialDate!) { person(slug: \"qi-lei\") { affiliationsAt(date: $d) { title } } }";
    let e = s.first_error(q, json!({ "d": "2020-13" }));
    assert_eq!(e["extensions"]["code"], "BAD_USER_INPUT");
    assert!(e["message"].as_str().unwrap().contains("2020-13"), "{e}");
    let e = s.first_error(
        r#"{ person(slug: "qi-lei") { timeline(from: "July 2020") { title } } }"#,
        json!({}),
    );
    assert_eq!(e["extensions"]["code"], "BAD_USER_INPUT");
}

#[test]
fn syntax_errors_and_unknown_fields_have_codes() {
    let s = TestServer::spawn();
    let e = s.first_error("{ people { ", json!({}));
    assert_eq!(e["extensions"]["code"], "GRAPHQL_PARSE_FAILED");
    let e = s.first_error("{ people { nope } }", json!({}));
    assert_eq!(e["extensions"]["code"], "GRAPHQL_VALIDATION_FAILED");
    // The API reads only: a mutation is refused once, not once per rule.
    let body = s.gql("mutation { anything }", json!({}));
    assert_eq!(body["errors"].as_array().unwrap().len(), 1, "{body}");
    assert_eq!(
        body["errors"][0]["extensions"]["code"],
        "GRAPHQL_VALIDATION_FAILED"
    );
}

#[test]
fn request_errors_are_400_under_graphql_response_json() {
    let s = TestServer::spawn();
    let res = s
        .client
        .post(format!("{}/graphql", s.base))
        .header("accept", "application/graphql-response+json")
        .json(&json!({ "query": "{ people { nope } }" }))
        .send()
        .unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(
        res.headers()["content-type"],
        "application/graphql-response+json"
    );
    let ok = s
        .client
        .post(format!("{}/graphql", s.base))
        .header("accept", "application/graphql-response+json")
        .json(&json!({ "query": "{ people { totalCount } }" }))
        .send()
        .unwrap();
    assert_eq!(ok.status(), 200);
    assert_eq!(
        ok.headers()["content-type"],
        "application/graphql-response+json"
    );
}

#[test]
fn depth_and_complexity_limits_refuse_the_query() {
    let s = TestServer::spawn();
    let deep = format!(
        "{{ organization(slug: \"x\") {{ {} name {} }} }}",
        "parent { ".repeat(15),
        "} ".repeat(15)
    );
    let e = s.first_error(&deep, json!({}));
    assert_eq!(e["extensions"]["code"], "QUERY_TOO_DEEP");
    let small = TestServer::with_limits(Limits {
        max_complexity: 5,
        ..Limits::default()
    });
    let e = small.first_error(
        "{ people { totalCount edges { cursor node { name slug aliases emails } } } }",
        json!({}),
    );
    assert_eq!(e["extensions"]["code"], "QUERY_TOO_COMPLEX");
}

#[test]
fn the_introspection_query_of_graphiql_fits_the_limits() {
    let s = TestServer::spawn();
    let d = s.data(include_str!("introspection.graphql"), json!({}));
    assert_eq!(d["__schema"]["queryType"]["name"], "Query");
    let person = d["__schema"]["types"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "Person")
        .unwrap();
    let works = person["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "works")
        .unwrap();
    // WorkConnection! is NON_NULL of OBJECT WorkConnection.
    assert_eq!(works["type"]["kind"], "NON_NULL");
    assert_eq!(works["type"]["ofType"]["name"], "WorkConnection");
}

#[test]
fn huge_first_arguments_make_a_query_too_complex_not_a_crash() {
    let s = TestServer::with_seeds();
    let max = i32::MAX;
    let nested = format!(
        "{{ person(slug: \"qi-lei\") {{ coauthors(first: {max}) {{ edges {{ node {{ \
         coauthors(first: {max}) {{ edges {{ node {{ coauthors(first: {max}) {{ edges {{ node {{ \
         coauthors(first: {max}) {{ edges {{ sharedWorks }} }} }} }} }} }} }} }} }} }} }} }} }}"
    );
    let e = s.first_error(&nested, json!({}));
    assert_eq!(e["extensions"]["code"], "QUERY_TOO_COMPLEX");
    let health = s.client.get(format!("{}/health", s.base)).send().unwrap();
    assert_eq!(health.status(), 200);
}

/// The `extensions.code` of the first error in a JSON error body.
fn code_of(res: reqwest::blocking::Response) -> String {
    let body: serde_json::Value = res.json().unwrap();
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn every_http_error_is_json_with_a_code() {
    let s = TestServer::spawn();
    let url = format!("{}/graphql", s.base);
    let big = "x".repeat(300 * 1024);
    let res = s.post(json!({ "query": big }));
    assert_eq!(res.status(), 413);
    assert_eq!(code_of(res), "PAYLOAD_TOO_LARGE");

    let res = s.client.put(&url).body("{}").send().unwrap();
    assert_eq!(res.status(), 405);
    assert_eq!(res.headers()["allow"], "GET, POST");
    assert_eq!(code_of(res), "METHOD_NOT_ALLOWED");

    let res = s
        .client
        .get(&url)
        .query(&[("query", "mutation { anything }")])
        .send()
        .unwrap();
    assert_eq!(res.status(), 405);
    assert_eq!(res.headers()["allow"], "POST");

    let res = s.client.get(format!("{}/nowhere", s.base)).send().unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(code_of(res), "NOT_FOUND");

    let res = s
        .client
        .post(&url)
        .header("content-type", "application/json")
        .body(r#"[{"query": "{ people { totalCount } }"}]"#)
        .send()
        .unwrap();
    assert_eq!(res.status(), 400);
    let body: serde_json::Value = res.json().unwrap();
    assert!(body["errors"][0]["message"]
        .as_str()
        .unwrap()
        .starts_with("batched requests are not supported"));
}

#[test]
fn text_arguments_have_length_and_word_limits() {
    let s = TestServer::spawn();
    let many_words = vec!["a"; 13].join(" ");
    let e = s.first_error(
        "query($t: String!) { search(text: $t) { totalCount } }",
        json!({ "t": many_words }),
    );
    assert_eq!(e["extensions"]["code"], "BAD_USER_INPUT");
    assert_eq!(e["message"], "text: must have at most 12 words, got 13");
    let long = "x".repeat(201);
    for (query, path) in [
        (
            "query($t: String!) { people(search: $t) { totalCount } }",
            "people",
        ),
        (
            "query($t: String!) { works(filter: { venue: $t }) { totalCount } }",
            "works",
        ),
        (
            "query($t: String!) { works(filter: { text: $t }) { totalCount } }",
            "works",
        ),
    ] {
        let e = s.first_error(query, json!({ "t": long }));
        assert_eq!(e["extensions"]["code"], "BAD_USER_INPUT", "{query}");
        assert_eq!(e["path"], json!([path]));
    }
    let e = s.first_error("{ works(filter: { kinds: [] }) { totalCount } }", json!({}));
    assert_eq!(e["extensions"]["code"], "BAD_USER_INPUT");
}

#[test]
fn request_errors_have_a_code_and_no_data() {
    let s = TestServer::spawn();
    let res = s
        .client
        .get(format!("{}/graphql", s.base))
        .query(&[
            ("query", "query A { __typename } query B { __typename }"),
            ("operationName", "C"),
        ])
        .send()
        .unwrap();
    let body: serde_json::Value = res.json().unwrap();
    assert_eq!(
        body,
        json!({ "errors": [{ "message": "Unknown operation named \"C\"",
                             "extensions": { "code": "OPERATION_RESOLUTION_FAILURE" } }] })
    );
    let body = s.gql("{ people { nope } }", json!({}));
    assert!(body.get("data").is_none(), "{body}");
}

#[test]
fn every_path_refuses_the_methods_it_does_not_serve() {
    let s = TestServer::spawn();
    let res = s.client.post(format!("{}/health", s.base)).send().unwrap();
    assert_eq!(res.status(), 405);
    assert_eq!(res.headers()["allow"], "GET, HEAD");
    let res = s.client.delete(format!("{}/", s.base)).send().unwrap();
    assert_eq!(res.status(), 405);
    assert_eq!(code_of(res), "METHOD_NOT_ALLOWED");
    let res = s.client.head(format!("{}/health", s.base)).send().unwrap();
    assert_eq!(res.status(), 200);
}

#[test]
fn browsers_on_other_origins_may_call_the_api() {
    let s = TestServer::spawn();
    let url = format!("{}/graphql", s.base);
    let preflight = s
        .client
        .request(reqwest::Method::OPTIONS, &url)
        .header("origin", "https://dashboard.example.org")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "content-type,authorization,apollographql-client-name,\
             apollographql-client-version,sentry-trace,baggage",
        )
        .send()
        .unwrap();
    assert_eq!(preflight.status(), 200);
    assert_eq!(
        preflight.headers()["access-control-allow-origin"],
        "https://dashboard.example.org"
    );
    let allowed = preflight.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase();
    for h in [
        "content-type",
        "authorization",
        "apollographql-client-name",
        "apollographql-client-version",
        "sentry-trace",
        "baggage",
    ] {
        assert!(allowed.split(',').any(|a| a.trim() == h), "{h}: {allowed}");
    }
    let res = s
        .client
        .post(&url)
        .header("origin", "https://dashboard.example.org")
        .json(&json!({ "query": "{ people { totalCount } }" }))
        .send()
        .unwrap();
    assert_eq!(
        res.headers()["access-control-allow-origin"],
        "https://dashboard.example.org"
    );
}

#[test]
fn a_request_without_a_string_query_is_a_bad_request_in_json() {
    let s = TestServer::spawn();
    let url = format!("{}/graphql", s.base);
    for body in [
        json!({ "variables": {} }),
        json!({ "query": 1 }),
        json!({ "query": "" }),
    ] {
        let res = s.client.post(&url).json(&body).send().unwrap();
        assert_eq!(res.status(), 400, "{body}");
        assert!(
            res.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("application/json"),
            "{body}"
        );
        assert_eq!(code_of(res), "BAD_REQUEST", "{body}");
    }
}

#[test]
fn media_types_are_negotiated_by_the_rules_of_http() {
    let s = TestServer::spawn();
    let url = format!("{}/graphql", s.base);
    let send = |content_type: &str, accept: &str| {
        s.client
            .post(&url)
            .header("content-type", content_type)
            .header("accept", accept)
            .body(r#"{"query": "{ people { totalCount } }"}"#)
            .send()
            .unwrap()
    };
    let res = send("Application/JSON; charset=UTF-8", "application/json");
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/json");
    let res = send(
        "application/json",
        "application/graphql-response+json;q=0, application/json",
    );
    assert_eq!(res.headers()["content-type"], "application/json");
    let res = send(
        "application/json",
        "application/json;q=0.5, application/graphql-response+json",
    );
    assert_eq!(
        res.headers()["content-type"],
        "application/graphql-response+json"
    );
    let res = send("application/json", "*/*");
    assert_eq!(res.headers()["content-type"], "application/json");
    assert_eq!(
        send("application/json", "application/json;q=0").status(),
        406
    );
}

#[test]
fn bad_http_requests_get_4xx() {
    let s = TestServer::spawn();
    let url = format!("{}/graphql", s.base);
    let res = s
        .client
        .post(&url)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .unwrap();
    assert_eq!(res.status(), 400);
    let body: serde_json::Value = res.json().unwrap();
    assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_REQUEST");
    let res = s
        .client
        .post(&url)
        .header("content-type", "text/plain")
        .body("{ people { totalCount } }")
        .send()
        .unwrap();
    assert_eq!(res.status(), 415);
    let big = "x".repeat(300 * 1024);
    let res = s.post(json!({ "query": big }));
    assert_eq!(res.status(), 413);
    let res = s.client.get(&url).send().unwrap();
    assert_eq!(res.status(), 400);
    let res = s
        .client
        .post(&url)
        .header("accept", "text/html")
        .json(&json!({"query": "{ people { totalCount } }"}))
        .send()
        .unwrap();
    assert_eq!(res.status(), 406);
}

#[test]
fn get_requests_run_queries_from_the_query_string() {
    let s = TestServer::with_seeds();
    let res = s
        .client
        .get(format!("{}/graphql", s.base))
        .query(&[
            ("query", "query($s: String!) { person(slug: $s) { name } }"),
            ("variables", r#"{"s":"qi-lei"}"#),
        ])
        .send()
        .unwrap();
    assert_eq!(res.status(), 200);
    let body: serde_json::Value = res.json().unwrap();
    assert_eq!(body["data"]["person"]["name"], "Qi Lei");
}

#[test]
fn a_request_past_its_time_limit_gets_timeout() {
    let s = TestServer::with_limits(Limits {
        request_timeout: Duration::ZERO,
        ..Limits::default()
    });
    let res = s.post(json!({ "query": "{ person(slug: \"qi-lei\") { works { totalCount } } }" }));
    assert_eq!(res.status(), 504);
    let body: serde_json::Value = res.json().unwrap();
    assert_eq!(body["errors"][0]["extensions"]["code"], "TIMEOUT");
}

#[test]
fn internal_errors_reach_the_client_as_a_short_message_only() {
    let s = TestServer::with_seeds();
    // Break the store under the running server: the query now fails in SQL.
    let conn = rusqlite::Connection::open(&s.db).unwrap();
    conn.execute_batch("DROP TABLE work_note").unwrap();
    let body = s.gql(
        "{ works(first: 3) { edges { node { title notes } } } }",
        json!({}),
    );
    let e = &body["errors"][0];
    assert_eq!(e["extensions"]["code"], "INTERNAL_SERVER_ERROR");
    assert_eq!(e["message"], "internal error");
    let text = body.to_string();
    assert!(
        !text.contains("work_note") && !text.contains("SQL") && !text.contains(".db"),
        "{text}"
    );
}

#[test]
fn health_reports_ok_and_graphiql_is_served() {
    let s = TestServer::with_seeds();
    let h: serde_json::Value = s
        .client
        .get(format!("{}/health", s.base))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(h["status"], "ok");
    assert!(h["people"].as_i64().unwrap() > 100);
    let page = s.client.get(format!("{}/", s.base)).send().unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().unwrap();
    assert!(html.contains("<title>Vitae — GraphiQL</title>"), "{html}");
}
