//! The hot statements read indexes in order: no full scan of a table and no
//! sort in a temporary B-tree, so their cost follows the size of the answer,
//! not of the store. Each store read that the profile queries make runs once
//! on a seeded store with SQLite's trace hook collecting its SQL; then
//! `EXPLAIN QUERY PLAN` of every statement is checked.

use std::cell::RefCell;
use std::collections::BTreeSet;

use vitae::domain::id::PersonId;
use vitae::store::work::{After, Relation, SortKey, WorkOrder, WorkQuery};
use vitae::store::{
    appointment, coauthor, education, facet, organization, person, similar, source, stats, work,
};

use crate::helpers::seeded_store;

thread_local! {
    static SEEN: RefCell<BTreeSet<String>> = const { RefCell::new(BTreeSet::new()) };
}

fn record(event: rusqlite::trace::TraceEvent<'_>) {
    if let rusqlite::trace::TraceEvent::Stmt(_, sql) = event {
        SEEN.with(|s| s.borrow_mut().insert(sql.to_string()));
    }
}

const ORDERS: [WorkOrder; 5] = [
    WorkOrder::DateDesc,
    WorkOrder::DateAsc,
    WorkOrder::YearDesc,
    WorkOrder::YearAsc,
    WorkOrder::TitleAsc,
];

/// Every hot read, with a cursor on a keyed and on an unkeyed work.
fn run_hot_reads(c: &rusqlite::Connection, qi: PersonId) {
    let ids = [1, 2, 3];
    person::by_slug(c, "qi-lei").unwrap();
    person::by_ids(c, &ids).unwrap();
    appointment::for_people(c, &ids).unwrap();
    education::for_people(c, &ids).unwrap();
    organization::by_ids(c, &ids).unwrap();
    work::by_ids(c, &ids).unwrap();
    work::authorships_for(c, &ids).unwrap();
    work::categories_for(c, &ids).unwrap();
    work::links_for(c, &ids).unwrap();
    work::notes_for(c, &ids).unwrap();
    source::sources_for(c, "work", &ids).unwrap();
    let cv = source::find(c, "seed-000-qi-lei-cv").unwrap().unwrap();
    let every_kind: Vec<usize> = (0..source::CAREER_FACTS.len()).collect();
    source::count_facts(c, cv, &every_kind).unwrap();
    for backward in [false, true] {
        let facts = source::facts(c, cv, &every_kind, None, backward, 20).unwrap();
        let last = facts.last().expect("career facts in the CV");
        source::facts(c, cv, &[0, 2], Some(last.at), backward, 20).unwrap();
    }
    coauthor::count(c, qi).unwrap();
    coauthor::pairs_among(c, &[qi, vitae::domain::id::PersonId(2)], 1).unwrap();
    stats::for_people(c, &ids).unwrap();
    for backward in [false, true] {
        let ranked = coauthor::page(c, qi, None, backward, 20).unwrap();
        let last = ranked.last().expect("co-authors in the seeds");
        coauthor::page(c, qi, Some(&last.after()), backward, 20).unwrap();
    }
    let lists = [
        WorkQuery {
            person: Some(qi),
            ..Default::default()
        },
        WorkQuery {
            person: Some(qi),
            relation: Some(Relation::Author),
            ..Default::default()
        },
        WorkQuery {
            person: Some(qi),
            relation: Some(Relation::Listed),
            ..Default::default()
        },
        WorkQuery {
            author: Some(qi),
            ..Default::default()
        },
        WorkQuery::default(),
    ];
    let cv = source::find(c, "seed-000-qi-lei-cv").unwrap().unwrap();
    // One source's works in its document's order, alone and in a person's list.
    let documents = [
        WorkQuery {
            source: Some(cv),
            ..Default::default()
        },
        WorkQuery {
            source: Some(cv),
            person: Some(qi),
            ..Default::default()
        },
        WorkQuery {
            source: Some(cv),
            author: Some(qi),
            ..Default::default()
        },
    ];
    let runs = lists
        .iter()
        .flat_map(|q| ORDERS.map(|o| (q, o)))
        .chain(documents.iter().map(|q| (q, WorkOrder::SourcePosition)));
    for q in &lists {
        work::count(c, q).unwrap();
    }
    for (q, order) in runs {
        for backward in [false, true] {
            let first = work::page(c, q, order, None, backward, 20).unwrap();
            let last = first.last().expect("a page of the seeds");
            let keyed = After {
                key: last.key(order),
                id: last.work.id,
            };
            work::page(c, q, order, Some(&keyed), backward, 20).unwrap();
            let unkeyed = After {
                key: SortKey::Missing,
                id: last.work.id,
            };
            work::page(c, q, order, Some(&unkeyed), backward, 20).unwrap();
        }
    }
}

