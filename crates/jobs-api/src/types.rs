//! The API's records. Every path segment and field name the contract marks as inferred
//! lives here and in `paths`, so one edit adapts the client to the vendor's reference.
//! Optional fields default when absent: a record missing a detail still shows.

use serde::{Deserialize, Serialize};

use crate::enums::*;
use crate::lenient::{null_as_default, optional_paging_number, paging_number, Count, UnreadableRecord};

/// One page of a list endpoint. Records are read one by one: one that cannot be read
/// lands in `unreadable`, and the others still show.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Page<T> {
    pub total: u64,
    pub limit: u64,
    pub offset: u64,
    pub records: Vec<T>,
    #[serde(skip)]
    pub unreadable: Vec<UnreadableRecord>,
}

#[derive(Deserialize)]
struct WirePage {
    #[serde(default, deserialize_with = "optional_paging_number")]
    total: Option<u64>,
    #[serde(default, deserialize_with = "paging_number")]
    limit: u64,
    #[serde(default, deserialize_with = "paging_number")]
    offset: u64,
    #[serde(default, deserialize_with = "null_as_default")]
    records: Vec<serde_json::Value>,
}

/// A page as documented (`{total, limit, offset, records}`), a page without `total` (it
/// then counts what it holds), or, as some DigiCert services answer, a bare array (all
/// there is, on one page).
impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for Page<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let wire = match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::Array(records) => {
                let count = records.len() as u64;
                WirePage { total: Some(count), limit: count, offset: 0, records }
            }
            other => WirePage::deserialize(other).map_err(D::Error::custom)?,
        };
        let (records, unreadable) = crate::lenient::records(wire.records);
        let total = wire.total.unwrap_or(wire.offset + (records.len() + unreadable.len()) as u64);
        Ok(Self { total, limit: wire.limit, offset: wire.offset, records, unreadable })
    }
}

impl<T> Page<T> {
    pub fn new(total: u64, limit: u64, offset: u64, records: Vec<T>) -> Self {
        Self { total, limit, offset, records, unreadable: Vec::new() }
    }

    /// Where this page stands in the whole list.
    pub fn window(&self) -> crate::paging::PageWindow {
        crate::paging::PageWindow { offset: self.offset, limit: self.limit.max(1), total: self.total }
    }
}

/// A reference to another resource by id and display name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedRef {
    #[serde(default, deserialize_with = "null_as_default")]
    pub id: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
}

/// Failed, successful and total counts of a job's devices or enrollments.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobResult {
    #[serde(default)]
    pub failed: Count,
    #[serde(default)]
    pub successful: Count,
    #[serde(default)]
    pub total: Count,
}

impl JobResult {
    /// How many of the total are done, failed or not; `None` when a count is odd.
    pub fn processed(&self) -> Option<u64> {
        Some(self.failed.known()?.saturating_add(self.successful.known()?))
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
    #[serde(default, deserialize_with = "null_as_default")]
    pub draft: bool,
    #[serde(default, deserialize_with = "null_as_default")]
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
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceRegistration {
    #[serde(default)]
    pub completed: Count,
    #[serde(default)]
    pub failed: Count,
}

/// The CSV a batch job was created from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchCsv {
    #[serde(default, deserialize_with = "null_as_default")]
    pub file_name: String,
    #[serde(default)]
    pub file_size: Option<Count>,
    #[serde(default)]
    pub download_format: Option<String>,
}

/// The software release a deployment delivers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Release {
    #[serde(default, deserialize_with = "null_as_default")]
    pub id: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    #[serde(default)]
    pub version: Option<String>,
}

/// A job as its details page shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JobDetails {
    #[serde(flatten)]
    pub summary: JobSummary,
    pub device_registration: Option<DeviceRegistration>,
    pub certificate_policy: Option<NamedRef>,
    pub certificate_type: Option<CertificateType>,
    pub batch_csv: Option<BatchCsv>,
    pub release: Option<Release>,
    pub created_at: Option<String>,
}

