//! The sandbox's state: one SQLite database holding every job once. The Device Trust
//! Manager and IoT Trust Manager views are both read from the same row, so they agree.

use std::path::Path;
use std::sync::{Arc, Mutex};

use jobs_api::lifecycle::dtm_view_of_batch;
use jobs_api::query::{JobListQuery, SortField};
use jobs_api::timestamp::format_utc_millis;
use jobs_api::*;
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension, Row};

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
    progress_started_ms INTEGER,
    progress_ends_ms INTEGER,
    failure_per_mille INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS jobs_by_run_date ON jobs (draft, run_date_ms);
CREATE TABLE IF NOT EXISTS job_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id TEXT NOT NULL,
    action TEXT NOT NULL,
    downloaded_from TEXT NOT NULL,
    user TEXT,
    date_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS job_log_by_job ON job_log (job_id, date_ms);
";

/// Everything the sandbox stores about a job.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct JobRecord {
    pub id: String,
    pub job_type: String,
    pub status: String,
    pub state: Option<String>,
    pub batch_status: Option<String>,
    pub requires_approval: bool,
    pub draft: bool,
    pub failed: u64,
    pub successful: u64,
    pub total: u64,
    pub device_group: Option<NamedRef>,
    pub device_prefix: String,
    pub owner: Option<NamedRef>,
    pub run_date_ms: Option<i64>,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
    pub certificate_policy: Option<NamedRef>,
    pub certificate_type: Option<String>,
    pub certificate_valid_days: Option<i64>,
    pub batch_csv: Option<BatchCsv>,
    pub release: Option<Release>,
    pub enrollment_profile: Option<NamedRef>,
    pub division: Option<NamedRef>,
    pub certificate_format: Option<String>,
    pub decided_by: Option<String>,
    pub progress_started_ms: Option<i64>,
    pub progress_ends_ms: Option<i64>,
    pub failure_per_mille: u64,
}

fn named(id: Option<String>, name: Option<String>) -> Option<NamedRef> {
    Some(NamedRef { id: id?, name: name? })
}

fn split(named: &Option<NamedRef>) -> (Option<&str>, Option<&str>) {
    match named {
        Some(named) => (Some(named.id.as_str()), Some(named.name.as_str())),
        None => (None, None),
    }
}

