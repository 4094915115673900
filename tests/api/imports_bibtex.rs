//! BibTeX and RIS imports (issue 10): the real BibTeX samples of
//! `tests/formats/bibtex/` (macros, accents, crossrefs), seed works merging
//! instead of duplicating, bad files refused with nothing written, and both
//! formats round-tripping through a fresh store.

use biblatex::{Bibliography, ChunksExt, RawBibliography};
use serde_json::{json, Value};

use crate::exports::cli_person;
use crate::helpers::{format_file, vitae, TestServer};
use crate::imports::{import, write_file};

fn total_works(s: &TestServer) -> u64 {
    s.data("{ works { totalCount } }", json!({}))["works"]["totalCount"]
        .as_u64()
        .unwrap()
}

/// The works a source states: title → node.
fn works_of(s: &TestServer, source: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut after = Value::Null;
    for _ in 0..10 {
        let d = s.data(
            r#"query($s: String!, $after: String) {
                 works(first: 100, after: $after, filter: {source: $s}) {
                 pageInfo { hasNextPage endCursor }
                 edges { node { title kind venue year pages doi arxivId authorsTruncated
                                notes authors { name } } } } }"#,
            json!({ "s": source, "after": after }),
        );
        let works = &d["works"];
        out.extend(
            works["edges"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["node"].clone()),
        );
        if works["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = works["pageInfo"]["endCursor"].clone();
    }
    out
}

fn titled<'a>(works: &'a [Value], start: &str) -> &'a Value {
    works
        .iter()
        .find(|w| w["title"].as_str().unwrap().starts_with(start))
        .unwrap_or_else(|| panic!("no work {start}"))
}

