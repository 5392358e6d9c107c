//! The API's records. Every path segment and field name the contract marks as inferred
//! lives here and in `paths`, so one edit adapts the client to the vendor's reference.
//! Optional fields default when absent: a record missing a detail still shows.

use serde::Serialize;

use crate::enums::*;
use crate::lenient::{Count, Fields, FromJson, UnreadableRecord};
use crate::read_by_hand;

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

/// A page as documented (`{total, limit, offset, records}`), a page without `total` (it
/// then counts what it holds), or, as some DigiCert services answer, a bare array (all
/// there is, on one page).
impl<T: FromJson> FromJson for Page<T> {
    fn from_json(value: &serde_json::Value) -> Result<Self, String> {
        let PageParts { total, limit, offset, records } = PageParts::of(value)?;
        let (records, unreadable) = crate::lenient::records(records);
        let total = total.unwrap_or(offset + (records.len() + unreadable.len()) as u64);
        Ok(Page { total, limit, offset, records, unreadable })
    }
}

/// What a page says before its records are read: the same for every record type, so not
/// generic.
struct PageParts<'a> {
    /// Absent, `null` or odd: none.
    total: Option<u64>,
    limit: u64,
    offset: u64,
    records: &'a [serde_json::Value],
}

impl<'a> PageParts<'a> {
    fn of(value: &'a serde_json::Value) -> Result<Self, String> {
        if let serde_json::Value::Array(records) = value {
            return Ok(PageParts { total: None, limit: records.len() as u64, offset: 0, records });
        }
        let fields = Fields::of(value)?;
        let number = |name| fields.lenient::<Option<Count>>(name).and_then(|count| count.known());
        Ok(PageParts {
            total: number("total"),
            limit: number("limit").unwrap_or_default(),
            offset: number("offset").unwrap_or_default(),
            records: fields.records(),
        })
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NamedRef {
    pub id: String,
    pub name: String,
}

/// Failed, successful and total counts of a job's devices or enrollments.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct JobResult {
    pub failed: Count,
    pub successful: Count,
    pub total: Count,
}

impl JobResult {
    /// How many of the total are done, failed or not; `None` when a count is odd.
    pub fn processed(&self) -> Option<u64> {
        Some(self.failed.known()?.saturating_add(self.successful.known()?))
    }
}

/// A job as the Jobs tables list it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JobSummary {
    pub id: String,
    pub job_type: JobType,
    pub status: JobStatus,
    pub state: Option<JobState>,
    pub batch_status: Option<BatchStatus>,
    pub draft: bool,
    pub result: JobResult,
    pub device_group: Option<NamedRef>,
    pub owner: Option<NamedRef>,
    pub run_date: Option<String>,
}

impl JobSummary {
    /// A batch job that waits for someone to approve or reject it.
    pub fn awaits_approval(&self) -> bool {
        self.batch_status == Some(BatchStatus::PendingApproval)
    }
}

/// Completed and failed device registrations of a job.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DeviceRegistration {
    pub completed: Count,
    pub failed: Count,
}

/// The CSV a batch job was created from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BatchCsv {
    pub file_name: String,
    pub file_size: Option<Count>,
    pub download_format: Option<String>,
}

/// The software release a deployment delivers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Release {
    pub id: String,
    pub name: String,
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

/// A batch enrollment job as IoT Trust Manager reports it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BatchEnrollJob {
    pub id: String,
    pub status: BatchStatus,
    pub enrollment_profile: Option<NamedRef>,
    pub division: Option<NamedRef>,
    pub certificate_format: Option<CertificateFormat>,
    pub original_file_name: Option<String>,
    pub original_size: Option<Count>,
    pub total_enrollments: Count,
    pub successful_enrollments: Count,
    pub failed_enrollments: Count,
    pub requested_by: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

/// One certificate a job issued.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JobCertificate {
    pub serial_number: String,
    pub common_name: String,
    pub device: Option<NamedRef>,
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
    pub status: Option<CertificateStatus>,
}

/// One download recorded in a job's log.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JobLogEntry {
    pub id: String,
    pub action: LogAction,
    pub downloaded_from: DownloadSource,
    pub user: Option<String>,
    pub date: Option<String>,
}

/// One entry of a job's activity: who did what, when [inferred].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JobActivity {
    pub action: ActivityAction,
    pub user: Option<String>,
    pub date: Option<String>,
}

