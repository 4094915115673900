//! arXiv Atom feeds and OpenAlex records in (issue 10): the real samples of
//! `tests/formats/` through `vitae import`, read back over GraphQL; seed
//! works arriving again merge; bad files change nothing.

use serde_json::{json, Value};

use crate::helpers::{format_file, TestServer};
use crate::imports::{import, write_file};

const SOURCE_WORKS: &str = r#"query($key: String!) { source(key: $key) { key kind url seen notes
    works(first: 50) { totalCount edges { node {
      title kind year date venue volume issue pages abstract doi arxivId categories notes
      links { kind url } authors { name affiliation person { slug orcid } } } } } } }"#;

/// The source's works in the document's order.
fn source_works(s: &TestServer, key: &str) -> (Value, Vec<Value>) {
    let d = s.data(SOURCE_WORKS, json!({ "key": key }));
    let works = d["source"]["works"]["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("no source {key}: {d}"))
        .iter()
        .map(|e| e["node"].clone())
        .collect();
    (d["source"].clone(), works)
}

fn by_arxiv<'a>(works: &'a [Value], id: &str) -> &'a Value {
    works
        .iter()
        .find(|w| w["arxivId"] == id)
        .unwrap_or_else(|| panic!("no work {id}"))
}

fn names(w: &Value) -> Vec<&str> {
    w["authors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect()
}

fn counts(s: &TestServer) -> (u64, usize) {
    let d = s.data("{ works { totalCount } sources { key } }", json!({}));
    (
        d["works"]["totalCount"].as_u64().unwrap(),
        d["sources"].as_array().unwrap().len(),
    )
}

fn sample(rel: &str) -> String {
    format_file(rel).display().to_string()
}

#[test]
fn an_arxiv_feed_of_the_2025_layout_imports_each_entry() {
    let s = TestServer::spawn();
    let (code, err) = import(&s, &[], &[&sample("arxiv/query.xml")]);
    assert_eq!(code, 0, "{err}");
    let (src, works) = source_works(&s, "arxiv-query");
    assert_eq!(src["kind"], "arxiv_listing");
    assert_eq!(src["seen"], "2025-11-11");
    assert_eq!(
        src["url"],
        "https://arxiv.org/api/query?search_query=all:electron+AND+all:proton&start=0&max_results=10&id_list="
    );
    assert_eq!(
        src["notes"],
        json!(["The feed is one page of 7432 results: entries 1–10."])
    );
    assert_eq!(works.len(), 10);
    let first = &works[0];
    assert_eq!(first["arxivId"], "nucl-ex/0408020v1");
    assert_eq!(
        first["title"],
        "Two-photon exchange and elastic scattering of electrons/positrons on the proton. \
         (Proposal for an experiment at VEPP-3)"
    );
    assert_eq!(first["kind"], "PREPRINT");
    assert_eq!(
        (first["year"].clone(), first["date"].clone()),
        (json!(2004), json!("2004-08-18"))
    );
    // The work's categories are every source's, sorted; the primary
    // category comes first in what the feed states.
    assert_eq!(first["categories"], json!(["hep-ph", "nucl-ex"]));
    let d = s.data(
        r#"{ works(filter: {source: "arxiv-query", category: "nucl-ex"}, first: 10) {
             edges { node { arxivId statedBy { categories } } } } }"#,
        json!({}),
    );
    let edges: Vec<Value> = d["works"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"].clone())
        .collect();
    let stated = &by_arxiv(&edges, "nucl-ex/0408020v1")["statedBy"][0];
    assert_eq!(stated["categories"], json!(["nucl-ex", "hep-ph"]));
    let authors = names(first);
    assert_eq!(authors.len(), 9);
    assert_eq!((authors[0], authors[8]), ("J. Arrington", "H. de Vries"));
    assert_eq!(
        first["links"],
        json!([
            { "kind": "arxiv", "url": "https://arxiv.org/abs/nucl-ex/0408020v1" },
            { "kind": "pdf", "url": "https://arxiv.org/pdf/nucl-ex/0408020v1" }
        ])
    );
    assert!(first["abstract"]
        .as_str()
        .unwrap()
        .starts_with("It has been suggested that two-photon exchange corrections"));
    let isis = by_arxiv(&works, "1309.4668v1");
    assert_eq!(isis["doi"], "10.5170/CERN-2013-002.237");
    assert_eq!(isis["venue"], Value::Null, "a journal ref is no venue");
    assert_eq!(isis["categories"], json!(["physics.acc-ph"]));
    assert_eq!(
        isis["authors"],
        json!([
            { "name": "A. Pertica", "affiliation": "Rutherford", "person": { "slug": "a-pertica", "orcid": null } },
            { "name": "S. J. Payne", "affiliation": "Rutherford", "person": { "slug": "s-j-payne", "orcid": null } }
        ])
    );
    let notes = isis["notes"].as_array().unwrap();
    assert!(notes.contains(&json!(
        "Journal reference: CERN Yellow Report CERN-2013-002, pp.237-240"
    )));
    assert!(notes[0]
        .as_str()
        .unwrap()
        .starts_with("4 pages, contribution to the Joint"));
}

