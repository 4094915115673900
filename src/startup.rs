//! Opening the store, building the schema and binding the HTTP server (port
//! 0 allowed, for tests). `serve --demo` starts on a fresh temporary
//! database loaded with the seed bundles embedded in the binary.

use std::net::SocketAddr;

use actix_web::dev::Server;
use actix_web::middleware::{from_fn, ErrorHandlers};
use actix_web::{web, App, HttpServer};
use include_dir::{include_dir, Dir};

use crate::config::ServerConfig;
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

/// Opens the store and binds the server; call inside an actix system.
pub fn start(config: ServerConfig) -> Result<Running> {
    let (store, demo_dir) = if config.seed {
        let dir = tempfile::tempdir()?;
        let store = Store::open(&dir.path().join("demo.db"))?;
        load_seeds(&store)?;
        (store, Some(dir))
    } else {
        (Store::open(&config.db)?, None)
    };
    let schema = graphql::build_schema(store.clone(), config.limits.clone());
    let limits = config.limits.clone();
    // One for the whole server: the bounds hold across workers.
    let admission = web::Data::new(http::Admission::new(limits.max_running, limits.max_queued));
    let app_store = store.clone();
    let server = HttpServer::new(move || {
        App::new()
            .app_data(web::Data::new(schema.clone()))
            .app_data(web::Data::new(app_store.clone()))
            .app_data(web::Data::new(limits.clone()))
            .app_data(admission.clone())
            .app_data(web::PayloadConfig::new(limits.max_body_bytes))
            .wrap(ErrorHandlers::new().default_handler_client(http::json_client_errors))
            .wrap(http::cors())
            .wrap(from_fn(http::log_request))
            .configure(http::routes)
    })
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
        server: server.shutdown_timeout(5).run(),
        store,
        demo_dir,
    })
}

/// Serves until Ctrl-C or SIGTERM (actix shuts down gracefully on both).
pub fn run_blocking(config: ServerConfig) -> Result<()> {
    actix_web::rt::System::new().block_on(async move {
        let running = start(config)?;
        tracing::info!(
            "Vitae listening on http://{} (GraphiQL at /, API at /graphql)",
            running.addr
        );
        running.server.await?;
        drop(running.demo_dir);
        Ok(())
    })
}
