//! DigiCert's IoT audit log [documented]: the documented source of who approved or rejected
//! a batch job, and when. Its fields are public; how a decision appears in it is not, so a
//! record counts as a job's decision when it names the job and speaks of approving or
//! rejecting, in any of its text fields.

use serde::Serialize;
use serde_json::Value;

use crate::enums::BatchStatus;
use crate::lenient::FromJson;
use crate::timestamp::parse_utc_millis;

/// One audit record, with the documented field names. Every field may be absent or null.
/// Read by hand from a JSON value (see the `FromJson` impl below).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct AuditRecord {
    pub id: Option<String>,
    pub account_id: Option<String>,
    pub division_id: Option<String>,
    pub resource_type: Option<String>,
    pub resource_name: Option<String>,
    pub resource: Option<String>,
    pub authentication_type: Option<String>,
    pub authentication_id: Option<String>,
    /// The user's name.
    pub authentication: Option<String>,
    pub action: Option<String>,
    pub description: Option<String>,
    /// `success` or `failed`.
    pub status: Option<String>,
    pub error_message: Option<String>,
    pub detailed_error_message: Option<String>,
    pub request: Option<Value>,
    pub properties: Option<Vec<AuditProperty>>,
    pub created_at: Option<String>,
}

/// A field an audited action changed.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct AuditProperty {
    pub name: Option<String>,
    pub changed: Option<Value>,
    pub value_after: Option<String>,
}

/// A field's text: a string as sent, a number or boolean as written, anything else none.
fn text(object: &Value, field: &str) -> Option<String> {
    let value = object.get(field)?;
    crate::lenient::json_text(value).or_else(|| value.as_bool().map(|flag| flag.to_string()))
}

fn present(object: &Value, field: &str) -> Option<Value> {
    object.get(field).filter(|value| !value.is_null()).cloned()
}

/// By hand over a JSON value, which the console decodes anyway: a derived decoder for these
/// seventeen fields cost about 7 KB of the gzipped download. Only a record that is not an
/// object is unreadable; a field of an unexpected type is treated as absent.
impl FromJson for AuditRecord {
    fn from_json(record: &Value) -> Result<Self, String> {
        if !record.is_object() {
            return Err(crate::lenient::expected("an object", record));
        }
        let field = |name| text(record, name);
        let properties = record.get("properties").and_then(Value::as_array).map(|properties| {
            properties
                .iter()
                .map(|property| AuditProperty {
                    name: text(property, "name"),
                    changed: present(property, "changed"),
                    value_after: text(property, "value_after"),
                })
                .collect()
        });
        Ok(AuditRecord {
            id: field("id"),
            account_id: field("account_id"),
            division_id: field("division_id"),
            resource_type: field("resource_type"),
            resource_name: field("resource_name"),
            resource: field("resource"),
            authentication_type: field("authentication_type"),
            authentication_id: field("authentication_id"),
            authentication: field("authentication"),
            action: field("action"),
            description: field("description"),
            status: field("status"),
            error_message: field("error_message"),
            detailed_error_message: field("detailed_error_message"),
            request: present(record, "request"),
            properties,
            created_at: field("created_at"),
        })
    }
}

/// A decision on a batch job as the audit log (or, failing it, the batch record) tells it.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordedDecision {
    /// `Approved` or `Rejected`.
    pub outcome: BatchStatus,
    pub by: Option<String>,
    pub at: Option<String>,
}

impl AuditRecord {
    fn names_job(&self, job_id: &str) -> bool {
        [&self.resource, &self.resource_name].into_iter().flatten().any(|field| field == job_id)
            || self.description.as_deref().is_some_and(|description| description.contains(job_id))
    }

    /// Approved or rejected, when the record's words say so and it did not fail.
    fn decision(&self) -> Option<BatchStatus> {
        if self.status.as_deref().is_some_and(|status| status.eq_ignore_ascii_case("failed")) {
            return None;
        }
        let properties = self.properties.iter().flatten().filter_map(|property| property.value_after.as_deref());
        let words =
            [self.action.as_deref(), self.description.as_deref()].into_iter().flatten().chain(properties).collect::<Vec<_>>().join(" ");
        let words = words.to_ascii_lowercase();
        if words.contains("reject") {
            Some(BatchStatus::Rejected)
        } else if words.contains("approv") {
            Some(BatchStatus::Approved)
        } else {
            None
        }
    }

