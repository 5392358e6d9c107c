//! What the console promises when things go wrong: an unanswered decision is uncertain,
//! never "no"; a key goes only where it was entered for; odd data degrades one record.

use jobs_console::transport::connection::RuntimeConfig;
use leptos::prelude::window;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

const JOBS: &str = jobs_api::paths::routes::JOBS;

fn announcement(console: &Console) -> String {
    console.find(".announcements").and_then(|region| region.text_content()).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn an_answer_lost_at_a_gateway_is_uncertain_and_the_real_state_shows() {
    let id = new_job(serde_json::json!({ "total": 20 })).await;
    arm_fault(&format!("{id}/approve"), "lost:502", 1).await;
    let console = open_console(&format!("/jobs/{id}"), APPROVER_KEY);
    confirm_decision(&console, &id, "Approve").await;
    console.wait_for_text("may or may not have been approved").await;
    let said = announcement(&console);
    assert!(said.contains("HTTP 502"), "{said}");
    assert!(!said.contains("was not approved"), "a gateway error is no refusal: {said}");
    console.wait_until("the job shows it was approved after all", |console| !console.text().contains("Waiting for your approval")).await;
    assert_eq!(requests_received("PUT", &format!("{id}/approve")).await, 1);
}

#[wasm_bindgen_test]
async fn a_gateway_timeout_on_reject_is_uncertain_too() {
    let id = new_job(serde_json::json!({ "total": 6 })).await;
    arm_fault(&format!("{id}/reject"), "504", 1).await;
    let console = open_console(&format!("/jobs/{id}"), APPROVER_KEY);
    confirm_decision(&console, &id, "Reject").await;
    console.wait_for_text("may or may not have been rejected").await;
    assert!(!announcement(&console).contains("was not rejected"));
}

#[wasm_bindgen_test]
async fn a_dropped_connection_is_uncertain() {
    let id = new_job(serde_json::json!({ "total": 6 })).await;
    // Chromium resends a request whose reused connection closed before any answer, so
    // every attempt is dropped here.
    arm_fault(&format!("{id}/approve"), "drop", 20).await;
    let console = open_console(&format!("/jobs/{id}"), APPROVER_KEY);
    confirm_decision(&console, &id, "Approve").await;
    console.wait_for_text("No answer while trying to approve").await;
    assert!(announcement(&console).contains("may or may not have been approved"));
}

#[wasm_bindgen_test]
async fn a_decision_without_an_answer_in_time_is_abandoned_as_uncertain() {
    let id = new_job(serde_json::json!({ "total": 6 })).await;
    arm_fault(&format!("{id}/approve"), "slow:3000", 1).await;
    jobs_console::transport::connection::save(&sandbox_settings(APPROVER_KEY)).unwrap();
    let config = RuntimeConfig { decision_timeout_ms: 1_000, ..test_config() };
    let console = open_console_with(&format!("/jobs/{id}"), config, None);
    confirm_decision(&console, &id, "Approve").await;
    console.wait_for_text_within("No answer within 1 s", 3).await;
    assert!(announcement(&console).contains("may or may not have been approved"));
    // Whether the abandoned request was recorded is the server's to say; the page, still
    // refreshing, comes to show what the server has.
    sleep(3_000).await;
    let waiting = api_get(&jobs_api::paths::batch_job(&id)).await["status"] == "PENDING_APPROVAL";
    console
        .wait_until("the page shows the server's state", |console| console.text().contains("Waiting for your approval") == waiting)
        .await;
}

#[wasm_bindgen_test]
async fn a_rate_limited_decision_is_not_retried_by_itself() {
    let id = new_job(serde_json::json!({ "total": 6 })).await;
    arm_fault(&format!("{id}/approve"), "429:1", 1).await;
    let console = open_console(&format!("/jobs/{id}"), APPROVER_KEY);
    confirm_decision(&console, &id, "Approve").await;
    console.wait_for_text(&format!("Job {id} was not approved: the API asked to slow down. Wait 1 s")).await;
    assert!(!announcement(&console).contains("Retrying"));
    // Longer than Retry-After: a window in which no second PUT may appear.
    sleep(2_500).await;
    assert_eq!(requests_received("PUT", &format!("{id}/approve")).await, 1, "no second PUT");
    assert!(console.text().contains("Waiting for your approval"));
}

#[wasm_bindgen_test]
async fn the_dialog_closes_while_a_decision_runs_and_the_outcome_is_still_announced() {
    let id = new_job(serde_json::json!({ "total": 6 })).await;
    arm_fault(&format!("{id}/approve"), "slow:1500", 1).await;
    let console = open_console(&format!("/jobs/{id}"), APPROVER_KEY);
    confirm_decision(&console, &id, "Approve").await;
    console.wait_for_text("Closing this dialog does not cancel it").await;
    console.click_text("dialog[open] .actions button", "Close");
    console.wait_until("the dialog closes", |console| console.find("dialog[open]").is_none()).await;
    assert!(!announcement(&console).contains("approved"), "nothing announced before the answer");
    console.wait_for_text(&format!("Job {id} approved.")).await;
    assert_eq!(requests_received("PUT", &format!("{id}/approve")).await, 1);
}

#[wasm_bindgen_test]
async fn a_key_a_header_cannot_carry_is_refused_and_never_stored() {
    jobs_console::transport::connection::forget();
    let console = open_console_with("/settings", test_config(), None);
    console.wait_for("#api-key").await;
    console.type_into("#base-url", sandbox_url());
    // (A line break never gets this far: the browser strips it from a one-line input.)
    for bad in ["demo-approver-key\u{e9}", "demo-approver\tkey", "demo-approver-key\u{7}"] {
        console.type_into("#api-key", bad);
        console.click_text("button", "Save");
        console.wait_for(".form-error").await;
        assert!(console.find(".form-error").unwrap().text_content().unwrap().contains("API key contains"));
        assert!(jobs_console::transport::connection::load_saved().is_none(), "nothing stored for {bad:?}");
    }
    console.click_text("button", "Test connection");
    console.wait_for_text("API key contains").await;
    console.type_into("#api-key", APPROVER_KEY);
    console.click_text("button", "Save");
    console.wait_for_text("Connected: this key can see").await;
}

#[wasm_bindgen_test]
async fn a_saved_key_goes_to_another_origin_only_once_confirmed() {
    let other_origin = sandbox_url().replace("127.0.0.1", "localhost");
    jobs_console::transport::connection::save(&sandbox_settings(APPROVER_KEY)).unwrap();
    let console = open_console_with("/settings", test_config(), None);
    console.wait_for("#api-key").await;
    console.type_into("#base-url", &other_origin);
    console.click_text("button", "Save");
    console.wait_for_text(&format!("Tick \"Send my API key to {other_origin}\"")).await;
    assert_eq!(jobs_console::transport::connection::load_saved().unwrap().base_url, sandbox_url(), "nothing saved");
    let confirm: web_sys::HtmlInputElement = console.wait_for("#confirm-origin").await.unchecked_into();
    confirm.click();
    console.click_text("button", "Save");
    console.wait_for_text("Connected: this key can see").await;
    assert_eq!(jobs_console::transport::connection::load_saved().unwrap().key_origin, other_origin);
}

#[wasm_bindgen_test]
async fn a_key_saved_for_another_origin_is_not_sent() {
    let id = new_job(serde_json::json!({ "total": 3 })).await;
    let mut settings = sandbox_settings(APPROVER_KEY);
    settings.key_origin = "https://one.digicert.com".into();
    window().session_storage().unwrap().unwrap().set_item("jobs-console.connection", &serde_json::to_string(&settings).unwrap()).unwrap();
    let console = open_console_with(&format!("/jobs/{id}"), test_config(), None);
    console.wait_for_text("API key not sent").await;
    assert!(console.text().contains("saved for https://one.digicert.com"));
    assert_eq!(requests_received("GET", &id).await, 0, "no request carried the key");
}

#[wasm_bindgen_test]
async fn a_redirect_is_not_followed() {
    let id = new_job(serde_json::json!({ "total": 3 })).await;
    let followed_before = requests_received("GET", "redirect-target").await;
    arm_fault_exact(&jobs_api::paths::job(&id), "redirect", 1).await;
    let console = open_console(&format!("/jobs/{id}"), APPROVER_KEY);
    console.wait_for_text("Cannot reach DigiCert ONE").await;
    assert_eq!(requests_received("GET", "redirect-target").await, followed_before, "the key did not follow the redirect");
}

#[wasm_bindgen_test]
async fn retry_after_zero_waits_the_minimum_and_a_zero_poll_interval_is_clamped() {
    let id = new_job(serde_json::json!({ "total": 3 })).await;
    arm_fault_exact(&jobs_api::paths::job(&id), "429:0", 1).await;
    jobs_console::transport::connection::save(&sandbox_settings(APPROVER_KEY)).unwrap();
    let config = RuntimeConfig { poll_interval_ms: 0, ..RuntimeConfig::default() };
    let console = open_console_with(&format!("/jobs/{id}"), config, None);
    console.wait_for_text("Retrying in 1 s").await;
    console.wait_for("#facts-heading").await;
    // A job waiting for approval keeps refreshing; with the interval clamped to 1 s, 3 s
    // bring at most 4 more requests (the heartbeat alone would allow 12).
    let before = requests_received("GET", &jobs_api::paths::job(&id)).await;
    sleep(3_000).await;
    let during = requests_received("GET", &jobs_api::paths::job(&id)).await - before;
    assert!((1..=4).contains(&during), "{during} requests in 3 s");
}

#[wasm_bindgen_test]
async fn a_broken_config_is_reported_on_the_page() {
    let (config, error) =
        jobs_console::transport::connection::load_runtime_config("data:application/json,%7B%22poll_interval_ms%22%3A%22fast%22%7D").await;
    assert_eq!(config, RuntimeConfig::default());
    let error = error.expect("a message");
    assert!(error.contains("config.json is not valid"), "{error}");
    jobs_console::transport::connection::save(&sandbox_settings(APPROVER_KEY)).unwrap();
    let console = open_console_with("/jobs", config, Some(error));
    console.wait_for(".banner-failure").await;
    assert!(console.text().contains("configuration could not be read"));
    console.wait_for("table .job-link").await;
}

#[wasm_bindgen_test]
async fn odd_records_degrade_only_themselves() {
    let odd = serde_json::json!({
        "total": 4, "limit": 20, "offset": 0,
        "records": [
            { "id": "good-1", "job_type": "DEPLOYMENT", "status": "EXECUTED", "state": "COMPLETED",
              "result": { "failed": 0, "successful": 5, "total": 5 }, "run_date": "2026-11-20T09:30:00Z" },
            { "id": "odd-1", "job_type": null, "status": "EXECUTED", "state": null, "draft": null,
              "result": { "failed": -2, "successful": 1e30, "total": null },
              "device_group": { "id": "dg", "name": null }, "owner": null, "run_date": "yesterday" },
            { "id": 42, "job_type": "DEPLOYMENT" },
            "not a record"
        ]
    });
    arm_response("draft=false&q=oddities", 200, serde_json::json!({}), odd).await;
    let console = open_console("/jobs?q=oddities", APPROVER_KEY);
    console.wait_for_text("2 records on this page could not be read").await;
    let ids = console.column("Completed jobs", 0);
    assert_eq!(ids, ["good-1", "odd-1"]);
    let results = console.column("Completed jobs", 3);
    assert!(results[1].contains("-2") && results[1].contains("unknown"), "{results:?}");
    assert!(console.text().contains("yesterday"), "an unreadable date shows as its text");
    assert!(console.text().contains("42"), "the unreadable record is named");
    console.wait_until("the drafts table still loads", |console| console.text().contains("Draft jobs")).await;
}

#[wasm_bindgen_test]
async fn an_id_full_of_url_syntax_is_opened_and_decided_encoded() {
    let id = format!("odd/id ?#..{}", (js_sys::Math::random() * 1e6) as u32);
    new_job(serde_json::json!({ "id": id, "total": 4 })).await;
    let console = open_console(&format!("/jobs/{}", jobs_api::url_encoding::encode_component(&id)), APPROVER_KEY);
    console.wait_for("#facts-heading").await;
    assert!(console.text().contains(&id));
    confirm_decision(&console, &id, "Reject").await;
    console.wait_for_text(&format!("Job {id} rejected.")).await;
    assert_eq!(requests_received("PUT", &jobs_api::paths::reject_batch_job(&id)).await, 1);
}

#[wasm_bindgen_test]
async fn downloads_get_a_safe_name_that_fits_their_type() {
    let jobs = api_get(&format!("{JOBS}?status=EXECUTED&job_type=BATCH_DEVICE_REGISTRATION&limit=1")).await;
    let id = jobs["records"][0]["id"].as_str().unwrap().to_owned();
    arm_response(
        &jobs_api::paths::batch_certificates_download(&id),
        200,
        serde_json::json!({
            "content-type": "application/pkcs7-mime",
            "content-disposition": "attachment; filename=\"x.zip\"; filename*=UTF-8''..%2F..%2Fevil%0Aname.bin",
        }),
        serde_json::json!("not really a p7b"),
    )
    .await;
    let console = open_console(&format!("/jobs/{id}"), APPROVER_KEY);
    console.wait_for_text("Download certificates").await;
    console.click_text("button", "Download certificates");
    console.wait_for_text("Downloaded evil_name.bin.p7b.").await;
}

#[wasm_bindgen_test]
async fn a_saved_file_stays_readable_after_the_download_starts() {
    let file = jobs_console::browser::download::Download {
        file_name: "check.txt".into(),
        content_type: "text/plain".into(),
        bytes: b"certificate bytes".to_vec(),
    };
    let url = jobs_console::browser::download::save_file(&file).unwrap();
    // The download has started; the URL must outlive that moment.
    sleep(200).await;
    let text = gloo_net::http::Request::get(&url).send().await.expect("the object URL is still valid").text().await.unwrap();
    assert_eq!(text, "certificate bytes");
}