fn names(w: &Value) -> Vec<&str> {
    w["authors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect()
}

#[test]
fn bibtex_samples_import_with_macros_accents_and_crossrefs() {
    let s = TestServer::spawn();
    let files: Vec<String> = ["polaritons.bib", "rass.bib", "features2.bib"]
        .iter()
        .map(|f| format_file(&format!("bibtex/{f}")).display().to_string())
        .collect();
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    let (code, err) = import(&s, &[], &args);
    assert_eq!(code, 0, "{err}");

    let pol = works_of(&s, "bibtex-polaritons");
    assert_eq!(pol.len(), 38);
    let w = pol
        .iter()
        .find(|w| names(w).first() == Some(&"Marc Aßmann"))
        .expect("A{\\ss}mann read as Aßmann");
    assert_eq!(names(w)[5], "Andreas Löffler");
    assert_eq!(names(w)[4], "Arash Rahimi-Iman");

    let rass = works_of(&s, "bibtex-rass");
    assert_eq!(rass.len(), 22);
    let net = titled(&rass, "At-scale impact of the Net Wok");
    assert_eq!(net["kind"], "JOURNAL_ARTICLE");
    assert_eq!(net["venue"], "Armenian Journal of Proceedings");
    assert_eq!(net["year"], 2020);
    assert_eq!(net["pages"], "192-219");
    assert_eq!(names(net), ["Rick Astley", "Linda Morris"]);
    assert!(rass.iter().any(|w| names(w).contains(&"David Mazières")));

    // @string macros, concatenated and named in another case.
    let feat = works_of(&s, "bibtex-features2");
    assert_eq!(feat.len(), 1);
    assert_eq!(feat[0]["title"], "Cool Stuff");
    assert_eq!(feat[0]["venue"], "My International Conference");
    assert_eq!(feat[0]["kind"], "CONFERENCE_PAPER");
    assert_eq!(feat[0]["pages"], "1-10");
    assert_eq!(names(&feat[0]), ["John Doe"]);
    assert_eq!(feat[0]["notes"], json!(["Email: John.Doe@example.com"]));
}

#[test]
fn biber_examples_name_the_first_untitled_entry_and_import_without_them() {
    let s = TestServer::spawn();
    let file = format_file("bibtex/biber-examples.bib");
    let (code, err) = import(&s, &[], &[&file.display().to_string()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("entry 99 (alias1): has no title"), "{err}");
    assert_eq!(total_works(&s), 0, "nothing was written");

    // The same file without its untitled test entries (cut out by the
    // crate's own raw parse).
    let text = std::fs::read_to_string(&file).unwrap();
    let raw = RawBibliography::parse(&text).unwrap();
    let mut cut: Vec<std::ops::Range<usize>> = raw
        .entries
        .iter()
        .filter(|e| {
            let set = e.v.kind.v.eq_ignore_ascii_case("set");
            !set && !e
                .v
                .fields
                .iter()
                .any(|f| f.key.v.eq_ignore_ascii_case("title"))
        })
        .map(|e| e.span.clone())
        .collect();
    cut.sort_by_key(|r| std::cmp::Reverse(r.start));
    let mut titled_only = text.clone();
    for r in &cut {
        titled_only.replace_range(r.clone(), "");
    }
    let bib = Bibliography::parse(&titled_only).unwrap();
    let titles: std::collections::HashSet<String> = bib
        .iter()
        .filter(|e| e.entry_type.to_string() != "set")
        .map(|e| e.title().unwrap().format_verbatim().to_lowercase())
        .collect();
    let path = write_file(&s, "biber-examples.bib", &titled_only);
    let (code, err) = import(&s, &[], &[&path]);
    assert_eq!(code, 0, "{err}");
    let works = works_of(&s, "bibtex-biber-examples");
    // Sets are no works, and entries of one title are one work (biber's
    // test entries repeat "A title"; the merge also folds case, accents
    // and punctuation): 85 distinct titles, 81 works.
    assert_eq!(titles.len(), 85);
    assert_eq!(works.len(), 81);
    // crossref: the collection's title is the chapter's booktitle, its year
    // the chapter's.
    let space = titled(&works, "The True Frontier");
    assert_eq!(space["kind"], "CHAPTER");
    assert_eq!(space["venue"], "Space and Beyond");
    assert_eq!(space["year"], 2000);
    assert_eq!(names(space), ["Gary Westfahl"]);
    // A macro (`jchph`) and an accent in one entry.
    let k = titled(&works, "Computation of methodology");
    assert_eq!(names(k), ["M. A. Kastenholz", "Philippe H. Hünenberger"]);
    assert!(k["venue"].as_str().unwrap().contains("Chem. Phys."), "{k}");
}

#[test]
fn a_seed_work_arriving_again_from_bibtex_or_ris_merges_and_gains_the_source() {
    let s = TestServer::with_seeds();
    let before = total_works(&s);
    for (format, ext) in [("bibtex", "bib"), ("ris", "ris")] {
        let text = cli_person(&s, "lei-wu", format);
        let file = write_file(&s, &format!("lei-wu.{ext}"), &text);
        let (code, err) = import(&s, &["--person", "lei-wu"], &[&file]);
        assert_eq!(code, 0, "{format}: {err}");
        assert_eq!(total_works(&s), before, "{format}: no work is duplicated");
        let d = s.data(
            r#"{ person(slug: "lei-wu") { works(relation: AUTHOR, first: 100) { totalCount
                 edges { node { sources { key } } } } } }"#,
            json!({}),
        );
        let works = &d["person"]["works"];
        assert_eq!(works["totalCount"], 19, "{format}");
        let key = format!("{format}-lei-wu");
        for e in works["edges"].as_array().unwrap() {
            let keys: Vec<&str> = e["node"]["sources"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["key"].as_str().unwrap())
                .collect();
            assert!(keys.contains(&key.as_str()), "{keys:?}");
        }
    }
}

