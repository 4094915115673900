//! Badges: statuses a source states about a person, imported from bundles
//! and served as `Person.badges`, forgotten when a source's new version
//! leaves one out, refused when malformed.

use serde_json::{json, Value};

use crate::helpers::{vitae, TestServer};

const BADGES: &str = r#"query($slug: String!) { person(slug: $slug) {
  badges { label source { key } } } }"#;

fn badges(s: &TestServer, slug: &str) -> Vec<(String, String)> {
    let p = s.data(BADGES, json!({ "slug": slug }))["person"].clone();
    p["badges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["label"].as_str().unwrap().to_string(),
                b["source"]["key"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// A bundle (not seed data) stating `labels` about one person.
fn bundle(labels: &[&str]) -> Value {
    json!({
        "format": "vitae-bundle/1",
        "source": { "key": "badge-page", "title": "A profile with badges", "kind": "profile_page" },
        "people": [{ "key": "ada", "name": "Ada Badgewright", "slug": "ada-badgewright" }],
        "badges": labels.iter().map(|l| json!({ "person": "ada", "label": l })).collect::<Vec<_>>(),
    })
}

#[test]
fn qi_lei_has_the_four_badges_of_her_profile_page() {
    let s = TestServer::with_seeds();
    let src = "seed-003-qi-lei-profile".to_string();
    assert_eq!(
        badges(&s, "qi-lei"),
        [
            ("Researcher".to_string(), src.clone()),
            ("Affiliation not imported".to_string(), src.clone()),
            ("Open to collaborate".to_string(), src.clone()),
            ("Unclaimed author".to_string(), src),
        ]
    );
    assert_eq!(badges(&s, "lei-wu"), []);
}

#[test]
fn a_new_version_without_a_badge_forgets_it_and_never_doubles_one() {
    let s = TestServer::spawn();
    s.import(&bundle(&["Open to collaborate", "Unclaimed author"]));
    s.import(&bundle(&["Open to collaborate", "Unclaimed author"]));
    let label = |l: &str| (l.to_string(), "badge-page".to_string());
    assert_eq!(
        badges(&s, "ada-badgewright"),
        [label("Open to collaborate"), label("Unclaimed author")]
    );
    s.import(&bundle(&["Unclaimed author"]));
    assert_eq!(badges(&s, "ada-badgewright"), [label("Unclaimed author")]);
}

fn refused(s: &TestServer, name: &str, b: &Value, expect: &[&str]) {
    let file = s.db.with_file_name(name);
    std::fs::write(&file, serde_json::to_string_pretty(b).unwrap()).unwrap();
    let db = s.db.display().to_string();
    let export = || vitae(&["--db", &db, "export", "--format", "json"]).1;
    let before = export();
    let (code, out, err) = vitae(&["--db", &db, "import", &file.display().to_string()]);
    assert_eq!(code, 2, "stdout {out} stderr {err}");
    for e in expect {
        assert!(err.contains(e), "stderr should contain {e:?}: {err}");
    }
    assert!(before.contains("badge-page"), "{before}");
    assert_eq!(export(), before, "a refused import changed the store");
}

#[test]
fn a_badge_without_a_label_or_with_an_unknown_person_is_refused_and_writes_nothing() {
    let s = TestServer::spawn();
    s.import(&bundle(&["Open to collaborate"]));
    let mut no_label = bundle(&["Open to collaborate", "Unclaimed author"]);
    no_label["badges"][1] = json!({ "person": "ada" });
    refused(
        &s,
        "no-label.json",
        &no_label,
        &["no-label.json:", "/badges/1", "label"],
    );
    let mut stranger = bundle(&["Open to collaborate", "Unclaimed author"]);
    stranger["badges"][0]["person"] = "nobody".into();
    refused(
        &s,
        "stranger.json",
        &stranger,
        &[
            "stranger.json:",
            "/badges/0/person",
            "no person with key `nobody`",
        ],
    );
    let label = ("Open to collaborate".to_string(), "badge-page".to_string());
    assert_eq!(badges(&s, "ada-badgewright"), [label]);
}