/// The plan lines of `sql` that scan a whole table (reading an index in
/// order, a subquery's rows or `rarray`'s ids is no scan).
fn table_scans(c: &rusqlite::Connection, sql: &str) -> Vec<String> {
    plan(c, sql)
        .into_iter()
        .filter(|d| scans_table(d))
        .collect()
}

/// `EXPLAIN QUERY PLAN` of `sql`, one detail per line.
fn plan(c: &rusqlite::Connection, sql: &str) -> Vec<String> {
    let mut stmt = c.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    // The plan does not depend on the values: bind NULL to every parameter.
    let nulls = vec![rusqlite::types::Value::Null; stmt.parameter_count()];
    stmt.query_map(rusqlite::params_from_iter(nulls), |r| r.get::<_, String>(3))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// Whether a plan line reads a whole table.
fn scans_table(d: &str) -> bool {
    // Reading an index in its order up to a LIMIT is what a first page
    // does ("SCAN w USING INDEX …"); a subquery's rows and `rarray`'s ids
    // are the statement's own.
    d.starts_with("SCAN ")
        && !d.contains(" USING INDEX ")
        && !d.contains(" USING COVERING INDEX ")
        && !d.contains("VIRTUAL TABLE")
        && !d.starts_with("SCAN (subquery")
        && !d.starts_with("SCAN CONSTANT ROW")
}

/// The plan lines of `sql` that scan a table or sort.
/// A statement that loads a batch (`IN rarray(?1)`) may sort its own rows.
fn bad_plan_lines(c: &rusqlite::Connection, sql: &str) -> Vec<String> {
    let batch = sql.contains("rarray(?1)");
    plan(c, sql)
        .into_iter()
        .filter(|d| {
            // A title page sorts only the works whose titles share the
            // indexed prefix ("… FOR LAST 2 TERMS OF ORDER BY", or "RIGHT
            // PART" in other SQLite versions), not the person's whole list.
            let partial = d.contains("TERMS OF ORDER BY") || d.contains("RIGHT PART OF ORDER BY");
            let sorts = d.contains("TEMP B-TREE") && !partial;
            scans_table(d) || (sorts && !batch)
        })
        .collect()
}

#[test]
fn hot_statements_read_indexes_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let store = seeded_store(dir.path());
    store
        .read(|c| {
            // Plan as for a large store: without the seeds' statistics
            // (`PRAGMA optimize` after the import) SQLite takes every table
            // to be large, and a scan of a tiny table is no longer cheapest.
            c.execute_batch("DROP TABLE IF EXISTS sqlite_stat1; ANALYZE sqlite_schema;")
                .unwrap();
            let qi = person::by_slug(c, "qi-lei").unwrap().unwrap().id;
            c.trace_v2(
                rusqlite::trace::TraceEventCodes::SQLITE_TRACE_STMT,
                Some(record),
            );
            run_hot_reads(c, qi);
            c.trace_v2(rusqlite::trace::TraceEventCodes::empty(), None);
            let seen = SEEN.with(|s| s.borrow().clone());
            assert!(seen.len() > 40, "{} statements traced", seen.len());
            let bad: Vec<String> = seen
                .iter()
                .filter_map(|sql| {
                    let lines = bad_plan_lines(c, sql);
                    (!lines.is_empty()).then(|| format!("{sql}\n  -> {}", lines.join("; ")))
                })
                .collect();
            assert!(
                bad.is_empty(),
                "plans that scan or sort:\n{}",
                bad.join("\n")
            );
            Ok(())
        })
        .unwrap();
}

#[test]
fn the_plan_check_catches_a_scan_and_a_sort() {
    let dir = tempfile::tempdir().unwrap();
    let store = seeded_store(dir.path());
    store
        .read(|c| {
            let lines = bad_plan_lines(c, "SELECT id FROM work WHERE venue = 'x' ORDER BY pages");
            assert_eq!(lines.len(), 2, "{lines:?}");
            Ok(())
        })
        .unwrap();
}

