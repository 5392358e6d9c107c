//! Approve and reject, end to end: confirmation, one PUT, the answer, the job moving on.

use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

fn dialog_open(console: &Console) -> bool {
    console.find("dialog[open]").is_some()
}

fn confirm_button(console: &Console) -> web_sys::HtmlElement {
    use wasm_bindgen::JsCast;
    console.find("dialog[open] .actions button:last-child").expect("confirm button").unchecked_into()
}

#[wasm_bindgen_test]
async fn approving_sends_one_put_and_the_job_runs_to_completion() {
    let id = new_job(serde_json::json!({ "total": 40 })).await;
    arm_fault(&format!("{id}/approve"), "slow:700", 1).await;
    let console = open_console(&format!("/jobs/{id}"), APPROVER_KEY);
    console.wait_for_text("Waiting for your approval").await;
    assert!(console.text().contains("40"), "the panel says how many enrollments");

    console.click(&format!("button[aria-label='Approve job {id}']"));
    console.wait_until("the dialog opens", dialog_open).await;
    assert_eq!(requests_received("PUT", &id).await, 0, "nothing is sent before confirming");
    let confirm = confirm_button(&console);
    confirm.click();
    confirm.click();
    confirm.click();
    console.wait_until("confirming is disabled while the PUT is out", |_| confirm.has_attribute("disabled")).await;
    assert!(!console.text().contains(&format!("Job {id} approved.")), "no confirmation before the 204");

    console.wait_for_text(&format!("Job {id} approved.")).await;
    assert_eq!(requests_received("PUT", &format!("{id}/approve")).await, 1, "one PUT however often pressed");
    assert!(!dialog_open(&console));
    assert!(console.find(".announcements[aria-live='polite']").unwrap().text_content().unwrap().contains("approved"));
    console.wait_until("the approval panel goes", |console| !console.text().contains("Waiting for your approval")).await;
    console.wait_for_text_within("Complete", 30).await;
    console.wait_for_text("Executed").await;
    console.wait_for_text("Download certificates").await;
    // The sections follow the job: its certificates show without a reload.
    let issued = api_get(&jobs_api::paths::job_certificates(&id, 1, 0)).await["total"].as_u64().unwrap();
    assert!(issued > 20, "the job issued more than a page: {issued}");
    console.wait_for_text(&format!("1–20 of {issued}")).await;
    assert!(!console.text().contains("No certificates issued yet."));
}

#[wasm_bindgen_test]
async fn rejecting_from_the_jobs_table_ends_the_job() {
    let id = new_job(serde_json::json!({ "total": 12 })).await;
    let console = open_console(&format!("/jobs?q={id}"), APPROVER_KEY);
    console.wait_for(&format!("button[aria-label='Reject job {id}']")).await;
    console.click(&format!("button[aria-label='Reject job {id}']"));
    console.wait_until("the dialog opens", dialog_open).await;
    assert!(console.find("dialog[open]").unwrap().text_content().unwrap().contains(&format!("Reject job {id}?")));
    confirm_button(&console).click();
    console.wait_for_text(&format!("Job {id} rejected.")).await;
    console.wait_until("the row shows Rejected", |console| console.column("Completed jobs", 2) == ["Rejected"]).await;
    assert_eq!(requests_received("PUT", &format!("{id}/reject")).await, 1);
}

#[wasm_bindgen_test]
async fn escape_cancels_without_sending_anything() {
    let id = new_job(serde_json::json!({ "total": 5 })).await;
    let console = open_console(&format!("/jobs/{id}"), APPROVER_KEY);
    console.wait_for(&format!("button[aria-label='Approve job {id}']")).await;
    console.click(&format!("button[aria-label='Approve job {id}']"));
    console.wait_until("the dialog opens", dialog_open).await;
    let dialog = console.find("dialog[open]").unwrap();
    dialog.dispatch_event(&web_sys::Event::new("cancel").unwrap()).unwrap();
    console.wait_until("the dialog closes", |console| !dialog_open(console)).await;
    // A window in which nothing may be sent: there is no event to await.
    sleep(300).await;
    assert_eq!(requests_received("PUT", &id).await, 0);
    assert!(console.text().contains("Waiting for your approval"));
}

#[wasm_bindgen_test]
async fn a_job_someone_else_decided_shows_the_conflict_and_its_real_state() {
    let id = new_job(serde_json::json!({ "total": 8 })).await;
    let console = open_console(&format!("/jobs/{id}"), APPROVER_KEY);
    console.wait_for(&format!("button[aria-label='Approve job {id}']")).await;
    approve_behind_the_consoles_back(&id).await;
    console.click(&format!("button[aria-label='Reject job {id}']"));
    console.wait_until("the dialog opens", dialog_open).await;
    confirm_button(&console).click();
    console.wait_for_text(&format!("Job {id} was not rejected.")).await;
    assert!(console.text().contains("not PENDING_APPROVAL"), "the server's reason is shown");
    console.wait_until("the real state shows", |console| !console.text().contains("Waiting for your approval")).await;
}

#[wasm_bindgen_test]
async fn a_read_only_key_is_told_it_may_not_approve() {
    let id = new_job(serde_json::json!({ "total": 8 })).await;
    let console = open_console(&format!("/jobs/{id}"), READ_ONLY_KEY);
    console.wait_for(&format!("button[aria-label='Approve job {id}']")).await;
    console.click(&format!("button[aria-label='Approve job {id}']"));
    console.wait_until("the dialog opens", dialog_open).await;
    confirm_button(&console).click();
    console.wait_for_text(&format!("Job {id} was not approved.")).await;
    assert!(console.text().contains("does not have the permission"));
    assert!(console.text().contains("Waiting for your approval"), "nothing changed on screen");
    let job = api_get(&jobs_api::paths::batch_job(&id)).await;
    assert_eq!(job["status"], "PENDING_APPROVAL");
}
