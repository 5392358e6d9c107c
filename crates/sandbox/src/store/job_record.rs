//! Everything the sandbox stores about a job, typed, and the API records made from it.

use jobs_api::lifecycle::dtm_view_of_batch;
use jobs_api::timestamp::format_utc_millis;
use jobs_api::*;
use rusqlite::Row;

/// An optional enum column, read through its wire spelling.
fn wire<T>(row: &Row<'_>, column: &str, parse: fn(&str) -> T) -> rusqlite::Result<Option<T>> {
    Ok(row.get::<_, Option<String>>(column)?.as_deref().map(parse))
}

/// Everything the sandbox stores about a job.
#[derive(Clone, Debug, PartialEq)]
pub struct JobRecord {
    pub id: String,
    pub job_type: JobType,
    pub status: JobStatus,
    pub state: Option<JobState>,
    pub batch_status: Option<BatchStatus>,
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
    pub certificate_type: Option<CertificateType>,
    pub certificate_valid_days: Option<i64>,
    pub batch_csv: Option<BatchCsv>,
    pub release: Option<Release>,
    pub enrollment_profile: Option<NamedRef>,
    pub division: Option<NamedRef>,
    pub certificate_format: Option<CertificateFormat>,
    pub decided_by: Option<String>,
    pub decided_at_ms: Option<i64>,
    pub progress_started_ms: Option<i64>,
    pub progress_ends_ms: Option<i64>,
    pub failure_per_mille: u64,
}

impl Default for JobRecord {
    /// An empty batch registration job, pending: the start of every seeded or created job.
    fn default() -> Self {
        Self {
            id: String::new(),
            job_type: JobType::BatchDeviceRegistration,
            status: JobStatus::Pending,
            state: None,
            batch_status: None,
            requires_approval: false,
            draft: false,
            failed: 0,
            successful: 0,
            total: 0,
            device_group: None,
            device_prefix: String::new(),
            owner: None,
            run_date_ms: None,
            created_at_ms: 0,
            updated_at_ms: 0,
            certificate_policy: None,
            certificate_type: None,
            certificate_valid_days: None,
            batch_csv: None,
            release: None,
            enrollment_profile: None,
            division: None,
            certificate_format: None,
            decided_by: None,
            decided_at_ms: None,
            progress_started_ms: None,
            progress_ends_ms: None,
            failure_per_mille: 0,
        }
    }
}

fn named(id: Option<String>, name: Option<String>) -> Option<NamedRef> {
    Some(NamedRef { id: id?, name: name? })
}

pub(super) fn split(named: &Option<NamedRef>) -> (Option<&str>, Option<&str>) {
    match named {
        Some(named) => (Some(named.id.as_str()), Some(named.name.as_str())),
        None => (None, None),
    }
}

impl JobRecord {
    pub(super) fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        let csv_name: Option<String> = row.get("csv_file_name")?;
        let release_id: Option<String> = row.get("release_id")?;
        Ok(Self {
            id: row.get("id")?,
            job_type: JobType::from_wire(&row.get::<_, String>("job_type")?),
            status: JobStatus::from_wire(&row.get::<_, String>("status")?),
            state: wire(row, "state", JobState::from_wire)?,
            batch_status: wire(row, "batch_status", BatchStatus::from_wire)?,
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
            certificate_type: wire(row, "certificate_type", CertificateType::from_wire)?,
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
            certificate_format: wire(row, "certificate_format", CertificateFormat::from_wire)?,
            decided_by: row.get("decided_by")?,
            decided_at_ms: row.get("decided_at_ms")?,
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
            job_type: self.job_type.clone(),
            status: self.status.clone(),
            state: self.state.clone(),
            batch_status: self.batch_status.clone(),
            draft: self.draft,
            result: JobResult { failed: self.failed.into(), successful: self.successful.into(), total: self.total.into() },
            device_group: self.device_group.clone(),
            owner: self.owner.clone(),
            run_date: self.run_date_ms.map(format_utc_millis),
        }
    }

    pub fn details(&self) -> JobDetails {
        let registers_devices = self.job_type == JobType::BatchDeviceRegistration;
        JobDetails {
            summary: self.summary(),
            device_registration: registers_devices
                .then_some(DeviceRegistration { completed: self.successful.into(), failed: self.failed.into() }),
            certificate_policy: self.certificate_policy.clone(),
            certificate_type: self.certificate_type.clone(),
            batch_csv: self.batch_csv.clone(),
            release: self.release.clone(),
            created_at: Some(format_utc_millis(self.created_at_ms)),
        }
    }

    pub fn batch_enroll_job(&self) -> Option<BatchEnrollJob> {
        Some(BatchEnrollJob {
            id: self.id.clone(),
            status: self.batch_status.clone()?,
            enrollment_profile: self.enrollment_profile.clone(),
            division: self.division.clone(),
            certificate_format: self.certificate_format.clone(),
            original_file_name: self.batch_csv.as_ref().map(|csv| csv.file_name.clone()),
            original_size: self.batch_csv.as_ref().and_then(|csv| csv.file_size.clone()),
            total_enrollments: self.total.into(),
            successful_enrollments: self.successful.into(),
            failed_enrollments: self.failed.into(),
            requested_by: self.owner.as_ref().map(|owner| owner.name.clone()),
            decided_by: self.decided_by.clone(),
            decided_at: self.decided_at_ms.map(format_utc_millis),
            created_at: Some(format_utc_millis(self.created_at_ms)),
            updated_at: Some(format_utc_millis(self.updated_at_ms)),
        })
    }

    /// Sets the batch status and the Device Trust Manager status and state that follow from it.
    pub fn set_batch_status(&mut self, status: &BatchStatus) {
        let (job_status, job_state) = dtm_view_of_batch(status);
        self.batch_status = Some(status.clone());
        self.status = job_status;
        self.state = job_state;
    }
}
