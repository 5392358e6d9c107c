//! The API's records. Every path segment and field name the contract marks as inferred
//! lives here and in `paths`, so one edit adapts the client to the vendor's reference.
//! Optional fields default when absent: a record missing a detail still shows.

use serde::{Deserialize, Serialize};

use crate::enums::*;

/// One page of a list endpoint.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub total: u64,
    pub limit: u64,
    pub offset: u64,
    pub records: Vec<T>,
}

impl<T> Page<T> {
    /// Where this page stands in the whole list.
    pub fn window(&self) -> crate::paging::PageWindow {
        crate::paging::PageWindow { offset: self.offset, limit: self.limit.max(1), total: self.total }
    }
}

/// A reference to another resource by id and display name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedRef {
    pub id: String,
    pub name: String,
}

/// Failed, successful and total counts of a job's devices or enrollments.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobResult {
    #[serde(default)]
    pub failed: u64,
    #[serde(default)]
    pub successful: u64,
    #[serde(default)]
    pub total: u64,
}

impl JobResult {
    /// How many of the total are done, failed or not.
    pub fn processed(&self) -> u64 {
        self.failed.saturating_add(self.successful)
    }
}

/// A job as the Jobs tables list it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobSummary {
    pub id: String,
    pub job_type: JobType,
    pub status: JobStatus,
    #[serde(default)]
    pub state: Option<JobState>,
    #[serde(default)]
    pub batch_status: Option<BatchStatus>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub result: JobResult,
    #[serde(default)]
    pub device_group: Option<NamedRef>,
    #[serde(default)]
    pub owner: Option<NamedRef>,
    #[serde(default)]
    pub run_date: Option<String>,
}

impl JobSummary {
    /// A batch job that waits for someone to approve or reject it.
    pub fn awaits_approval(&self) -> bool {
        self.batch_status == Some(BatchStatus::PendingApproval)
    }
}

/// Completed and failed device registrations of a job.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceRegistration {
    #[serde(default)]
    pub completed: u64,
    #[serde(default)]
    pub failed: u64,
}

/// The CSV a batch job was created from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchCsv {
    pub file_name: String,
    #[serde(default)]
    pub file_size: Option<u64>,
    #[serde(default)]
    pub download_format: Option<String>,
}

/// The software release a deployment delivers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Release {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub version: Option<String>,
}

/// A job as its details page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobDetails {
    #[serde(flatten)]
    pub summary: JobSummary,
    #[serde(default)]
    pub device_registration: Option<DeviceRegistration>,
    #[serde(default)]
    pub certificate_policy: Option<NamedRef>,
    #[serde(default)]
    pub certificate_type: Option<CertificateType>,
    #[serde(default)]
    pub batch_csv: Option<BatchCsv>,
    #[serde(default)]
    pub release: Option<Release>,
    #[serde(default)]
    pub created_at: Option<String>,
}

/// A batch enrollment job as IoT Trust Manager reports it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BatchEnrollJob {
    pub id: String,
    pub status: BatchStatus,
    #[serde(default)]
    pub enrollment_profile: Option<NamedRef>,
    #[serde(default)]
    pub division: Option<NamedRef>,
    #[serde(default)]
    pub certificate_format: Option<CertificateFormat>,
    #[serde(default)]
    pub original_file_name: Option<String>,
    #[serde(default)]
    pub original_size: Option<u64>,
    #[serde(default)]
    pub total_enrollments: u64,
    #[serde(default)]
    pub successful_enrollments: u64,
    #[serde(default)]
    pub failed_enrollments: u64,
    #[serde(default)]
    pub requested_by: Option<String>,
    #[serde(default)]
    pub decided_by: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
}

/// One certificate a job issued.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobCertificate {
    pub serial_number: String,
    pub common_name: String,
    #[serde(default)]
    pub device: Option<NamedRef>,
    pub valid_from: String,
    pub valid_to: String,
    #[serde(default)]
    pub status: Option<CertificateStatus>,
}

/// One download recorded in a job's log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobLogEntry {
    pub id: String,
    pub action: LogAction,
    pub downloaded_from: DownloadSource,
    #[serde(default)]
    pub user: Option<String>,
    pub date: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_contract_examples_decode() {
        let details: JobDetails = serde_json::from_str(
            r#"{"id":"J-20261120-0042","job_type":"BATCH_DEVICE_REGISTRATION","status":"IN_PROGRESS",
            "state":"ACTIVE","batch_status":"IN_PROGRESS","draft":false,
            "result":{"failed":3,"successful":817,"total":1200},
            "device_group":{"id":"dg-7","name":"Meters EU-West"},"owner":{"id":"u-12","name":"ana.lopez"},
            "run_date":"2026-11-20T09:30:00Z","device_registration":{"completed":817,"failed":3},
            "certificate_policy":{"id":"cp-3","name":"Meter bootstrap RSA-2048"},"certificate_type":"BOOTSTRAP",
            "batch_csv":{"file_name":"meters-2026-11.csv","file_size":482133,"download_format":"Base64.PEM zipped"},
            "release":null,"created_at":"2026-11-20T09:12:44Z"}"#,
        )
        .unwrap();
        assert_eq!(details.summary.result.processed(), 820);
        assert_eq!(details.certificate_type, Some(CertificateType::Bootstrap));
        assert_eq!(details.batch_csv.unwrap().file_size, Some(482133));

        let batch: BatchEnrollJob = serde_json::from_str(
            r#"{"id":"b7e4","status":"PENDING_APPROVAL","enrollment_profile":{"id":"ep-101","name":"Smart meter bootstrap"},
            "division":{"id":"div-1","name":"Metering"},"certificate_format":"pem","original_file_name":"meters-2026-11.csv",
            "original_size":482133,"total_enrollments":1200,"successful_enrollments":0,"failed_enrollments":0,
            "requested_by":"ana.lopez","decided_by":null,"created_at":"2026-11-20T09:12:44Z","updated_at":"2026-11-20T09:12:44Z"}"#,
        )
        .unwrap();
        assert_eq!(batch.status, BatchStatus::PendingApproval);
        assert_eq!(batch.certificate_format, Some(CertificateFormat::Pem));
    }

    #[test]
    fn a_sparse_record_with_new_values_still_decodes() {
        let job: JobSummary =
            serde_json::from_str(r#"{"id":"7","job_type":"FIRMWARE_ROLLBACK","status":"QUEUED"}"#).unwrap();
        assert_eq!(job.job_type.label(), "FIRMWARE_ROLLBACK");
        assert_eq!(job.result, JobResult::default());
        assert!(!job.awaits_approval());
    }
}
