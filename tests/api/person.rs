//! The whole CV of each seed person in one request.

use serde_json::{json, Value};

use crate::helpers::{TestServer, WHOLE_CV};

fn find<'a>(list: &'a Value, field: &str, value: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|x| x[field] == value)
        .unwrap_or_else(|| panic!("no {field} = {value} in {list:#}"))
}

#[test]
fn qi_leis_whole_cv_comes_in_one_request() {
    let s = TestServer::with_seeds();
    let p = s.data(WHOLE_CV, json!({ "slug": "qi-lei" }))["person"].clone();
    assert_eq!(p["name"], "Qi Lei");
    assert_eq!(
        (p["givenName"].as_str(), p["familyName"].as_str()),
        (Some("Qi"), Some("Lei"))
    );
    assert!(p["links"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["url"] == "https://cecilialeiqi.github.io/"));
    assert!(p["summary"]
        .as_str()
        .unwrap()
        .starts_with("My research aims to bridge"));

    let phd = find(&p["education"], "degree", "Ph.D.");
    assert_eq!(
        (phd["startDate"].as_str(), phd["endDate"].as_str()),
        (Some("2014-08"), Some("2020-05"))
    );
    let advisors: Vec<&str> = phd["advisors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(advisors, ["Alexandros G. Dimakis", "Inderjit S. Dhillon"]);
    assert_eq!(
        phd["thesis"]["title"],
        "Provably effective algorithms for min-max optimization"
    );
    assert_eq!(
        phd["organization"]["parent"]["name"],
        "University of Texas at Austin"
    );
    let bs = find(&p["education"], "degree", "B.S.");
    assert_eq!(
        (
            bs["gpa"].as_str(),
            bs["rank"].as_str(),
            bs["honors"].as_str()
        ),
        (Some("3.92/4.0"), Some("1st"), Some("with honors"))
    );

    let postdoc = find(
        &p["appointments"],
        "title",
        "Postdoc Research Associate (CIFellow)",
    );
    // The CV states the mentor once for the whole Princeton block: the
    // mentor is on the parent appointment, not repeated on its roles.
    assert_eq!(postdoc["mentors"], json!([]));
    assert_eq!(postdoc["parent"]["title"], "CIFellow");
    let princeton = find(&p["appointments"], "title", "CIFellow");
    assert_eq!(princeton["mentors"], json!([{ "name": "Jason D. Lee" }]));
    assert_eq!(postdoc["sources"], json!([{ "key": "seed-000-qi-lei-cv" }]));

    let patent = &p["patents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| {
            x["title"]
                .as_str()
                .unwrap()
                .contains("Dynamic Time Warping")
        })
        .unwrap()["inventorships"];
    let printed: Vec<&str> = patent
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(printed, ["Q. Lei", "J. Yi", "R. Vaculin", "W. Sun"]);
    assert_eq!(patent[0]["person"]["slug"], "qi-lei");

    let teaching = find(
        &p["teaching"],
        "course",
        "Modern Topics in Statistical Learning Theory",
    );
    assert_eq!(
        teaching["terms"],
        json!([{ "season": "spring", "year": 2023 }, { "season": "spring", "year": 2024 }])
    );

    let works = p["works"]["edges"].as_array().unwrap();
    assert!(
        p["works"]["totalCount"].as_i64().unwrap() >= 70,
        "{}",
        p["works"]["totalCount"]
    );
    let label_prop = works
        .iter()
        .map(|e| &e["node"])
        .find(|w| w["title"] == "A Theory of Label Propagation for Subpopulation Shift")
        .unwrap();
    let authors = label_prop["authors"].as_array().unwrap();
    assert_eq!(authors[2]["name"], "Jason D Lee");
    assert_eq!(authors[2]["person"]["slug"], "jason-d-lee");
    assert!(authors.iter().all(|a| a["equalContribution"] == true));
    assert_eq!(label_prop["alphabetical"], true);
    assert_eq!(label_prop["pages"], "1170-1182");

    let top = &p["coauthors"]["edges"][0];
    assert_eq!(top["node"]["slug"], "jason-d-lee");
    assert!(top["sharedWorks"].as_i64().unwrap() >= 15);
    // "Discrepancies are Virtue" (2025) is their last work together.
    assert_eq!(top["lastYear"], 2025);
}

