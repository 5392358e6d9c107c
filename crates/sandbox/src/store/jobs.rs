//! The jobs table: inserting, updating, finding, listing and deciding jobs.

use jobs_api::lenient::Count;
use jobs_api::query::{JobListQuery, SortField};
use jobs_api::{BatchStatus, JobState, JobStatus, JobType};
use rusqlite::types::Value;
use rusqlite::{named_params, Connection, OptionalExtension};

use super::job_record::{split, JobRecord};

/// What a decision (approve or reject) found.
#[derive(Debug, PartialEq, Eq)]
pub enum Decision {
    Decided,
    NotFound,
    /// The job exists but is not waiting for approval; carries its batch status (or none
    /// for a job that is not a batch enrollment job).
    WrongState(Option<BatchStatus>),
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

pub fn insert_job(connection: &Connection, job: &JobRecord) -> rusqlite::Result<()> {
    let (device_group_id, device_group_name) = split(&job.device_group);
    let (owner_id, owner_name) = split(&job.owner);
    let (certificate_policy_id, certificate_policy_name) = split(&job.certificate_policy);
    let (enrollment_profile_id, enrollment_profile_name) = split(&job.enrollment_profile);
    let (division_id, division_name) = split(&job.division);
    let csv = job.batch_csv.as_ref();
    let release = job.release.as_ref();
    connection.execute(
        "INSERT INTO jobs (id, job_type, status, state, batch_status, requires_approval, draft, failed, successful,
            total, device_group_id, device_group_name, device_prefix, owner_id, owner_name, run_date_ms,
            created_at_ms, updated_at_ms, certificate_policy_id, certificate_policy_name, certificate_type,
            certificate_valid_days, csv_file_name, csv_file_size, csv_download_format, release_id, release_name,
            release_version, enrollment_profile_id, enrollment_profile_name, division_id, division_name,
            certificate_format, decided_by, decided_at_ms, progress_started_ms, progress_ends_ms, failure_per_mille)
         VALUES (:id, :job_type, :status, :state, :batch_status, :requires_approval, :draft, :failed, :successful,
            :total, :device_group_id, :device_group_name, :device_prefix, :owner_id, :owner_name, :run_date_ms,
            :created_at_ms, :updated_at_ms, :certificate_policy_id, :certificate_policy_name, :certificate_type,
            :certificate_valid_days, :csv_file_name, :csv_file_size, :csv_download_format, :release_id, :release_name,
            :release_version, :enrollment_profile_id, :enrollment_profile_name, :division_id, :division_name,
            :certificate_format, :decided_by, :decided_at_ms, :progress_started_ms, :progress_ends_ms, :failure_per_mille)",
        named_params! {
            ":id": job.id,
            ":job_type": job.job_type.as_wire(),
            ":status": job.status.as_wire(),
            ":state": job.state.as_ref().map(|state| state.as_wire()),
            ":batch_status": job.batch_status.as_ref().map(|status| status.as_wire()),
            ":requires_approval": job.requires_approval,
            ":draft": job.draft,
            ":failed": job.failed,
            ":successful": job.successful,
            ":total": job.total,
            ":device_group_id": device_group_id,
            ":device_group_name": device_group_name,
            ":device_prefix": job.device_prefix,
            ":owner_id": owner_id,
            ":owner_name": owner_name,
            ":run_date_ms": job.run_date_ms,
            ":created_at_ms": job.created_at_ms,
            ":updated_at_ms": job.updated_at_ms,
            ":certificate_policy_id": certificate_policy_id,
            ":certificate_policy_name": certificate_policy_name,
            ":certificate_type": job.certificate_type.as_ref().map(|kind| kind.as_wire()),
            ":certificate_valid_days": job.certificate_valid_days,
            ":csv_file_name": csv.map(|csv| &csv.file_name),
            ":csv_file_size": csv.and_then(|csv| csv.file_size.as_ref().and_then(Count::known)),
            ":csv_download_format": csv.and_then(|csv| csv.download_format.as_ref()),
            ":release_id": release.map(|release| &release.id),
            ":release_name": release.map(|release| &release.name),
            ":release_version": release.and_then(|release| release.version.as_ref()),
            ":enrollment_profile_id": enrollment_profile_id,
            ":enrollment_profile_name": enrollment_profile_name,
            ":division_id": division_id,
            ":division_name": division_name,
            ":certificate_format": job.certificate_format.as_ref().map(|format| format.as_wire()),
            ":decided_by": job.decided_by,
            ":decided_at_ms": job.decided_at_ms,
            ":progress_started_ms": job.progress_started_ms,
            ":progress_ends_ms": job.progress_ends_ms,
            ":failure_per_mille": job.failure_per_mille,
        },
    )?;
    Ok(())
}