/// A device a job failed for, and why [inferred].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JobFailure {
    pub device: Option<NamedRef>,
    pub reason_code: String,
    pub message: Option<String>,
    pub date: Option<String>,
}

/// How many of a job's failures share one reason [inferred].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FailureReasonCount {
    pub reason_code: String,
    pub message: Option<String>,
    pub count: Count,
}

/// The user an API key belongs to (`GET /iot/api/v1/user/me`) [inferred, optional].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: String,
    pub name: String,
}

read_by_hand!(NamedRef, |fields: Fields| Ok(NamedRef { id: fields.lenient("id"), name: fields.lenient("name") }));

read_by_hand!(JobResult, |fields: Fields| {
    Ok(JobResult { failed: fields.lenient("failed"), successful: fields.lenient("successful"), total: fields.lenient("total") })
});

fn job_summary(fields: &Fields) -> Result<JobSummary, String> {
    Ok(JobSummary {
        id: fields.required("id")?,
        job_type: fields.required("job_type")?,
        status: fields.required("status")?,
        state: fields.lenient("state"),
        batch_status: fields.lenient("batch_status"),
        draft: fields.lenient("draft"),
        result: fields.lenient("result"),
        device_group: fields.lenient("device_group"),
        owner: fields.lenient("owner"),
        run_date: fields.lenient("run_date"),
    })
}

read_by_hand!(JobSummary, |fields: Fields| job_summary(&fields));

read_by_hand!(DeviceRegistration, |fields: Fields| {
    Ok(DeviceRegistration { completed: fields.lenient("completed"), failed: fields.lenient("failed") })
});

read_by_hand!(BatchCsv, |fields: Fields| {
    Ok(BatchCsv {
        file_name: fields.lenient("file_name"),
        file_size: fields.lenient("file_size"),
        download_format: fields.lenient("download_format"),
    })
});

read_by_hand!(Release, |fields: Fields| {
    Ok(Release { id: fields.lenient("id"), name: fields.lenient("name"), version: fields.lenient("version") })
});

read_by_hand!(JobDetails, |fields: Fields| {
    Ok(JobDetails {
        summary: job_summary(&fields)?,
        device_registration: fields.lenient("device_registration"),
        certificate_policy: fields.lenient("certificate_policy"),
        certificate_type: fields.lenient("certificate_type"),
        batch_csv: fields.lenient("batch_csv"),
        release: fields.lenient("release"),
        created_at: fields.lenient("created_at"),
    })
});

/// `total_certificates` and `failed_certificates` are the documented import job's names.
fn either<T: FromJson + Default>(fields: &Fields, name: &str, other: &str) -> T {
    fields.lenient(if fields.has(name) { name } else { other })
}

read_by_hand!(BatchEnrollJob, |fields: Fields| {
    Ok(BatchEnrollJob {
        id: fields.required("id")?,
        status: fields.required("status")?,
        enrollment_profile: fields.lenient("enrollment_profile"),
        division: fields.lenient("division"),
        certificate_format: fields.lenient("certificate_format"),
        original_file_name: fields.lenient("original_file_name"),
        original_size: fields.lenient("original_size"),
        total_enrollments: either(&fields, "total_enrollments", "total_certificates"),
        successful_enrollments: fields.lenient("successful_enrollments"),
        failed_enrollments: either(&fields, "failed_enrollments", "failed_certificates"),
        requested_by: fields.lenient("requested_by"),
        decided_by: fields.lenient("decided_by"),
        decided_at: fields.lenient("decided_at"),
        created_at: fields.lenient("created_at"),
        updated_at: fields.lenient("updated_at"),
    })
});

read_by_hand!(JobCertificate, |fields: Fields| {
    Ok(JobCertificate {
        serial_number: fields.lenient("serial_number"),
        common_name: fields.lenient("common_name"),
        device: fields.lenient("device"),
        valid_from: fields.lenient("valid_from"),
        valid_to: fields.lenient("valid_to"),
        status: fields.lenient("status"),
    })
});

read_by_hand!(JobLogEntry, |fields: Fields| {
    Ok(JobLogEntry {
        id: fields.lenient("id"),
        action: fields.required("action")?,
        downloaded_from: fields.required("downloaded_from")?,
        user: fields.lenient("user"),
        date: fields.lenient("date"),
    })
});

read_by_hand!(JobActivity, |fields: Fields| {
    Ok(JobActivity { action: fields.required("action")?, user: fields.lenient("user"), date: fields.lenient("date") })
});

