//! BibTeX and RIS exports (issue 10): every entry of both seed people read
//! back by a real parser (`biblatex` for BibTeX, `biblib` for RIS) with
//! the store's titles and authors in order; the same bytes from the CLI,
//! HTTP and GraphQL; content negotiation.

use biblatex::{Bibliography, ChunksExt};
use biblib::{CitationParser, RisParser};
use serde_json::{json, Value};

use crate::exports::{cli_person, gql_person, http_person};
use crate::helpers::TestServer;

/// The store's authored works of `slug`: (title, authors as printed,
/// truncated), from GraphQL.
fn store_works(s: &TestServer, slug: &str) -> Vec<(String, Vec<String>, bool)> {
    let d = s.data(
        r#"query($slug: String!) { person(slug: $slug) { works(relation: AUTHOR, first: 100) {
             edges { node { title authorsTruncated authors { name } } } } } }"#,
        json!({ "slug": slug }),
    );
    d["person"]["works"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let n = &e["node"];
            let authors = n["authors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| printed(a["name"].as_str().unwrap()))
                .collect();
            (
                n["title"].as_str().unwrap().to_string(),
                authors,
                n["authorsTruncated"].as_bool().unwrap(),
            )
        })
        .collect()
}

/// A printed name without its equal-contribution mark, which neither
/// format carries.
fn printed(name: &str) -> String {
    name.trim().trim_end_matches('*').trim().to_string()
}

/// "given prefix family" of a name the `biblatex` crate read.
fn biblatex_name(p: &biblatex::Person) -> String {
    [&p.given_name, &p.prefix, &p.name]
        .iter()
        .filter(|s| !s.is_empty())
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn bibtex_of_both_seed_people_reads_back_with_the_stores_titles_and_authors() {
    let s = TestServer::with_seeds();
    for (slug, works, patents) in [("qi-lei", 63, 2), ("lei-wu", 19, 0)] {
        let cli = cli_person(&s, slug, "bibtex");
        let http = http_person(&s, slug, "bib", "application/x-bibtex");
        assert_eq!(cli, http, "{slug}: CLI and HTTP");
        assert_eq!(
            cli,
            gql_person(&s, slug, "BIBTEX"),
            "{slug}: CLI and GraphQL"
        );
        let bib = Bibliography::parse(&cli).unwrap_or_else(|e| panic!("{slug}: {e:?}"));
        assert_eq!(bib.len(), works + patents, "{slug}");
        let store = store_works(&s, slug);
        assert_eq!(store.len(), works);
        let entries: Vec<_> = bib
            .iter()
            .filter(|e| e.entry_type.to_string() != "patent")
            .collect();
        assert_eq!(entries.len(), works);
        for entry in entries {
            let title = entry.title().unwrap().format_verbatim();
            let (_, authors, truncated) = store
                .iter()
                .find(|w| w.0 == title)
                .unwrap_or_else(|| panic!("{slug}: no work titled {title}"));
            let mut read: Vec<String> = entry.author().unwrap().iter().map(biblatex_name).collect();
            if *truncated {
                assert_eq!(read.pop().as_deref(), Some("others"), "{title}");
            }
            assert_eq!(&read, authors, "{title}");
        }
    }
    let text = cli_person(&s, "qi-lei", "bibtex");
    let bib = Bibliography::parse(&text).unwrap();
    let thesis = bib.get("lei2020provably").unwrap();
    assert_eq!(thesis.entry_type.to_string(), "phdthesis");
    assert_eq!(thesis.get_as::<i64>("year").unwrap(), 2020);
    // Published at AISTATS 2025 with an "et al." list.
    let dra = bib
        .iter()
        .find(|e| {
            e.title()
                .unwrap()
                .format_verbatim()
                .starts_with("Data Reconstruction Attacks")
        })
        .unwrap();
    assert_eq!(dra.entry_type.to_string(), "inproceedings");
    assert_eq!(dra.book_title().unwrap().format_verbatim(), "AISTATS");
    let families: Vec<String> = dra.author().unwrap().into_iter().map(|p| p.name).collect();
    assert_eq!(families, ["Liu", "Wang", "Chen", "Lei", "others"]);
    assert!(
        text.contains("and Lei, Qi and others}"),
        "and others ends the list"
    );
    // Non-ASCII is written as UTF-8 and read back as it is.
    assert!(text.contains("Gürsoy, Gamze"));
    // Capitals after a word's first letter are protected.
    assert!(text.contains("Progressive {Self-Reflection}}"), "protected");
    let patent = bib
        .iter()
        .find(|e| e.entry_type.to_string() == "patent")
        .unwrap();
    assert!(patent
        .title()
        .unwrap()
        .format_verbatim()
        .starts_with("Method and System for General"));
    assert_eq!(patent.author().unwrap()[0].name, "Lei");
}

#[test]
fn a_work_with_an_arxiv_id_carries_its_eprint_and_a_preprint_is_misc() {
    let s = TestServer::with_seeds();
    let text = cli_person(&s, "lei-wu", "bibtex");
    let bib = Bibliography::parse(&text).unwrap();
    let d = s.data(
        r#"{ person(slug: "lei-wu") { works(relation: AUTHOR, first: 100) {
             edges { node { title kind arxivId categories } } } } }"#,
        json!({}),
    );
    let with_id: Vec<&Value> = d["person"]["works"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["node"])
        .filter(|n| n["arxivId"].is_string())
        .collect();
    assert!(!with_id.is_empty());
    for n in with_id {
        let e = bib
            .iter()
            .find(|e| e.title().unwrap().format_verbatim() == n["title"].as_str().unwrap())
            .unwrap();
        if n["kind"] == "PREPRINT" {
            assert_eq!(e.entry_type.to_string(), "misc");
        }
        assert_eq!(e.get_as::<String>("eprint").unwrap(), n["arxivId"]);
        assert_eq!(e.get_as::<String>("archiveprefix").unwrap(), "arXiv");
        if let Some(first) = n["categories"][0].as_str() {
            assert_eq!(e.get_as::<String>("primaryclass").unwrap(), first);
        }
    }
}

