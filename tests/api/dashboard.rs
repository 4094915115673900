//! The dashboard (`/people`, `/people/{slug}`): a browser's `Accept` gets
//! the pages, an export's media type still gets the export, an unknown
//! slug a 404 page; and a real browser (headless Chromium driven by
//! `web/tests/dashboard.mjs`) checks what the pages draw against what the
//! API answers, runs axe-core on both at desktop and phone sizes, with
//! every request off 127.0.0.1 blocked. Without Chromium or
//! `web/node_modules` the browser test is skipped with its reason printed,
//! except under `CI`, where it fails. `VITAE_SCREENSHOTS=docs` saves the
//! README's screenshots (`docs/dashboard-*.png`); CI leaves them alone.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::helpers::TestServer;

/// What Chromium sends for a page it navigates to.
const BROWSER: &str =
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

fn web_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("web")
}

/// The title of an HTML page.
fn title(html: &str) -> &str {
    let start = html.find("<title>").unwrap() + "<title>".len();
    let end = html.find("</title>").unwrap();
    &html[start..end]
}

#[test]
fn a_browser_gets_the_people_index_and_a_profile_page() {
    let s = TestServer::with_seeds();
    let (status, headers, body) = s.fetch("/people", Some(BROWSER));
    assert_eq!(status, 200, "{body}");
    assert_eq!(headers["content-type"], "text/html; charset=utf-8");
    assert_eq!(headers["cache-control"], "no-cache");
    assert_eq!(title(&body), "People — Vitae");
    let (status, headers, body) = s.fetch("/people/qi-lei", Some(BROWSER));
    assert_eq!(status, 200, "{body}");
    assert_eq!(headers["content-type"], "text/html; charset=utf-8");
    assert_eq!(title(&body), "Profile — Vitae");
    // Every script and style the pages name is served.
    for (at, _) in body.match_indices("/assets/") {
        let rest = &body[at..];
        let url = &rest[..rest.find('"').unwrap()];
        let (status, _, _) = s.fetch(url, None);
        assert_eq!(status, 200, "{url}");
    }
}

#[test]
fn an_unknown_slug_is_a_404_page_for_a_browser_and_json_for_an_export() {
    let s = TestServer::with_seeds();
    let (status, headers, body) = s.fetch("/people/nobody-at-all", Some(BROWSER));
    assert_eq!(status, 404, "{body}");
    assert_eq!(headers["content-type"], "text/html; charset=utf-8");
    assert_eq!(title(&body), "Profile — Vitae");
    let (status, headers, body) = s.fetch(
        "/people/nobody-at-all",
        Some("application/vnd.citationstyles.csl+json"),
    );
    assert_eq!(status, 404, "{body}");
    assert_eq!(headers["content-type"], "application/json");
    assert!(body.contains("NOT_FOUND"), "{body}");
}

#[test]
fn accept_decides_between_the_page_and_an_export() {
    let s = TestServer::with_seeds();
    let csl = "application/vnd.citationstyles.csl+json";
    for (accept, wanted) in [
        (Some(BROWSER), "text/html; charset=utf-8"),
        // No Accept, or `*/*` alone (curl): the page, as doi.org does.
        (None, "text/html; charset=utf-8"),
        (Some("*/*"), "text/html; charset=utf-8"),
        (Some("text/*"), "text/html; charset=utf-8"),
        (Some("application/xhtml+xml"), "text/html; charset=utf-8"),
        (Some(csl), csl),
        (
            Some("application/x-bibtex, text/html;q=0.5"),
            "application/x-bibtex; charset=utf-8",
        ),
        (
            Some("text/html;q=0.9, application/x-bibtex"),
            "application/x-bibtex; charset=utf-8",
        ),
        (
            Some("text/html, application/x-bibtex"),
            "text/html; charset=utf-8",
        ),
        (Some("text/html;q=0, */*"), "application/json"),
        (
            Some("text/x-bibliography; style=ieee"),
            "text/plain; charset=utf-8",
        ),
    ] {
        let mut req = s.client.get(format!("{}/people/qi-lei", s.base));
        // reqwest sends `Accept: */*` unless told otherwise; an empty value
        // is dropped by neither, so "no Accept" is sent by raw HTTP below.
        if let Some(a) = accept {
            req = req.header("accept", a);
        } else {
            assert_eq!(raw_get_without_accept(&s.base, "/people/qi-lei"), 200);
            continue;
        }
        let res = req.send().unwrap();
        let status = res.status().as_u16();
        let media = res.headers()["content-type"].to_str().unwrap().to_string();
        let expected_status = if wanted == "application/json" {
            406
        } else {
            200
        };
        assert_eq!(
            (status, media.as_str()),
            (expected_status, wanted),
            "{accept:?}"
        );
    }
    let (status, _, body) = s.fetch("/people/qi-lei", Some("image/png"));
    assert_eq!(status, 406);
    assert!(body.contains("accept one of: text/html, "), "{body}");
}

/// The status of a GET sent with no `Accept` header at all.
fn raw_get_without_accept(base: &str, path: &str) -> u16 {
    use std::io::{Read, Write};
    let addr = base.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(
        response.contains("content-type: text/html; charset=utf-8"),
        "{response}"
    );
    response[9..12].parse().unwrap()
}

#[test]
fn the_people_index_answers_only_get_and_head() {
    let s = TestServer::spawn();
    let res = s.client.post(format!("{}/people", s.base)).send().unwrap();
    assert_eq!(res.status(), 405);
    assert_eq!(res.headers()["allow"], "GET, HEAD");
    let res = s.client.head(format!("{}/people", s.base)).send().unwrap();
    assert_eq!(res.status(), 200);
}

#[test]
fn the_dashboard_draws_the_api_s_answers_in_a_headless_browser_with_nothing_leaving_the_machine() {
    let chromium = std::env::var_os("CHROMIUM").map_or("/usr/bin/chromium".into(), PathBuf::from);
    let modules = [
        web_dir().join("node_modules/playwright-core"),
        web_dir().join("node_modules/axe-core"),
    ];
    let missing: Vec<String> = std::iter::once(&chromium)
        .chain(&modules)
        .filter(|p| !p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if !missing.is_empty() {
        let why = format!(
            "missing {} (install chromium; `cd web && npm ci`)",
            missing.join(", ")
        );
        assert!(std::env::var_os("CI").is_none(), "the browser test: {why}");
        eprintln!("skipped: the browser test: {why}");
        return;
    }
    let s = TestServer::with_seeds();
    let mut node = Command::new("node");
    node.arg(web_dir().join("tests/dashboard.mjs"))
        .arg(&s.base)
        .env("CHROMIUM", &chromium);
    // Screenshots only when asked for, so that a test run never changes
    // the committed images (and CI's tree stays clean).
    if let Some(dir) = std::env::var_os("VITAE_SCREENSHOTS") {
        node.arg(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir));
    }
    let out = node.output().expect("node runs (Node 20 or later)");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    println!("{stdout}{stderr}");
    assert!(out.status.success(), "{}\n{stdout}{stderr}", out.status);
    for step in [
        "opens /people/qi-lei headed \"Qi Lei\"",
        "in the API's order and lanes",
        "works-per-year bars add up to totalCount",
        "Next and Previous page the people as the API does",
        "Next and Previous page the works as the API does",
        "the 7 downloads answer 200",
        "lists the API's",
        "axe finds no serious or critical violation on the profile (phone)",
        "ok: 0 requests left the machine",
    ] {
        assert!(stdout.contains(step), "no \"{step}\" in:\n{stdout}");
    }
}
