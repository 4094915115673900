//! Vitae's integration tests: one binary that talks HTTP to the real server
//! (started on a random port of 127.0.0.1 over a fresh SQLite file) and runs
//! the real `vitae` binary for the CLI.
#![allow(clippy::unwrap_used)]

mod aggregates;
mod authors;
mod badges;
mod cli;
mod clients;
mod coauthors;
mod document_order;
mod errors;
mod exports;
mod exports_bibtex;
mod exports_orcid;
mod exports_refs;
mod helpers;
mod import_export;
mod imports;
mod imports_arxiv;
mod imports_bibtex;
mod imports_orcid;
mod overload;
mod pagination;
mod person;
mod playground;
mod query_plans;
mod raw_dates;
mod relation;
mod schema;
mod search;
mod seeds;
mod shutdown;
mod sql_count;
mod stated;
mod store_faults;
mod timeline;
mod transport;
mod upgrade;
mod validation;
mod works;
