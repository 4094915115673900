//! `Work.statedBy`: each source's own version of a work, typed (issue 9,
//! item 1), and `Source.notes`. On the seeds (the data-reconstruction paper
//! that three sources state differently) and on a generated bundle checked
//! field by field, through the server.

use serde_json::{json, Value};

use crate::helpers::TestServer;

const STATED: &str = r#"query($text: String!, $source: String) {
  works(filter: {text: $text}) { edges { node { title abstract abstractTruncated
    statedBy(source: $source) {
      source { key kind notes } title kind venue year date dateText volume issue pages doi
      arxivId abstract abstractTruncated categories links { kind url label } notes
      alphabetical authorsTruncated listedUnder { slug }
      authors { position name equalContribution affiliation person { slug } } } } } } }"#;

/// The one work whose title has `text`, with its statements (of `source`).
fn work(s: &TestServer, text: &str, source: Option<&str>) -> Value {
    let d = s.data(STATED, json!({ "text": text, "source": source }));
    let edges = d["works"]["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 1, "{edges:?}");
    edges[0]["node"].clone()
}

fn keys(work: &Value) -> Vec<&str> {
    work["statedBy"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["source"]["key"].as_str().unwrap())
        .collect()
}

const DATA_RECONSTRUCTION: &str = "Data Reconstruction Attacks Defenses Systematic";

#[test]
fn three_sources_state_the_data_reconstruction_paper_each_in_its_own_way() {
    let s = TestServer::with_seeds();
    let w = work(&s, DATA_RECONSTRUCTION, None);
    assert_eq!(
        keys(&w),
        [
            "seed-000-qi-lei-cv",
            "seed-001-qi-lei-arxiv-listing",
            "seed-002-qi-lei-paper-index"
        ]
    );
    // The display abstract is a whole one; the listing's is cut.
    assert_eq!(w["abstractTruncated"], false);
    let listing = &w["statedBy"][1];
    assert_eq!(listing["abstractTruncated"], true);
    assert_eq!(listing["authors"], json!([]));
    assert_eq!(listing["kind"], "PREPRINT");
    assert_eq!(listing["listedUnder"]["slug"], "qi-lei");
    assert_eq!(w["statedBy"][0]["listedUnder"], Value::Null);
    assert_eq!(listing["source"]["kind"], "arxiv_listing");
    assert_eq!(
        listing["source"]["notes"][1],
        "The page gives no authors, dates, venues or arXiv identifiers for the listed papers."
    );
    let whole = w["abstract"].as_str().unwrap();
    let cut = listing["abstract"].as_str().unwrap();
    assert!(cut.len() < whole.len(), "{cut} / {whole}");

    let index = &w["statedBy"][2];
    let names: Vec<&str> = index["authors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Sheng Liu", "Zihan Wang", "Yuxiao Chen"]);
    assert_eq!(index["authorsTruncated"], true);
    assert_eq!(index["authors"][2]["position"], 3);
    assert_eq!(index["authors"][2]["person"]["slug"], "yuxiao-chen");
    assert_eq!(index["date"], "2024-02-13");
    assert_eq!(index["dateText"], Value::Null);
    assert_eq!(index["categories"], json!(["CR"]));
}

#[test]
fn stated_by_one_source_gives_that_source_s_statement_only() {
    let s = TestServer::with_seeds();
    let w = work(&s, DATA_RECONSTRUCTION, Some("seed-000-qi-lei-cv"));
    assert_eq!(keys(&w), ["seed-000-qi-lei-cv"]);
    let cv = &w["statedBy"][0];
    assert_eq!(cv["venue"], "AISTATS");
    assert_eq!(cv["year"], 2025);
    assert_eq!(cv["kind"], "CONFERENCE_PAPER");
    assert_eq!(cv["authorsTruncated"], false);
    assert_eq!(cv["authors"][2]["name"], "Qi Lei");
    assert_eq!(cv["authors"][2]["person"]["slug"], "qi-lei");
    assert_eq!(cv["source"]["notes"], json!([]));

    let w = work(&s, DATA_RECONSTRUCTION, Some("no-such-source"));
    assert_eq!(w["statedBy"], json!([]));
}

#[test]
fn a_raw_date_is_served_as_printed() {
    let s = TestServer::with_seeds();
    let w = work(
        &s,
        "Data Reconstruction Identifiability Sample Splitting",
        Some("seed-002-qi-lei-paper-index"),
    );
    assert_eq!(w["statedBy"][0]["dateText"], "Feb 9");
    assert_eq!(w["statedBy"][0]["date"], Value::Null);
}

fn generated(venue: &str) -> Value {
    json!({
        "format": "vitae-bundle/1",
        "source": { "key": "gen-stated", "title": "Generated", "kind": "cv",
                    "notes": ["Generated for statedBy."] },
        "people": [{ "key": "gen", "slug": "gen-person", "name": "Gen Person" }],
        "works": [{ "key": "w", "title": "A Generated Work Stated Field By Field",
            "kind": "journal_article", "venue": venue, "year": 2021,
            "date": { "raw": "Mar 3", "value": "2021-03-03" }, "volume": "7", "issue": "2",
            "pages": "11-19", "doi": "10.1234/stated.1", "arxivId": "2101.00001",
            "abstract": "An abstract cut sho", "abstractTruncated": true,
            "categories": ["LG", "CR"],
            "links": [{ "kind": "code", "url": "https://example.org/c", "label": "Code" }],
            "notes": ["Oral"], "alphabetical": true, "authorsTruncated": true,
            "listedUnder": "gen",
            "authors": [{ "name": "G. Person", "person": "gen", "equal": true,
                          "affiliation": "Gen U" },
                        { "name": "Other Author" }] }],
    })
}

#[test]
fn a_generated_statement_is_served_field_by_field_and_replaced_on_reimport() {
    let s = TestServer::spawn();
    s.import(&generated("Journal A"));
    let w = work(&s, "Generated Work Stated Field", None);
    assert_eq!(
        w["statedBy"],
        json!([{
            "source": { "key": "gen-stated", "kind": "cv", "notes": ["Generated for statedBy."] },
            "title": "A Generated Work Stated Field By Field", "kind": "JOURNAL_ARTICLE",
            "venue": "Journal A", "year": 2021, "date": "2021-03-03", "dateText": "Mar 3",
            "volume": "7", "issue": "2", "pages": "11-19", "doi": "10.1234/stated.1",
            "arxivId": "2101.00001", "abstract": "An abstract cut sho",
            "abstractTruncated": true, "categories": ["LG", "CR"],
            "links": [{ "kind": "code", "url": "https://example.org/c", "label": "Code" }],
            "notes": ["Oral"], "alphabetical": true, "authorsTruncated": true,
            "listedUnder": { "slug": "gen-person" },
            "authors": [
                { "position": 1, "name": "G. Person", "equalContribution": true,
                  "affiliation": "Gen U", "person": { "slug": "gen-person" } },
                { "position": 2, "name": "Other Author", "equalContribution": false,
                  "affiliation": null, "person": { "slug": "other-author" } }
            ]
        }])
    );
    // A new version of the source replaces its statement.
    s.import(&generated("Journal B"));
    let w = work(&s, "Generated Work Stated Field", None);
    assert_eq!(keys(&w), ["gen-stated"]);
    assert_eq!(w["statedBy"][0]["venue"], "Journal B");
}
