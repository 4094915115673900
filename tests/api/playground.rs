//! The GraphiQL playground at `/`: the page and every built file of
//! `web/dist` come from the binary, byte for byte, with nothing fetched from
//! elsewhere; the ready query runs on the seeds; and a real browser (headless
//! Chromium driven by `web/tests/playground.mjs`) runs it, reads the result,
//! opens the docs and the history while every request off 127.0.0.1 is
//! blocked. Without Chromium or `web/node_modules` the browser test is
//! skipped with its reason printed, except under `CI`, where it fails.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::json;

use crate::helpers::TestServer;

fn web_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("web")
}

/// The values of every `src="…"` and `href="…"` attribute in `html`.
fn linked_urls(html: &str) -> Vec<String> {
    let mut urls = Vec::new();
    for attr in ["src=\"", "href=\""] {
        for (at, _) in html.match_indices(attr) {
            let rest = &html[at + attr.len()..];
            let end = rest.find('"').unwrap();
            urls.push(rest[..end].to_string());
        }
    }
    urls
}

#[test]
fn the_page_links_only_the_servers_own_assets() {
    let s = TestServer::spawn();
    let res = s.client.get(format!("{}/", s.base)).send().unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/html; charset=utf-8");
    assert_eq!(res.headers()["cache-control"], "no-cache");
    let html = res.text().unwrap();
    assert!(html.contains("<title>Vitae — GraphiQL</title>"), "{html}");
    let urls = linked_urls(&html);
    let scripts = html.matches("<script type=\"module\"").count();
    let styles = urls.iter().filter(|u| u.ends_with(".css")).count();
    assert_eq!((scripts, styles), (1, 1), "{urls:?}");
    for url in &urls {
        if url == "data:," {
            continue; // the empty favicon, so the browser asks for none
        }
        assert!(url.starts_with("/assets/"), "{url}");
        let asset = s.client.get(format!("{}{url}", s.base)).send().unwrap();
        assert_eq!(asset.status(), 200, "{url}");
        assert_eq!(
            asset.headers()["cache-control"],
            "public, max-age=31536000, immutable"
        );
    }
}

#[test]
fn every_built_file_is_served_byte_for_byte_with_its_media_type() {
    let s = TestServer::spawn();
    let assets = web_dir().join("dist/assets");
    let mut served = 0;
    for entry in std::fs::read_dir(&assets).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let res = s
            .client
            .get(format!("{}/assets/{name}", s.base))
            .send()
            .unwrap();
        assert_eq!(res.status(), 200, "{name}");
        let media = if name.ends_with(".js") {
            "text/javascript; charset=utf-8"
        } else {
            "text/css; charset=utf-8"
        };
        assert_eq!(res.headers()["content-type"], media, "{name}");
        assert_eq!(
            res.bytes().unwrap(),
            std::fs::read(&path).unwrap(),
            "{name}"
        );
        served += 1;
    }
    assert!(served > 2, "only {served} files in {}", assets.display());
}

#[test]
fn an_unknown_asset_is_a_json_404_and_other_methods_a_405() {
    let s = TestServer::spawn();
    let url = format!("{}/assets/nothing-here.js", s.base);
    let res = s.client.get(&url).send().unwrap();
    assert_eq!(res.status(), 404);
    let body: serde_json::Value = res.json().unwrap();
    assert_eq!(body["errors"][0]["extensions"]["code"], "NOT_FOUND");
    assert_eq!(
        body["errors"][0]["message"],
        "the front end has no asset named \"nothing-here.js\""
    );
    let res = s.client.post(&url).send().unwrap();
    assert_eq!(res.status(), 405);
    assert_eq!(res.headers()["allow"], "GET, HEAD");
}

#[test]
fn the_ready_query_shows_qi_lei_s_appointments_and_newest_works() {
    let s = TestServer::with_seeds();
    let query = std::fs::read_to_string(web_dir().join("src/default-query.graphql")).unwrap();
    let body = s.gql(&query, json!({}));
    assert!(body.get("errors").is_none(), "{body}");
    let person = &body["data"]["person"];
    assert_eq!(person["name"], "Qi Lei");
    let appointments = person["appointments"].as_array().unwrap();
    assert_eq!(appointments[0]["startDate"], "2016-05");
    assert_eq!(person["works"]["totalCount"], 74);
    let works = person["works"]["edges"].as_array().unwrap();
    assert_eq!(works.len(), 5);
    assert_eq!(works[0]["node"]["year"], 2025);
}

#[test]
fn the_playground_runs_a_query_in_a_headless_browser_with_nothing_leaving_the_machine() {
    let chromium = std::env::var_os("CHROMIUM").map_or("/usr/bin/chromium".into(), PathBuf::from);
    let modules = web_dir().join("node_modules/playwright-core");
    let missing: Vec<String> = [&chromium, &modules]
        .into_iter()
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
    let screenshot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("playground.png");
    let out = Command::new("node")
        .arg(web_dir().join("tests/playground.mjs"))
        .arg(&s.base)
        .arg(&screenshot)
        .env("CHROMIUM", &chromium)
        .output()
        .expect("node runs (Node 20 or later)");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    println!("{stdout}{stderr}");
    assert!(out.status.success(), "{}\n{stdout}{stderr}", out.status);
    assert!(
        stdout.contains("ok: no request left the machine"),
        "{stdout}"
    );
    assert!(screenshot.exists());
}
