//! Exports for people and documents (issue 10): formatted references (APA,
//! IEEE, Chicago author-date, as text and HTML, rendered by hayagriva), the
//! Markdown CV, CSV of works and of a career, and schema.org JSON-LD. Each
//! is read back by a real parser of its format (quick-xml for the HTML,
//! pulldown-cmark for Markdown, the `csv` crate, serde_json) with concrete
//! values of the seeds asserted.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use quick_xml::events::Event as XmlEvent;
use serde_json::{json, Value};

use crate::exports::{cli_person, gql_person, http_person};
use crate::helpers::TestServer;

const SEED_PEOPLE: [(&str, usize); 2] = [("qi-lei", 63), ("lei-wu", 19)];

/// The thesis and an AISTATS paper of Qi Lei in each style.
const QI_LEI_REFERENCES: [(&str, [&str; 2]); 3] = [
    (
        "apa",
        [
            "Lei, Q. (2020). Provably effective algorithms for min-max optimization.",
            "Liu, S., Wang, Z., Chen, Y., & Lei, Q. (2024, February 13). Data Reconstruction Attacks and Defenses: A Systematic Evaluation. AISTATS.",
        ],
    ),
    (
        "ieee",
        [
            "Q. Lei, “Provably effective algorithms for min-max optimization,” 2020.",
            "S. Liu, Z. Wang, Y. Chen, and Q. Lei, “Data Reconstruction Attacks and Defenses: A Systematic Evaluation,” in AISTATS, Feb. 2024.",
        ],
    ),
    (
        "chicago-author-date",
        [
            "Lei, Qi. 2020. “Provably effective algorithms for min-max optimization.”",
            "Liu, Sheng, Zihan Wang, Yuxiao Chen, and Qi Lei. 2024. “Data Reconstruction Attacks and Defenses: A Systematic Evaluation.”",
        ],
    ),
];

#[test]
fn references_render_each_authored_work_once_in_each_style() {
    let s = TestServer::with_seeds();
    for (style, want) in QI_LEI_REFERENCES {
        let text = cli_person(&s, "qi-lei", style);
        for w in want {
            assert!(
                text.lines().any(|l| l.contains(w)),
                "{style}: no line with {w}\n{text}"
            );
        }
    }
    for (slug, authored) in SEED_PEOPLE {
        for style in ["apa", "ieee", "chicago-author-date"] {
            let text = cli_person(&s, slug, style);
            let lines: Vec<&str> = text.lines().collect();
            assert_eq!(lines.len(), authored, "{slug} {style}: one line per work");
            assert!(lines.iter().all(|l| !l.trim().is_empty()), "{slug} {style}");
        }
        // IEEE numbers the references in the order given: newest first.
        let ieee = cli_person(&s, slug, "ieee");
        for (n, line) in ieee.lines().enumerate() {
            assert!(line.starts_with(&format!("[{}] ", n + 1)), "{line}");
        }
    }
    // Every author, even where in-text citations would need telling apart.
    let apa = cli_person(&s, "qi-lei", "apa");
    assert!(
        apa.contains("Lei, Q., Nagarajan, S. G., Panageas, I., & Wang, X. (2020). Last iterate"),
        "{apa}"
    );
    assert!(
        !apa.contains("(2021a)"),
        "no year suffixes: nothing cites them"
    );
    let wu = cli_person(&s, "lei-wu", "apa");
    assert!(
        wu.contains("Wu, L., & Zhu, Z. (2020"),
        "authors in order: {wu}"
    );
    // The same bytes three ways.
    let cli = cli_person(&s, "qi-lei", "apa");
    assert_eq!(cli, http_person(&s, "qi-lei", "apa.txt", "text/plain"));
    assert_eq!(cli, gql_person(&s, "qi-lei", "APA"));
    let cli = cli_person(&s, "lei-wu", "chicago-author-date-html");
    assert_eq!(
        cli,
        http_person(&s, "lei-wu", "chicago-author-date.html", "text/html")
    );
    assert_eq!(cli, gql_person(&s, "lei-wu", "CHICAGO_AUTHOR_DATE_HTML"));
}

