//! `jobs-sandbox`: serves the sandbox API until interrupted.

use std::io::Write;
use std::net::SocketAddr;

use clap::Parser;
use sandbox::config::Options;
use sandbox::{default_db_path, prepare, progress, routes};

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(signal) => signal,
            Err(_) => return interrupt.await.unwrap_or(()),
        };
        tokio::select! {
            _ = interrupt => {},
            _ = terminate.recv() => {},
        }
    }
    #[cfg(not(unix))]
    interrupt.await.unwrap_or(());
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("SANDBOX_LOG").unwrap_or_else(|_| "warn".into()))
        .with_writer(std::io::stderr)
        .init();
    let options = Options::parse();
    let db_path = options.db.clone().unwrap_or_else(default_db_path);
    let state = match prepare(&options, &db_path) {
        Ok(state) => state,
        Err(error) => {
            eprintln!("jobs-sandbox: cannot start: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let listener = match tokio::net::TcpListener::bind(SocketAddr::new(options.host, options.port)).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("jobs-sandbox: cannot listen on {}:{}: {error}", options.host, options.port);
            return std::process::ExitCode::FAILURE;
        }
    };
    let address = listener.local_addr().map(|address| address.to_string()).unwrap_or_default();
    tokio::spawn(progress::run(state.store.clone()));
    println!("jobs-sandbox listening on http://{address} (database {})", db_path.display());
    let _ = std::io::stdout().flush();
    if let Err(error) = axum::serve(listener, routes::router(state)).with_graceful_shutdown(shutdown_signal()).await {
        eprintln!("jobs-sandbox: {error}");
        return std::process::ExitCode::FAILURE;
    }
    std::process::ExitCode::SUCCESS
}