    /// The text for the sandbox's and tests' records of a decision.
    pub fn of_decision(job_id: &str, outcome: &BatchStatus, user: &str, created_at: String) -> Self {
        let verb = if *outcome == BatchStatus::Rejected { "reject" } else { "approve" };
        AuditRecord {
            resource_type: Some("batch_enrollment".into()),
            resource_name: Some(job_id.into()),
            resource: Some(job_id.into()),
            authentication_type: Some("user".into()),
            authentication: Some(user.into()),
            action: Some("update".into()),
            description: Some(format!("Batch enrollment job {job_id}: {verb}")),
            status: Some("success".into()),
            properties: Some(vec![AuditProperty {
                name: Some("status".into()),
                changed: Some(Value::Bool(true)),
                value_after: Some(outcome.as_wire().to_ascii_lowercase()),
            }]),
            created_at: Some(created_at),
            ..Default::default()
        }
    }
}

/// The newest decision on `job_id` among `records` (newest first).
pub fn decision_on(job_id: &str, records: &[AuditRecord]) -> Option<RecordedDecision> {
    records.iter().filter(|record| record.names_job(job_id)).find_map(|record| {
        record.decision().map(|outcome| RecordedDecision { outcome, by: record.authentication.clone(), at: record.created_at.clone() })
    })
}

/// The audit log's newest records the console reads at most for one job's decision.
pub const SEARCHED_RECORDS: u64 = 500;
/// Records asked per page of that search.
pub const SEARCH_PAGE: u64 = 100;

/// What one page of the audit log (newest first) says of a job's decision.
#[derive(Clone, Debug, PartialEq)]
pub enum SearchStep {
    Found(RecordedDecision),
    /// Not on this page: read the page at this offset next.
    ReadFrom(u64),
    /// Not in the log's newest `read` records: the end, the job's creation date or
    /// [`SEARCHED_RECORDS`] was reached.
    NotFound {
        read: u64,
    },
}

/// The next step of the search for `job_id`'s decision (a job created at `since`) after
/// reading `page`.
pub fn search_step(job_id: &str, since: Option<&str>, page: &crate::Page<AuditRecord>) -> SearchStep {
    if let Some(decision) = decision_on(job_id, &page.records) {
        return SearchStep::Found(decision);
    }
    let next = page.offset + page.records.len() as u64 + page.unreadable.len() as u64;
    if page.window().has_next() && next > page.offset && next < SEARCHED_RECORDS && !reaches_before(&page.records, since) {
        SearchStep::ReadFrom(next)
    } else {
        SearchStep::NotFound { read: next }
    }
}