/// The text of each `<li>` of an HTML document, read by an XML parser (the
/// export is well-formed XHTML), and the tags seen.
fn html_items(html: &str) -> (Vec<String>, Vec<String>) {
    let mut reader = quick_xml::Reader::from_str(html);
    let mut items = Vec::new();
    let mut tags = Vec::new();
    let mut depth = 0;
    loop {
        match reader.read_event().unwrap() {
            XmlEvent::Start(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref().as_bytes()).into_owned();
                if name == "li" {
                    items.push(String::new());
                    depth += 1;
                }
                tags.push(name);
            }
            XmlEvent::End(e) if e.name().as_ref().as_bytes() == b"li" => depth -= 1,
            XmlEvent::Text(t) if depth > 0 => {
                items.last_mut().unwrap().push_str(&t.xml10_content());
            }
            XmlEvent::GeneralRef(r) if depth > 0 => {
                let name = r.as_ref().to_string();
                let c = match name.as_str() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unknown entity {other}"),
                };
                items.last_mut().unwrap().push_str(c);
            }
            XmlEvent::Eof => break,
            _ => {}
        }
    }
    (items, tags)
}

#[test]
fn html_references_are_a_list_with_one_item_per_work() {
    let s = TestServer::with_seeds();
    for (slug, authored) in SEED_PEOPLE {
        for (format, list) in [
            ("apa-html", "ul"),
            ("ieee-html", "ol"),
            ("chicago-author-date-html", "ul"),
        ] {
            let html = cli_person(&s, slug, format);
            let (items, tags) = html_items(&html);
            assert_eq!(items.len(), authored, "{slug} {format}");
            assert!(tags.contains(&list.to_string()), "{format}: {tags:?}");
            assert!(
                tags.contains(&"i".to_string()),
                "{format}: venues in italics"
            );
        }
    }
    let (items, _) = html_items(&cli_person(&s, "qi-lei", "apa-html"));
    let text = cli_person(&s, "qi-lei", "apa");
    let plain: Vec<&str> = text.lines().collect();
    assert_eq!(items, plain, "the HTML holds the text's references");
    assert!(items
        .iter()
        .any(|i| i.starts_with("Liu, S., Wang, Z., Chen, Y., & Lei, Q. (2024")));
}

#[test]
fn text_x_bibliography_answers_in_the_style_asked_for() {
    let s = TestServer::with_seeds();
    for (accept, format) in [
        ("text/x-bibliography", "apa"),
        ("text/x-bibliography; style=apa", "apa"),
        ("text/x-bibliography; style=ieee", "ieee"),
        (
            "text/x-bibliography; style=chicago-author-date",
            "chicago-author-date",
        ),
    ] {
        let (status, headers, body) = s.fetch("/people/qi-lei", Some(accept));
        assert_eq!(status, 200, "{accept}: {body}");
        assert!(headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain"));
        assert_eq!(body, cli_person(&s, "qi-lei", format), "{accept}");
    }
    let (status, _, body) = s.fetch("/people/qi-lei", Some("text/x-bibliography; style=mla"));
    assert_eq!(status, 406, "{body}");
    assert!(body.contains("text/x-bibliography; style=ieee"), "{body}");

    let d = s.data(
        r#"{ works(first: 1, filter: {text: "Provably effective algorithms min-max"}) { edges { node { id } } } }"#,
        json!({}),
    );
    let id = d["works"]["edges"][0]["node"]["id"].as_str().unwrap();
    let (status, _, body) = s.fetch(
        &format!("/works/{id}"),
        Some("text/x-bibliography; style=ieee"),
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body,
        "[1] Q. Lei, “Provably effective algorithms for min-max optimization,” 2020.\n"
    );
}

/// The headings of a Markdown document and the texts it sets in bold.
fn markdown_parts(md: &str) -> (Vec<(HeadingLevel, String)>, Vec<String>) {
    let mut headings = Vec::new();
    let mut strong = Vec::new();
    let mut in_heading: Option<HeadingLevel> = None;
    let mut in_strong = false;
    let mut text = String::new();
    for event in Parser::new(md) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                in_heading = Some(level);
                text.clear();
            }
            Event::End(TagEnd::Heading(_)) => {
                headings.push((in_heading.take().unwrap(), text.clone()));
            }
            Event::Start(Tag::Strong) => {
                in_strong = true;
                text.clear();
            }
            Event::End(TagEnd::Strong) => {
                in_strong = false;
                strong.push(text.clone());
            }
            Event::Text(t) if in_heading.is_some() || in_strong => text.push_str(&t),
            _ => {}
        }
    }
    (headings, strong)
}

