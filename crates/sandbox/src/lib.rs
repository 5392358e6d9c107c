//! A local stand-in for the DigiCert ONE job and batch-enrollment API: real HTTP, state
//! in SQLite, seeded data, jobs that move on their own, and injectable faults.

pub mod auth;
pub mod certificates;
pub mod config;
pub mod error;
pub mod faults;
pub mod job_history;
pub mod progress;
pub mod replay;
pub mod requests;
pub mod routes;
pub mod seed;
pub mod store;
pub mod wire_variants;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::certificates::SandboxCa;
use crate::config::{demo_keys, Options};
use crate::progress::{now_ms, Pace};
use crate::routes::AppState;
use crate::store::Store;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Store(#[from] store::StoreError),
    #[error("sandbox CA: {0}")]
    Ca(#[from] rcgen::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("--replay: {0}")]
    Replay(String),
}

/// Where the database lives when `--db` is not given: a fresh file under `target/`.
pub fn default_db_path() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).or_else(|| {
        let executable = std::env::current_exe().ok()?;
        executable.ancestors().find(|dir| dir.file_name().is_some_and(|name| name == "target")).map(Path::to_path_buf)
    });
    target.unwrap_or_else(std::env::temp_dir).join("sandbox-data").join(format!("sandbox-{}-{}.sqlite3", now_ms(), std::process::id()))
}

/// Opens (and on first use seeds) the database and builds the state the server runs on.
pub fn prepare(options: &Options, db_path: &Path) -> Result<AppState, StartError> {
    if let Some(parent) = db_path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let store = Store::open(db_path)?;
    let pace = Pace { speed: options.speed };
    let ca_key = store.call_blocking(|connection| {
        if store::job_count(connection)? == 0 {
            let transaction = connection.transaction()?;
            for (job, log) in seed::jobs(options.seed, options.jobs, now_ms(), pace) {
                store::insert_job(&transaction, &job)?;
                for (entry, date_ms) in log {
                    store::append_log(&transaction, &job.id, &entry, date_ms)?;
                }
            }
            store::set_meta(&transaction, "seed", &options.seed.to_string())?;
            transaction.commit()?;
        }
        store::meta(connection, "ca_key_pem")
    })?;
    let (ca, ca_key_pem) = SandboxCa::load_or_create(ca_key.as_deref())?;
    store.call_blocking(|connection| store::set_meta(connection, "ca_key_pem", &ca_key_pem))?;
    let keys = if options.api_keys.is_empty() { demo_keys() } else { options.api_keys.clone() };
    Ok(AppState {
        store,
        ca: Arc::new(ca),
        pace,
        keys: Arc::new(keys),
        faults: Default::default(),
        requests: Default::default(),
        latency: Duration::from_millis(options.latency_ms),
        control: options.control_access(),
        random_faults: (options.random_faults > 0.0).then(|| faults::RandomFaults {
            share: options.random_faults / 100.0,
            rng: Arc::new(Mutex::new(ChaCha8Rng::seed_from_u64(options.seed ^ 0x5eed))),
        }),
        max_certificates_per_download: options.max_certificates_per_download,
        four_eyes: options.four_eyes,
        inferred_endpoints: options.inferred_endpoints,
        wire_variants: options.wire_variants,
        replay: options.replay.as_deref().map(replay::load).transpose().map_err(StartError::Replay)?,
        rng: Arc::new(Mutex::new(ChaCha8Rng::seed_from_u64(options.seed ^ now_ms() as u64))),
    })
}