/// The details' own fields, beside the list's in the same JSON object.
#[derive(Deserialize)]
struct DetailsFields {
    #[serde(default)]
    device_registration: Option<DeviceRegistration>,
    #[serde(default)]
    certificate_policy: Option<NamedRef>,
    #[serde(default)]
    certificate_type: Option<CertificateType>,
    #[serde(default)]
    batch_csv: Option<BatchCsv>,
    #[serde(default)]
    release: Option<Release>,
    #[serde(default)]
    created_at: Option<String>,
}

/// Read as one `Value`, then once per part: `#[serde(flatten)]` would buffer the object
/// through serde's private content type, a decoder of its own in the bundle.
impl<'de> Deserialize<'de> for JobDetails {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let value = serde_json::Value::deserialize(deserializer)?;
        let fields = DetailsFields::deserialize(value.clone()).map_err(D::Error::custom)?;
        let summary = JobSummary::deserialize(value).map_err(D::Error::custom)?;
        Ok(Self {
            summary,
            device_registration: fields.device_registration,
            certificate_policy: fields.certificate_policy,
            certificate_type: fields.certificate_type,
            batch_csv: fields.batch_csv,
            release: fields.release,
            created_at: fields.created_at,
        })
    }
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
    pub original_size: Option<Count>,
    /// `total_certificates` and `failed_certificates` are the documented import job's names.
    #[serde(default, alias = "total_certificates")]
    pub total_enrollments: Count,
    #[serde(default)]
    pub successful_enrollments: Count,
    #[serde(default, alias = "failed_certificates")]
    pub failed_enrollments: Count,
    #[serde(default)]
    pub requested_by: Option<String>,
    #[serde(default)]
    pub decided_by: Option<String>,
    #[serde(default)]
    pub decided_at: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
}

/// One certificate a job issued.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobCertificate {
    #[serde(default, deserialize_with = "null_as_default")]
    pub serial_number: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub common_name: String,
    #[serde(default)]
    pub device: Option<NamedRef>,
    #[serde(default)]
    pub valid_from: Option<String>,
    #[serde(default)]
    pub valid_to: Option<String>,
    #[serde(default)]
    pub status: Option<CertificateStatus>,
}

/// One download recorded in a job's log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobLogEntry {
    #[serde(default, deserialize_with = "null_as_default")]
    pub id: String,
    pub action: LogAction,
    pub downloaded_from: DownloadSource,
    #[serde(default)]
    pub user: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
}

/// One entry of a job's activity: who did what, when [inferred].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobActivity {
    pub action: ActivityAction,
    #[serde(default)]
    pub user: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
}

/// A device a job failed for, and why [inferred].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobFailure {
    #[serde(default)]
    pub device: Option<NamedRef>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub reason_code: String,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
}

/// How many of a job's failures share one reason [inferred].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailureReasonCount {
    #[serde(default, deserialize_with = "null_as_default")]
    pub reason_code: String,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub count: Count,
}