#[test]
fn the_markdown_cv_has_the_sections_of_a_cv() {
    let s = TestServer::with_seeds();
    let md = cli_person(&s, "qi-lei", "markdown");
    assert_eq!(md, http_person(&s, "qi-lei", "md", "text/markdown"));
    assert_eq!(md, gql_person(&s, "qi-lei", "MARKDOWN"));
    let (headings, strong) = markdown_parts(&md);
    let h2: Vec<&str> = headings
        .iter()
        .filter(|(l, _)| *l == HeadingLevel::H2)
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(
        h2,
        [
            "Research interests",
            "Experience",
            "Education",
            "Grants and awards",
            "Publications",
            "Patents",
            "Teaching",
            "Service"
        ]
    );
    assert_eq!(headings[0], (HeadingLevel::H1, "Qi Lei".to_string()));
    assert!(headings.contains(&(HeadingLevel::H3, "Conference papers".to_string())));
    // Her name is bold in each of her works, and in her patents.
    assert_eq!(
        strong.iter().filter(|t| *t == "Qi Lei").count(),
        63,
        "{strong:?}"
    );
    assert!(strong.iter().any(|t| t == "Q. Lei"), "patents: {strong:?}");
    let dra = md
        .lines()
        .find(|l| l.contains("Data Reconstruction Attacks"))
        .unwrap();
    assert!(
        dra.contains("Sheng Liu, Zihan Wang, Yuxiao Chen, **Qi Lei**"),
        "{dra}"
    );
    let grant = md.lines().find(|l| l.contains("Energy Earthshot")).unwrap();
    assert!(grant.contains("3.97M"), "{grant}");
    assert!(grant.contains("Role: Co-PI"), "{grant}");
    let phd = md.lines().find(|l| l.starts_with("- **Ph.D.**")).unwrap();
    assert!(
        phd.contains("Advisors: Alexandros G. Dimakis, Inderjit S. Dhillon"),
        "{phd}"
    );
    assert!(phd.contains("Thesis: *Provably effective algorithms for min-max optimization*"));
    assert!(md.contains("(Best Paper Honorable Mention)"), "notes");
}

#[test]
fn lei_wus_markdown_cv_lists_every_presentation_and_equal_contributions() {
    let s = TestServer::with_seeds();
    let md = cli_person(&s, "lei-wu", "markdown");
    let (headings, strong) = markdown_parts(&md);
    assert!(headings.contains(&(HeadingLevel::H2, "Talks".to_string())));
    assert_eq!(strong.iter().filter(|t| *t == "Lei Wu").count(), 19);
    let talks = &md[md.find("## Talks").unwrap()..md.find("## Service").unwrap()];
    assert!(talks.contains(
        "- “A priori estimates of generalization error for two-layer and residual Networks”\n  - Machine Learning Theory Workshop, Peking University, Beijing, Jun 2019\n  - Noah's Ark Lab, Beijing, Jul 2019\n"
    ), "{talks}");
    assert!(
        talks.contains("  - One World ML Seminar, Aug 2020, virtual\n"),
        "{talks}"
    );
    assert_eq!(talks.matches("\n  - ").count(), 5, "{talks}");
    assert!(md.contains("\\* equal contribution"));
    assert!(
        md.contains("Chao Ma\\*, **Lei Wu**\\*, Weinan E. “The slow deterioration"),
        "equal contributors are marked"
    );
}

