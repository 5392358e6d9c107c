//! The approvals inbox: the waiting count, bulk decisions with a result per job, and the
//! four-eyes rule, end to end against the sandbox.

use leptos::prelude::{document, window};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

/// A device group name no other test uses, so a search shows only this test's jobs.
fn unique_group(prefix: &str) -> String {
    format!("{prefix} {}", (js_sys::Math::random() * 1e9) as u64)
}

async fn waiting_jobs_of(group: &str, count: usize, owner: Option<&str>) -> Vec<String> {
    let mut ids = Vec::new();
    for _ in 0..count {
        let mut spec = serde_json::json!({ "total": 6, "device_group_name": group });
        if let Some(owner) = owner {
            spec["owner_name"] = owner.into();
        }
        ids.push(new_job(spec).await);
    }
    ids
}

fn nav_count(console: &Console) -> Option<u64> {
    console.find(".topbar .count-badge")?.text_content()?.trim().parse().ok()
}

fn confirm_open_dialog(console: &Console) {
    console.find("dialog[open] .actions button:last-child").expect("a confirm button").unchecked_into::<web_sys::HtmlElement>().click();
}

/// Opens the inbox on `group`'s `count` jobs, selects them all and confirms `button`
/// ("Approve selected" or "Reject selected") in the one dialog.
async fn decide_all_in_the_inbox(group: &str, count: usize, button: &str) -> Console {
    let console = open_console(&format!("/approvals?q={}", jobs_api::url_encoding::encode_component(group)), APPROVER_KEY);
    console.wait_until("the group's jobs show", |console| console.find_all("tbody .job-link").len() == count).await;
    console.click("#select-page");
    console.wait_for_text(&format!("{count} selected")).await;
    console.click_text("button", button);
    console.wait_for("dialog[open]").await;
    confirm_open_dialog(&console);
    console
}

/// The result column of the bulk results, by job id.
fn results(console: &Console) -> Vec<(String, String)> {
    console
        .find_all(".bulk-results tbody tr")
        .into_iter()
        .map(|row| {
            let id = row.query_selector("th").unwrap().unwrap().text_content().unwrap();
            let result = row.query_selector("td strong").unwrap().unwrap().text_content().unwrap();
            (id, result)
        })
        .collect()
}

#[wasm_bindgen_test]
async fn the_waiting_count_follows_a_job_that_starts_waiting() {
    let console = open_console("/jobs", APPROVER_KEY);
    console.wait_until("the navigation shows the waiting count", |console| nav_count(console).is_some()).await;
    let before = nav_count(&console).unwrap();
    assert!(document().title().starts_with(&format!("({before}) Jobs")), "the title carries the count: {}", document().title());
    let group = unique_group("Count");
    waiting_jobs_of(&group, 1, None).await;
    console.wait_until("the count goes up by one", |console| nav_count(console) == Some(before + 1)).await;
    assert!(document().title().starts_with(&format!("({}) Jobs", before + 1)));

    console.click_text(".topbar nav a", "Approvals");
    console.wait_for_text(&format!("{} jobs wait for approval", before + 1)).await;
    assert!(document().title().starts_with(&format!("({}) Approvals", before + 1)));
}

#[wasm_bindgen_test]
async fn a_bulk_approval_reports_each_job_and_the_one_already_decided() {
    let group = unique_group("Bulk");
    let ids = waiting_jobs_of(&group, 5, None).await;
    let console = open_console(&format!("/approvals?q={}", jobs_api::url_encoding::encode_component(&group)), APPROVER_KEY);
    console.wait_until("the five jobs show", |console| console.find_all("tbody .job-link").len() == 5).await;
    console.wait_until("each row has loaded its batch file", |console| !console.text().contains("…")).await;
    console.click("#select-page");
    console.wait_for_text("5 selected").await;
    approve_behind_the_consoles_back(&ids[2]).await;

    console.click_text("button", "Approve selected");
    console.wait_for("dialog[open]").await;
    let listed = console.find("dialog[open]").unwrap().text_content().unwrap();
    assert!(ids.iter().all(|id| listed.contains(id.as_str())), "the dialog lists every job: {listed}");
    assert_eq!(requests_received("PUT", &ids[0]).await, 0, "nothing is sent before confirming");
    confirm_open_dialog(&console);

    console.wait_for_text("Bulk approval: 4 approved, 1 already decided (409)").await;
    let shown = results(&console);
    assert_eq!(shown.len(), 5);
    for (id, result) in shown {
        let expected = if id == ids[2] { "Already decided (409)" } else { "Approved" };
        assert_eq!(result, expected, "job {id}");
    }
    for (index, id) in ids.iter().enumerate() {
        let sent = requests_received("PUT", &format!("{id}/approve")).await;
        assert_eq!(sent, if index == 2 { 2 } else { 1 }, "one PUT per job from the console (job {id})");
    }
    let status = api_get(&jobs_api::paths::batch_job(&ids[0])).await["status"].as_str().unwrap().to_owned();
    assert_ne!(status, "PENDING_APPROVAL");
    console.wait_for_text("No waiting job matches").await;
}