#[test]
fn latex_specials_and_unknown_authors_are_written_so_bibtex_reads_them_back() {
    let s = TestServer::spawn();
    let title = "R&D at 50% of $5 #1 a_b {x} ~y^z \\w -- CAT: Ünïcödé GANs";
    s.import(&json!({
        "format": "vitae-bundle/1",
        "source": { "key": "gen-listing", "title": "Listing", "kind": "arxiv_listing" },
        "people": [{ "key": "p", "slug": "listed-person", "name": "Listed Person" }],
        "works": [
            { "key": "w", "title": "A Work Nobody Names The Authors Of",
              "kind": "preprint", "year": 2022, "listedUnder": "p" },
            { "key": "v", "title": title, "kind": "journal_article", "year": 2021,
              "venue": "J. of R&D", "authors": [{ "name": "Benjamin Van Roy" },
              { "name": "Ann and Bob" }, { "name": "Listed Person", "person": "p" }] }
        ]
    }));
    let out = s.data(r#"{ exportWorks(format: BIBTEX) }"#, json!({}))["exportWorks"]
        .as_str()
        .unwrap()
        .to_string();
    let bib = Bibliography::parse(&out).unwrap_or_else(|e| panic!("{e:?}\n{out}"));
    let unknown = bib.get("anon2022work").unwrap();
    assert!(unknown.get("author").is_none(), "{out}");
    assert_eq!(unknown.get_as::<String>("note").unwrap(), "Authors unknown");
    let v = bib.iter().find(|e| e.key != "anon2022work").unwrap();
    assert_eq!(v.title().unwrap().format_verbatim(), title, "{out}");
    assert_eq!(v.journal().unwrap().format_verbatim(), "J. of R&D");
    let names: Vec<String> = v.author().unwrap().iter().map(biblatex_name).collect();
    assert_eq!(names, ["Benjamin Van Roy", "Ann and Bob", "Listed Person"]);
    assert!(out.contains("{CAT}:") && out.contains("{GANs}"), "{out}");
}

#[test]
fn ris_of_both_seed_people_parses_back_record_by_record() {
    let s = TestServer::with_seeds();
    for (slug, works) in [("qi-lei", 63), ("lei-wu", 19)] {
        let cli = cli_person(&s, slug, "ris");
        let http = http_person(&s, slug, "ris", "application/x-research-info-systems");
        assert_eq!(cli, http, "{slug}: CLI and HTTP");
        assert_eq!(cli, gql_person(&s, slug, "RIS"), "{slug}: CLI and GraphQL");
        let records = RisParser::new().parse(&cli).unwrap();
        assert_eq!(records.len(), works, "{slug}");
        assert_eq!(cli.matches("\r\nER  - \r\n").count(), works);
        let store = store_works(&s, slug);
        for r in &records {
            let title = &r.title;
            let (_, authors, _) = store
                .iter()
                .find(|w| &w.0 == title)
                .unwrap_or_else(|| panic!("{slug}: no work titled {title}"));
            let read: Vec<String> = r
                .authors
                .iter()
                .map(|a| {
                    [&a.given_name, &a.middle_name]
                        .into_iter()
                        .flatten()
                        .map(String::as_str)
                        .chain([a.name.as_str()])
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            assert_eq!(&read, authors, "{title}");
        }
    }
    let text = cli_person(&s, "qi-lei", "ris");
    let records = RisParser::new().parse(&text).unwrap();
    let dra = records
        .iter()
        .find(|r| r.title.starts_with("Data Reconstruction Attacks"))
        .unwrap();
    assert_eq!(dra.citation_type[0], "CPAPER");
    assert_eq!(dra.journal.as_deref(), Some("AISTATS"));
    assert_eq!(dra.date.as_ref().unwrap().year, 2025);
    assert_eq!(dra.authors[0].name, "Liu");
    assert!(dra.extra_fields["N1"].contains(&"Author list truncated (et al.)".to_string()));
    let thesis = records
        .iter()
        .find(|r| r.title.starts_with("Provably effective algorithms"))
        .unwrap();
    assert_eq!(thesis.citation_type[0], "Thesis/Dissertation");
    assert_eq!(thesis.extra_fields["ID"], ["lei2020provably"]);
}

#[test]
fn bibtex_and_ris_are_negotiated_like_doi_resolvers_do() {
    let s = TestServer::with_seeds();
    for (media, format) in [
        ("application/x-bibtex", "bibtex"),
        ("application/x-research-info-systems", "ris"),
    ] {
        let (status, headers, body) = s.fetch("/people/lei-wu", Some(media));
        assert_eq!(status, 200, "{body}");
        let ct = headers["content-type"].to_str().unwrap();
        assert!(ct.starts_with(media), "{ct}");
        assert_eq!(body, cli_person(&s, "lei-wu", format));
    }
    let d = s.data(
        r#"{ works(first: 1, filter: {text: "Data Reconstruction Attacks Defenses"}) { edges { node { id title } } } }"#,
        json!({}),
    );
    let id = d["works"]["edges"][0]["node"]["id"].as_str().unwrap();
    let (status, _, body) = s.fetch(&format!("/works/{id}"), Some("application/x-bibtex"));
    assert_eq!(status, 200, "{body}");
    let bib = Bibliography::parse(&body).unwrap();
    assert_eq!(bib.len(), 1);
    assert_eq!(
        bib.iter()
            .next()
            .unwrap()
            .title()
            .unwrap()
            .format_verbatim(),
        d["works"]["edges"][0]["node"]["title"].as_str().unwrap()
    );
}
