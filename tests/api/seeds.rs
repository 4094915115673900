//! The five seed documents, loaded through the real import: one merged
//! profile per real person, every section counted, provenance kept.

use serde_json::{json, Value};

use crate::helpers::{seeded_store, TestServer};

const COUNTS: &str = r#"query($slug: String!) { person(slug: $slug) {
  appointments { id } education { id } grants { id } talks { id } patents { id }
  teaching { id } service { id } metrics { name } badges { label } works(first: 1) { totalCount } } }"#;

fn counts(s: &TestServer, slug: &str) -> [usize; 9] {
    let p = s.data(COUNTS, json!({ "slug": slug }))["person"].clone();
    let n = |f: &str| p[f].as_array().unwrap().len();
    [
        n("appointments"),
        n("education"),
        n("grants"),
        n("talks"),
        n("patents"),
        n("teaching"),
        n("service"),
        n("metrics"),
        n("badges"),
    ]
}

#[test]
fn each_seed_person_has_every_section_of_their_documents() {
    let s = TestServer::with_seeds();
    // appointments (incl. industry), education, grants and awards, talks,
    // patents, teaching, service, metrics (from the three pages about Qi Lei),
    // badges (her profile page)
    assert_eq!(counts(&s, "qi-lei"), [10, 2, 11, 0, 2, 7, 6, 12, 4]);
    assert_eq!(counts(&s, "lei-wu"), [2, 4, 0, 4, 0, 7, 2, 0, 0]);
}

#[test]
fn one_person_per_real_person_with_aliases() {
    let s = TestServer::with_seeds();
    let d = s.data(
        r#"{ qi: person(slug: "qi-lei") { aliases emails }
             jason: person(slug: "jason-d-lee") { name aliases }
             lee: people(search: "Jason Lee") { totalCount } }"#,
        json!({}),
    );
    assert!(d["qi"]["aliases"]
        .as_array()
        .unwrap()
        .contains(&json!("Lei, Qi")));
    assert_eq!(d["qi"]["emails"], json!(["qilei@princeton.edu"]));
    assert_eq!(d["jason"]["name"], "Jason D. Lee");
    let aliases = d["jason"]["aliases"].as_array().unwrap();
    assert!(
        aliases.contains(&json!("Jason D Lee")) && aliases.contains(&json!("Jason Lee")),
        "{aliases:?}"
    );
    assert_eq!(d["lee"]["totalCount"], 1);
}

#[test]
fn a_work_in_four_documents_is_one_work_with_four_sources() {
    let s = TestServer::with_seeds();
    let d = s.data(
        r#"{ works(filter: { text: "Customized Adversarial Training" }) { totalCount edges { node {
             title year venue categories sources { key } authors { position name } } } } }"#,
        json!({}),
    );
    assert_eq!(d["works"]["totalCount"], 1);
    let w = &d["works"]["edges"][0]["node"];
    assert_eq!(
        w["title"],
        "CAT: Customized Adversarial Training for Improved Robustness"
    );
    assert_eq!(w["year"], 2022);
    assert_eq!(w["categories"], json!(["LG"]));
    let sources: Vec<&str> = w["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        sources,
        [
            "seed-000-qi-lei-cv",
            "seed-001-qi-lei-arxiv-listing",
            "seed-002-qi-lei-paper-index",
            "seed-003-qi-lei-profile"
        ]
    );
    // The CV's full author list wins over the index's "et al." list.
    assert_eq!(w["authors"].as_array().unwrap().len(), 5);
    assert_eq!(w["authors"][4]["name"], "Cho-Jui Hsieh");
}

