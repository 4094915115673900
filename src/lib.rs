//! Vitae: a single-binary GraphQL server for scholarly profiles.
//!
//! Source documents (CVs, listing pages, profiles) arrive as JSON *source
//! bundles*; [`import`] merges them into a SQLite store ([`store`]) with every
//! fact traced to its sources; [`graphql`] serves that store over HTTP
//! ([`http`], [`startup`]); [`export`] and [`check`] read it back out. The
//! dependency arrows point one way: `cli → startup/http → graphql → store`.

pub mod check;
pub mod cli;
pub mod config;
pub mod domain;
pub mod error;
pub mod export;
pub mod graphql;
pub mod http;
pub mod import;
pub mod startup;
pub mod store;

pub use error::{Error, Result};