#[test]
fn the_legacy_layout_reads_like_the_new_one_and_one_paper_in_both_is_one_work() {
    let s = TestServer::spawn();
    let files = [sample("arxiv/query.xml"), sample("arxiv/query-legacy.xml")];
    let (code, err) = import(&s, &[], &[&files[0], &files[1]]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(counts(&s), (19, 2), "1602.03411v1 is in both feeds");
    let (src, legacy) = source_works(&s, "arxiv-query-legacy");
    assert_eq!(src["seen"], "2025-08-20");
    let dft = by_arxiv(&legacy, "1706.01836v2");
    assert_eq!(
        dft["title"],
        "Development of a Practical Multicomponent Density Functional for Electron-Proton \
         Correlation to Produce Accurate Proton Densities"
    );
    assert_eq!(dft["doi"], "10.1063/1.4996038");
    assert_eq!(dft["date"], "2017-06-06");
    assert_eq!(dft["categories"], json!(["physics.chem-ph"]));
    assert_eq!(
        names(dft),
        [
            "Yang Yang",
            "Kurt R. Brorsen",
            "Tanner Culpitt",
            "Michael V. Pak",
            "Sharon Hammes-Schiffer"
        ]
    );
    assert!(dft["notes"].as_array().unwrap().contains(&json!(
        "Journal reference: The Journal of Chemical Physics 147, 114113 (2017)"
    )));
    assert_eq!(
        dft["links"],
        json!([
            { "kind": "arxiv", "url": "http://arxiv.org/abs/1706.01836v2" },
            { "kind": "pdf", "url": "http://arxiv.org/pdf/1706.01836v2" }
        ])
    );
    let prelc = by_arxiv(&legacy, "hep-ph/9411242v1");
    assert_eq!(prelc["authors"][0]["name"], "Raimo Vuopionperä");
    assert_eq!(prelc["authors"][0]["affiliation"], "SEFT, Univ. Helsinki");
    // The same paper in both layouts: the same values, the wrapped lines
    // of the legacy layout collapsed.
    let d = s.data(
        r#"{ works(filter: {text: "proton mirror instability"}, first: 5) { edges { node {
             arxivId abstract categories sources { key } statedBy { title abstract categories } } } } }"#,
        json!({}),
    );
    let mirror = &d["works"]["edges"][0]["node"];
    assert_eq!(mirror["arxivId"], "1602.03411v1");
    let keys: Vec<&str> = mirror["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys.len(), 2);
    assert!(keys.contains(&"arxiv-query") && keys.contains(&"arxiv-query-legacy"));
    let stated: Vec<&Value> = mirror["statedBy"].as_array().unwrap().iter().collect();
    assert_eq!(stated.len(), 2);
    assert_eq!(stated[0]["abstract"], stated[1]["abstract"]);
    assert_eq!(stated[0]["title"], stated[1]["title"]);
    assert_eq!(
        stated[0]["categories"],
        json!(["physics.plasm-ph", "physics.space-ph"])
    );
    assert_eq!(stated[0]["categories"], stated[1]["categories"]);
    assert!(mirror["abstract"]
        .as_str()
        .unwrap()
        .ends_with("significantly impact the evolution of the proton mirror instability."));
}

