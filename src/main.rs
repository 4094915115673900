//! The `vitae` binary: parse the command line, run it, turn the outcome into
//! an exit code (0 ok, 1 `check` found problems, 2 error).

use std::process::ExitCode;

use clap::Parser;
use vitae::cli::{self, Cli, Outcome};

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr)
        .init();
    // A panic is a bug: log it, with where it happened, through the same
    // logger as everything else. The HTTP layer answers the request with a
    // short "internal error" and the server goes on.
    std::panic::set_hook(Box::new(|info| {
        let at = info.location().map(ToString::to_string).unwrap_or_default();
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("(no message)");
        tracing::error!(panic = %message, %at, "panic");
    }));
    match cli::run(Cli::parse()) {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(err) => {
            if let vitae::Error::Internal(detail) = &err {
                tracing::error!(error = %detail, "internal error");
            }
            eprintln!("vitae: {}", err.for_operator());
            ExitCode::from(2)
        }
    }
}
