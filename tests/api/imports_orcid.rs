//! ORCID records in (issue 10): ORCID's own JSON and XML samples, a seed
//! work arriving again, bad files, and the round trip export → import →
//! export.

use serde_json::{json, Value};

use crate::exports::cli_person;
use crate::exports_orcid::add_identified_work;
use crate::helpers::{format_file, vitae, TestServer};
use crate::imports::{import, write_file};

fn total_works(s: &TestServer) -> u64 {
    s.data("{ works { totalCount } }", json!({}))["works"]["totalCount"]
        .as_u64()
        .unwrap()
}

/// The store's whole export: each source's bundle.
fn bundles(s: &TestServer) -> Vec<Value> {
    let db = s.db.display().to_string();
    let (code, out, err) = vitae(&["--db", &db, "export"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    v["bundles"].as_array().unwrap().clone()
}

fn import_sample(name: &str) -> (TestServer, Value) {
    let s = TestServer::spawn();
    let (code, err) = import(
        &s,
        &[],
        &[&format_file(&format!("orcid/{name}")).display().to_string()],
    );
    assert_eq!(code, 0, "{err}");
    let b = bundles(&s).pop().unwrap();
    (s, b)
}

fn named<'a>(list: &'a Value, field: &str, value: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|x| x[field] == value)
        .unwrap_or_else(|| panic!("no {field} {value} in {list}"))
}

#[test]
fn the_orcid_json_sample_record_is_read_whole() {
    let (s, b) = import_sample("record-full-3.0.json");
    assert_eq!(b["source"]["key"], "orcid-record-full-3");
    assert_eq!(b["source"]["kind"], "profile_page");
    assert_eq!(
        b["source"]["url"],
        "https://sandbox.orcid.org/0000-0002-7319-2192"
    );
    let p = &b["people"][0];
    assert_eq!(p["name"], "Three releasecandidate1");
    assert_eq!(p["orcid"], "0000-0002-7319-2192");
    assert!(p["aliases"]
        .as_array()
        .unwrap()
        .contains(&json!("dreamofaredbird")));
    assert_eq!(p["links"][0]["url"], "https://site1.com/");
    assert_eq!(p["links"][0]["label"], "Site # 1");
    assert_eq!(p["interests"][1], "keyword1");
    let funding = named(&b["grants"], "key", "funding-1");
    assert_eq!(funding["title"], "Grant title");
    assert_eq!(funding["kind"], "grant");
    assert_eq!(funding["awardNumber"], "1234");
    assert_eq!(funding["start"], "2000-02-02");
    let wellcome = named(
        &b["organizations"],
        "key",
        funding["funder"].as_str().unwrap(),
    )
    .clone();
    assert_eq!(wellcome["name"], "Wellcome Trust");
    assert_eq!(wellcome["country"], "GB");
    assert_eq!(named(&b["grants"], "key", "distinction-1")["kind"], "award");
    assert_eq!(b["education"].as_array().unwrap().len(), 3);
    assert_eq!(
        named(&b["appointments"], "key", "invited-position-1")["kind"],
        "visiting"
    );
    assert_eq!(b["service"].as_array().unwrap().len(), 2);
    // The work: journal title as venue; `work:doi` is no DOI and is dropped.
    let w = &b["works"][0];
    assert_eq!(w["title"], "Work Title");
    assert_eq!(w["kind"], "journal_article");
    assert_eq!(w["venue"], "Jounral Title");
    assert_eq!(w["date"], "2012-10-01");
    assert_eq!(w["doi"], "10.1087/20120404");
    assert_eq!(w["listedUnder"], "person");
    let d = s.data(
        r#"{ people(first: 5) { edges { node { name orcid works(first: 5) { edges { relation node { title doi } } } } } } }"#,
        json!({}),
    );
    let node = &d["people"]["edges"][0]["node"];
    assert_eq!(node["orcid"], "0000-0002-7319-2192");
    assert_eq!(node["works"]["edges"][0]["relation"], "LISTED");
    assert_eq!(node["works"]["edges"][0]["node"]["doi"], "10.1087/20120404");
}