#[test]
fn a_recorded_feed_of_an_old_style_id_is_detected_and_read() {
    let s = TestServer::spawn();
    let recorded: Value = serde_json::from_str(
        &std::fs::read_to_string(format_file(
            "arxiv/id_astro-ph_0601001_s0_m100_3150dca9dc76.json",
        ))
        .unwrap(),
    )
    .unwrap();
    let file = write_file(
        &s,
        "astro-ph-0601001.xml",
        recorded["body"].as_str().unwrap(),
    );
    let (code, err) = import(&s, &[], &[&file]);
    assert_eq!(code, 0, "{err}");
    let (src, works) = source_works(&s, "arxiv-astro-ph-0601001");
    assert_eq!(src["notes"], json!([]), "the whole result");
    assert_eq!(works.len(), 1);
    let w = &works[0];
    assert_eq!(w["arxivId"], "astro-ph/0601001v1");
    assert_eq!(w["year"], 2006);
    assert_eq!(w["categories"], json!(["astro-ph"]));
    let affiliations: Vec<&Value> = w["authors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["affiliation"])
        .collect();
    assert_eq!(
        names(w),
        [
            "Andrew Gould",
            "Susan Dorsher",
            "B. Scott Gaudi",
            "Andrzej Udalski"
        ]
    );
    assert_eq!(
        affiliations,
        [
            "Ohio State",
            "Ohio State",
            "CfA",
            "Warsaw University Observatory"
        ]
    );
    assert_eq!(w["notes"][1], "Journal reference: ActaAstron.56:1-50,2006");
    assert_eq!(
        w["links"][1]["url"],
        "https://arxiv.org/pdf/astro-ph/0601001v1"
    );
    assert!(w["abstract"]
        .as_str()
        .unwrap()
        .contains("Gould & Morgan (2003)"));
}

#[test]
fn an_empty_feed_imports_nothing_and_says_so() {
    let s = TestServer::with_seeds();
    let before = counts(&s);
    let (code, err) = import(&s, &[], &[&sample("arxiv/query_empty.xml")]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("query_empty.xml states nothing: nothing imported"),
        "{err}"
    );
    assert_eq!(counts(&s), before);
}

#[test]
fn a_seed_work_arriving_again_from_arxiv_merges_by_its_id_of_another_version() {
    let s = TestServer::with_seeds();
    let before = counts(&s);
    // The seed CV gives 2009.06125 without a version; arXiv's second
    // version carries a new title, so only the id can match it.
    let feed = r#"<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
  <entry>
    <id>http://arxiv.org/abs/2009.06125v2</id>
    <published>2020-09-14T01:02:03Z</published>
    <title>Adaptive gradient   methods,
      qualitatively</title>
    <summary>We study adaptive gradient algorithms.</summary>
    <author><name>Chao Ma</name></author>
    <author><name>Lei Wu</name><arxiv:affiliation>Princeton</arxiv:affiliation></author>
    <author><name>Weinan E</name></author>
    <arxiv:primary_category term="cs.LG"/>
    <category term="cs.LG"/><category term="stat.ML"/><category term="I.2.6"/>
  </entry>
</feed>"#;
    let file = write_file(&s, "seed.xml", feed);
    let (code, err) = import(&s, &[], &[&file]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(counts(&s), (before.0, before.1 + 1), "merged, not added");
    let (_, works) = source_works(&s, "arxiv-seed");
    let w = &works[0];
    assert_eq!(
        w["arxivId"], "2009.06125v2",
        "arXiv outranks a CV for identifiers"
    );
    assert_eq!(w["title"], "Adaptive gradient methods, qualitatively");
    assert_eq!(
        w["categories"],
        json!(["cs.LG", "stat.ML"]),
        "an ACM class is dropped"
    );
    let slugs: Vec<&Value> = w["authors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["person"]["slug"])
        .collect();
    assert_eq!(slugs, ["chao-ma", "lei-wu", "weinan-e"]);
    let d = s.data(
        r#"{ works(filter: {source: "arxiv-seed"}) { edges { node { sources { key } } } } }"#,
        json!({}),
    );
    assert_eq!(
        d["works"]["edges"][0]["node"]["sources"],
        json!([{ "key": "arxiv-seed" }, { "key": "seed-004-lei-wu-cv" }])
    );
}

/// Imports each (file name, text) and expects exit 2 with `want` in the
/// message; then that nothing was written.
fn refused(s: &TestServer, cases: &[(&str, Vec<u8>, &str)], format: &str) {
    let before = counts(s);
    for (name, bytes, want) in cases {
        let path = s.db.with_file_name(name);
        std::fs::write(&path, bytes).unwrap();
        let (code, err) = import(s, &["--format", format], &[&path.display().to_string()]);
        assert_eq!(code, 2, "{name}: {err}");
        assert!(err.contains(want), "{name}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    assert_eq!(counts(s), before, "nothing written");
}

#[test]
fn bad_arxiv_feeds_are_refused_and_nothing_is_written() {
    let s = TestServer::with_seeds();
    let full = std::fs::read(format_file("arxiv/query.xml")).unwrap();
    let mut latin1 = br#"<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/2101.00001v1</id><title>Caf"#.to_vec();
    latin1.extend(b"\xe9</title></entry></feed>");
    let untitled = r#"<feed xmlns="http://www.w3.org/2005/Atom">
      <entry><id>http://arxiv.org/abs/2101.00001v1</id><title>Fine</title></entry>
      <entry><id>http://arxiv.org/abs/2101.00002v1</id><title>  </title></entry></feed>"#;
    let api_error = r#"<feed xmlns="http://www.w3.org/2005/Atom"><entry>
      <id>http://arxiv.org/api/errors#incorrect_id_format_for_1234</id><title>Error</title>
      <summary>incorrect id format for 1234</summary></entry></feed>"#;
    let mut big = b"<feed xmlns=\"http://www.w3.org/2005/Atom\">".to_vec();
    big.resize(20 * 1024 * 1024, b' ');
    let cases = [
        (
            "truncated.xml",
            full[..full.len() / 2].to_vec(),
            "not an arXiv Atom feed",
        ),
        ("latin1.xml", latin1, "cannot read the file"),
        (
            "untitled.xml",
            untitled.as_bytes().to_vec(),
            "entry 2 (http://arxiv.org/abs/2101.00002v1): has no title",
        ),
        (
            "error.xml",
            api_error.as_bytes().to_vec(),
            "the arXiv API answered an error: incorrect id format for 1234",
        ),
        ("big.xml", big, "reads at most 16 MiB"),
    ];
    refused(&s, &cases, "arxiv");
}

#[test]
fn an_openalex_work_imports_with_authors_in_order_and_its_identifiers() {
    let s = TestServer::spawn();
    let (code, err) = import(&s, &[], &[&sample("openalex/W2741809807.json")]);
    assert_eq!(code, 0, "{err}");
    let (src, works) = source_works(&s, "openalex-w2741809807");
    // Again with a byte-order mark, as Windows tools save: the same work.
    let mut bom = "\u{feff}".to_string();
    bom.push_str(&std::fs::read_to_string(format_file("openalex/W2741809807.json")).unwrap());
    let file = write_file(&s, "W2741809807-bom.json", &bom);
    let (code, err) = import(&s, &[], &[&file]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(counts(&s), (1, 2));
    assert_eq!(src["kind"], "paper_index");
    let w = &works[0];
    assert_eq!(
        w["title"],
        "The state of OA: a large-scale analysis of the prevalence and impact of Open Access articles"
    );
    assert_eq!(w["kind"], "JOURNAL_ARTICLE");
    assert_eq!(
        (w["venue"].clone(), w["volume"].clone()),
        (json!("PeerJ"), json!("6"))
    );
    assert_eq!(
        (w["issue"].clone(), w["pages"].clone()),
        (Value::Null, json!("e4375"))
    );
    assert_eq!(
        (w["year"].clone(), w["date"].clone()),
        (json!(2018), json!("2018-02-13"))
    );
    assert_eq!(w["doi"], "10.7717/peerj.4375");
    assert_eq!(w["arxivId"], Value::Null);
    assert!(w["abstract"].as_str().unwrap().starts_with(
        "Despite growing interest in Open Access (OA) to scholarly literature, there is an unmet need"
    ));
    assert_eq!(
        w["links"],
        json!([
            { "kind": "openalex", "url": "https://openalex.org/W2741809807" },
            { "kind": "pdf", "url": "https://peerj.com/articles/4375.pdf" }
        ])
    );
    assert_eq!(
        names(w),
        [
            "Heather Piwowar",
            "Jason Priem",
            "Vincent Larivière",
            "Juan Pablo Alperin",
            "Lisa Matthias",
            "Bree Norlander",
            "Ashley Farley",
            "Jevin West",
            "Stefanie Haustein"
        ]
    );
    let a = &w["authors"];
    assert_eq!(
        a[0]["affiliation"],
        "Impact Technology Development (United States)"
    );
    assert_eq!(
        a[2]["affiliation"],
        "Université de Montréal; Université du Québec à Montréal"
    );
    // Printed "Jevin West"; OpenAlex knows him by ORCID as "Jevin D. West".
    assert_eq!(
        a[7]["person"],
        json!({ "slug": "jevin-d-west", "orcid": "0000-0002-4118-0322" })
    );
}

#[test]
fn an_openalex_author_states_the_person_and_meets_their_work_by_orcid() {
    let s = TestServer::spawn();
    let files = [
        sample("openalex/W2741809807.json"),
        sample("openalex/A5023888391.json"),
    ];
    let (code, err) = import(&s, &[], &[&files[0], &files[1]]);
    assert_eq!(code, 0, "{err}");
    let d = s.data(
        r#"{ person(slug: "jason-priem") { name orcid aliases interests
             sources { key } works { totalCount } }
             organization(slug: "ourresearch") { name kind } }"#,
        json!({}),
    );
    let p = &d["person"];
    assert_eq!(p["name"], "Jason Priem");
    assert_eq!(p["orcid"], "0000-0001-6187-6610");
    assert!(p["aliases"]
        .as_array()
        .unwrap()
        .contains(&json!("Priem Jason")));
    assert_eq!(
        p["interests"][0],
        "scientometrics and bibliometrics research"
    );
    assert_eq!(p["works"]["totalCount"], 1, "one person, by ORCID");
    assert_eq!(
        p["sources"],
        json!([{ "key": "openalex-a5023888391" }, { "key": "openalex-w2741809807" }])
    );
    assert_eq!(
        d["organization"],
        json!({ "name": "OurResearch", "kind": "OTHER" })
    );
    let st = s.data(
        r#"{ source(key: "openalex-a5023888391") { works { totalCount } } }"#,
        json!({}),
    );
    assert_eq!(
        st["source"]["works"]["totalCount"], 0,
        "an author file states no works"
    );
}

#[test]
fn a_seed_work_arriving_again_from_an_openalex_page_merges_by_title() {
    let s = TestServer::with_seeds();
    let before = counts(&s);
    let page = json!({ "meta": { "count": 1 }, "results": [{
        "id": "https://openalex.org/W3087012345",
        "doi": "https://doi.org/10.48550/arxiv.2009.06125",
        "title": "A qualitative study of the dynamic behavior of adaptive gradient algorithms",
        "publication_year": 2020,
        "type": "preprint",
        "primary_location": { "source": { "display_name": "arXiv (Cornell University)", "type": "repository" } },
        "authorships": [
            { "raw_author_name": "Chao Ma", "author": { "display_name": "Chao Ma" } },
            { "raw_author_name": "Lei Wu", "author": { "display_name": "Lei Wu" } }
        ]
    }]});
    let file = write_file(&s, "page.json", &page.to_string());
    let (code, err) = import(&s, &[], &[&file]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(counts(&s), (before.0, before.1 + 1), "merged, not added");
    let (_, works) = source_works(&s, "openalex-page");
    let w = &works[0];
    assert_eq!(w["doi"], "10.48550/arxiv.2009.06125");
    assert_eq!(w["arxivId"], "2009.06125", "the seed's id stays");
    assert_eq!(w["venue"], "arXiv preprint", "a repository is no venue");
    let d = s.data(
        r#"{ works(filter: {source: "openalex-page"}) { edges { node { sources { key } } } } }"#,
        json!({}),
    );
    assert_eq!(
        d["works"]["edges"][0]["node"]["sources"],
        json!([{ "key": "openalex-page" }, { "key": "seed-004-lei-wu-cv" }])
    );
}

#[test]
fn bad_openalex_files_are_refused_and_nothing_is_written() {
    let s = TestServer::with_seeds();
    let full = std::fs::read(format_file("openalex/W2741809807.json")).unwrap();
    let untitled = json!({ "results": [
        { "id": "https://openalex.org/W1", "title": "Fine" },
        { "id": "https://openalex.org/W2", "title": null }
    ]});
    let mut big = b"{\"id\": \"https://openalex.org/W1\", \"title\": \"".to_vec();
    big.resize(20 * 1024 * 1024, b'a');
    big.extend(b"\"}");
    let cases = [
        (
            "truncated.json",
            full[..full.len() / 2].to_vec(),
            "not OpenAlex JSON",
        ),
        (
            "untitled.json",
            untitled.to_string().into_bytes(),
            "result 2 (https://openalex.org/W2): has no title",
        ),
        (
            "other.json",
            json!({ "id": "https://example.org/1" })
                .to_string()
                .into_bytes(),
            "is no OpenAlex work or author",
        ),
        (
            "typed.json",
            json!({ "id": "https://openalex.org/W1", "title": 5 })
                .to_string()
                .into_bytes(),
            "invalid type",
        ),
        (
            "latin1.json",
            b"{\"id\": \"https://openalex.org/W1\", \"title\": \"Caf\xe9\"}".to_vec(),
            "cannot read the file",
        ),
        ("big.json", big, "reads at most 16 MiB"),
    ];
    refused(&s, &cases, "openalex");
}

#[test]
fn an_openalex_work_in_a_persons_list_names_them_as_its_author() {
    let s = TestServer::with_seeds();
    let work = json!({
        "id": "https://openalex.org/W1234",
        "title": "A Paper Lei Wu Indexed Elsewhere",
        "type": "article",
        "publication_year": 2021,
        "authorships": [
            { "raw_author_name": "Lei Wu",
              "author": { "id": "https://openalex.org/A99", "display_name": "Lei Wu",
                          "orcid": "https://orcid.org/0000-0002-1825-0097" } },
            { "raw_author_name": "Ann Other", "author": { "display_name": "Ann Other" } }
        ]
    });
    let file = write_file(&s, "W1234.json", &work.to_string());
    let (code, err) = import(&s, &["--person", "lei-wu"], &[&file]);
    assert_eq!(code, 0, "{err}");
    let d = s.data(
        r#"{ person(slug: "lei-wu") { works(first: 5, filter: {source: "openalex-w1234"}) {
             edges { relation node { authors { name person { slug } }
               statedBy(source: "openalex-w1234") { listedUnder { slug } } } } } } }"#,
        json!({}),
    );
    let edges = &d["person"]["works"]["edges"];
    assert_eq!(edges.as_array().unwrap().len(), 1);
    assert_eq!(edges[0]["relation"], "AUTHOR", "an author, not only listed");
    assert_eq!(edges[0]["node"]["authors"][0]["person"]["slug"], "lei-wu");
    assert_eq!(
        edges[0]["node"]["statedBy"][0]["listedUnder"],
        Value::Null,
        "the file names her; it does not merely list the work under her"
    );
}
