//! The command line: `serve`, `import`, `export`, `check`, `schema`. Each
//! command opens (creating and migrating when new) the database at `--db`.

use std::io::Write;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::builder::RangedU64ValueParser;
use clap::{Parser, Subcommand, ValueEnum};

use crate::config::{self, Limits, ServerConfig};
use crate::store::{ReadSettings, Store};
use crate::{check, export, import, startup, Error, Result};

/// Vitae: a GraphQL server for scholarly profiles, kept in SQLite.
#[derive(Debug, Parser)]
#[command(name = "vitae", version, about)]
pub struct Cli {
    /// The SQLite database file; created and migrated when new.
    #[arg(long, global = true, default_value = "vitae.db", env = "VITAE_DB")]
    pub db: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve GraphQL over HTTP (GraphiQL at /, the API at /graphql).
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
        /// Port to listen on; 0 picks a free one.
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Start on a fresh temporary database loaded with the seed bundles
        /// embedded in the binary (ignores --db).
        #[arg(long)]
        demo: bool,
        /// Seconds a request may take from its arrival to its answer
        /// (waiting for its turn included); past it, 504 `TIMEOUT`. On
        /// SIGTERM or Ctrl-C the server waits this long, plus 5 s, for the
        /// requests in flight.
        #[arg(long, value_name = "SECONDS", default_value_t = config::DEFAULT_REQUEST_TIMEOUT_SECS,
              value_parser = clap::value_parser!(u64).range(1..=3600))]
        request_timeout: u64,
        /// GraphQL requests that run at once [default: twice the cores].
        #[arg(long, value_name = "N",
              value_parser = RangedU64ValueParser::<usize>::new().range(1..=10_000))]
        max_running: Option<usize>,
        /// GraphQL requests that wait for a turn when --max-running run;
        /// beyond, an immediate 503 `SERVICE_UNAVAILABLE` with
        /// `Retry-After: 1`. 0 refuses every request that cannot run at once.
        #[arg(long, value_name = "N", default_value_t = config::DEFAULT_MAX_QUEUED,
              value_parser = RangedU64ValueParser::<usize>::new().range(0..=100_000))]
        max_queued: usize,
        /// MiB of the database file each read connection maps into memory
        /// (0: none). Reads get 5-9% faster, but the resident memory the
        /// OS reports counts the mapped file once per read connection.
        #[arg(long, value_name = "MIB", default_value_t = 0,
              value_parser = clap::value_parser!(u32).range(0..=65_536))]
        mmap_mib: u32,
    },
    /// Validate and merge source bundles (or an export) into the store; each
    /// file is one transaction.
    Import {
        /// Bundle or export files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Write the whole store in a format.
    Export {
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Output file; standard output when absent.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Report data-quality findings; exits 1 when there are any.
    Check,
    /// Print the GraphQL schema (SDL) that `serve` serves.
    Schema,
}

/// Export formats.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// Every source's bundle in one file that `vitae import` accepts.
    Json,
}

/// What a command ended with, for the exit code.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    Findings,
}

/// Runs the parsed command.
/// Opens the store (migrating it) and brings its merged values up to
/// today's rules (`import::catch_up`).
fn open(db: &Path) -> Result<Store> {
    let store = Store::open(db)?;
    import::catch_up(&store)?;
    Ok(store)
}

pub fn run(cli: Cli) -> Result<Outcome> {
    match cli.command {
        Command::Serve {
            bind,
            port,
            demo,
            request_timeout,
            max_running,
            max_queued,
            mmap_mib,
        } => {
            let limits = Limits {
                request_timeout: Duration::from_secs(request_timeout),
                max_running: max_running.unwrap_or_else(config::default_max_running),
                max_queued,
                ..Limits::default()
            };
            let config = ServerConfig {
                db: cli.db,
                bind,
                port,
                seed: demo,
                limits,
                read: ReadSettings { mmap_mib },
            };
            startup::run_blocking(config)?;
            Ok(Outcome::Ok)
        }
        Command::Import { files } => {
            let store = open(&cli.db)?;
            for (i, f) in files.iter().enumerate() {
                let s = import::import_file(&store, f).inspect_err(|_| {
                    let rest = files.len() - i - 1;
                    if rest > 0 {
                        eprintln!("vitae: {rest} later file(s) not imported");
                    }
                })?;
                eprintln!(
                    "vitae: imported {} ({} bundle(s), {} people, {} works stated)",
                    f.display(),
                    s.bundles,
                    s.people,
                    s.works
                );
            }
            Ok(Outcome::Ok)
        }
        Command::Export {
            format: Format::Json,
            out,
        } => {
            let store = open(&cli.db)?;
            let text = export::json::export(&store)?;
            write_out(out, &text)?;
            Ok(Outcome::Ok)
        }
        Command::Check => {
            let store = open(&cli.db)?;
            let findings = check::run(&store)?;
            let mut stdout = std::io::stdout().lock();
            for f in &findings {
                writeln!(stdout, "{f}")?;
            }
            eprintln!("vitae: {} finding(s)", findings.len());
            Ok(if findings.is_empty() {
                Outcome::Ok
            } else {
                Outcome::Findings
            })
        }
        Command::Schema => {
            print!("{}", crate::graphql::sdl());
            Ok(Outcome::Ok)
        }
    }
}

fn write_out(out: Option<PathBuf>, text: &str) -> Result<()> {
    match out {
        Some(path) => {
            // Write beside the target and rename, so a failed export never
            // leaves a half-written file.
            let tmp = path.with_extension("partial");
            std::fs::write(&tmp, text).map_err(|e| {
                Error::bad_input(path.display().to_string(), format!("cannot write: {e}"))
            })?;
            std::fs::rename(&tmp, &path).map_err(|e| {
                Error::bad_input(path.display().to_string(), format!("cannot write: {e}"))
            })?;
            Ok(())
        }
        None => {
            std::io::stdout().lock().write_all(text.as_bytes())?;
            Ok(())
        }
    }
}