#[test]
fn the_orcid_xml_sample_record_is_read_like_the_json() {
    let (_s, b) = import_sample("record-3.0.xml");
    assert_eq!(b["source"]["title"], "ORCID record 8888-8888-8888-8880");
    let p = &b["people"][0];
    assert_eq!(p["name"], "credit-name");
    assert_eq!(p["given"], "give-names");
    assert_eq!(p["family"], "family-name");
    assert_eq!(p["orcid"], "8888-8888-8888-8880");
    assert_eq!(p["emails"], json!(["user1@email.com"]));
    assert_eq!(p["summary"], "biography");
    assert!(p["aliases"]
        .as_array()
        .unwrap()
        .contains(&json!("other-name-1")));
    assert_eq!(p["links"][0]["url"], "http://url.com/");
    assert_eq!(p["interests"], json!(["keyword1"]));
    let employment = named(&b["appointments"], "key", "employment-1");
    assert_eq!(employment["title"], "employment:role-title");
    assert_eq!(employment["start"], "1948-02-02");
    assert_eq!(employment["end"], "2025");
    // The department is an organization within the named one.
    let dept = named(
        &b["organizations"],
        "key",
        employment["organization"].as_str().unwrap(),
    );
    assert_eq!(dept["name"], "employment:department-name");
    assert_eq!(dept["kind"], "department");
    assert_eq!(
        named(&b["organizations"], "key", dept["parent"].as_str().unwrap())["name"],
        "employment-org"
    );
    let visiting = named(&b["appointments"], "key", "invited-position-1");
    assert_eq!(visiting["kind"], "visiting");
    assert_eq!(visiting["start"], "2019-01-01");
    let edu = &b["education"][0];
    assert_eq!(edu["degree"], "education:role-title");
    assert_eq!(edu["field"], "education:department-name");
    let distinction = named(&b["grants"], "key", "distinction-1");
    assert_eq!(distinction["title"], "distinction:role-title");
    assert_eq!(
        named(
            &b["organizations"],
            "key",
            distinction["funder"].as_str().unwrap()
        )["name"],
        "distinction-org"
    );
    let funding = named(&b["grants"], "key", "funding-1");
    assert_eq!(funding["title"], "common:title");
    assert_eq!(funding["awardNumber"], "external-id-value-1");
    assert_eq!(b["service"][0]["role"], "service:role-title");
    let w = &b["works"][0];
    assert_eq!(w["title"], "common:title");
    assert_eq!(w["venue"], "Procedia Computer Science");
    assert_eq!(w["year"], 1948);
}