#[test]
fn lei_wus_whole_cv_comes_in_one_request() {
    let s = TestServer::with_seeds();
    let p = s.data(WHOLE_CV, json!({ "slug": "lei-wu" }))["person"].clone();
    assert_eq!(
        p["address"],
        "221 Fine Hall, Washington Road, Princeton, NJ 08544"
    );
    assert_eq!(p["phone"], "(+1) 609-933-7559");
    assert_eq!(p["emails"], json!(["leiwu@princeton.edu"]));
    assert_eq!(p["interests"].as_array().unwrap().len(), 2);
    let phd = find(&p["education"], "field", "Computational Mathematics");
    assert_eq!(phd["advisors"][0]["name"], "Weinan E");
    assert_eq!(
        (phd["startDate"].as_str(), phd["endDate"].as_str()),
        (Some("2012-07"), Some("2018-07"))
    );
    let postdoc = find(
        &p["appointments"],
        "title",
        "Postdoctoral Research Associate",
    );
    assert_eq!(postdoc["current"], true);
    assert_eq!(
        postdoc["organization"]["parent"]["name"],
        "Princeton University"
    );
    assert_eq!(p["works"]["totalCount"], 19);
    let top = &p["coauthors"]["edges"][0];
    assert_eq!(top["node"]["slug"], "chao-ma");
    assert_eq!(
        p["sources"],
        json!([{ "key": "seed-004-lei-wu-cv", "kind": "cv" }])
    );
}

#[test]
fn an_unknown_slug_is_null() {
    let s = TestServer::with_seeds();
    assert_eq!(
        s.data(r#"{ person(slug: "nobody") { name } }"#, json!({}))["person"],
        json!(null)
    );
}

#[test]
fn an_organization_lists_its_units_and_people() {
    let s = TestServer::with_seeds();
    let d = s.data(
        r#"{ organization(slug: "princeton-university") { name location children { name }
             people { slug } current: people(current: true) { slug } } }"#,
        json!({}),
    );
    let o = &d["organization"];
    assert_eq!(o["location"], "Princeton, NJ, United States");
    let people: Vec<&str> = o["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["slug"].as_str().unwrap())
        .collect();
    assert!(
        people.contains(&"qi-lei") && people.contains(&"lei-wu"),
        "{people:?}"
    );
    let current: Vec<&str> = o["current"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["slug"].as_str().unwrap())
        .collect();
    // Qi Lei's open Associate Research Scholar role is still listed as open.
    assert!(current.contains(&"lei-wu"), "{current:?}");
    assert!(o["children"].as_array().unwrap().len() >= 2);
}

#[test]
fn fields_come_back_in_query_order_and_a_failed_field_is_null() {
    let s = TestServer::with_seeds();
    // `organization` waits for a loader, `title` does not: async-graphql
    // alone would answer `title` first.
    let d = s.data(
        r#"{ person(slug: "qi-lei") { appointments { organization { name } title } } }"#,
        json!({}),
    );
    for a in d["person"]["appointments"].as_array().unwrap() {
        let keys: Vec<&String> = a.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["organization", "title"]);
    }
    let body = s.gql(r#"{ a: node(id: "x") { id } b: __typename }"#, json!({}));
    assert_eq!(body["data"], json!({ "a": null, "b": "Query" }));
    let keys: Vec<&String> = body["data"].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["a", "b"]);
    assert_eq!(body["errors"][0]["path"], json!(["a"]));
}

#[test]
fn a_metric_gives_its_number_and_unit_next_to_the_printed_value() {
    let s = TestServer::with_seeds();
    let metrics = |slug: &str| {
        let d = s.data(
            r#"query($slug: String!) { person(slug: $slug) { metrics { name value number unit } } }"#,
            json!({ "slug": slug }),
        );
        d["person"]["metrics"].as_array().unwrap().clone()
    };
    let qi = metrics("qi-lei");
    let by_value = |v: &str| qi.iter().find(|m| m["value"] == v).unwrap().clone();
    // From the seeds: the paper index prints "59%" and "2414", the profile "L1".
    assert_eq!(by_value("59%")["number"], json!(59.0));
    assert_eq!(by_value("59%")["unit"], "PERCENT");
    assert_eq!(by_value("2414")["number"], json!(2414.0));
    assert_eq!(by_value("2414")["unit"], "NUMBER");
    assert_eq!(by_value("L1")["number"], json!(null));
    assert_eq!(by_value("L1")["unit"], "GRADE");

    // Any source's printing, not only the seeds'.
    s.import(&json!({
        "format": "vitae-bundle/1",
        "source": { "key": "generated-metrics", "title": "Generated metrics", "kind": "other" },
        "people": [{ "key": "m", "slug": "metric-person", "name": "Metric Person" }],
        "metrics": [
            { "person": "m", "name": "citations", "value": "12,345" },
            { "person": "m", "name": "reads", "value": "1.2k" },
            { "person": "m", "name": "novelty", "value": "12.5 %" },
            { "person": "m", "name": "grade", "value": "A+" },
        ],
    }));
    let got: Vec<(String, Value, String)> = metrics("metric-person")
        .iter()
        .map(|m| {
            let name = m["name"].as_str().unwrap().to_string();
            (
                name,
                m["number"].clone(),
                m["unit"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        ("citations", json!(12345.0), "NUMBER"),
        ("grade", json!(null), "GRADE"),
        ("novelty", json!(12.5), "PERCENT"),
        ("reads", json!(1200.0), "NUMBER"),
    ];
    let want: Vec<(String, Value, String)> = want
        .into_iter()
        .map(|(n, v, u)| (n.to_string(), v, u.to_string()))
        .collect();
    assert_eq!(got, want);
}
