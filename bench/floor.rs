//! The floor of the profile-query benchmark: an in-process loop, on one
//! thread, doing exactly the store lookups the GraphQL server does for
//! `bench/profile_query.graphql`, through the library's own store functions,
//! with no HTTP, no GraphQL and no async runtime.
//!
//! Per iteration, for one person (by slug):
//!   1. `person::by_slug`
//!   2. `appointment::for_people` and `education::for_people`
//!   3. `organization::by_ids` for the organizations of both
//!   4. `work::page`: the person's 20 newest works (`DATE_DESC`)
//!   5. `work::authorships_for` those works
//!   6. `person::by_ids` for the distinct author people
//!
//! Usage (release-optimized, not built by `cargo test`):
//!   cargo bench --bench floor -- --db bench/out/bench.db --slug bench-p-000001 \
//!       [--slug …] [--seconds 5] [--max-iterations 1000000]
//!
//! Prints one JSON line per slug:
//!   {"slug":…,"works":20,"authorships":…,"author_people":…,
//!    "orgs":…,"iterations":…,"seconds":…,"per_sec":…,"p50_us":…,"p99_us":…}

use std::collections::BTreeSet;
use std::hint::black_box;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use rusqlite::Connection;
use vitae::domain::id::PersonId;
use vitae::store::work::{WorkOrder, WorkQuery, WorkRow};
use vitae::store::{appointment, education, organization, person, work, Store};

/// How many works the profile query asks for (`works(first: 20)`).
const FIRST: usize = 20;

struct Args {
    db: PathBuf,
    slugs: Vec<String>,
    seconds: f64,
    max_iterations: u64,
}

fn usage() -> String {
    "usage: cargo bench --bench floor -- --db PATH --slug SLUG [--slug SLUG ...] \
     [--seconds 5] [--max-iterations 1000000]"
        .to_string()
}

fn parse_args() -> Result<Args, String> {
    let mut db = None;
    let mut slugs = Vec::new();
    let mut seconds = 5.0;
    let mut max_iterations = 1_000_000;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--db" => db = Some(PathBuf::from(value("--db")?)),
            "--slug" => slugs.push(value("--slug")?),
            "--seconds" => {
                seconds = value("--seconds")?
                    .parse()
                    .map_err(|e| format!("--seconds: {e}"))?
            }
            "--max-iterations" => {
                max_iterations = value("--max-iterations")?
                    .parse()
                    .map_err(|e| format!("--max-iterations: {e}"))?
            }
            // `cargo bench` passes `--bench` to every bench target.
            "--bench" => {}
            "-h" | "--help" => return Err(usage()),
            other => return Err(format!("unknown argument {other:?}\n{}", usage())),
        }
    }
    let db = db.ok_or_else(usage)?;
    if slugs.is_empty() {
        return Err(usage());
    }
    if !(seconds > 0.0 && seconds <= 600.0) || max_iterations == 0 {
        return Err("--seconds must be in (0, 600] and --max-iterations at least 1".into());
    }
    Ok(Args {
        db,
        slugs,
        seconds,
        max_iterations,
    })
}

/// The person's 20 newest works, as `Person.works(first: 20)` asks the store.
///
/// The one call to adapt when `work::page` changes signature (keyset
/// pagination: `page(conn, &query, order, None, FIRST)` returning the rows).
fn newest_works(conn: &Connection, id: PersonId) -> vitae::Result<Vec<WorkRow>> {
    let query = WorkQuery {
        person: Some(id),
        ..Default::default()
    };
    // One row more than the page, as the server reads to learn whether a
    // next page exists; the query asks for no totalCount, so none is counted.
    let mut rows = work::page(conn, &query, WorkOrder::DateDesc, None, false, FIRST + 1)?;
    rows.truncate(FIRST);
    Ok(rows.into_iter().map(|r| r.work).collect())
}

/// What one iteration found, to check it did the same work as the server.
#[derive(Default, Clone, Copy)]
struct Found {
    works: usize,
    authorships: usize,
    author_people: usize,
    orgs: usize,
}

/// One profile query's lookups, in the order the server makes them.
fn profile(conn: &Connection, slug: &str) -> vitae::Result<Found> {
    let Some(p) = person::by_slug(conn, slug)? else {
        return Err(vitae::Error::internal(format!(
            "no person with slug {slug}"
        )));
    };
    let ids = [p.id.0];
    let apps = appointment::for_people(conn, &ids)?;
    let edu = education::for_people(conn, &ids)?;
    let org_ids: BTreeSet<i64> = apps
        .values()
        .flatten()
        .map(|a| a.organization_id.0)
        .chain(edu.values().flatten().map(|e| e.organization_id.0))
        .collect();
    let org_ids: Vec<i64> = org_ids.into_iter().collect();
    let orgs = organization::by_ids(conn, &org_ids)?;
    let works = newest_works(conn, p.id)?;
    let work_ids: Vec<i64> = works.iter().map(|w| w.id).collect();
    let authorships = work::authorships_for(conn, &work_ids)?;
    let people: BTreeSet<i64> = authorships
        .values()
        .flatten()
        .map(|a| a.person_id.0)
        .collect();
    let people: Vec<i64> = people.into_iter().collect();
    let authors = person::by_ids(conn, &people)?;
    let found = Found {
        works: works.len(),
        authorships: authorships.values().map(Vec::len).sum(),
        author_people: authors.len(),
        orgs: orgs.len(),
    };
    black_box((p, apps, edu, orgs, works, authorships, authors));
    Ok(found)
}

/// Loops the lookups for one slug for `seconds` or `max_iterations`,
/// whichever comes first, and prints its JSON line.
fn run(store: &Store, slug: &str, seconds: f64, max_iterations: u64) -> vitae::Result<()> {
    // Warm-up: the page cache and the prepared-statement cache.
    let mut found = Found::default();
    for _ in 0..20 {
        found = store.read(|c| profile(c, slug))?;
    }
    let budget = Duration::from_secs_f64(seconds);
    let mut samples: Vec<u64> = Vec::new();
    let start = Instant::now();
    while (samples.len() as u64) < max_iterations && start.elapsed() < budget {
        let t = Instant::now();
        black_box(store.read(|c| profile(c, black_box(slug)))?);
        samples.push(t.elapsed().as_nanos() as u64);
    }
    let elapsed = start.elapsed().as_secs_f64();
    samples.sort_unstable();
    let pct = |q: f64| {
        let i = ((samples.len() as f64 * q).ceil() as usize).clamp(1, samples.len()) - 1;
        samples[i] as f64 / 1000.0
    };
    let line = serde_json::json!({
        "slug": slug,
        "works": found.works,
        "authorships": found.authorships,
        "author_people": found.author_people,
        "orgs": found.orgs,
        "iterations": samples.len(),
        "seconds": (elapsed * 1000.0).round() / 1000.0,
        "per_sec": (samples.len() as f64 / elapsed * 10.0).round() / 10.0,
        "p50_us": (pct(0.50) * 10.0).round() / 10.0,
        "p99_us": (pct(0.99) * 10.0).round() / 10.0,
    });
    println!("{line}");
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("floor: {e}");
            return ExitCode::from(2);
        }
    };
    if !args.db.is_file() {
        eprintln!("floor: no database at {}", args.db.display());
        return ExitCode::from(2);
    }
    let store = match Store::open(&args.db) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("floor: {}: {e}", args.db.display());
            return ExitCode::from(2);
        }
    };
    for slug in &args.slugs {
        if let Err(e) = run(&store, slug, args.seconds, args.max_iterations) {
            eprintln!("floor: {slug}: {e}");
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}
