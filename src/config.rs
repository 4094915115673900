//! Server settings from flags and environment, with their defaults, and the
//! guard-rail limits every request is held to.

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::store::ReadSettings;

/// Limits that protect the server from expensive or hostile requests.
#[derive(Debug, Clone)]
pub struct Limits {
    /// The largest `first` a connection or list accepts.
    pub max_first: usize,
    /// The deepest selection set a query may have: 15 admits the standard
    /// introspection query that GraphiQL and code generators send (its
    /// `TypeRef` fragment nests `ofType` up to 9 times under `args.type`).
    pub max_depth: usize,
    /// The highest complexity (fields selected, lists weighted by `first`).
    pub max_complexity: usize,
    /// The most tokens a document may have (names, punctuation and runs of
    /// spaces each count): the lexer stops there.
    pub max_tokens: usize,
    /// The deepest the parser nests (selection sets, list and object
    /// values); keeps its recursion off the end of the stack.
    pub max_nesting: usize,
    /// The most aliases in one document.
    pub max_aliases: usize,
    /// The most directives in one document.
    pub max_directives: usize,
    /// The largest request body, in bytes.
    pub max_body_bytes: usize,
    /// How long one request may take, from its arrival (waiting for
    /// admission included) to its answer.
    pub request_timeout: Duration,
    /// How many GraphQL requests run at once.
    pub max_running: usize,
    /// How many GraphQL requests wait for a turn; beyond, 503.
    pub max_queued: usize,
}

/// `--request-timeout` when not given, in seconds.
pub const DEFAULT_REQUEST_TIMEOUT_SECS: u64 = 10;
/// `--max-queued` when not given.
pub const DEFAULT_MAX_QUEUED: usize = 64;

/// `--max-running` when not given: eight per core. A request spends much of
/// its time between loader batches, so each worker needs several running to
/// stay busy; with two per core (before), a worker often had none admitted
/// while the other had all, and a quarter of the CPU sat idle under load
/// (bench/README.md, issue 6 at `de091e4`: with loaders per worker, 4 → 16
/// running gave 1,637–1,924 → 2,410–2,664 req/s at 16 connections).
pub fn default_max_running() -> usize {
    8 * std::thread::available_parallelism().map_or(1, |n| n.get())
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_first: 100,
            max_depth: 15,
            max_complexity: 5_000,
            max_tokens: 15_000,
            max_nesting: 64,
            max_aliases: 200,
            max_directives: 100,
            max_body_bytes: 256 * 1024,
            request_timeout: Duration::from_secs(DEFAULT_REQUEST_TIMEOUT_SECS),
            max_running: default_max_running(),
            max_queued: DEFAULT_MAX_QUEUED,
        }
    }
}

/// Everything `startup` needs to run the server.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub db: PathBuf,
    pub bind: IpAddr,
    /// 0 asks the OS for a free port.
    pub port: u16,
    /// Import the embedded seed bundles before serving.
    pub seed: bool,
    pub limits: Limits,
    /// How read connections hold pages (`--mmap-mib`).
    pub read: ReadSettings,
}
