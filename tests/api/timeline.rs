//! Timelines: order, lanes for overlapping entries, open ends, windows, and
//! `affiliationsAt` at each date precision.

use serde_json::{json, Value};

use crate::helpers::TestServer;

const TIMELINE: &str = r#"query($from: PartialDate, $to: PartialDate, $kinds: [TimelineKind!]) {
  person(slug: "qi-lei") { timeline(from: $from, to: $to, kinds: $kinds) {
    kind title startDate endDate current lane organization { name }
    subject { id __typename } } } }"#;

fn timeline(s: &TestServer, vars: Value) -> Vec<Value> {
    s.data(TIMELINE, vars)["person"]["timeline"]
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn the_timeline_is_chronological_with_lanes_that_never_collide() {
    let s = TestServer::with_seeds();
    let entries = timeline(&s, json!({}));
    assert_eq!(entries.len(), 12, "10 appointments and 2 degrees");
    assert_eq!(entries[0]["title"], "B.S.");
    assert_eq!(entries[0]["kind"], "EDUCATION");
    let starts: Vec<&str> = entries
        .iter()
        .map(|e| e["startDate"].as_str().unwrap())
        .collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted);
    // Entries sharing a lane never overlap.
    for (i, a) in entries.iter().enumerate() {
        for b in &entries[i + 1..] {
            if a["lane"] == b["lane"] {
                let a_end = a["endDate"].as_str().unwrap_or("9999");
                assert!(
                    a_end < b["startDate"].as_str().unwrap(),
                    "{a} and {b} collide"
                );
            }
        }
    }
    // The PhD overlaps the Simons fellowship: different lanes.
    let lane = |title: &str| {
        entries.iter().find(|e| e["title"] == title).unwrap()["lane"]
            .as_i64()
            .unwrap()
    };
    assert_ne!(lane("Ph.D."), lane("Research Fellow"));
    // Open entries come last among equal starts and are current.
    let nyu = entries
        .iter()
        .find(|e| e["organization"]["name"] == "Courant Institute of Mathematical Sciences")
        .unwrap();
    assert_eq!(
        (nyu["current"].clone(), nyu["endDate"].clone()),
        (json!(true), json!(null))
    );
    assert_eq!(nyu["subject"]["__typename"], "Appointment");
}

#[test]
fn a_window_keeps_the_entries_that_overlap_it() {
    let s = TestServer::with_seeds();
    let entries = timeline(&s, json!({ "from": "2019-06", "to": "2019-06" }));
    let titles: Vec<&str> = entries
        .iter()
        .map(|e| e["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Ph.D.", "Research Fellow"]);
    let later = timeline(&s, json!({ "from": "2030" }));
    assert!(later.iter().all(|e| e["current"] == true), "{later:?}");
    assert!(later.len() >= 2);
}

#[test]
fn a_window_that_ends_before_it_starts_is_bad_user_input() {
    let s = TestServer::with_seeds();
    let e = s.first_error(TIMELINE, json!({ "from": "2022", "to": "2020" }));
    assert_eq!(e["extensions"]["code"], "BAD_USER_INPUT");
    assert_eq!(e["path"], json!(["person", "timeline"]));
    // "to 2020" runs to the end of 2020, so this window is one month long.
    let december = timeline(&s, json!({ "from": "2020-12", "to": "2020" }));
    assert!(!december.is_empty());
}

#[test]
fn entries_without_a_start_are_left_out_of_the_timeline() {
    let s = TestServer::spawn();
    let bundle = json!({
        "format": "vitae-bundle/1",
        "source": { "key": "undated", "title": "An undated CV", "kind": "cv" },
        "people": [{ "key": "p", "slug": "undated-person", "name": "Undated Person" }],
        "organizations": [{ "key": "u", "name": "Some University", "kind": "university" }],
        "appointments": [
            { "key": "a1", "person": "p", "organization": "u", "title": "Lecturer",
              "kind": "faculty", "end": "2012" },
            { "key": "a2", "person": "p", "organization": "u", "title": "Fellow",
              "kind": "fellowship", "start": "2010", "end": "2012" }
        ]
    });
    s.import(&bundle);
    let d = s.data(
        r#"{ person(slug: "undated-person") { appointments { title }
             timeline { title lane } } }"#,
        json!({}),
    );
    assert_eq!(d["person"]["appointments"].as_array().unwrap().len(), 2);
    assert_eq!(
        d["person"]["timeline"],
        json!([{ "title": "Fellow", "lane": 0 }])
    );
}

#[test]
fn kinds_are_listed_once_and_an_empty_list_is_refused() {
    let s = TestServer::with_seeds();
    let once = timeline(&s, json!({ "kinds": ["TEACHING"] }));
    let twice = timeline(&s, json!({ "kinds": ["TEACHING", "TEACHING"] }));
    assert_eq!(once.len(), 7);
    assert_eq!(once, twice);
    let e = s.first_error(TIMELINE, json!({ "kinds": [] }));
    assert_eq!(e["extensions"]["code"], "BAD_USER_INPUT");
}

#[test]
fn other_kinds_join_the_timeline_when_asked_for() {
    let s = TestServer::with_seeds();
    let entries = timeline(&s, json!({ "kinds": ["GRANT", "TEACHING"] }));
    assert_eq!(entries.len(), 11 + 7);
    let teaching = entries
        .iter()
        .find(|e| e["title"] == "Modern Topics in Statistical Learning Theory")
        .unwrap();
    assert_eq!(
        (teaching["startDate"].as_str(), teaching["endDate"].as_str()),
        (Some("2023-01"), Some("2024-05"))
    );
    assert!(entries.iter().all(|e| e["current"] == false));
}

#[test]
fn affiliations_at_respects_date_precision() {
    let s = TestServer::with_seeds();
    let q = r#"query($d: PartialDate!) { person(slug: "qi-lei") { affiliationsAt(date: $d) { title } } }"#;
    let at = |d: &str| -> Vec<String> {
        let v = s.data(q, json!({ "d": d }));
        v["person"]["affiliationsAt"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["title"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(at("2019-07"), ["Research Fellow"]);
    assert_eq!(at("2019-07-04"), ["Research Fellow"]);
    // July 2020: the IAS visit ends and the Princeton postdoc begins.
    let july = at("2020-07");
    assert!(
        july.iter()
            .any(|t| t.starts_with("Visiting Graduate Student")),
        "{july:?}"
    );
    assert!(
        july.iter()
            .any(|t| t == "Postdoc Research Associate (CIFellow)"),
        "{july:?}"
    );
    assert_eq!(at("2012"), Vec::<String>::new());
    assert!(at("2026")
        .iter()
        .any(|t| t == "Assistant Professor in Mathematics and Data Science"));
}