#[wasm_bindgen_test]
async fn a_rate_limited_batch_pauses_and_then_goes_on() {
    let group = unique_group("Paced");
    let ids = waiting_jobs_of(&group, 3, None).await;
    arm_response(
        &format!("{}/reject", ids[0]),
        429,
        serde_json::json!({ "retry-after": "1" }),
        serde_json::json!({
            "errors": [{ "code": "rate_limit_exceeded", "message": "Too many requests" }]
        }),
    )
    .await;
    let console = decide_all_in_the_inbox(&group, 3, "Reject selected").await;
    console.wait_for_text("Bulk rejection: 3 rejected").await;
    assert_eq!(requests_received("PUT", &format!("{}/reject", ids[0])).await, 2, "refused with 429, sent again after the pause");
    assert_eq!(requests_received("PUT", &format!("{}/reject", ids[1])).await, 1);
}

#[wasm_bindgen_test]
async fn the_requester_cannot_approve_their_own_job() {
    let group = unique_group("Own");
    let ids = waiting_jobs_of(&group, 1, Some("sandbox.approver")).await;
    let id = &ids[0];
    let console = open_console(&format!("/jobs/{}", jobs_api::url_encoding::encode_component(id)), APPROVER_KEY);
    console.wait_for_text("Waiting for your approval").await;
    console.wait_for_text("another approver must approve it").await;
    let approve = console.find(&format!("button[aria-label='Approve job {id}']")).unwrap();
    assert!(approve.has_attribute("disabled"), "Approve is disabled on one's own request");
    let reject = console.find(&format!("button[aria-label='Reject job {id}']")).unwrap();
    assert!(!reject.has_attribute("disabled"), "the requester may still withdraw it");
    drop(console);

    let console = open_console(&format!("/approvals?q={}", jobs_api::url_encoding::encode_component(&group)), APPROVER_KEY);
    console.wait_until("the job shows", |console| console.find_all("tbody .job-link").len() == 1).await;
    console.wait_for_text("another approver must approve it").await;
    console.click("#select-page");
    console.wait_for_text("1 selected").await;
    console.click_text("button", "Approve selected");
    console.wait_for("dialog[open]").await;
    console.wait_for_text("You requested all of these: none can be sent for approval").await;
    let confirm = console.find("dialog[open] .actions button:last-child").unwrap();
    assert_eq!(confirm.text_content().unwrap(), "Approve 0");
    assert!(confirm.has_attribute("disabled"), "a button that would send nothing is disabled, its reason beside it");
    console.click_text("dialog[open] .actions button", "Cancel");
    console.wait_until("the dialog closes", |console| console.find("dialog[open]").is_none()).await;
    assert!(console.find(".bulk-results").is_none(), "no batch was started");
    assert_eq!(requests_received("PUT", id).await, 0, "a request the server would refuse is not sent");
    assert_eq!(api_get(&jobs_api::paths::batch_job(id)).await["status"], "PENDING_APPROVAL");
}

#[wasm_bindgen_test]
async fn stopping_a_batch_sends_nothing_more_and_reports_what_was_sent() {
    let group = unique_group("Stopped");
    let ids = waiting_jobs_of(&group, 6, None).await;
    for id in &ids {
        arm_fault(&format!("{id}/approve"), "slow:1500", 1).await;
    }
    let console = decide_all_in_the_inbox(&group, 6, "Approve selected").await;
    console.wait_for(".bulk-results").await;
    console.click_text(".bulk-results button", "Stop");
    console.wait_for_text("Bulk approval: 3 approved, 3 not sent").await;
    let mut sent = 0;
    for id in &ids {
        sent += requests_received("PUT", &format!("{id}/approve")).await;
    }
    assert_eq!(sent, 3, "only the three already out were sent; their answers are reported");
    let not_sent = results(&console).into_iter().filter(|(_, result)| result == "Not sent").count();
    assert_eq!(not_sent, 3);
}

