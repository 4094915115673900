//! Graceful shutdown of the real binary: `vitae serve` run as a child
//! process over a large store, sent SIGTERM (or SIGINT) with slow requests in
//! flight, answers every one of them, refuses new connections meanwhile, and
//! exits 0.

use std::io::{BufRead, BufReader};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::helpers::{heavy_query, heavy_store, wait_for_health, HEAVY_VENUES, HEAVY_WORKS};

/// Counts per request: about 0.4 s of SQL each in a debug build, so that 20
/// of them, two at a time, take longer to drain than the 5 s the server
/// used to wait.
const FIELDS: usize = 40;

#[test]
fn on_sigterm_every_request_in_flight_is_answered_new_connections_are_refused_and_the_exit_is_0() {
    shut_down_with_requests_in_flight("TERM", 20);
}

#[test]
fn sigint_shuts_down_as_gracefully_as_sigterm() {
    shut_down_with_requests_in_flight("INT", 6);
}

fn shut_down_with_requests_in_flight(signal: &str, requests: usize) {
    let dir = tempfile::tempdir().unwrap();
    let db = heavy_store(dir.path());
    let mut server = Server::start(
        &db.display().to_string(),
        &["--max-running", "2", "--request-timeout", "60"],
    );
    let url = format!("http://{}/graphql", server.addr);
    let done = Arc::new(AtomicUsize::new(0));
    let in_flight: Vec<_> = (0..requests)
        .map(|_| {
            let (url, done) = (url.clone(), done.clone());
            std::thread::spawn(move || {
                let client = reqwest::blocking::Client::builder()
                    .timeout(Duration::from_secs(120))
                    .build()
                    .unwrap();
                let res = client
                    .post(&url)
                    .json(&json!({ "query": heavy_query(FIELDS) }))
                    .send();
                let answer = res.map(|r| (r.status().as_u16(), r.json::<Value>()));
                done.fetch_add(1, Ordering::SeqCst);
                answer
            })
        })
        .collect();

    // Every request has reached the server: two run, the rest wait.
    let base = format!("http://{}", server.addr);
    let health = wait_for_health(&server.client, &base, |h| {
        h["queued"] == json!(requests - 2)
    });
    assert_eq!(health["running"], 2);

    server.signal(signal);
    // The listening socket closes at once, while the requests still run.
    let until = Instant::now() + Duration::from_secs(10);
    let refused = loop {
        match TcpStream::connect_timeout(&server.addr, Duration::from_secs(1)) {
            Err(e) => break e,
            Ok(_) if Instant::now() > until => panic!("still accepting connections"),
            Ok(_) => std::thread::sleep(Duration::from_millis(20)),
        }
    };
    assert_eq!(refused.kind(), std::io::ErrorKind::ConnectionRefused);
    assert!(
        done.load(Ordering::SeqCst) < requests,
        "refused only after the drain"
    );

    let per_venue = json!(HEAVY_WORKS / HEAVY_VENUES);
    for t in in_flight {
        let (status, body) = t.join().unwrap().expect("a complete response");
        let body = body.expect("a complete JSON body");
        assert_eq!(status, 200, "{body:#}");
        assert!(body.get("errors").is_none(), "{body:#}");
        for n in 0..FIELDS {
            assert_eq!(body["data"][format!("v{n:03}")]["totalCount"], per_venue);
        }
    }
    let (code, log) = server.wait_for_exit(Duration::from_secs(90));
    assert_eq!(code, Some(0), "{log}");
    assert!(log.contains(&format!("SIG{signal} received")), "{log}");
}

/// `vitae serve` on a free port of 127.0.0.1, killed if the test fails.
struct Server {
    child: Child,
    addr: SocketAddr,
    log: mpsc::Receiver<String>,
    client: reqwest::blocking::Client,
}

impl Server {
    /// Starts the binary and waits for the line that gives its address.
    fn start(db: &str, options: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_vitae"))
            .args(["--db", db, "serve", "--port", "0"])
            .args(options)
            .env("RUST_LOG", "info")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = BufReader::new(child.stderr.take().unwrap());
        let (tx, log) = mpsc::channel();
        std::thread::spawn(move || {
            for line in stderr.lines() {
                if tx.send(line.unwrap()).is_err() {
                    break;
                }
            }
        });
        let addr = loop {
            let line = log.recv_timeout(Duration::from_secs(60)).unwrap();
            if let Some((_, rest)) = line.split_once("listening on http://") {
                break rest.split_whitespace().next().unwrap().parse().unwrap();
            }
        };
        let client = reqwest::blocking::Client::builder()
            .timeout(Duration::from_secs(30))
            .build()
            .unwrap();
        Server {
            child,
            addr,
            log,
            client,
        }
    }

    /// Sends `SIG<name>` with the `kill` command.
    fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .args([format!("-{name}"), self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// The exit code, once the process has ended, and everything it logged.
    fn wait_for_exit(&mut self, at_most: Duration) -> (Option<i32>, String) {
        let until = Instant::now() + at_most;
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(Instant::now() < until, "still running after {at_most:?}");
            std::thread::sleep(Duration::from_millis(50));
        };
        let log: Vec<String> = self.log.iter().collect();
        (status.code(), log.join("\n"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            drop(self.child.kill());
            drop(self.child.wait());
        }
    }
}