#[test]
fn bad_bibtex_and_ris_files_are_refused_with_their_place_and_nothing_is_written() {
    let s = TestServer::with_seeds();
    let before = total_works(&s);
    let big = format!("@misc{{a, title = {{{}}}}}\n", "x".repeat(20 * 1024 * 1024));
    let cases = [
        (
            "truncated.bib",
            "@article{a, title = {Fine}}\n@article{b, title = {Cut off".to_string(),
            "truncated.bib: line 2: not BibTeX",
        ),
        (
            "untitled.bib",
            "@article{a, title = {Fine}}\n@book{b, author = {Ann Other}}".to_string(),
            "entry 2 (b): has no title",
        ),
        ("big.bib", big, "reads at most 16 MiB"),
        (
            "loop.bib",
            "@book{a, title = {A}, crossref = {b}}\n@book{b, title = {B}, crossref = {a}}".to_string(),
            "entry a: its crossref or xdata chain loops",
        ),
        ("empty.bib", "% only a comment".to_string(), "holds no BibTeX entry"),
        (
            "untitled.ris",
            "TY  - JOUR\r\nTI  - Fine\r\nER  - \r\n\r\nTY  - JOUR\r\nID  - b\r\nAU  - Other, Ann\r\nER  - \r\n"
                .to_string(),
            "record 2 (b): has no title",
        ),
        ("garbage.ris", "this is no RIS".to_string(), "not RIS"),
    ];
    for (name, text, want) in &cases {
        let file = write_file(&s, name, text);
        let (code, err) = import(&s, &[], &[&file]);
        assert_eq!(code, 2, "{name}: {err}");
        assert!(err.contains(want), "{name}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    let latin1 = s.db.with_file_name("latin1.bib");
    std::fs::write(&latin1, b"@misc{a, title = {Caf\xe9}}").unwrap();
    let (code, err) = import(&s, &[], &[&latin1.display().to_string()]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read the file"), "{err}");
    assert_eq!(total_works(&s), before);
    let d = s.data("{ sources { key } }", json!({}));
    assert_eq!(
        d["sources"].as_array().unwrap().len(),
        5,
        "no source was added"
    );
}

/// `format`'s export of qi-lei, imported into a fresh store, exported again
/// as all works: the same entries, compared by citation key.
fn round_trip(format: &str, ext: &str) -> (String, String) {
    let seeded = TestServer::with_seeds();
    let first = cli_person(&seeded, "qi-lei", format);
    let fresh = TestServer::spawn();
    let file = write_file(&fresh, &format!("qi-lei.{ext}"), &first);
    let (code, err) = import(&fresh, &[], &[&file]);
    assert_eq!(code, 0, "{err}");
    let db = fresh.db.display().to_string();
    let (code, again, err) = vitae(&["--db", &db, "export", "--works", "--format", format]);
    assert_eq!(code, 0, "{err}");
    (first, again)
}

/// Entries of a BibTeX or RIS text by their key, each as its lines.
fn by_key(text: &str, sep: &str, key_of: impl Fn(&str) -> Option<String>) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = text
        .split(sep)
        .filter(|e| !e.trim().is_empty())
        .filter_map(|e| Some((key_of(e)?, e.trim().to_string())))
        .collect();
    out.sort();
    out
}

#[test]
fn bibtex_round_trips_through_a_fresh_store() {
    let (first, again) = round_trip("bibtex", "bib");
    let key = |e: &str| {
        let e = e.trim();
        // Patents are career facts: `export --works` has none of them.
        (!e.starts_with("@patent")).then(|| {
            e.split_once('{')
                .unwrap()
                .1
                .split_once(',')
                .unwrap()
                .0
                .to_string()
        })
    };
    let (a, b) = (by_key(&first, "\n\n", key), by_key(&again, "\n\n", key));
    assert_eq!(a.len(), 63);
    assert_eq!(b.len(), 63);
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y);
    }
    let bib = Bibliography::parse(&again).unwrap();
    assert_eq!(bib.len(), 63);
}

#[test]
fn ris_round_trips_through_a_fresh_store() {
    let (first, again) = round_trip("ris", "ris");
    let key = |e: &str| {
        e.lines()
            .find_map(|l| l.strip_prefix("ID  - "))
            .map(|k| k.trim().to_string())
    };
    let (a, b) = (
        by_key(&first, "\r\n\r\n", key),
        by_key(&again, "\r\n\r\n", key),
    );
    assert_eq!(a.len(), 63);
    assert_eq!(b.len(), 63);
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y);
    }
}
