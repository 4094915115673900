//! Opening the store, building the schema and binding the HTTP server (port
//! 0 allowed, for tests). `serve --demo` starts on a fresh temporary
//! database loaded with the seed bundles embedded in the binary. On SIGTERM
//! or SIGINT the server stops accepting connections and finishes every
//! request in flight before it exits.

use std::net::SocketAddr;
use std::time::Duration;

use actix_web::dev::{Server, ServerHandle};
use actix_web::middleware::{from_fn, Compress, ErrorHandlers};
use actix_web::rt::signal::unix::{signal, SignalKind};
use actix_web::{web, App, HttpServer};
use include_dir::{include_dir, Dir};

use crate::config::{Limits, ServerConfig};
use crate::store::Store;
use crate::{graphql, http, import, Error, Result};

/// The seed bundles, embedded so `--demo` works from any directory.
pub static SEEDS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/data/seed");

/// A bound server and what it needs to stay alive.
pub struct Running {
    /// The address it listens on.
    pub addr: SocketAddr,
    /// The server future; await it to serve until shutdown.
    pub server: Server,
    /// The store it serves.
    pub store: Store,
    /// The temporary directory of a demo database, removed on drop.
    pub demo_dir: Option<tempfile::TempDir>,
}

/// Imports every embedded seed bundle, in file-name order.
pub fn load_seeds(store: &Store) -> Result<()> {
    let mut files: Vec<_> = SEEDS
        .files()
        .filter(|f| f.path().extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort_by_key(|f| f.path());
    for f in files {
        let text = f
            .contents_utf8()
            .ok_or_else(|| Error::internal("a seed file is not UTF-8"))?;
        import::import_text(store, text, &f.path().display().to_string())?;
    }
    Ok(())
}

/// What a request may still need after its time limit to be answered (the
/// 504 written, the workers' one-second check that their connections are
/// done) before a graceful shutdown stops waiting for it.
const SHUTDOWN_MARGIN: Duration = Duration::from_secs(5);

/// Opens the store and binds the server; call inside an actix system. The
/// server handles no signals itself: stop it through its handle
/// (`run_blocking` does so on SIGTERM and SIGINT).
pub fn start(config: ServerConfig) -> Result<Running> {
    let (store, demo_dir) = if config.seed {
        let dir = tempfile::tempdir()?;
        let store = Store::open_with(&dir.path().join("demo.db"), config.read)?;
        load_seeds(&store)?;
        (store, Some(dir))
    } else {
        let store = Store::open_with(&config.db, config.read)?;
        import::catch_up(&store)?;
        (store, None)
    };
    let schema = graphql::build_schema(store.clone(), config.limits.clone());
    let limits = config.limits.clone();
    // One for the whole server: the bounds hold across workers.
    let admission = web::Data::new(http::Admission::new(limits.max_running, limits.max_queued));
    let persisted = web::Data::new(http::PersistedQueries::default());
    let app_store = store.clone();
    let shutdown_secs = shutdown_timeout(&limits).as_secs();
    // Each worker has its own blocking pool (512 threads by default), and
    // reads are the only blocking work: more threads than read connections
    // would only wait for one, and each idle thread keeps its stack for 10 s.
    let blocking_threads = store.read_connections();
    let server = HttpServer::new(move || {
        App::new()
            .app_data(web::Data::new(schema.for_worker()))
            .app_data(web::Data::new(app_store.clone()))
            .app_data(web::Data::new(limits.clone()))
            .app_data(admission.clone())
            .app_data(persisted.clone())
            .app_data(web::PayloadConfig::new(limits.max_body_bytes))
            .wrap(ErrorHandlers::new().default_handler_client(http::json_client_errors))
            .wrap(http::cors())
            .wrap(from_fn(http::log_request))
            // gzip, brotli or zstd by `Accept-Encoding` (with `Vary`).
            .wrap(Compress::default())
            .configure(http::routes)
    })
    .worker_max_blocking_threads(blocking_threads)
    // A compressed answer is chunked and ends in a small write; with Nagle's
    // algorithm on (the OS default) that write waited for the client's
    // delayed ACK, about 40 ms per request on a kept-alive connection
    // (bench/transport.sh: a third of the single-connection rate).
    .tcp_nodelay(true)
    .bind((config.bind, config.port))
    .map_err(|e| {
        Error::bad_input(
            "--bind/--port",
            format!("cannot listen on {}:{}: {e}", config.bind, config.port),
        )
    })?;
    let addr = *server
        .addrs()
        .first()
        .ok_or_else(|| Error::internal("the server bound no address"))?;
    Ok(Running {
        addr,
        server: server
            .disable_signals()
            .shutdown_timeout(shutdown_secs)
            .run(),
        store,
        demo_dir,
    })
}

/// How long a graceful shutdown waits for the requests in flight: each ends
/// (answered, or 504) within the request time limit of its arrival, which
/// was before the shutdown began.
pub fn shutdown_timeout(limits: &Limits) -> Duration {
    let limit = limits.request_timeout + SHUTDOWN_MARGIN;
    Duration::from_secs(limit.as_secs() + u64::from(limit.subsec_nanos() > 0))
}

/// Serves until SIGTERM or SIGINT (Ctrl-C), then shuts down gracefully.
pub fn run_blocking(config: ServerConfig) -> Result<()> {
    actix_web::rt::System::new().block_on(async move {
        let wait = shutdown_timeout(&config.limits);
        let running = start(config)?;
        let stop = stop_on_signal(running.server.handle(), wait)?;
        tracing::info!(
            "Vitae listening on http://{} (GraphiQL at /, API at /graphql)",
            running.addr
        );
        running.server.await?;
        stop.abort();
        drop(running.demo_dir);
        tracing::info!("stopped");
        Ok(())
    })
}

/// On the first SIGTERM or SIGINT, stops the server gracefully: no new
/// connections (the listening socket is closed, so a load balancer sees a
/// refusal at once), every request in flight or queued finishes (for at
/// most `wait`), kept-alive connections close after their current response.
fn stop_on_signal(
    server: ServerHandle,
    wait: Duration,
) -> Result<actix_web::rt::task::JoinHandle<()>> {
    let mut term = signal(SignalKind::terminate())?;
    let mut int = signal(SignalKind::interrupt())?;
    Ok(actix_web::rt::spawn(async move {
        let name = tokio::select! {
            _ = term.recv() => "SIGTERM",
            _ = int.recv() => "SIGINT",
        };
        tracing::info!(
            "{name} received: accepting no new connections, finishing the requests in flight \
             (for at most {} s)",
            wait.as_secs()
        );
        server.stop(true).await;
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shutdown_waits_the_request_time_limit_and_a_margin_in_whole_seconds() {
        let wait = |ms| {
            shutdown_timeout(&Limits {
                request_timeout: Duration::from_millis(ms),
                ..Limits::default()
            })
        };
        assert_eq!(wait(10_000), Duration::from_secs(15));
        assert_eq!(wait(1_500), Duration::from_secs(7));
        assert_eq!(wait(0), Duration::from_secs(5));
    }
}