/// Stands in for the browser's notifications: permission granted when asked, and every
/// notification shown recorded in `window.__notified`.
fn fake_notifications() {
    js_sys::Function::new_no_args(
        "window.__notified = [];
        window.Notification = class {
            static permission = 'default';
            static requestPermission() { window.Notification.permission = 'granted'; return Promise.resolve('granted'); }
            constructor(title, options) { window.__notified.push(title + ' | ' + (options && options.body)); }
        };",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .unwrap();
}

fn notified() -> Vec<String> {
    let shown: js_sys::Array = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__notified".into()).unwrap().unchecked_into();
    shown.iter().filter_map(|title| title.as_string()).collect()
}

#[wasm_bindgen_test]
async fn a_user_who_asked_is_notified_when_a_job_starts_waiting() {
    fake_notifications();
    window().local_storage().unwrap().unwrap().remove_item("jobs-console.approval-notifications").unwrap();
    let console = open_console("/approvals", APPROVER_KEY);
    console.wait_until("the count is known", |console| nav_count(console).is_some()).await;
    sleep(1_500).await;
    assert!(notified().is_empty(), "nothing is shown before the user asks");
    let group = unique_group("Notified");
    waiting_jobs_of(&group, 1, None).await;
    let before = nav_count(&console).unwrap();
    console.wait_until("the count goes up", |console| nav_count(console) == Some(before + 1)).await;
    assert!(notified().is_empty(), "nor without the user's opt-in");

    console.click_text("button", "Notify me when a job starts waiting");
    console.wait_for_text("This browser notifies you when a job starts waiting").await;
    let id = waiting_jobs_of(&group, 1, Some("mei.chen")).await.remove(0);
    console.wait_until("a notification is shown", |console| !notified().is_empty() && nav_count(console) == Some(before + 2)).await;
    assert_eq!(notified(), [format!("{} jobs wait for approval | Job {id} requested by mei.chen.", before + 2)]);

    console.click_text("button", "Turn off");
    console.wait_for_text("Notify me when a job starts waiting").await;
    waiting_jobs_of(&group, 1, None).await;
    console.wait_until("the count goes up again", |console| nav_count(console) == Some(before + 3)).await;
    sleep(1_500).await;
    assert_eq!(notified().len(), 1, "none once turned off");
}

/// Counts the `visibilitychange` listeners added to the window from now on, in
/// `window.__visibilityListeners` (every self-refreshing view adds one when it is active).
fn count_visibility_listeners() {
    js_sys::Function::new_no_args(
        "window.__visibilityListeners = 0;
        if (!window.__addEventListener) {
            window.__addEventListener = window.addEventListener;
            window.addEventListener = function (type, ...rest) {
                if (type === 'visibilitychange') window.__visibilityListeners++;
                return window.__addEventListener.call(this, type, ...rest);
            };
        }",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .unwrap();
}

#[wasm_bindgen_test]
async fn an_inbox_row_reads_its_two_records_once_and_keeps_no_refresh_of_its_own() {
    let group = unique_group("Row budget");
    let ids = waiting_jobs_of(&group, 5, None).await;
    count_visibility_listeners();
    let console = open_console(&format!("/approvals?q={}", jobs_api::url_encoding::encode_component(&group)), APPROVER_KEY);
    console.wait_until("the group's jobs show", |console| console.find_all("tbody .job-link").len() == ids.len()).await;
    console.wait_until("every row's records came", |console| console.find_all("tbody [aria-label='loading']").is_empty()).await;
    // Three poll intervals (test_config's 1 s): a row whose records cannot change asks nothing again.
    sleep(3_000).await;
    for id in &ids {
        assert_eq!(requests_received("GET", &jobs_api::paths::batch_job(id)).await, 1, "{id}'s batch record");
        assert_eq!(requests_received("GET", &jobs_api::paths::job(id)).await, 1, "{id}'s job");
    }
    let listeners = js_sys::Reflect::get(&window(), &"__visibilityListeners".into()).unwrap().as_f64().unwrap();
    assert!(listeners < ids.len() as f64, "{listeners} visibility listeners for {} rows: rows refresh nothing", ids.len());
}
