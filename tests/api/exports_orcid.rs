//! The person formats JSON Resume and ORCID (issue 10): valid against the
//! JSON Resume schema, shaped like ORCID's own v3.0 samples, the same
//! bytes three ways, with concrete values from the seeds.

use serde_json::{json, Value};

use crate::exports::{assert_valid, cli_person, gql_person, http_person};
use crate::helpers::{format_file, TestServer};

/// A work of qi-lei's with a DOI and an arXiv id (the seeds' works have
/// none), imported beside the seeds.
pub fn add_identified_work(s: &TestServer) {
    s.import(&json!({
        "format": "vitae-bundle/1",
        "source": { "key": "gen-ids", "title": "Identified", "kind": "export" },
        "people": [{ "key": "q", "slug": "qi-lei", "name": "Qi Lei" }],
        "works": [{ "key": "w", "title": "An Identified Paper on Min-Max Games",
                    "kind": "journal_article", "venue": "Journal of Identifiers",
                    "year": 2023, "date": "2023-04-05", "doi": "10.1234/ident.2023",
                    "arxivId": "2304.01234v2",
                    "authors": [{ "name": "Ann First" }, { "name": "Qi Lei", "person": "q" },
                                { "name": "Bo Third" }] }]
    }));
}

fn orcid_work<'a>(doc: &'a Value, title: &str) -> &'a Value {
    doc["activities-summary"]["works"]["group"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| &g["work-summary"][0])
        .find(|w| w["title"]["title"]["value"] == title)
        .unwrap_or_else(|| panic!("no work {title}"))
}