/// Whether a page (newest first) already reaches back before `since`: older pages cannot
/// hold a decision on a job created then. Unknown dates never stop the search early.
pub fn reaches_before(records: &[AuditRecord], since: Option<&str>) -> bool {
    let Some(since) = since.and_then(parse_utc_millis) else { return false };
    records.last().and_then(|record| record.created_at.as_deref()).and_then(parse_utc_millis).is_some_and(|oldest| oldest < since)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Page;

    #[test]
    fn a_page_with_the_documented_fields_decodes() {
        let page: Page<AuditRecord> = crate::lenient::from_json_text(
            r#"{"total":2,"limit":20,"offset":0,"records":[
            {"id":"a1","account_id":"acc","division_id":null,"resource_type":"batch_enrollment","resource_name":"b7e4",
             "resource":"b7e4","authentication_type":"user","authentication_id":"u-9","authentication":"mei.chen",
             "action":"update","description":"Approved batch enrollment b7e4","status":"success","error_message":null,
             "detailed_error_message":null,"request":{"method":"PUT"},"properties":[{"name":"status","changed":true,"value_after":"approved"}],
             "created_at":"2026-11-20T10:00:00Z"},
            {"id":7,"resource":["odd"],"properties":"none"},
            "not a record"]}"#,
        )
        .unwrap();
        assert_eq!(page.records.len(), 2);
        assert_eq!(page.records[1], AuditRecord { id: Some("7".into()), ..Default::default() }, "odd fields are absent");
        assert_eq!(page.unreadable.len(), 1, "only what is not an object is unreadable");
        assert_eq!(page.records[0].request, Some(serde_json::json!({"method": "PUT"})));
        let property = &page.records[0].properties.as_ref().unwrap()[0];
        assert_eq!((property.name.as_deref(), property.changed.clone()), (Some("status"), Some(Value::Bool(true))));
        let decision = decision_on("b7e4", &page.records).unwrap();
        assert_eq!(
            decision,
            RecordedDecision { outcome: BatchStatus::Approved, by: Some("mei.chen".into()), at: Some("2026-11-20T10:00:00Z".into()) }
        );
    }

    #[test]
    fn a_record_reads_back_what_the_sandbox_writes() {
        let written = AuditRecord::of_decision("b-1", &BatchStatus::Approved, "ana", "2026-11-20T10:00:00Z".into());
        let read: AuditRecord = crate::lenient::FromJson::from_json(&serde_json::to_value(&written).unwrap()).unwrap();
        assert_eq!(read, written);
    }

    #[test]
    fn only_a_successful_record_naming_the_job_and_a_decision_counts() {
        let record = |resource: &str, action: &str, status: &str| AuditRecord {
            resource: Some(resource.into()),
            action: Some(action.into()),
            status: Some(status.into()),
            authentication: Some(format!("{action}-{status}")),
            ..Default::default()
        };
        let records = [
            record("other", "approve", "success"),
            record("b7e4", "download", "success"),
            record("b7e4", "reject", "failed"),
            record("b7e4", "REJECT", "success"),
            record("b7e4", "approve", "success"),
        ];
        let decision = decision_on("b7e4", &records).unwrap();
        assert_eq!(decision.outcome, BatchStatus::Rejected);
        assert_eq!(decision.by.as_deref(), Some("REJECT-success"), "the newest that counts");
        assert_eq!(decision_on("nobody", &records), None);
    }

    #[test]
    fn the_sandboxs_own_records_are_read_back() {
        let records = [AuditRecord::of_decision("b-1", &BatchStatus::Rejected, "ana", "2026-11-20T10:00:00Z".into())];
        assert_eq!(decision_on("b-1", &records).map(|decision| decision.outcome), Some(BatchStatus::Rejected));
        let records = [AuditRecord::of_decision("b-1", &BatchStatus::Approved, "ana", "2026-11-20T10:00:00Z".into())];
        assert_eq!(decision_on("b-1", &records).map(|decision| decision.outcome), Some(BatchStatus::Approved));
    }

    #[test]
    fn the_search_reads_older_pages_until_found_or_bounded() {
        let at = |date: &str| AuditRecord { created_at: Some(date.into()), ..Default::default() };
        let page = |offset: u64, total: u64, records: Vec<AuditRecord>| Page::new(total, SEARCH_PAGE, offset, records);
        let newer = vec![at("2026-11-21T00:00:00Z"); 100];
        assert_eq!(search_step("b-1", Some("2026-11-20T00:00:00Z"), &page(0, 1000, newer.clone())), SearchStep::ReadFrom(100));
        assert_eq!(
            search_step("b-1", Some("2026-11-20T00:00:00Z"), &page(0, 100, newer.clone())),
            SearchStep::NotFound { read: 100 },
            "the end"
        );
        assert_eq!(search_step("b-1", None, &page(400, 1000, newer)), SearchStep::NotFound { read: 500 }, "the bound");
        let older = vec![at("2026-11-19T00:00:00Z"); 100];
        assert_eq!(
            search_step("b-1", Some("2026-11-20T00:00:00Z"), &page(0, 1000, older)),
            SearchStep::NotFound { read: 100 },
            "before the job"
        );
        let decided = AuditRecord::of_decision("b-1", &BatchStatus::Approved, "ana", "2026-11-21T00:00:00Z".into());
        assert!(matches!(search_step("b-1", None, &page(0, 1000, vec![decided])), SearchStep::Found(_)));
    }

    #[test]
    fn the_search_stops_once_a_page_reaches_before_the_job() {
        let at = |date: &str| AuditRecord { created_at: Some(date.into()), ..Default::default() };
        let page = [at("2026-11-21T00:00:00Z"), at("2026-11-19T00:00:00Z")];
        assert!(reaches_before(&page, Some("2026-11-20T00:00:00Z")));
        assert!(!reaches_before(&page, Some("2026-11-18T00:00:00Z")));
        assert!(!reaches_before(&page, None));
        assert!(!reaches_before(&[at("not a date")], Some("2026-11-18T00:00:00Z")));
    }
}
