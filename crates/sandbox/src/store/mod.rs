//! The sandbox's state: one SQLite database holding every job once. The Device Trust
//! Manager and IoT Trust Manager views are both read from the same row, so they agree.
//! `job_record` is the typed row, `jobs` and `job_log` the queries on each table.

mod audit_log;
mod job_log;
mod job_record;
mod jobs;

use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::{Connection, OptionalExtension};

pub use audit_log::audit_log;
pub use job_log::{append_log, job_log};
pub use job_record::JobRecord;
pub use jobs::{decide, find_job, insert_job, list_jobs, moving_jobs, update_progress, Decision};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS jobs (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    job_type TEXT NOT NULL,
    status TEXT NOT NULL,
    state TEXT,
    batch_status TEXT,
    requires_approval INTEGER NOT NULL DEFAULT 0,
    draft INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    successful INTEGER NOT NULL DEFAULT 0,
    total INTEGER NOT NULL DEFAULT 0,
    device_group_id TEXT,
    device_group_name TEXT,
    device_prefix TEXT NOT NULL,
    owner_id TEXT,
    owner_name TEXT,
    run_date_ms INTEGER,
    created_at_ms INTEGER NOT NULL,
    updated_at_ms INTEGER NOT NULL,
    certificate_policy_id TEXT,
    certificate_policy_name TEXT,
    certificate_type TEXT,
    certificate_valid_days INTEGER,
    csv_file_name TEXT,
    csv_file_size INTEGER,
    csv_download_format TEXT,
    release_id TEXT,
    release_name TEXT,
    release_version TEXT,
    enrollment_profile_id TEXT,
    enrollment_profile_name TEXT,
    division_id TEXT,
    division_name TEXT,
    certificate_format TEXT,
    decided_by TEXT,
    decided_at_ms INTEGER,
    progress_started_ms INTEGER,
    progress_ends_ms INTEGER,
    failure_per_mille INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS jobs_by_run_date ON jobs (draft, run_date_ms);
-- One per list filter, in run-date order, so a filtered page counts and reads its matches
-- from an index instead of visiting every job.
CREATE INDEX IF NOT EXISTS jobs_by_type ON jobs (job_type, draft, state, run_date_ms);
CREATE INDEX IF NOT EXISTS jobs_by_state ON jobs (state, draft, run_date_ms);
CREATE INDEX IF NOT EXISTS jobs_by_status ON jobs (status, draft, run_date_ms);
CREATE INDEX IF NOT EXISTS jobs_by_batch_status ON jobs (batch_status, draft, run_date_ms);
CREATE INDEX IF NOT EXISTS jobs_by_device_group ON jobs (device_group_id, draft, run_date_ms);
CREATE TABLE IF NOT EXISTS job_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id TEXT NOT NULL,
    action TEXT NOT NULL,
    downloaded_from TEXT NOT NULL,
    user TEXT,
    date_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS job_log_by_job ON job_log (job_id, date_ms);
CREATE INDEX IF NOT EXISTS jobs_by_decision ON jobs (decided_at_ms);
";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("database task: {0}")]
    Task(#[from] tokio::task::JoinError),
}

/// A shared handle on the database. Calls run on the blocking pool, one at a time.
#[derive(Clone)]
pub struct Store {
    connection: Arc<Mutex<Connection>>,
}

impl Store {
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let connection = Connection::open(path)?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        // WAL with NORMAL sync: a commit survives the process being killed (not a power cut).
        connection.pragma_update(None, "synchronous", "NORMAL")?;
        connection.execute_batch(SCHEMA)?;
        // A database made before decisions had a date gains the column.
        let has_decided_at: bool =
            connection
                .query_row("SELECT COUNT(*) > 0 FROM pragma_table_info('jobs') WHERE name = 'decided_at_ms'", [], |row| row.get(0))?;
        if !has_decided_at {
            connection.execute_batch("ALTER TABLE jobs ADD COLUMN decided_at_ms INTEGER")?;
        }
        Ok(Self { connection: Arc::new(Mutex::new(connection)) })
    }

    pub async fn call<T, F>(&self, work: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> rusqlite::Result<T> + Send + 'static,
    {
        let connection = self.connection.clone();
        tokio::task::spawn_blocking(move || {
            let mut connection = connection.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            work(&mut connection)
        })
        .await?
        .map_err(StoreError::from)
    }

    /// Runs `work` on the calling thread; for start-up and seeding.
    pub fn call_blocking<T>(&self, work: impl FnOnce(&mut Connection) -> rusqlite::Result<T>) -> Result<T, StoreError> {
        let mut connection = self.connection.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        Ok(work(&mut connection)?)
    }
}

pub fn job_count(connection: &Connection) -> rusqlite::Result<u64> {
    connection.query_row("SELECT COUNT(*) FROM jobs", [], |row| row.get(0))
}

pub fn meta(connection: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    connection.query_row("SELECT value FROM meta WHERE key = ?1", [key], |row| row.get(0)).optional()
}

pub fn set_meta(connection: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    connection.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", [key, value])?;
    Ok(())
}