fn read_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn csv_of_works_and_of_a_career_reads_back() {
    let s = TestServer::with_seeds();
    for (slug, authored) in SEED_PEOPLE {
        let text = cli_person(&s, slug, "csv-works");
        let (header, rows) = read_csv(&text);
        assert_eq!(
            header,
            [
                "title", "kind", "year", "date", "venue", "authors", "doi", "arxiv_id", "url",
                "notes"
            ]
        );
        assert_eq!(rows.len(), authored, "{slug}");
    }
    let text = cli_person(&s, "qi-lei", "csv-works");
    assert_eq!(text, http_person(&s, "qi-lei", "works.csv", "text/csv"));
    assert_eq!(text, gql_person(&s, "qi-lei", "CSV_WORKS"));
    let (_, rows) = read_csv(&text);
    let dra = rows
        .iter()
        .find(|r| r[0].starts_with("Data Reconstruction Attacks"))
        .unwrap();
    assert_eq!(dra[1], "conference_paper");
    assert_eq!(dra[2], "2025");
    assert_eq!(dra[3], "2024-02-13");
    assert_eq!(dra[4], "AISTATS");
    // The sources print this list with "et al.".
    assert_eq!(dra[5], "Sheng Liu; Zihan Wang; Yuxiao Chen; Qi Lei; et al.");
    // A title with a comma is quoted and comes back whole.
    assert!(
        rows.iter()
            .any(|r| r[0]
                == "Think Twice, Generate Once: Safeguarding by Progressive Self-Reflection")
    );

    // A filtered list: the extension follows `works.`.
    let (status, headers, http) =
        s.fetch("/export/works.works.csv?author=lei-wu&kind=preprint", None);
    assert_eq!(status, 200, "{http}");
    assert_eq!(
        headers["content-disposition"],
        "attachment; filename=\"works.works.csv\""
    );
    let gql = s.data(
        r#"{ exportWorks(filter: {author: "lei-wu", kinds: [PREPRINT]}, format: CSV_WORKS) }"#,
        json!({}),
    )["exportWorks"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(http, gql);
    let (_, rows) = read_csv(&http);
    assert_eq!(rows.len(), 4);
    assert!(rows.iter().all(|r| r[1] == "preprint"));

    let counts = |slug: &str| -> usize {
        let p = s.data(
            r#"query($slug: String!) { person(slug: $slug) { appointments { id } education { id }
                grants { id } talks { presentations { date } } teaching { id } service { id } } }"#,
            json!({ "slug": slug }),
        )["person"]
            .clone();
        let n = |k: &str| p[k].as_array().unwrap().len();
        let given: usize = p["talks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["presentations"].as_array().unwrap().len())
            .sum();
        n("appointments") + n("education") + n("grants") + given + n("teaching") + n("service")
    };
    for slug in ["qi-lei", "lei-wu"] {
        let (header, rows) = read_csv(&cli_person(&s, slug, "csv-timeline"));
        assert_eq!(
            header,
            [
                "kind",
                "title",
                "organization",
                "start",
                "end",
                "role",
                "detail"
            ]
        );
        assert_eq!(rows.len(), counts(slug), "{slug}: one row per fact");
    }
    let (_, rows) = read_csv(&cli_person(&s, "lei-wu", "csv-timeline"));
    let talks: Vec<&Vec<String>> = rows.iter().filter(|r| r[0] == "talk").collect();
    assert_eq!(talks.len(), 5);
    let noah = talks.iter().find(|r| r[3] == "2019-07").unwrap();
    assert_eq!(
        noah[1],
        "A priori estimates of generalization error for two-layer and residual Networks"
    );
    let (_, rows) = read_csv(&cli_person(&s, "qi-lei", "csv-timeline"));
    let phd = rows
        .iter()
        .find(|r| r[0] == "education" && r[1] == "Ph.D.")
        .unwrap();
    assert_eq!(
        phd[2..5],
        [
            "Oden Institute for Computational Engineering and Sciences",
            "2014-08",
            "2020-05"
        ]
    );
}

#[test]
fn jsonld_describes_the_person_and_their_works_in_author_order() {
    let s = TestServer::with_seeds();
    for (slug, authored) in SEED_PEOPLE {
        let doc: Value = serde_json::from_str(&cli_person(&s, slug, "jsonld")).unwrap();
        assert_eq!(doc["@context"], "https://schema.org");
        let graph = doc["@graph"].as_array().unwrap();
        assert_eq!(graph.len(), authored + 1, "{slug}");
        assert_eq!(graph[0]["@type"], "Person");
        assert_eq!(graph[0]["@id"], format!("_:{slug}"));
    }
    let text = cli_person(&s, "qi-lei", "jsonld");
    assert_eq!(
        text,
        http_person(&s, "qi-lei", "jsonld", "application/ld+json")
    );
    assert_eq!(text, gql_person(&s, "qi-lei", "JSONLD"));
    let doc: Value = serde_json::from_str(&text).unwrap();
    let person = &doc["@graph"][0];
    assert_eq!(person["name"], "Qi Lei");
    let names = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|o| o["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(names(&person["affiliation"])
        .contains(&"Courant Institute of Mathematical Sciences".to_string()));
    assert!(!names(&person["affiliation"]).contains(&"Princeton University".to_string()));
    assert!(names(&person["alumniOf"])
        .contains(&"Oden Institute for Computational Engineering and Sciences".to_string()));
    assert!(person["award"]
        .as_array()
        .unwrap()
        .contains(&json!("Energy Earthshot Initiative")));
    let dra = doc["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| {
            w["name"]
                .as_str()
                .unwrap()
                .starts_with("Data Reconstruction")
        })
        .unwrap();
    assert_eq!(dra["@type"], "ScholarlyArticle");
    assert_eq!(
        names(&dra["author"]["@list"]),
        ["Sheng Liu", "Zihan Wang", "Yuxiao Chen", "Qi Lei"]
    );
    assert_eq!(dra["author"]["@list"][3]["@id"], "_:qi-lei");
    assert_eq!(dra["datePublished"], "2024-02-13");
    assert_eq!(dra["isPartOf"]["name"], "AISTATS");
    let thesis = doc["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["@type"] == "Thesis")
        .unwrap();
    assert_eq!(thesis["datePublished"], "2020-05");
}