#[test]
fn where_sources_disagree_every_version_is_kept_and_one_is_shown() {
    let s = TestServer::with_seeds();
    let d = s.data(
        r#"{ cat: works(filter: { text: "Customized Adversarial Training" }) { edges { node {
               title statements { source { key kind } fact } } } }
             hyper: works(filter: { text: "Hyperparameter Transfer Matrix-Preconditioned" }) {
               edges { node { year date statements { source { kind } fact } } } } }"#,
        json!({}),
    );
    let stated = |w: &Value, kind: &str, field: &str| -> Value {
        w["statements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|st| st["source"]["kind"] == kind)
            .unwrap_or_else(|| panic!("no {kind} statement"))["fact"][field]
            .clone()
    };
    let cat = &d["cat"]["edges"][0]["node"];
    assert_eq!(
        cat["title"],
        "CAT: Customized Adversarial Training for Improved Robustness"
    );
    assert_eq!(
        stated(cat, "cv", "title"),
        "Cat: Customized adversarial training for improved robustness"
    );
    assert_eq!(cat["statements"].as_array().unwrap().len(), 4);
    // The profile page says 2026; the paper index dates it 2025-12-05 and,
    // as the bibliographic source, sets the display values.
    let hyper = &d["hyper"]["edges"][0]["node"];
    assert_eq!(
        (hyper["year"].clone(), hyper["date"].clone()),
        (json!(2025), json!("2025-12-05"))
    );
    assert_eq!(stated(hyper, "profile_page", "year"), 2026);
    assert_eq!(stated(hyper, "paper_index", "date"), "2025-12-05");
    // Organizations carry their sources too.
    let org = s.data(
        r#"{ organization(slug: "princeton-university") { sources { key } statements { fact } } }"#,
        json!({}),
    );
    let keys: Vec<&str> = org["organization"]["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["seed-000-qi-lei-cv", "seed-004-lei-wu-cv"]);
    assert_eq!(
        org["organization"]["statements"][1]["fact"]["country"],
        "USA"
    );
}

#[test]
fn an_open_ended_appointment_is_current() {
    let s = TestServer::with_seeds();
    let d = s.data(r#"{ person(slug: "qi-lei") { appointments { title startDate endDate current organization { name parent { name } } otherOrganizations { name } } } }"#, json!({}));
    let nyu = d["person"]["appointments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Assistant Professor in Mathematics and Data Science")
        .unwrap()
        .clone();
    assert_eq!(nyu["startDate"], "2022-09");
    assert_eq!(nyu["endDate"], json!(null));
    assert_eq!(nyu["current"], true);
    assert_eq!(nyu["organization"]["parent"]["name"], "New York University");
    assert_eq!(
        nyu["otherOrganizations"][0]["name"],
        "Center for Data Science"
    );
}

#[test]
fn a_talk_given_twice_has_two_presentations() {
    let s = TestServer::with_seeds();
    let d = s.data(r#"{ person(slug: "lei-wu") { talks { title presentations { event date virtual host { name } location } } } }"#, json!({}));
    let talk = d["person"]["talks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| {
            t["title"]
                .as_str()
                .unwrap()
                .starts_with("A priori estimates")
        })
        .unwrap()
        .clone();
    let p = talk["presentations"].as_array().unwrap();
    assert_eq!(p.len(), 2);
    assert_eq!(
        (p[0]["date"].as_str(), p[1]["date"].as_str()),
        (Some("2019-06"), Some("2019-07"))
    );
    assert_eq!(p[1]["host"]["name"], "Noah's Ark Lab");
    let virtual_talks: usize = d["person"]["talks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["presentations"].as_array().unwrap().clone())
        .filter(|p| p["virtual"] == true)
        .count();
    assert_eq!(virtual_talks, 2);
}

#[test]
fn an_amount_is_a_decimal_string() {
    let s = TestServer::with_seeds();
    let d = s.data(r#"{ person(slug: "qi-lei") { grants { awardNumber amount currency amountText role funder { name } } } }"#, json!({}));
    let doe = d["person"]["grants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["awardNumber"] == "DE-SC0024721")
        .unwrap()
        .clone();
    assert_eq!(doe["amount"], "3970000");
    // "3.97M" from the U.S. Department of Energy: US dollars, the printed
    // form kept beside the decimal.
    assert_eq!(doe["currency"], "USD");
    assert_eq!(doe["amountText"], "3.97M");
    assert_eq!(doe["role"], "Co-PI");
}

#[test]
fn a_date_without_a_year_keeps_its_text_and_invents_none() {
    let s = TestServer::with_seeds();
    let d = s.data(
        r#"{ works(filter: { text: "Task-Centric Theory" }) { edges { node { title year date dateText categories } } } }"#,
        json!({}),
    );
    let w = &d["works"]["edges"][0]["node"];
    assert_eq!(
        w["title"],
        "A Task-Centric Theory for Iterative Self-Improvement with Easy-to-Hard Curricula"
    );
    assert_eq!(
        (w["year"].clone(), w["date"].clone(), w["dateText"].clone()),
        (json!(null), json!(null), json!("Feb 10"))
    );
}

#[test]
fn the_seeded_database_passes_sqlites_own_checks() {
    let dir = tempfile::tempdir().unwrap();
    drop(seeded_store(dir.path()));
    let conn = rusqlite::Connection::open(dir.path().join("vitae.db")).unwrap();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    let fk_violations: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(fk_violations, 0);
    // Every table is STRICT and every foreign-key column leads an index.
    let tables: Vec<(String, bool)> = conn
        .prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_index%'")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(tables.len() >= 25, "{tables:?}");
    for (table, strict) in &tables {
        assert!(strict, "{table} is not STRICT");
        let fks: Vec<String> = conn
            .prepare(&format!(
                "SELECT \"from\" FROM pragma_foreign_key_list('{table}')"
            ))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for col in fks {
            let indexed: bool = conn
                .query_row(
                    &format!(
                        "SELECT EXISTS (SELECT 1 FROM pragma_index_list('{table}') AS l
                         JOIN pragma_index_info(l.name) AS i WHERE i.seqno = 0 AND i.name = ?1)"
                    ),
                    [&col],
                    |r| r.get(0),
                )
                .unwrap();
            assert!(indexed, "{table}.{col} has no index");
        }
    }
}