/// A person's facets read that person's `person_work` entries (each joined
/// to its work by primary key), with or without a filter: no scan of
/// `work`. Grouping sorts the person's rows (a kind or venue has no index
/// order), which costs what the person has, not what the store holds.
#[test]
fn a_persons_facets_read_their_index_entries_not_the_work_table() {
    let dir = tempfile::tempdir().unwrap();
    let store = seeded_store(dir.path());
    store
        .read(|c| {
            c.execute_batch("DROP TABLE IF EXISTS sqlite_stat1; ANALYZE sqlite_schema;")
                .unwrap();
            let qi = person::by_slug(c, "qi-lei").unwrap().unwrap().id;
            let lists = [
                WorkQuery {
                    person: Some(qi),
                    ..Default::default()
                },
                WorkQuery {
                    person: Some(qi),
                    relation: Some(Relation::Author),
                    year_from: Some(2020),
                    kinds: vec!["conference_paper".into()],
                    ..Default::default()
                },
                WorkQuery {
                    author: Some(qi),
                    category: Some("LG".into()),
                    ..Default::default()
                },
            ];
            c.trace_v2(
                rusqlite::trace::TraceEventCodes::SQLITE_TRACE_STMT,
                Some(record),
            );
            for q in &lists {
                facet::years(c, q).unwrap();
                facet::kinds(c, q).unwrap();
                facet::venues(c, q, 10).unwrap();
                facet::categories(c, q, 10).unwrap();
            }
            c.trace_v2(rusqlite::trace::TraceEventCodes::empty(), None);
            let seen = SEEN.with(|s| s.borrow().clone());
            let facets: Vec<&String> = seen.iter().filter(|s| s.contains("GROUP BY")).collect();
            assert_eq!(facets.len(), 12, "{facets:#?}");
            for sql in facets {
                assert!(sql.contains("person_work AS pw"), "{sql}");
                let scans = table_scans(c, sql);
                assert!(scans.is_empty(), "{sql}\n  -> {}", scans.join("; "));
            }
            // The years of an unfiltered list group the index in its order:
            // no sort at all.
            let years = seen.iter().find(|s| s.starts_with("SELECT pw.year"));
            let years = years.expect("the years of a person's whole list");
            assert_eq!(bad_plan_lines(c, years), Vec::<String>::new(), "{years}");
            Ok(())
        })
        .unwrap();
}

/// `similar` ranks a bounded neighbourhood of the person, each part read
/// from an index range under a cap, and scores each candidate from the
/// candidate outward by key; the items of the ranked few are read the same
/// way. Neither statement reads a whole table: no pass over `work` (venues
/// only score, they bring no one), `person_work` or `work_category`.
#[test]
fn similar_reads_index_ranges_and_no_whole_table() {
    let dir = tempfile::tempdir().unwrap();
    let store = seeded_store(dir.path());
    store
        .read(|c| {
            c.execute_batch("DROP TABLE IF EXISTS sqlite_stat1; ANALYZE sqlite_schema;")
                .unwrap();
            let wu = person::by_slug(c, "lei-wu").unwrap().unwrap().id;
            c.trace_v2(
                rusqlite::trace::TraceEventCodes::SQLITE_TRACE_STMT,
                Some(record),
            );
            assert_eq!(similar::for_person(c, wu, 5).unwrap().len(), 5);
            c.trace_v2(rusqlite::trace::TraceEventCodes::empty(), None);
            let seen = SEEN.with(|s| s.borrow().clone());
            let statements: Vec<&String> = seen.iter().filter(|s| s.contains("share(")).collect();
            assert_eq!(statements.len(), 2);
            // The common table expressions' own rows are the statement's.
            let own = [
                "m",
                "up",
                "my_up",
                "b",
                "s",
                "r",
                "g",
                "near",
                "top_coauthor",
                "closest",
                "my_category",
                "my_venue",
                "cand",
                "who",
                "root",
                "(subquery",
                "CONSTANT ROW",
            ];
            for sql in statements {
                let scans: Vec<String> = table_scans(c, sql)
                    .into_iter()
                    .filter(|d| !own.iter().any(|t| d.starts_with(&format!("SCAN {t}"))))
                    .collect();
                assert_eq!(scans, Vec::<String>::new(), "{sql}\n{:#?}", plan(c, sql));
            }
            Ok(())
        })
        .unwrap();
}
