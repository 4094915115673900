//! The command line: `serve`, `import`, `export`, `check`, `schema`. Each
//! command opens (creating and migrating when new) the database at `--db`.

use std::io::Write;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::builder::RangedU64ValueParser;
use clap::{Parser, Subcommand};

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
        /// GraphQL requests that run at once [default: eight per core].
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
    /// Validate and merge files into the store: Vitae bundles and exports,
    /// or the formats of the README's import table; each file is one
    /// transaction and one source.
    Import {
        /// The files' format; by each file's name and content when absent.
        #[arg(long, value_parser = import_formats())]
        format: Option<String>,
        /// The person whose list the files are: their name in author lists
        /// links to them, and works that do not name them are listed under
        /// them.
        #[arg(long, value_name = "SLUG")]
        person: Option<String>,
        /// The files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Write the whole store (`--format json`), a person (`--person`) or a
    /// list of works (`--works`) in a format.
    Export {
        /// `json`: every source's bundle, re-importable; the others export
        /// a person or works (see the README's export formats).
        #[arg(long, default_value = "json", value_parser = export_formats())]
        format: String,
        /// The person to export: their profile, or the works they authored.
        #[arg(long, value_name = "SLUG", conflicts_with = "works")]
        person: Option<String>,
        /// Export a list of works: all of them, or those the filters keep.
        #[arg(long)]
        works: bool,
        /// With --works: only works this person is an author of.
        #[arg(long, value_name = "SLUG", requires = "works")]
        author: Option<String>,
        /// With --works: only works of this year or later.
        #[arg(long, value_name = "YEAR", requires = "works")]
        year_from: Option<i32>,
        /// With --works: only works of this year or earlier.
        #[arg(long, value_name = "YEAR", requires = "works")]
        year_to: Option<i32>,
        /// With --works: only works of this kind (repeat for several).
        #[arg(long, value_name = "KIND", requires = "works",
              value_parser = clap::builder::PossibleValuesParser::new(export::WORK_KINDS))]
        kind: Vec<String>,
        /// Output file; standard output when absent.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Report data-quality findings; exits 1 when there are any.
    Check,
    /// Print the GraphQL schema (SDL) that `serve` serves.
    Schema,
}

/// Every import format's name.
fn import_formats() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(
        import::readers::ReadFormat::ALL.iter().map(|f| f.name()),
    )
}

/// `json` and every export format's name.
fn export_formats() -> clap::builder::PossibleValuesParser {
    let names = std::iter::once("json").chain(export::Format::ALL.iter().map(|f| f.name()));
    clap::builder::PossibleValuesParser::new(names)
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
        Command::Import {
            format,
            person,
            files,
        } => {
            let store = open(&cli.db)?;
            let format = format
                .as_deref()
                .and_then(import::readers::ReadFormat::by_name);
            let owner = match person {
                Some(slug) => Some(import::owner(&store, &slug)?),
                None => None,
            };
            for (i, f) in files.iter().enumerate() {
                let s = import::import_file_as(&store, f, format, owner.as_ref()).inspect_err(
                    |_| {
                        let rest = files.len() - i - 1;
                        if rest > 0 {
                            eprintln!("vitae: {rest} later file(s) not imported");
                        }
                    },
                )?;
                if s.bundles == 0 {
                    eprintln!("vitae: {} states nothing: nothing imported", f.display());
                    continue;
                }
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
            format,
            person,
            works,
            author,
            year_from,
            year_to,
            kind,
            out,
        } => {
            let store = open(&cli.db)?;
            let text = match (export::Format::by_name(&format), person, works) {
                (None, None, false) => export::json::export(&store)?,
                (None, _, _) => {
                    return Err(Error::bad_input(
                        "--format json",
                        "exports the whole store: leave out --person and --works",
                    ))
                }
                (Some(f), Some(slug), _) => store.read(|c| export::person(c, &slug, f))?.text,
                (Some(f), None, true) => {
                    let filter = export::WorksFilter {
                        author,
                        year_from,
                        year_to,
                        kinds: kind,
                    };
                    store.read(|c| export::works(c, &filter, f))?.text
                }
                (Some(f), None, false) => {
                    return Err(Error::bad_input(
                        format!("--format {}", f.name()),
                        "exports a person or works: give --person SLUG or --works",
                    ))
                }
            };
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
        // A reader that stops early (`| head`) is not an error.
        None => match std::io::stdout().lock().write_all(text.as_bytes()) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => Ok(other?),
        },
    }
}
