//! Who did what on a job (its decision and activity) and why it failed (failures by reason).

use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

const ACTIVITY: &str = "Job activity, newest first";

/// The activity's (what, who) rows; none until its table shows.
fn activity(console: &Console) -> Vec<(String, String)> {
    if !console.find_all("table caption").iter().any(|caption| caption.text_content().as_deref() == Some(ACTIVITY)) {
        return Vec::new();
    }
    console.column(ACTIVITY, 0).into_iter().zip(console.column(ACTIVITY, 1)).collect()
}

#[wasm_bindgen_test]
async fn a_decided_job_shows_who_decided_and_its_activity() {
    let id = new_job(serde_json::json!({ "total": 4, "owner_name": "ana.lopez" })).await;
    let console = open_console(&format!("/jobs/{id}"), APPROVER_KEY);
    console.wait_until("the request is in the activity", |console| activity(console) == [("Requested".into(), "ana.lopez".into())]).await;

    let reject = format!("button[aria-label='Reject job {id}']");
    console.wait_for(&reject).await;
    console.click(&reject);
    console.wait_for("dialog[open]").await;
    console.click("dialog[open] .actions button:last-child");
    console.wait_for_text(&format!("Job {id} rejected.")).await;
    // Rejection is asynchronous: the page follows the job until it is final.
    console
        .wait_until("the job ends rejected", |console| console.find("#facts-heading").is_some() && console.text().contains("Rejected by"))
        .await;
    console
        .wait_until("the decision is in the activity, newest first", |console| {
            activity(console).first() == Some(&("Rejected".into(), "sandbox.approver".into()))
        })
        .await;
    console
        .wait_until("the job's state is final", |console| {
            let state = console.find(".facts .badge").and_then(|badge| badge.text_content()).unwrap_or_default();
            state == "Rejected"
        })
        .await;
    console.wait_for_text("Source: DigiCert ONE's audit log").await;
    let decision = console.find("#decision-heading").unwrap().parent_element().unwrap().text_content().unwrap();
    assert!(decision.contains("Rejected by") && decision.contains("sandbox.approver"), "{decision}");
    assert!(decision.contains("ana.lopez"), "the requester is on record: {decision}");
}

/// Makes the sandbox refuse the next 20 reads of the audit log (403, "This key may not read
/// the audit log.").
async fn refuse_audit_log() {
    let refused = serde_json::json!({ "error": { "code": "access_denied", "message": "This key may not read the audit log." } });
    let arm = serde_json::json!({ "path_contains": "audit-log", "fault": "respond", "status": 403, "body": refused, "count": 20 });
    control_post("/_sandbox/faults", arm).await;
}

#[wasm_bindgen_test]
async fn without_the_audit_log_who_decided_comes_from_the_batch_record_and_says_so() {
    let id = new_job(serde_json::json!({ "total": 4, "owner_name": "ana.lopez" })).await;
    approve_behind_the_consoles_back(&id).await;
    refuse_audit_log().await;
    let console = open_console(&format!("/jobs/{id}"), APPROVER_KEY);
    // The fallback shows while the audit log is read, then with why it was not used.
    console.wait_for_text("This key may not read the audit log.").await;
    let decision = console.find("#decision-heading").unwrap().parent_element().unwrap().text_content().unwrap();
    assert!(decision.contains("Approved by") && decision.contains("sandbox.approver"), "{decision}");
    assert!(decision.contains("Source: the batch job's record."), "{decision}");
    assert!(console.find(".error-panel").is_none(), "an unreadable audit log degrades only its line");
    control_post("/_sandbox/faults/clear", serde_json::json!({})).await;
}

#[wasm_bindgen_test]
async fn a_decision_no_record_names_shows_its_outcome_and_why_who_decided_is_not_known() {
    let decided =
        api_get(&format!("{}?job_type=BATCH_DEVICE_REGISTRATION&batch_status=COMPLETE&limit=50", jobs_api::paths::routes::JOBS)).await;
    let mut unnamed = None;
    for job in decided["records"].as_array().unwrap() {
        let batch = api_get(&jobs_api::paths::batch_job(job["id"].as_str().unwrap())).await;
        if batch["decided_by"].is_null() {
            unnamed = Some(batch);
            break;
        }
    }
    let batch = unnamed.expect("the sandbox seeds decided batch jobs whose record names no approver");
    refuse_audit_log().await;
    let console = open_console(&format!("/jobs/{}", batch["id"].as_str().unwrap()), APPROVER_KEY);
    console.wait_for_text("This key may not read the audit log.").await;
    let decision = console.find("#decision-heading").unwrap().parent_element().unwrap().text_content().unwrap();
    assert!(decision.contains("Approved by—"), "the outcome, with no name: {decision}");
    assert!(decision.contains(batch["requested_by"].as_str().unwrap()), "the requester is on record: {decision}");
    assert!(decision.contains("Source: the batch job's record."), "{decision}");
    control_post("/_sandbox/faults/clear", serde_json::json!({})).await;
}

#[wasm_bindgen_test]
async fn failures_are_counted_by_reason_and_a_reason_filters_the_list() {
    let id = seeded_job_with_failures(26..=u64::MAX).await;
    let summary = api_get(&jobs_api::paths::job_failure_summary(&id)).await;
    let reasons = summary.as_array().unwrap();
    assert!(reasons.len() >= 2, "the sandbox mixes reasons: {summary}");

    let console = open_console(&format!("/jobs/{id}"), APPROVER_KEY);
    console.wait_for(".reasons .reason").await;
    let shown: Vec<String> = console.find_all(".reasons .reason").iter().map(|button| button.text_content().unwrap()).collect();
    let expected: Vec<String> =
        reasons.iter().map(|reason| format!("{} — {}", reason["message"].as_str().unwrap(), reason["count"])).collect();
    assert_eq!(shown, expected, "every reason with its count, largest first");

    let last = reasons.last().unwrap();
    let (code, message, count) =
        (last["reason_code"].as_str().unwrap(), last["message"].as_str().unwrap(), last["count"].as_u64().unwrap());
    console.click_text(".reasons .reason", message);
    console
        .wait_until("the list shows only that reason", |console| {
            let reasons = console.column("Failed devices", 1);
            !reasons.is_empty() && reasons.iter().all(|reason| reason == message)
        })
        .await;
    assert!(location().contains(&format!("failure_reason={code}")), "the filter is in the URL: {}", location());
    assert_eq!(console.column("Failed devices", 1).len() as u64, count.min(20));
    console.click_text("button", "Show every reason");
    console
        .wait_until("every reason shows again", |console| {
            let mut reasons = console.column("Failed devices", 1);
            reasons.dedup();
            !reasons.is_empty() && (reasons.len() > 1 || reasons[0] != message)
        })
        .await;
}

#[wasm_bindgen_test]
async fn a_job_decided_before_its_page_opened_shows_its_decision_from_the_audit_log() {
    let audit = api_get(&jobs_api::paths::audit_log(100, 0)).await;
    let decided = audit["records"].as_array().unwrap().iter().find(|record| record["action"] == "update").expect("a seeded decision");
    let id = decided["resource"].as_str().unwrap();
    let console = open_console(&format!("/jobs/{id}"), APPROVER_KEY);
    console.wait_for_text("Source: DigiCert ONE's audit log").await;
    let decision = console.find("#decision-heading").unwrap().parent_element().unwrap().text_content().unwrap();
    assert!(decision.contains(decided["authentication"].as_str().unwrap()), "{decision}");
}