impl JobRecord {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        let csv_name: Option<String> = row.get("csv_file_name")?;
        let release_id: Option<String> = row.get("release_id")?;
        Ok(Self {
            id: row.get("id")?,
            job_type: row.get("job_type")?,
            status: row.get("status")?,
            state: row.get("state")?,
            batch_status: row.get("batch_status")?,
            requires_approval: row.get("requires_approval")?,
            draft: row.get("draft")?,
            failed: row.get("failed")?,
            successful: row.get("successful")?,
            total: row.get("total")?,
            device_group: named(row.get("device_group_id")?, row.get("device_group_name")?),
            device_prefix: row.get("device_prefix")?,
            owner: named(row.get("owner_id")?, row.get("owner_name")?),
            run_date_ms: row.get("run_date_ms")?,
            created_at_ms: row.get("created_at_ms")?,
            updated_at_ms: row.get("updated_at_ms")?,
            certificate_policy: named(row.get("certificate_policy_id")?, row.get("certificate_policy_name")?),
            certificate_type: row.get("certificate_type")?,
            certificate_valid_days: row.get("certificate_valid_days")?,
            batch_csv: match csv_name {
                Some(file_name) => Some(BatchCsv {
                    file_name,
                    file_size: row.get::<_, Option<u64>>("csv_file_size")?.map(Into::into),
                    download_format: row.get("csv_download_format")?,
                }),
                None => None,
            },
            release: match release_id {
                Some(id) => Some(Release { id, name: row.get("release_name")?, version: row.get("release_version")? }),
                None => None,
            },
            enrollment_profile: named(row.get("enrollment_profile_id")?, row.get("enrollment_profile_name")?),
            division: named(row.get("division_id")?, row.get("division_name")?),
            certificate_format: row.get("certificate_format")?,
            decided_by: row.get("decided_by")?,
            progress_started_ms: row.get("progress_started_ms")?,
            progress_ends_ms: row.get("progress_ends_ms")?,
            failure_per_mille: row.get("failure_per_mille")?,
        })
    }

    pub fn is_batch(&self) -> bool {
        self.batch_status.is_some()
    }

    pub fn summary(&self) -> JobSummary {
        JobSummary {
            id: self.id.clone(),
            job_type: JobType::from_wire(&self.job_type),
            status: JobStatus::from_wire(&self.status),
            state: self.state.as_deref().map(JobState::from_wire),
            batch_status: self.batch_status.as_deref().map(BatchStatus::from_wire),
            draft: self.draft,
            result: JobResult { failed: self.failed.into(), successful: self.successful.into(), total: self.total.into() },
            device_group: self.device_group.clone(),
            owner: self.owner.clone(),
            run_date: self.run_date_ms.map(format_utc_millis),
        }
    }

    pub fn details(&self) -> JobDetails {
        let registers_devices = self.job_type == JobType::BatchDeviceRegistration.as_wire();
        JobDetails {
            summary: self.summary(),
            device_registration: registers_devices
                .then_some(DeviceRegistration { completed: self.successful.into(), failed: self.failed.into() }),
            certificate_policy: self.certificate_policy.clone(),
            certificate_type: self.certificate_type.as_deref().map(CertificateType::from_wire),
            batch_csv: self.batch_csv.clone(),
            release: self.release.clone(),
            created_at: Some(format_utc_millis(self.created_at_ms)),
        }
    }

    pub fn batch_enroll_job(&self) -> Option<BatchEnrollJob> {
        Some(BatchEnrollJob {
            id: self.id.clone(),
            status: BatchStatus::from_wire(self.batch_status.as_deref()?),
            enrollment_profile: self.enrollment_profile.clone(),
            division: self.division.clone(),
            certificate_format: self.certificate_format.as_deref().map(CertificateFormat::from_wire),
            original_file_name: self.batch_csv.as_ref().map(|csv| csv.file_name.clone()),
            original_size: self.batch_csv.as_ref().and_then(|csv| csv.file_size.clone()),
            total_enrollments: self.total.into(),
            successful_enrollments: self.successful.into(),
            failed_enrollments: self.failed.into(),
            requested_by: self.owner.as_ref().map(|owner| owner.name.clone()),
            decided_by: self.decided_by.clone(),
            decided_at: None,
            created_at: Some(format_utc_millis(self.created_at_ms)),
            updated_at: Some(format_utc_millis(self.updated_at_ms)),
        })
    }

    /// Sets the batch status and the Device Trust Manager status and state that follow from it.
    pub fn set_batch_status(&mut self, status: &BatchStatus) {
        let (job_status, job_state) = dtm_view_of_batch(status);
        self.batch_status = Some(status.as_wire().to_owned());
        self.status = job_status.as_wire().to_owned();
        self.state = job_state.map(|state| state.as_wire().to_owned());
    }
}

fn sort_column(field: SortField) -> &'static str {
    match field {
        SortField::Id => "id",
        SortField::JobType => "job_type",
        SortField::Status => "status",
        SortField::State => "state",
        SortField::DeviceGroup => "device_group_name",
        SortField::Owner => "owner_name",
        SortField::Result => "total",
        SortField::RunDate => "run_date_ms",
    }
}

fn like_pattern(text: &str) -> String {
    let escaped = text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("database task: {0}")]
    Task(#[from] tokio::task::JoinError),
}

