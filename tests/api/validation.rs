//! Spec-complete validation through the real server: what graphql-js
//! refuses is refused, once per mistake, and documents over the document
//! limits are refused before they run.

use serde_json::{json, Value};

use crate::helpers::TestServer;

/// The errors of a request that did not run, asserting it has no `data`.
fn refusal(s: &TestServer, query: &str) -> Vec<Value> {
    let body = s.gql(query, json!({}));
    assert!(body.get("data").is_none(), "{body}");
    body["errors"].as_array().unwrap().clone()
}

#[test]
fn fields_of_one_response_name_that_differ_are_refused() {
    let s = TestServer::with_seeds();
    let errors = refusal(
        &s,
        r#"{ a: person(slug: "qi-lei") { name } a: work(id: "V29yazox") { title } }"#,
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["extensions"]["code"], "GRAPHQL_VALIDATION_FAILED");
    assert_eq!(
        errors[0]["message"],
        "cannot select different fields into the same alias `a`"
    );
    let errors = refusal(
        &s,
        r#"{ node(id: "x") { ... on Person { x: name } ... on Work { x: year } } }"#,
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["extensions"]["code"], "GRAPHQL_VALIDATION_FAILED");
    assert_eq!(
        errors[0]["message"],
        "operation must not select different types using the same name `x`"
    );
}

#[test]
fn a_wrongly_typed_argument_is_one_validation_error() {
    let s = TestServer::spawn();
    for _ in 0..2 {
        // The second answer comes from the cache of verdicts.
        let errors = refusal(&s, r#"{ works(first: "ten") { totalCount } }"#);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0]["extensions"]["code"], "GRAPHQL_VALIDATION_FAILED");
        assert_eq!(errors[0]["locations"], json!([{ "line": 1, "column": 16 }]));
    }
}

#[test]
fn a_syntax_error_is_one_line_with_its_position() {
    let s = TestServer::spawn();
    let errors = refusal(&s, "{\n  people {\n    totalCount\n");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["extensions"]["code"], "GRAPHQL_PARSE_FAILED");
    let message = errors[0]["message"].as_str().unwrap();
    assert!(!message.contains('\n'), "{message}");
    assert_eq!(
        message,
        format!(
            "Syntax error at {}:{}: expected `}}`, got the end of the document",
            errors[0]["locations"][0]["line"], errors[0]["locations"][0]["column"]
        )
    );
}

#[test]
fn documents_over_the_document_limits_are_refused() {
    let s = TestServer::spawn();
    let aliases: String = (0..201).map(|i| format!("a{i}: __typename ")).collect();
    let errors = refusal(&s, &format!("{{ {aliases} }}"));
    assert_eq!(errors[0]["extensions"]["code"], "QUERY_TOO_COMPLEX");
    assert_eq!(
        errors[0]["message"],
        "the document has 201 aliases; at most 200 are allowed"
    );
    let directives = "__typename @include(if: true) ".repeat(101);
    let errors = refusal(&s, &format!("{{ {directives} }}"));
    assert_eq!(errors[0]["extensions"]["code"], "QUERY_TOO_COMPLEX");
    assert_eq!(
        errors[0]["message"],
        "the document has 101 directives; at most 100 are allowed"
    );
    // Thousands of directives on one field stop at the token limit.
    let many = "@include(if: true) ".repeat(3000);
    let errors = refusal(&s, &format!("{{ __typename {many} }}"));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["extensions"]["code"], "QUERY_TOO_COMPLEX");
    assert!(errors[0]["message"]
        .as_str()
        .unwrap()
        .starts_with("the document has more than 15000 tokens"));
    let nested = format!(
        "{{ works(filter: {{ kinds: {}ARTICLE{} }}) {{ totalCount }} }}",
        "[".repeat(80),
        "]".repeat(80)
    );
    let errors = refusal(&s, &nested);
    assert_eq!(errors[0]["extensions"]["code"], "QUERY_TOO_DEEP");
}

#[test]
fn a_get_request_is_validated_too() {
    let s = TestServer::spawn();
    let res = s
        .client
        .get(format!("{}/graphql", s.base))
        .query(&[(
            "query",
            "{ people { x: totalCount x: pageInfo { hasNextPage } } }",
        )])
        .send()
        .unwrap();
    assert_eq!(res.status(), 200);
    let body: Value = res.json().unwrap();
    assert_eq!(body["errors"].as_array().unwrap().len(), 1, "{body}");
    assert_eq!(
        body["errors"][0]["extensions"]["code"],
        "GRAPHQL_VALIDATION_FAILED"
    );
}