/// The user an API key belongs to (`GET /iot/api/v1/user/me`) [inferred, optional].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    #[serde(default, deserialize_with = "null_as_default")]
    pub id: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
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
        assert_eq!(details.summary.result.processed(), Some(820));
        assert_eq!(details.certificate_type, Some(CertificateType::Bootstrap));
        assert_eq!(details.batch_csv.unwrap().file_size, Some(Count::Known(482133)));

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
    fn a_batch_job_in_the_documented_import_jobs_words_decodes() {
        let batch: BatchEnrollJob =
            serde_json::from_str(r#"{"id":"b7e4","status":"completed","total_certificates":40,"failed_certificates":2}"#).unwrap();
        assert_eq!(batch.status, BatchStatus::Complete);
        assert_eq!(batch.total_enrollments, Count::Known(40));
        assert_eq!(batch.failed_enrollments, Count::Known(2));
    }

    #[test]
    fn the_second_revision_records_decode() {
        let activity: Page<JobActivity> = serde_json::from_str(
            r#"{"total":2,"limit":20,"offset":0,"records":[{"action":"REJECTED","user":"mei.chen","date":"2026-11-20T10:00:00Z"},
            {"action":"ESCALATED","user":null}]}"#,
        )
        .unwrap();
        assert_eq!(activity.records[0].action, ActivityAction::Rejected);
        assert_eq!(activity.records[1].action.label(), "ESCALATED");
        let summary: Vec<FailureReasonCount> =
            serde_json::from_str(r#"[{"reason_code":"DUPLICATE_DEVICE_ID","message":"Duplicate device ID","count":41}]"#).unwrap();
        assert_eq!(summary[0].count, Count::Known(41));
        let failure: JobFailure = serde_json::from_str(r#"{"device":{"id":"d-1","name":"meter-1"},"reason_code":null}"#).unwrap();
        assert_eq!(failure.reason_code, "");
        let me: User = serde_json::from_str(r#"{"id":"u-1","name":"ana.lopez"}"#).unwrap();
        assert_eq!(me.name, "ana.lopez");
    }

    #[test]
    fn lists_in_the_shapes_digicert_services_answer() {
        let bare: Page<JobActivity> = serde_json::from_str(r#"[{"action":"approved","user":"ana"},{"action":"STARTED"}]"#).unwrap();
        assert_eq!((bare.total, bare.offset, bare.records.len()), (2, 0, 2));
        assert_eq!(bare.records[0].action, ActivityAction::Approved, "lowercase values are the known ones");
        let untotalled: Page<JobActivity> =
            serde_json::from_str(r#"{"limit":20,"offset":40,"records":[{"action":"STARTED"}],"next":null}"#).unwrap();
        assert_eq!((untotalled.total, untotalled.window().describe()), (41, "41–41 of 41".to_owned()));
        assert!(serde_json::from_str::<Page<JobActivity>>(r#""records""#).is_err(), "a string is no page");
    }

    #[test]
    fn a_sparse_record_with_new_values_still_decodes() {
        let job: JobSummary = serde_json::from_str(r#"{"id":"7","job_type":"FIRMWARE_ROLLBACK","status":"QUEUED"}"#).unwrap();
        assert_eq!(job.job_type.label(), "FIRMWARE_ROLLBACK");
        assert_eq!(job.result, JobResult::default());
        assert!(!job.awaits_approval());
    }

    #[test]
    fn odd_values_degrade_the_value_and_odd_records_only_themselves() {
        let page: Page<JobSummary> = serde_json::from_str(
            r#"{"total":null,"limit":20,"offset":-1,"records":[
                {"id":"ok","job_type":"DEPLOYMENT","status":"EXECUTED"},
                {"id":"odd","job_type":null,"status":"PENDING","draft":null,"state":null,"result":{"failed":-2,"successful":1e30,"total":null},
                 "device_group":{"id":"dg","name":null},"owner":null,"run_date":"yesterday"},
                {"id":42,"job_type":"DEPLOYMENT"},
                "not a record"
            ]}"#,
        )
        .unwrap();
        assert_eq!((page.total, page.offset), (4, 0), "a null total counts what the page holds");
        let ids: Vec<_> = page.records.iter().map(|job| job.id.as_str()).collect();
        assert_eq!(ids, ["ok", "odd"]);
        let odd = &page.records[1];
        assert_eq!(odd.job_type.label(), "unknown");
        assert_eq!(odd.result.failed, Count::Odd("-2".into()));
        assert_eq!(odd.result.processed(), None);
        assert_eq!(odd.device_group.as_ref().unwrap().name, "");
        assert_eq!(page.unreadable.len(), 2);
        assert_eq!(page.unreadable[0].id.as_deref(), Some("42"));
        assert_eq!(page.unreadable[1].id, None);
    }
}