/// What a decision (approve or reject) found.
#[derive(Debug, PartialEq, Eq)]
pub enum Decision {
    Decided,
    NotFound,
    /// The job exists but is not waiting for approval; carries its batch status (or none
    /// for a job that is not a batch enrollment job).
    WrongState(Option<String>),
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

pub fn insert_job(connection: &Connection, job: &JobRecord) -> rusqlite::Result<()> {
    let (group_id, group_name) = split(&job.device_group);
    let (owner_id, owner_name) = split(&job.owner);
    let (policy_id, policy_name) = split(&job.certificate_policy);
    let (profile_id, profile_name) = split(&job.enrollment_profile);
    let (division_id, division_name) = split(&job.division);
    let csv = job.batch_csv.as_ref();
    let release = job.release.as_ref();
    connection.execute(
        "INSERT INTO jobs (id, job_type, status, state, batch_status, requires_approval, draft, failed, successful,
            total, device_group_id, device_group_name, device_prefix, owner_id, owner_name, run_date_ms,
            created_at_ms, updated_at_ms, certificate_policy_id, certificate_policy_name, certificate_type,
            certificate_valid_days, csv_file_name, csv_file_size, csv_download_format, release_id, release_name,
            release_version, enrollment_profile_id, enrollment_profile_name, division_id, division_name,
            certificate_format, decided_by, progress_started_ms, progress_ends_ms, failure_per_mille)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,
            ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37)",
        params![
            job.id,
            job.job_type,
            job.status,
            job.state,
            job.batch_status,
            job.requires_approval,
            job.draft,
            job.failed,
            job.successful,
            job.total,
            group_id,
            group_name,
            job.device_prefix,
            owner_id,
            owner_name,
            job.run_date_ms,
            job.created_at_ms,
            job.updated_at_ms,
            policy_id,
            policy_name,
            job.certificate_type,
            job.certificate_valid_days,
            csv.map(|csv| &csv.file_name),
            csv.and_then(|csv| csv.file_size.as_ref().and_then(jobs_api::lenient::Count::known)),
            csv.and_then(|csv| csv.download_format.as_ref()),
            release.map(|release| &release.id),
            release.map(|release| &release.name),
            release.and_then(|release| release.version.as_ref()),
            profile_id,
            profile_name,
            division_id,
            division_name,
            job.certificate_format,
            job.decided_by,
            job.progress_started_ms,
            job.progress_ends_ms,
            job.failure_per_mille,
        ],
    )?;
    Ok(())
}

/// Writes back the fields that change as a job moves.
pub fn update_progress(connection: &Connection, job: &JobRecord) -> rusqlite::Result<()> {
    connection.execute(
        "UPDATE jobs SET status = ?2, state = ?3, batch_status = ?4, failed = ?5, successful = ?6,
            updated_at_ms = ?7, decided_by = ?8, progress_started_ms = ?9, progress_ends_ms = ?10 WHERE id = ?1",
        params![
            job.id,
            job.status,
            job.state,
            job.batch_status,
            job.failed,
            job.successful,
            job.updated_at_ms,
            job.decided_by,
            job.progress_started_ms,
            job.progress_ends_ms
        ],
    )?;
    Ok(())
}

pub fn find_job(connection: &Connection, id: &str) -> rusqlite::Result<Option<JobRecord>> {
    connection.query_row("SELECT * FROM jobs WHERE id = ?1", [id], JobRecord::from_row).optional()
}

/// Jobs whose progress window is open: they advance with time.
pub fn moving_jobs(connection: &Connection) -> rusqlite::Result<Vec<JobRecord>> {
    let mut statement = connection.prepare_cached(
        "SELECT * FROM jobs WHERE progress_ends_ms IS NOT NULL
            AND (batch_status IN ('APPROVED', 'IN_PROGRESS') OR (batch_status IS NULL AND state = 'ACTIVE'))",
    )?;
    let rows = statement.query_map([], JobRecord::from_row)?;
    rows.collect()
}

