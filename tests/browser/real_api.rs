//! The console on a tenant that lacks what we inferred: approval keeps working on the
//! documented endpoints alone, and each missing endpoint degrades only its own section.

use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

#[wasm_bindgen_test]
async fn on_the_documented_api_alone_a_job_opened_by_id_is_approved_with_one_put() {
    let sandbox = documented_sandbox_url();
    let id = control_post_to(sandbox, "/_sandbox/jobs", serde_json::json!({ "total": 7 })).await["id"].as_str().unwrap().to_owned();
    jobs_console::transport::connection::save(&settings_for(sandbox, APPROVER_KEY)).expect("settings stored");
    let console = open_console_with("/jobs", test_config(), None);
    console.wait_for_text("This DigiCert ONE API does not provide a list of jobs.").await;
    assert!(console.find("table").is_none() && console.find(".error-panel").is_none(), "one calm note, no table, no alarm");
    assert!(!console.text().contains("Export"), "no export of a list there is not");

    console.type_into("#open-by-id", &format!("  {id} "));
    console.click_text("form.open-by-id button", "Open");
    console.wait_for_text("This DigiCert ONE API gave no details of this job.").await;
    assert_eq!(location(), format!("/jobs/{id}"));
    let text = console.text();
    assert!(!text.contains("does not exist") && !text.contains("wrong"), "a missing endpoint is not a missing job: {text}");
    assert!(text.contains(&jobs_api::paths::job(&id)) && text.contains(&jobs_api::paths::batch_job(&id)), "the paths tried: {text}");
    // Undecided: the audit log's search says so where its card stood, rather than the card
    // going once the search ends.
    console.wait_for_text("records name no decision on this job.").await;
    let decision = console.find("#decision-heading").expect("the decision's card stays").parent_element().unwrap().text_content().unwrap();
    let read = decision
        .split("newest ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|count| count.replace(',', "").parse::<u64>().ok());
    assert!(read.is_some_and(|read| (1..=500).contains(&read)), "as many records as were read, at most 500: {decision}");

    console.click(&format!("button[aria-label='Approve job {id}']"));
    console.wait_for("dialog[open]").await;
    assert_eq!(requests_received_at(sandbox, "PUT", &id).await, 0, "nothing is sent before confirming");
    console.click("dialog[open] .actions button:last-child");
    console.wait_for_text(&format!("Job {id} approved.")).await;
    assert_eq!(requests_received_at(sandbox, "PUT", &format!("{id}/approve")).await, 1);
    // Who decided, from the documented audit log.
    console.wait_for_text("Source: DigiCert ONE's audit log").await;
    let decision = console.find("#decision-heading").unwrap().parent_element().unwrap().text_content().unwrap();
    assert!(decision.contains("Approved by") && decision.contains("sandbox.approver"), "{decision}");

    // Deciding again is answered by the server, not guessed: the job no longer waits.
    console.click(&format!("button[aria-label='Reject job {id}']"));
    console.wait_for("dialog[open]").await;
    console.click("dialog[open] .actions button:last-child");
    console.wait_for_text(&format!("Job {id} was not rejected.")).await;
    assert!(console.text().contains("not PENDING_APPROVAL"), "the server's reason is shown: {}", console.text());
}

#[wasm_bindgen_test]
async fn an_unknown_job_is_offered_by_id_and_the_server_says_it_does_not_exist() {
    let console = open_console("/jobs/no-such-job-0000", APPROVER_KEY);
    console.wait_for_text("This DigiCert ONE API gave no details of this job. The job may not exist").await;
    console.click("button[aria-label='Approve job no-such-job-0000']");
    console.wait_for("dialog[open]").await;
    console.click("dialog[open] .actions button:last-child");
    console.wait_for_text("Job no-such-job-0000 was not approved.").await;
    assert!(console.text().contains("No job with id 'no-such-job-0000'"), "{}", console.text());
}

#[wasm_bindgen_test]
async fn a_tenant_without_failures_and_activity_loses_those_sections_only_and_asks_once() {
    // Not the one the failures test takes (more than 25), whose sections must answer.
    let id = seeded_job_with_failures(1..=25).await;
    let missing = serde_json::json!({ "error": { "code": "03", "message": "Resource not found." } });
    for path in [format!("{id}/failure"), format!("{id}/activity")] {
        let arm = serde_json::json!({ "path_contains": path, "fault": "respond", "status": 404, "body": missing, "count": 20 });
        control_post("/_sandbox/faults", arm).await;
    }
    let console = open_console(&format!("/jobs/{id}"), APPROVER_KEY);
    console.wait_for_text("This DigiCert ONE API does not provide a job's failures.").await;
    console.wait_for_text("This DigiCert ONE API does not provide a job's activity.").await;
    console.wait_for("#certificates-heading").await;
    let text = console.text();
    assert!(console.find(".error-panel").is_none(), "no alarm for a missing endpoint: {text}");
    assert!(!text.contains("deleted") && !text.contains("Export failures"), "nothing offered on what could not be read: {text}");
    assert!(console.find(".reasons .not-provided").is_none(), "the note is not put in a list");

    // A second visit in the same session does not ask again.
    let asked = requests_received("GET", &format!("{id}/activity")).await;
    console.click_text("a", "Jobs");
    console.wait_for("table .job-link").await;
    let back = open_console_again(&format!("/jobs/{id}"));
    back.wait_for_text("This DigiCert ONE API does not provide a job's activity.").await;
    sleep(300).await;
    assert_eq!(requests_received("GET", &format!("{id}/activity")).await, asked, "a 404 is remembered for the session");
    control_post("/_sandbox/faults/clear", serde_json::json!({})).await;
}

#[wasm_bindgen_test]
async fn settings_check_lists_each_path_with_its_answer_and_sends_only_gets() {
    let sandbox = documented_sandbox_url();
    let id = control_post_to(sandbox, "/_sandbox/jobs", serde_json::json!({ "total": 3 })).await["id"].as_str().unwrap().to_owned();
    jobs_console::transport::connection::save(&settings_for(sandbox, APPROVER_KEY)).expect("settings stored");
    let console = open_console_with("/settings", test_config(), None);
    let writes = || async { requests_received_at(sandbox, "PUT", "/").await + requests_received_at(sandbox, "POST", "/").await };
    let (writes_before, audit_reads_before) = (writes().await, requests_received_at(sandbox, "GET", "audit-log").await);

    console.type_into("#check-job-id", &id);
    console.click_text("button", "Check the API");
    let checked = jobs_api::api_check::CHECKED.len();
    console.wait_until("a row per endpoint", |console| console.find_all("table.api-check tbody tr").len() == checked).await;
    console
        .wait_until("the check ends", |console| {
            console.find_all("button").iter().any(|b| b.text_content().as_deref() == Some("Copy as text"))
        })
        .await;
    let rows: Vec<String> = console.find_all("table.api-check tbody tr").iter().map(|row| row.text_content().unwrap()).collect();
    for (endpoint, row) in jobs_api::api_check::CHECKED.iter().zip(&rows) {
        let path = jobs_api::api_check::check_path(*endpoint, Some(&id), Some(&id)).unwrap();
        assert!(row.contains(&path), "{endpoint:?} names its path {path}: {row}");
        if endpoint.documented() {
            assert!(row.contains("200") && row.contains("decoded"), "{row}");
        } else {
            assert!(row.contains("404") && row.contains("this tenant does not provide"), "{row}");
        }
    }
    assert_eq!(writes().await, writes_before, "the check sends no decision and nothing else but GETs");
    assert_eq!(requests_received_at(sandbox, "GET", "audit-log").await, audit_reads_before + 1, "each endpoint once");

    let report = console.find(".api-check-report pre").unwrap().text_content().unwrap();
    assert!(report.contains(&format!("GET {} | 404", jobs_api::paths::batch_job(&id))), "{report}");
    assert!(!report.contains(APPROVER_KEY), "the key is never in the report");
}

#[wasm_bindgen_test]
async fn a_tenant_answering_in_the_documented_variants_reads_and_approves_as_any_other() {
    let sandbox = variants_sandbox_url();
    let id = control_post_to(sandbox, "/_sandbox/jobs", serde_json::json!({ "total": 3 })).await["id"].as_str().unwrap().to_owned();
    jobs_console::transport::connection::save(&settings_for(sandbox, APPROVER_KEY)).expect("settings stored");
    let console = open_console_with("/jobs", test_config(), None);
    console.wait_until("both tables loaded", |console| console.find_all("table").len() == 2).await;
    let text = console.text();
    assert!(console.find(".unreadable").is_none() && console.find(".error-panel").is_none(), "every record reads: {text}");
    let types = console.column("Completed jobs", 1);
    assert!(
        !types.is_empty() && types.iter().all(|label| label.starts_with(|c: char| c.is_ascii_uppercase())),
        "labels, not wire values: {types:?}"
    );

    // A job waiting for approval in lower case (`pending_approval`) is offered, and approved with one PUT.
    let console = open_console_again(&format!("/jobs/{id}"));
    confirm_decision(&console, &id, "Approve").await;
    console.wait_for_text(&format!("Job {id} approved.")).await;
    assert_eq!(requests_received_at(sandbox, "PUT", &format!("{id}/approve")).await, 1);
}