read_by_hand!(JobFailure, |fields: Fields| {
    Ok(JobFailure {
        device: fields.lenient("device"),
        reason_code: fields.lenient("reason_code"),
        message: fields.lenient("message"),
        date: fields.lenient("date"),
    })
});

read_by_hand!(FailureReasonCount, |fields: Fields| {
    Ok(FailureReasonCount {
        reason_code: fields.lenient("reason_code"),
        message: fields.lenient("message"),
        count: fields.lenient("count"),
    })
});

read_by_hand!(User, |fields: Fields| Ok(User { id: fields.lenient("id"), name: fields.lenient("name") }));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_contract_examples_decode() {
        let details: JobDetails = crate::lenient::from_json_text(
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

        let batch: BatchEnrollJob = crate::lenient::from_json_text(
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
            crate::lenient::from_json_text(r#"{"id":"b7e4","status":"completed","total_certificates":40,"failed_certificates":2}"#)
                .unwrap();
        assert_eq!(batch.status, BatchStatus::Complete);
        assert_eq!(batch.total_enrollments, Count::Known(40));
        assert_eq!(batch.failed_enrollments, Count::Known(2));
    }

    #[test]
    fn the_second_revision_records_decode() {
        let activity: Page<JobActivity> = crate::lenient::from_json_text(
            r#"{"total":2,"limit":20,"offset":0,"records":[{"action":"REJECTED","user":"mei.chen","date":"2026-11-20T10:00:00Z"},
            {"action":"ESCALATED","user":null}]}"#,
        )
        .unwrap();
        assert_eq!(activity.records[0].action, ActivityAction::Rejected);
        assert_eq!(activity.records[1].action.label(), "ESCALATED");
        let summary: Vec<FailureReasonCount> =
            crate::lenient::from_json_text(r#"[{"reason_code":"DUPLICATE_DEVICE_ID","message":"Duplicate device ID","count":41}]"#)
                .unwrap();
        assert_eq!(summary[0].count, Count::Known(41));
        let failure: JobFailure = crate::lenient::from_json_text(r#"{"device":{"id":"d-1","name":"meter-1"},"reason_code":null}"#).unwrap();
        assert_eq!(failure.reason_code, "");
        let me: User = crate::lenient::from_json_text(r#"{"id":"u-1","name":"ana.lopez"}"#).unwrap();
        assert_eq!(me.name, "ana.lopez");
    }

    #[test]
    fn lists_in_the_shapes_digicert_services_answer() {
        let bare: Page<JobActivity> =
            crate::lenient::from_json_text(r#"[{"action":"approved","user":"ana"},{"action":"STARTED"}]"#).unwrap();
        assert_eq!((bare.total, bare.offset, bare.records.len()), (2, 0, 2));
        assert_eq!(bare.records[0].action, ActivityAction::Approved, "lowercase values are the known ones");
        let untotalled: Page<JobActivity> =
            crate::lenient::from_json_text(r#"{"limit":20,"offset":40,"records":[{"action":"STARTED"}],"next":null}"#).unwrap();
        assert_eq!((untotalled.total, untotalled.window().describe()), (41, "41–41 of 41".to_owned()));
        assert!(crate::lenient::from_json_text::<Page<JobActivity>>(r#""records""#).is_err(), "a string is no page");
    }

    #[test]
    fn a_sparse_record_with_new_values_still_decodes() {
        let job: JobSummary = crate::lenient::from_json_text(r#"{"id":"7","job_type":"FIRMWARE_ROLLBACK","status":"QUEUED"}"#).unwrap();
        assert_eq!(job.job_type.label(), "FIRMWARE_ROLLBACK");
        assert_eq!(job.result, JobResult::default());
        assert!(!job.awaits_approval());
    }

    #[test]
    fn odd_values_degrade_the_value_and_odd_records_only_themselves() {
        let page: Page<JobSummary> = crate::lenient::from_json_text(
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
        assert_eq!(page.unreadable[0].reason, "id: expected text, found a number", "the reason names the field");
        assert_eq!(page.unreadable[1].reason, "expected an object, found text");

        let mistyped: JobSummary = crate::lenient::from_json_text(
            r#"{"id":"x","job_type":"DEPLOYMENT","status":"EXECUTED","device_group":"EU","draft":"yes","run_date":7}"#,
        )
        .unwrap();
        assert_eq!((mistyped.device_group, mistyped.draft, mistyped.run_date), (None, false, None), "a mistyped value is absent");
    }
}