/// One page of jobs for a validated request.
pub fn list_jobs(connection: &Connection, filter: &JobListQuery) -> rusqlite::Result<(u64, Vec<JobRecord>)> {
    let mut clauses: Vec<&str> = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    if let Some(draft) = filter.draft {
        clauses.push("draft = ?");
        values.push(Value::Integer(draft.into()));
    }
    let exact = [
        ("job_type = ?", &filter.job_type),
        ("status = ?", &filter.status),
        ("state = ?", &filter.state),
        ("batch_status = ?", &filter.batch_status),
        ("device_group_id = ?", &filter.device_group_id),
    ];
    for (clause, value) in exact {
        if let Some(value) = value {
            clauses.push(clause);
            values.push(Value::Text(value.clone()));
        }
    }
    if let Some(q) = filter.q.as_deref().filter(|q| !q.is_empty()) {
        clauses.push("(id LIKE ? ESCAPE '\\' OR device_group_name LIKE ? ESCAPE '\\')");
        values.push(Value::Text(like_pattern(q)));
        values.push(Value::Text(like_pattern(q)));
    }
    let where_clause = if clauses.is_empty() { String::new() } else { format!("WHERE {}", clauses.join(" AND ")) };
    let total: u64 =
        connection
            .query_row(&format!("SELECT COUNT(*) FROM jobs {where_clause}"), rusqlite::params_from_iter(values.iter()), |row| row.get(0))?;
    let sort = filter.sort.unwrap_or_default();
    let column = sort_column(sort.field);
    let direction = if sort.descending { "DESC" } else { "ASC" };
    // Sort only the key and the row id (the default, run date descending, reads straight
    // off an index), then fetch the page's rows whole.
    let sql = format!("SELECT seq FROM jobs {where_clause} ORDER BY {column} {direction} NULLS LAST, seq {direction} LIMIT ? OFFSET ?");
    values.push(Value::Integer(filter.limit as i64));
    values.push(Value::Integer(filter.offset.min(i64::MAX as u64) as i64));
    let page: Vec<i64> = connection
        .prepare_cached(&sql)?
        .query_map(rusqlite::params_from_iter(values.iter()), |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut fetch = connection.prepare_cached("SELECT * FROM jobs WHERE seq = ?1")?;
    let jobs = page.iter().map(|seq| fetch.query_row([seq], JobRecord::from_row)).collect::<rusqlite::Result<_>>()?;
    Ok((total, jobs))
}

/// Moves a job out of `PENDING_APPROVAL` in one statement, so of many concurrent
/// decisions exactly one wins.
pub fn decide(connection: &Connection, job: &JobRecord) -> rusqlite::Result<Decision> {
    let changed = connection.execute(
        "UPDATE jobs SET status = ?2, state = ?3, batch_status = ?4, decided_by = ?5, updated_at_ms = ?6,
            progress_started_ms = ?7, progress_ends_ms = ?8
         WHERE id = ?1 AND batch_status = 'PENDING_APPROVAL'",
        params![
            job.id,
            job.status,
            job.state,
            job.batch_status,
            job.decided_by,
            job.updated_at_ms,
            job.progress_started_ms,
            job.progress_ends_ms
        ],
    )?;
    if changed == 1 {
        return Ok(Decision::Decided);
    }
    Ok(match find_job(connection, &job.id)? {
        None => Decision::NotFound,
        Some(current) => Decision::WrongState(current.batch_status),
    })
}

pub fn append_log(connection: &Connection, job_id: &str, entry: &JobLogEntry, date_ms: i64) -> rusqlite::Result<()> {
    connection.execute(
        "INSERT INTO job_log (job_id, action, downloaded_from, user, date_ms) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![job_id, entry.action.as_wire(), entry.downloaded_from.as_wire(), entry.user, date_ms],
    )?;
    Ok(())
}

pub fn job_log(connection: &Connection, job_id: &str, limit: u64, offset: u64) -> rusqlite::Result<(u64, Vec<JobLogEntry>)> {
    let total = connection.query_row("SELECT COUNT(*) FROM job_log WHERE job_id = ?1", [job_id], |row| row.get(0))?;
    let mut statement = connection.prepare_cached(
        "SELECT seq, action, downloaded_from, user, date_ms FROM job_log WHERE job_id = ?1
         ORDER BY date_ms DESC, seq DESC LIMIT ?2 OFFSET ?3",
    )?;
    let rows = statement.query_map(params![job_id, limit as i64, offset.min(i64::MAX as u64) as i64], |row| {
        let action: String = row.get(1)?;
        let source: String = row.get(2)?;
        let date_ms: i64 = row.get(4)?;
        Ok(JobLogEntry {
            id: format!("log-{}", row.get::<_, i64>(0)?),
            action: LogAction::from_wire(&action),
            downloaded_from: DownloadSource::from_wire(&source),
            user: row.get(3)?,
            date: Some(format_utc_millis(date_ms)),
        })
    })?;
    Ok((total, rows.collect::<rusqlite::Result<_>>()?))
}