#[test]
fn json_resume_of_both_seed_people_is_valid_and_the_same_three_ways() {
    let s = TestServer::with_seeds();
    for slug in ["qi-lei", "lei-wu"] {
        let cli = cli_person(&s, slug, "json-resume");
        let http = http_person(&s, slug, "resume.json", "application/json");
        assert_eq!(cli, http, "{slug}");
        assert_eq!(cli, gql_person(&s, slug, "JSON_RESUME"), "{slug}");
        let doc: Value = serde_json::from_str(&cli).unwrap();
        assert_valid("jsonresume-schema.json", &doc);
        assert!(
            !doc["publications"].as_array().unwrap().is_empty(),
            "{slug}"
        );
    }
    let doc: Value = serde_json::from_str(&cli_person(&s, "qi-lei", "json-resume")).unwrap();
    assert_eq!(doc["basics"]["name"], "Qi Lei");
    assert_eq!(doc["basics"]["email"], "qilei@princeton.edu");
    assert_eq!(
        doc["basics"]["profiles"][0],
        json!({ "network": "Website", "url": "https://cecilialeiqi.github.io/" })
    );
    let work = doc["work"].as_array().unwrap();
    assert_eq!(work.len(), 10);
    assert_eq!(work[0]["name"], "IBM Thomas J. Watson Research Center");
    assert_eq!(work[0]["startDate"], "2016-05");
    let nyu = work
        .iter()
        .find(|w| w["name"] == "Courant Institute of Mathematical Sciences")
        .unwrap();
    assert_eq!(
        nyu["position"],
        "Assistant Professor in Mathematics and Data Science"
    );
    assert_eq!(nyu["startDate"], "2022-09");
    assert_eq!(nyu["endDate"], Value::Null, "an open end is left out");
    let phd = doc["education"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["studyType"] == "Ph.D.")
        .unwrap();
    assert_eq!(
        phd["summary"],
        "Advisors: Alexandros G. Dimakis, Inderjit S. Dhillon. \
         Thesis: Provably effective algorithms for min-max optimization"
    );
    assert_eq!(phd["endDate"], "2020-05");
    let earthshot = doc["awards"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["summary"].as_str().unwrap_or("").contains("3.97M"))
        .unwrap();
    assert_eq!(earthshot["title"], "Energy Earthshot Initiative");
    assert_eq!(earthshot["awarder"], "Office of Science");
    assert!(earthshot["summary"]
        .as_str()
        .unwrap()
        .contains("Role: Co-PI"));
    let dra = doc["publications"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Data Reconstruction Attacks and Defenses: A Systematic Evaluation")
        .unwrap();
    assert_eq!(dra["publisher"], "AISTATS");
    assert_eq!(
        dra["releaseDate"], "2025",
        "the venue's year, not the posting"
    );
    assert!(dra["summary"]
        .as_str()
        .unwrap()
        .starts_with("Authors: Sheng Liu, "));
    assert_eq!(doc["volunteer"].as_array().unwrap().len(), 6);
    assert!(doc["interests"]
        .as_array()
        .unwrap()
        .contains(&json!({ "name": "AI safety" })));
}

#[test]
fn orcid_export_follows_the_record_and_write_body_samples() {
    let s = TestServer::with_seeds();
    add_identified_work(&s);
    for slug in ["qi-lei", "lei-wu"] {
        let cli = cli_person(&s, slug, "orcid");
        let http = http_person(&s, slug, "orcid.json", "application/json");
        assert_eq!(cli, http, "{slug}");
        assert_eq!(cli, gql_person(&s, slug, "ORCID"), "{slug}");
    }
    let doc: Value = serde_json::from_str(&cli_person(&s, "qi-lei", "orcid")).unwrap();
    let record: Value = serde_json::from_str(
        &std::fs::read_to_string(format_file("orcid/record-full-3.0.json")).unwrap(),
    )
    .unwrap();
    // The record's sections, each under the sample record's own keys.
    for section in [
        "distinctions",
        "educations",
        "employments",
        "fundings",
        "invited-positions",
        "services",
        "works",
    ] {
        let ours = doc["activities-summary"][section].as_object().unwrap();
        let theirs = record["activities-summary"][section].as_object().unwrap();
        for key in ours.keys() {
            assert!(theirs.contains_key(key), "{section}.{key}");
        }
    }
    assert!(doc.as_object().unwrap().contains_key("orcid-identifier"));
    assert_eq!(doc["person"]["name"]["given-names"]["value"], "Qi");
    assert_eq!(doc["person"]["name"]["family-name"]["value"], "Lei");
    assert_eq!(
        doc["person"]["other-names"]["other-name"],
        json!([{ "content": "Lei, Qi" }, { "content": "Q. Lei" }])
    );
    // Every work has the fields of the sample work's write body.
    let sample: Value = serde_json::from_str(
        &std::fs::read_to_string(format_file("orcid/work-full-3.0.json")).unwrap(),
    )
    .unwrap();
    let works: Vec<&Value> = doc["activities-summary"]["works"]["group"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| &g["work-summary"][0])
        .collect();
    assert_eq!(works.len(), 64);
    for w in &works {
        assert!(w["title"]["title"]["value"].is_string(), "{w}");
        assert!(w["type"].is_string(), "{w}");
        assert!(w["external-ids"]["external-id"].is_array(), "{w}");
        assert!(w["publication-date"]["year"]["value"].is_string(), "{w}");
        for c in w["contributors"]["contributor"].as_array().unwrap() {
            let seq = &c["contributor-attributes"]["contributor-sequence"];
            assert!(seq == "first" || seq == "additional", "{c}");
        }
    }
    let ids = &orcid_work(&doc, "An Identified Paper on Min-Max Games");
    assert_eq!(ids["type"], sample["type"]);
    assert_eq!(ids["journal-title"]["value"], "Journal of Identifiers");
    assert_eq!(
        ids["publication-date"],
        json!({ "year": { "value": "2023" }, "month": { "value": "04" }, "day": { "value": "05" } })
    );
    assert_eq!(
        ids["external-ids"]["external-id"],
        json!([
            { "external-id-type": "doi", "external-id-value": "10.1234/ident.2023",
              "external-id-url": { "value": "https://doi.org/10.1234/ident.2023" },
              "external-id-relationship": "self" },
            { "external-id-type": "arxiv", "external-id-value": "2304.01234v2",
              "external-id-url": { "value": "https://arxiv.org/abs/2304.01234v2" },
              "external-id-relationship": "self" }
        ])
    );
    let contributors: Vec<(&str, &str)> = ids["contributors"]["contributor"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["credit-name"]["value"].as_str().unwrap(),
                c["contributor-attributes"]["contributor-sequence"]
                    .as_str()
                    .unwrap(),
            )
        })
        .collect();
    assert_eq!(
        contributors,
        [
            ("Ann First", "first"),
            ("Qi Lei", "additional"),
            ("Bo Third", "additional")
        ]
    );
    let dra = orcid_work(
        &doc,
        "Data Reconstruction Attacks and Defenses: A Systematic Evaluation",
    );
    assert_eq!(dra["type"], "conference-paper");
    assert_eq!(
        dra["publication-date"],
        json!({ "year": { "value": "2025" } })
    );
    // Affiliations in the samples' write bodies.
    let employment: Value = serde_json::from_str(
        &std::fs::read_to_string(format_file("orcid/employment-3.0.json")).unwrap(),
    )
    .unwrap();
    let nyu = doc["activities-summary"]["employments"]["affiliation-group"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| &g["summaries"][0]["employment-summary"])
        .find(|e| e["organization"]["name"] == "Courant Institute of Mathematical Sciences")
        .unwrap();
    for key in nyu.as_object().unwrap().keys() {
        assert!(employment.get(key).is_some(), "{key}");
    }
    assert_eq!(
        nyu["role-title"],
        "Assistant Professor in Mathematics and Data Science"
    );
    assert_eq!(
        nyu["start-date"],
        json!({ "year": { "value": "2022" }, "month": { "value": "09" } })
    );
    let visiting = &doc["activities-summary"]["invited-positions"]["affiliation-group"][0]
        ["summaries"][0]["invited-position-summary"];
    assert_eq!(visiting["role-title"], "Visiting Graduate Student");
    assert_eq!(
        visiting["organization"]["name"],
        "Institute for Advanced Study"
    );
    let fundings: Vec<&Value> = doc["activities-summary"]["fundings"]["group"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| &g["funding-summary"][0])
        .collect();
    let earthshot = fundings
        .iter()
        .find(|f| f["title"]["title"]["value"] == "Energy Earthshot Initiative")
        .unwrap();
    assert_eq!(earthshot["type"], "grant");
    assert_eq!(
        earthshot["amount"],
        json!({ "value": "3970000", "currency-code": "USD" })
    );
    assert_eq!(earthshot["organization"]["name"], "Office of Science");
    assert_eq!(
        earthshot["external-ids"]["external-id"][0]["external-id-value"],
        "DE-SC0024721"
    );
    let distinctions = doc["activities-summary"]["distinctions"]["affiliation-group"]
        .as_array()
        .unwrap();
    assert_eq!(
        distinctions[0]["summaries"][0]["distinction-summary"]["role-title"],
        "NYU Research Catalyst Prize"
    );
}

#[test]
fn person_formats_are_not_lists_of_works() {
    let s = TestServer::with_seeds();
    let (status, _, body) = s.fetch("/export/works.orcid.json", None);
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("exports a person"), "{body}");
    let e = s.first_error(r#"{ exportWorks(format: JSON_RESUME) }"#, json!({}));
    assert_eq!(e["extensions"]["code"], "BAD_USER_INPUT", "{e}");
}