#[test]
fn unknown_authors_dois_and_markup_in_titles_come_out_right() {
    let s = TestServer::spawn();
    s.import(&json!({
        "format": "vitae-bundle/1",
        "source": { "key": "gen-refs", "title": "A test list", "kind": "cv" },
        "people": [{ "key": "ada", "slug": "ada-test", "name": "Ada Test" },
                   { "key": "bo", "name": "Bo Other" }],
        "works": [
            { "key": "w1", "title": "Bounds for n < m & other *stars*", "kind": "journal_article",
              "venue": "Journal of <Tags> & Things", "volume": "3", "issue": "2", "pages": "10-20",
              "year": 2021, "date": "2021-03", "doi": "10.1234/abc.5",
              "authors": [{ "name": "Bo Other", "person": "bo" }, { "name": "Ada Test", "person": "ada" }] },
            { "key": "w2", "title": "A Work Nobody Names The Authors Of", "kind": "preprint",
              "year": 2022, "listedUnder": "ada" }
        ]
    }));
    let all = |format: &str| -> String {
        s.data(&format!("{{ exportWorks(format: {format}) }}"), json!({}))["exportWorks"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let apa = all("APA");
    assert!(
        apa.contains("Other, B., & Test, A. (2021). Bounds for n < m & other *stars*. Journal of <Tags> & Things, 3(2), 10–20. https://doi.org/10.1234/abc.5"),
        "{apa}"
    );
    // No author: the title leads, as the style cites an anonymous work.
    assert!(
        apa.contains("A Work Nobody Names The Authors Of. (2022)."),
        "{apa}"
    );
    let (items, _) = html_items(&all("APA_HTML"));
    assert_eq!(
        items,
        apa.lines().collect::<Vec<_>>(),
        "escaped and read back"
    );
    let (_, rows) = read_csv(&all("CSV_WORKS"));
    let unknown = rows
        .iter()
        .find(|r| r[0].starts_with("A Work Nobody"))
        .unwrap();
    assert_eq!(unknown[5], "(authors unknown)");
    let known = rows.iter().find(|r| r[0].starts_with("Bounds")).unwrap();
    assert_eq!(
        (known[5].as_str(), known[6].as_str()),
        ("Bo Other; Ada Test", "10.1234/abc.5")
    );

    let doc: Value = serde_json::from_str(&cli_person(&s, "ada-test", "jsonld")).unwrap();
    let work = &doc["@graph"][1];
    assert_eq!(
        work["identifier"],
        json!([{ "@type": "PropertyValue", "propertyID": "DOI", "value": "10.1234/abc.5" }])
    );
    assert_eq!(work["sameAs"], "https://doi.org/10.1234/abc.5");
    assert_eq!(
        work["isPartOf"],
        json!({ "@type": "Periodical", "name": "Journal of <Tags> & Things" })
    );
    assert_eq!(
        doc["@graph"].as_array().unwrap().len(),
        2,
        "only authored works"
    );

    let md = cli_person(&s, "ada-test", "markdown");
    let (_, strong) = markdown_parts(&md);
    assert_eq!(strong, ["Ada Test"]);
    assert!(
        md.contains("“Bounds for n \\< m \\& other \\*stars\\*”"),
        "markup is escaped: {md}"
    );
    let para: String = Parser::new(&md)
        .filter_map(|e| match e {
            Event::Text(t) => Some(t.to_string()),
            _ => None,
        })
        .collect();
    assert!(para.contains("Bounds for n < m & other *stars*"), "{para}");

    // A person's format is not a list of works.
    let err = s.first_error(r#"{ exportWorks(format: MARKDOWN) }"#, json!({}));
    assert_eq!(err["extensions"]["code"], "BAD_USER_INPUT", "{err}");
}