/// Writes back the fields that change as a job moves or is decided, if the stored job
/// is in `required` batch status (when given); returns how many rows changed.
fn write_changes(connection: &Connection, job: &JobRecord, required: Option<&BatchStatus>) -> rusqlite::Result<usize> {
    connection.execute(
        "UPDATE jobs SET status = :status, state = :state, batch_status = :batch_status, failed = :failed,
            successful = :successful, updated_at_ms = :updated_at_ms, decided_by = :decided_by, decided_at_ms = :decided_at_ms,
            progress_started_ms = :progress_started_ms, progress_ends_ms = :progress_ends_ms
         WHERE id = :id AND (:required IS NULL OR batch_status = :required)",
        named_params! {
            ":id": job.id,
            ":status": job.status.as_wire(),
            ":state": job.state.as_ref().map(|state| state.as_wire()),
            ":batch_status": job.batch_status.as_ref().map(|status| status.as_wire()),
            ":failed": job.failed,
            ":successful": job.successful,
            ":updated_at_ms": job.updated_at_ms,
            ":decided_by": job.decided_by,
            ":decided_at_ms": job.decided_at_ms,
            ":progress_started_ms": job.progress_started_ms,
            ":progress_ends_ms": job.progress_ends_ms,
            ":required": required.map(BatchStatus::as_wire),
        },
    )
}

/// Writes back the fields that change as a job moves.
pub fn update_progress(connection: &Connection, job: &JobRecord) -> rusqlite::Result<()> {
    write_changes(connection, job, None).map(drop)
}

pub fn find_job(connection: &Connection, id: &str) -> rusqlite::Result<Option<JobRecord>> {
    connection.query_row("SELECT * FROM jobs WHERE id = ?1", [id], JobRecord::from_row).optional()
}

/// Jobs whose progress window is open: they advance with time.
pub fn moving_jobs(connection: &Connection) -> rusqlite::Result<Vec<JobRecord>> {
    let mut statement = connection.prepare_cached(
        "SELECT * FROM jobs WHERE progress_ends_ms IS NOT NULL
            AND (batch_status IN (:approved, :in_progress, :pending_rejection, :rejection_in_progress) OR (batch_status IS NULL AND state = :active))",
    )?;
    let rows = statement.query_map(
        named_params! {
            ":approved": BatchStatus::Approved.as_wire(),
            ":in_progress": BatchStatus::InProgress.as_wire(),
            ":pending_rejection": BatchStatus::PendingRejection.as_wire(),
            ":rejection_in_progress": BatchStatus::RejectionInProgress.as_wire(),
            ":active": JobState::Active.as_wire(),
        },
        JobRecord::from_row,
    )?;
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
        ("job_type = ?", filter.job_type.as_ref().map(JobType::as_wire)),
        ("status = ?", filter.status.as_ref().map(JobStatus::as_wire)),
        ("state = ?", filter.state.as_ref().map(JobState::as_wire)),
        ("batch_status = ?", filter.batch_status.as_ref().map(BatchStatus::as_wire)),
        ("device_group_id = ?", filter.device_group_id.as_deref()),
    ];
    for (clause, value) in exact {
        if let Some(value) = value {
            clauses.push(clause);
            values.push(Value::Text(value.to_owned()));
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
    let changed = write_changes(connection, job, Some(&BatchStatus::PendingApproval))?;
    if changed == 1 {
        return Ok(Decision::Decided);
    }
    Ok(match find_job(connection, &job.id)? {
        None => Decision::NotFound,
        Some(current) => Decision::WrongState(current.batch_status),
    })
}
