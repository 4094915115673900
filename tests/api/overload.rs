//! Admission control under a flood of heavy requests, against the real
//! server over a large store: the requests admitted are served, the rest are
//! refused at once with 503, and `/health` still answers.

use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use vitae::config::Limits;

use crate::helpers::{heavy_query, wait_for_health, TestServer, HEAVY_VENUES, HEAVY_WORKS};

/// Counts per heavy request: about 0.25 s in a debug build.
const FIELDS: usize = 20;
/// Concurrent requests in the flood.
const FLOOD: usize = 12;

/// What one request of the flood got back.
struct Answer {
    status: u16,
    retry_after: Option<String>,
    body: Value,
    took: Duration,
}

#[test]
fn a_flood_beyond_the_queue_gets_prompt_503s_while_the_admitted_requests_are_served() {
    let s = TestServer::heavy(Limits {
        max_running: 1,
        max_queued: 2,
        // Long enough that the three admitted requests, one after another,
        // finish on a busy machine: this test is about refusals, not time.
        request_timeout: Duration::from_secs(60),
        ..Limits::default()
    });
    let url = format!("{}/graphql", s.base);
    let query = heavy_query(FIELDS);
    let start = Arc::new(Barrier::new(FLOOD));
    let flood: Vec<_> = (0..FLOOD)
        .map(|_| {
            let (url, query, start) = (url.clone(), query.clone(), start.clone());
            std::thread::spawn(move || {
                let client = reqwest::blocking::Client::builder()
                    .timeout(Duration::from_secs(120))
                    .build()
                    .unwrap();
                start.wait();
                let began = Instant::now();
                let res = client.post(&url).json(&json!({ "query": query })).send();
                let res = res.unwrap();
                let status = res.status().as_u16();
                let retry_after = res
                    .headers()
                    .get("retry-after")
                    .map(|v| v.to_str().unwrap().to_string());
                let body = res.json().unwrap();
                Answer {
                    status,
                    retry_after,
                    body,
                    took: began.elapsed(),
                }
            })
        })
        .collect();

    // While the admitted requests run, /health answers and shows the
    // bounds full: one running, two waiting.
    let health = wait_for_health(&s.client, &s.base, |h| h["queued"] == 2);
    assert_eq!(health["status"], "ok");
    assert_eq!(health["running"], 1);

    let answers: Vec<Answer> = flood.into_iter().map(|t| t.join().unwrap()).collect();
    let (served, refused): (Vec<&Answer>, Vec<&Answer>) =
        answers.iter().partition(|a| a.status == 200);
    assert_eq!(served.len(), 3, "one running and two queued are served");
    assert_eq!(refused.len(), FLOOD - 3);
    let per_venue = json!(HEAVY_WORKS / HEAVY_VENUES);
    for a in &served {
        assert!(a.body.get("errors").is_none(), "{:#}", a.body);
        for n in 0..FIELDS {
            assert_eq!(a.body["data"][format!("v{n:03}")]["totalCount"], per_venue);
        }
    }
    let fastest_served = served.iter().map(|a| a.took).min().unwrap();
    for a in &refused {
        assert_eq!(a.status, 503);
        assert_eq!(a.retry_after.as_deref(), Some("1"));
        assert_eq!(
            a.body,
            json!({ "errors": [{
                "message": "the server is busy; try again shortly",
                "extensions": { "code": "SERVICE_UNAVAILABLE" }
            }] })
        );
        // Refused on arrival, not after waiting for the requests ahead.
        assert!(
            a.took < fastest_served,
            "a 503 took {:?}, the first answer {fastest_served:?}",
            a.took
        );
    }

    // The flood over, the server is idle and serves again.
    let health = wait_for_health(&s.client, &s.base, |h| h["running"] == 0);
    assert_eq!(health["queued"], 0);
    let data = s.data(&heavy_query(1), json!({}));
    assert_eq!(data["v000"]["totalCount"], per_venue);
}

#[test]
fn a_queued_request_ends_at_the_time_limit_counted_from_its_arrival() {
    let limit = Duration::from_secs(2);
    let s = TestServer::heavy(Limits {
        max_running: 1,
        max_queued: 4,
        request_timeout: limit,
        // The slow query is 400 aliased counts.
        max_aliases: 400,
        ..Limits::default()
    });
    // Three requests that each need twice the limit (400 counts), at once:
    // the first runs out of time running, the other two waiting for it.
    let url = format!("{}/graphql", s.base);
    let query = heavy_query(400);
    let start = Arc::new(Barrier::new(3));
    let three: Vec<_> = (0..3)
        .map(|_| {
            let (client, url, query, start) =
                (s.client.clone(), url.clone(), query.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                let began = Instant::now();
                let res = client.post(&url).json(&json!({ "query": query })).send();
                let res = res.unwrap();
                let status = res.status().as_u16();
                (status, res.json::<Value>().unwrap(), began.elapsed())
            })
        })
        .collect();
    for t in three {
        let (status, body, took) = t.join().unwrap();
        assert_eq!(status, 504, "{body:#}");
        assert_eq!(body["errors"][0]["extensions"]["code"], "TIMEOUT");
        // Had the wait not counted, the last would answer after two limits.
        assert!(took >= limit && took < limit * 7 / 4, "took {took:?}");
    }
    let health = wait_for_health(&s.client, &s.base, |h| h["running"] == 0);
    assert_eq!(health["queued"], 0);
}
