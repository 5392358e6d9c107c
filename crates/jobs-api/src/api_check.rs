//! "Check the API" (Settings): which GETs the console sends, once each, and what an answer
//! tells about the tenant: whether it decoded, how many records were unreadable, which
//! enum values this console does not know and which expected fields never came. Read-only:
//! no decision is ever sent, and downloads are left out (the server records each one).

use serde_json::Value;

use crate::audit_log::AuditRecord;
use crate::endpoints::Endpoint;
use crate::enums::*;
use crate::open_enum::OpenEnum;
use crate::*;

/// The endpoints the check asks, in the order it asks them: the job list first, since its
/// first jobs give the ids the others need.
pub const CHECKED: [Endpoint; 10] = [
    Endpoint::JobList,
    Endpoint::Job,
    Endpoint::JobCertificates,
    Endpoint::JobLog,
    Endpoint::JobFailureSummary,
    Endpoint::JobFailures,
    Endpoint::JobActivity,
    Endpoint::BatchJob,
    Endpoint::UserMe,
    Endpoint::AuditLog,
];

/// The canonical path the check GETs for `endpoint`, given a job's id and a batch job's id
/// (the two may differ); `None` when it needs an id there is none of.
pub fn check_path(endpoint: Endpoint, job_id: Option<&str>, batch_job_id: Option<&str>) -> Option<String> {
    Some(match endpoint {
        Endpoint::JobList => paths::job_list("limit=20"),
        Endpoint::Job => paths::job(job_id?),
        Endpoint::JobCertificates => paths::job_certificates(job_id?, 20, 0),
        Endpoint::JobLog => paths::job_log(job_id?, 20, 0),
        Endpoint::JobFailureSummary => paths::job_failure_summary(job_id?),
        Endpoint::JobFailures => paths::job_failures(job_id?, None, 20, 0),
        Endpoint::JobActivity => paths::job_activity(job_id?, 20, 0),
        Endpoint::BatchJob => paths::batch_job(batch_job_id?),
        Endpoint::UserMe => paths::user_me(),
        Endpoint::AuditLog => paths::audit_log(20, 0),
        // Decisions and downloads are never sent by the check.
        Endpoint::JobDownload | Endpoint::ApproveBatchJob | Endpoint::RejectBatchJob | Endpoint::BatchCertificatesDownload => return None,
    })
}

/// What an answer's body showed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Examination {
    /// Why the body as a whole could not be read; `None` when it decoded.
    pub undecodable: Option<String>,
    pub records: usize,
    pub unreadable: usize,
    /// `field=value` for each enum value this console does not know.
    pub unknown_values: Vec<String>,
    /// Expected fields that no record had.
    pub missing_fields: Vec<String>,
}

/// Whether this console knows `text` as a `T` (in any case, or as another spelling).
fn known<T: OpenEnum>(text: &str) -> bool {
    T::KNOWN.contains(&T::from_wire(text))
}

/// An enum field's name and whether this console knows a value of it.
type EnumField = (&'static str, fn(&str) -> bool);

/// The fields a record of `endpoint` is expected to have, and the enum fields among them.
fn expected(endpoint: Endpoint) -> (&'static [&'static str], &'static [EnumField]) {
    match endpoint {
        Endpoint::JobList | Endpoint::Job => (
            &["id", "job_type", "status", "state", "batch_status", "result", "device_group", "owner", "run_date"],
            &[
                ("job_type", known::<JobType>),
                ("status", known::<JobStatus>),
                ("state", known::<JobState>),
                ("batch_status", known::<BatchStatus>),
            ],
        ),
        Endpoint::JobCertificates => {
            (&["serial_number", "common_name", "device", "valid_from", "valid_to", "status"], &[("status", known::<CertificateStatus>)])
        }
        Endpoint::JobLog => (
            &["id", "action", "downloaded_from", "user", "date"],
            &[("action", known::<LogAction>), ("downloaded_from", known::<DownloadSource>)],
        ),
        Endpoint::JobFailureSummary => (&["reason_code", "message", "count"], &[]),
        Endpoint::JobFailures => (&["device", "reason_code", "message", "date"], &[]),
        Endpoint::JobActivity => (&["action", "user", "date"], &[("action", known::<ActivityAction>)]),
        Endpoint::BatchJob => (
            &["id", "status", "certificate_format", "requested_by", "created_at"],
            &[("status", known::<BatchStatus>), ("certificate_format", known::<CertificateFormat>)],
        ),
        Endpoint::UserMe => (&["id", "name"], &[]),
        Endpoint::AuditLog => (&["id", "resource_type", "resource", "authentication", "action", "status", "created_at"], &[]),
        _ => (&[], &[]),
    }
}