#[test]
fn an_orcid_work_of_the_seeds_merges_and_gains_the_source() {
    let s = TestServer::with_seeds();
    let before = total_works(&s);
    let record = json!({
        "orcid-identifier": { "path": "0000-0002-1825-0097", "uri": "https://orcid.org/0000-0002-1825-0097" },
        "person": { "name": { "given-names": { "value": "Qi" }, "family-name": { "value": "Lei" } } },
        "activities-summary": { "works": { "group": [{ "work-summary": [{
            "title": { "title": { "value": "Data Reconstruction Attacks and Defenses: A Systematic Evaluation" } },
            "type": "conference-paper", "journal-title": { "value": "AISTATS" },
            "publication-date": { "year": { "value": "2025" } },
            "external-ids": { "external-id": [] }
        }] }] } }
    });
    let file = write_file(&s, "qi.json", &record.to_string());
    let (code, err) = import(&s, &["--person", "qi-lei"], &[&file]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(total_works(&s), before, "no work is duplicated");
    let d = s.data(
        r#"{ works(first: 5, filter: {source: "orcid-qi"}) { edges { node { title venue
             sources { key } } } } }"#,
        json!({}),
    );
    let edges = d["works"]["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 1, "{d}");
    let node = &edges[0]["node"];
    assert_eq!(
        node["title"],
        "Data Reconstruction Attacks and Defenses: A Systematic Evaluation"
    );
    assert_eq!(node["venue"], "AISTATS");
    let keys: Vec<&str> = node["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert!(keys.contains(&"orcid-qi"), "{keys:?}");
    assert!(
        keys.contains(&"seed-000-qi-lei-cv"),
        "the seed work gained the source: {keys:?}"
    );
}

#[test]
fn bad_orcid_files_are_refused_with_their_place_and_nothing_is_written() {
    let s = TestServer::with_seeds();
    let before = total_works(&s);
    let sources = |s: &TestServer| {
        s.data("{ sources { key } }", json!({}))["sources"]
            .as_array()
            .unwrap()
            .len()
    };
    let n = sources(&s);
    let untitled = json!({
        "orcid-identifier": { "path": "0000-0002-1825-0097" },
        "person": { "name": { "credit-name": { "value": "Some One" } } },
        "activities-summary": { "works": { "group": [
            { "work-summary": [{ "title": { "title": { "value": "Fine" } }, "type": "other" }] },
            { "work-summary": [{ "type": "book" }] }
        ] } }
    });
    let xml = std::fs::read_to_string(format_file("orcid/record-3.0.xml")).unwrap();
    let cases = [
        (
            "truncated.orcid.json",
            r#"{"orcid-identifier": {"path": "0000"#.to_string(),
            "line 1",
        ),
        (
            "untitled.orcid.json",
            untitled.to_string(),
            "work 2: has no title",
        ),
        (
            "truncated.xml",
            xml[..xml.len() / 2].to_string(),
            "not an ORCID XML record",
        ),
    ];
    for (name, text, want) in cases {
        let file = write_file(&s, name, &text);
        let (code, err) = import(&s, &[], &[&file]);
        assert_eq!(code, 2, "{name}: {err}");
        assert!(err.contains(want), "{name}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    let latin1 = s.db.with_file_name("latin1.orcid.json");
    std::fs::write(&latin1, b"{\"orcid-identifier\": null, \"person\": {\"name\": {\"credit-name\": {\"value\": \"Jos\xe9\"}}}}").unwrap();
    let (code, err) = import(&s, &[], &[&latin1.display().to_string()]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read the file"), "{err}");
    // A 20 MB file is refused before it is parsed.
    let big = format!(
        "{{\"orcid-identifier\": null, \"pad\": \"{}\"}}",
        "x".repeat(20 << 20)
    );
    let file = write_file(&s, "big.orcid.json", &big);
    let (code, err) = import(&s, &[], &[&file]);
    assert_eq!(code, 2);
    assert!(err.contains("at most 16 MiB"), "{err}");
    assert_eq!(total_works(&s), before);
    assert_eq!(sources(&s), n, "no source was added");
}

#[test]
fn orcid_round_trips_through_a_fresh_store() {
    let seeded = TestServer::with_seeds();
    add_identified_work(&seeded);
    let first = cli_person(&seeded, "qi-lei", "orcid");
    let fresh = TestServer::spawn();
    let file = write_file(&fresh, "qi-lei.orcid.json", &first);
    let (code, err) = import(&fresh, &[], &[&file]);
    assert_eq!(code, 0, "{err}");
    let again = cli_person(&fresh, "qi-lei", "orcid");
    let (a, b): (Value, Value) = (
        serde_json::from_str(&first).unwrap(),
        serde_json::from_str(&again).unwrap(),
    );
    // Works of one date come in id order, which is import order: compare
    // sorted by title.
    let works = |v: &Value| {
        let mut w: Vec<Value> = v["activities-summary"]["works"]["group"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["work-summary"][0].clone())
            .collect();
        w.sort_by_key(|w| w["title"]["title"]["value"].as_str().unwrap().to_string());
        w
    };
    let (wa, wb) = (works(&a), works(&b));
    assert_eq!(wa.len(), 64);
    assert_eq!(wa.len(), wb.len());
    for (x, y) in wa.iter().zip(&wb) {
        assert_eq!(x, y, "{}", x["title"]);
    }
    for section in [
        "employments",
        "educations",
        "invited-positions",
        "distinctions",
        "services",
        "fundings",
    ] {
        assert_eq!(
            a["activities-summary"][section], b["activities-summary"][section],
            "{section}"
        );
    }
    let ids = wb
        .iter()
        .find(|w| w["title"]["title"]["value"] == "An Identified Paper on Min-Max Games")
        .unwrap();
    assert_eq!(
        ids["external-ids"]["external-id"][1]["external-id-value"],
        "2304.01234v2"
    );
    assert_eq!(
        ids["contributors"]["contributor"][0]["credit-name"]["value"],
        "Ann First"
    );
}