/// Decodes `body` as the console would and says how many records it held and how many
/// were unreadable.
fn decode(endpoint: Endpoint, body: &str) -> Result<(usize, usize), String> {
    fn page<T: lenient::FromJson>(body: &str) -> Result<(usize, usize), String> {
        let page: Page<T> = lenient::from_json_text(body)?;
        Ok((page.records.len() + page.unreadable.len(), page.unreadable.len()))
    }
    fn one<T: lenient::FromJson>(body: &str) -> Result<(usize, usize), String> {
        lenient::from_json_text::<T>(body).map(|_| (1, 0))
    }
    match endpoint {
        Endpoint::JobList => page::<JobSummary>(body),
        Endpoint::Job => one::<JobDetails>(body),
        Endpoint::JobCertificates => page::<JobCertificate>(body),
        Endpoint::JobLog => page::<JobLogEntry>(body),
        Endpoint::JobFailureSummary => page::<FailureReasonCount>(body),
        Endpoint::JobFailures => page::<JobFailure>(body),
        Endpoint::JobActivity => page::<JobActivity>(body),
        Endpoint::BatchJob => one::<BatchEnrollJob>(body),
        Endpoint::UserMe => one::<User>(body),
        Endpoint::AuditLog => page::<AuditRecord>(body),
        _ => Ok((0, 0)),
    }
}

/// The JSON records of a body: a page's records, a bare array's items, or the one object.
fn raw_records(body: &str) -> Vec<Value> {
    match crate::lenient::parse_value(body) {
        Ok(Value::Array(items)) => items,
        Ok(Value::Object(mut object)) => match object.remove("records") {
            Some(Value::Array(records)) => records,
            _ => vec![Value::Object(object)],
        },
        _ => Vec::new(),
    }
}

/// What the answer `body` of `endpoint` shows.
pub fn examine(endpoint: Endpoint, body: &str) -> Examination {
    let (fields, enums) = expected(endpoint);
    let records = raw_records(body);
    let mut examination = Examination::default();
    match decode(endpoint, body) {
        Ok((count, unreadable)) => (examination.records, examination.unreadable) = (count, unreadable),
        Err(reason) => examination.undecodable = Some(reason),
    }
    if !records.is_empty() {
        examination.missing_fields = fields
            .iter()
            .filter(|field| records.iter().all(|record| record.get(**field).is_none()))
            .map(|field| field.to_string())
            .collect();
    }
    for (field, is_known) in enums {
        for record in &records {
            if let Some(Value::String(value)) = record.get(*field) {
                let seen = format!("{field}={value}");
                if !is_known(value) && !examination.unknown_values.contains(&seen) {
                    examination.unknown_values.push(seen);
                }
            }
        }
    }
    examination
}

/// The first job of a job list answer, and its first batch enrollment job.
pub fn ids_to_check_with(body: &str) -> (Option<String>, Option<String>) {
    let records = raw_records(body);
    let id = |record: &Value| record.get("id").and_then(Value::as_str).map(str::to_owned);
    let batch = records.iter().find(|record| record.get("batch_status").is_some_and(|status| !status.is_null()));
    (records.first().and_then(id), batch.and_then(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_examined_for_what_it_lacks_and_what_is_new() {
        let body = r#"{"total":3,"limit":20,"offset":0,"records":[
            {"id":"j1","job_type":"BATCH_DEVICE_REGISTRATION","status":"executed","state":"SUCCESS","result":{},"run_date":null},
            {"id":"j2","job_type":"FIRMWARE_UPDATE","status":"EXECUTED","batch_status":"PENDING_APPROVAL"},
            {"job_type":"DEPLOYMENT"}]}"#;
        let examination = examine(Endpoint::JobList, body);
        assert_eq!(examination.undecodable, None);
        assert_eq!((examination.records, examination.unreadable), (3, 1), "the record without an id is unreadable");
        assert_eq!(examination.unknown_values, ["job_type=FIRMWARE_UPDATE"], "any case is known");
        assert_eq!(examination.missing_fields, ["device_group", "owner"]);
        assert_eq!(ids_to_check_with(body), (Some("j1".into()), Some("j2".into())));
    }

    #[test]
    fn a_body_that_is_not_the_expected_shape_says_why() {
        let examination = examine(Endpoint::BatchJob, r#"{"status":"COMPLETED"}"#);
        assert!(examination.undecodable.unwrap().contains("missing field `id`"));
        assert!(examine(Endpoint::AuditLog, "<html>").undecodable.is_some());
        assert_eq!(examine(Endpoint::JobFailureSummary, r#"[{"reason_code":"E1","message":"m","count":2}]"#).records, 1);
    }

    #[test]
    fn the_check_never_sends_a_decision_or_a_download() {
        for endpoint in Endpoint::ALL {
            let path = check_path(endpoint, Some("j1"), Some("b1"));
            assert_eq!(path.is_some(), CHECKED.contains(&endpoint), "{endpoint:?}");
        }
        assert_eq!(check_path(Endpoint::Job, None, None), None, "no id, not asked");
        assert_eq!(check_path(Endpoint::AuditLog, None, None), Some(paths::audit_log(20, 0)));
    }
}
