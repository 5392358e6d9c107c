//! Every failure shows its reason and the console stays usable.

use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

const JOBS: &str = jobs_api::paths::routes::JOBS;

#[wasm_bindgen_test]
async fn a_wrong_key_sends_the_user_to_settings() {
    let console = open_console("/jobs", "not-a-real-key");
    console.wait_for_text("API key not accepted").await;
    console.click_text(".error-panel a", "Open Settings");
    console.wait_for("#api-key").await;
    assert_eq!(location(), "/settings");
}

#[wasm_bindgen_test]
async fn no_key_at_all_points_to_settings() {
    jobs_console::transport::connection::forget();
    let console = open_console_with("/jobs", test_config(), None);
    console.wait_for_text("Not connected: no API key is set.").await;
    console.wait_for_text("Connection not set up").await;
}

#[wasm_bindgen_test]
async fn a_server_error_shows_and_try_again_recovers() {
    arm_fault(&format!("{JOBS}?"), "500", 2).await;
    let console = open_console("/jobs", APPROVER_KEY);
    console.wait_for_text("HTTP 500").await;
    console.wait_for_text("Injected server error.").await;
    console.click_text(".error-panel button", "Try again");
    console.wait_for("table .job-link").await;
}

#[wasm_bindgen_test]
async fn rate_limits_say_when_to_retry_and_do() {
    let job = api_get(&format!("{JOBS}?limit=1&draft=false&state=COMPLETED")).await;
    let id = job["records"][0]["id"].as_str().unwrap().to_owned();
    arm_fault_exact(&jobs_api::paths::job(&id), "429:2", 1).await;
    let console = open_console(&format!("/jobs/{id}"), APPROVER_KEY);
    console.wait_for_text("Too many requests").await;
    assert!(console.text().contains("Retrying in 2 s"));
    // Before Retry-After has passed no retry may happen: a window, not an event.
    sleep(1_000).await;
    assert!(console.find("#facts-heading").is_none(), "no retry before Retry-After");
    console.wait_for("#facts-heading").await;
    assert!(!console.text().contains("Too many requests"), "the message goes once the retry succeeds");
}

#[wasm_bindgen_test]
async fn malformed_json_is_reported_and_the_page_recovers() {
    arm_fault(&format!("{JOBS}?"), "malformed", 2).await;
    let console = open_console("/jobs", APPROVER_KEY);
    console.wait_for_text("Unreadable response").await;
    console.click_text("nav a", "Settings");
    console.wait_for("#api-key").await;
    console.click_text("nav a", "Jobs");
    console.wait_for("table .job-link").await;
}

#[wasm_bindgen_test]
async fn settings_test_the_connection_and_keep_the_key_for_the_tab() {
    jobs_console::transport::connection::forget();
    let console = open_console_with("/settings", test_config(), None);
    console.wait_for("#api-key").await;
    console.type_into("#base-url", sandbox_url());
    console.type_into("#api-key", APPROVER_KEY);
    console.click_text("button", "Test connection");
    console.wait_for_text("Connected: this key can see").await;
    assert!(jobs_console::transport::connection::load_saved().is_none(), "testing stores nothing");
    console.click_text("button", "Save");
    console.wait_for_text("Settings saved.").await;
    let stored = window().session_storage().unwrap().unwrap().get_item("jobs-console.connection").unwrap().expect("saved for the tab");
    assert!(stored.contains(APPROVER_KEY));
    assert!(window().local_storage().unwrap().unwrap().get_item("jobs-console.connection").unwrap().is_none(), "not remembered");
}

use leptos::prelude::window;

#[wasm_bindgen_test]
async fn a_first_visit_to_the_sandbox_connects_in_one_click() {
    jobs_console::transport::connection::forget();
    let config = jobs_console::transport::connection::RuntimeConfig { api_base_url: sandbox_url().to_owned(), ..test_config() };
    let console = open_console_with("/jobs", config, None);
    console.wait_for_text("Connection not set up").await;
    console.wait_for_text("This is the jobs-console sandbox").await;
    console.click_text(".banner button", "Use its demo connection");
    console.wait_for(".data-table tbody tr .job-link").await;
    assert!(!console.text().contains("Not connected"));
    let saved = jobs_console::transport::connection::load_saved().expect("the demo connection is kept for the tab");
    assert_eq!((saved.api_key.as_str(), saved.key_origin.as_str()), (APPROVER_KEY, sandbox_url()));
}

#[wasm_bindgen_test]
async fn no_demo_connection_is_offered_by_another_server() {
    jobs_console::transport::connection::forget();
    // The page's own origin (the test runner's server) is no sandbox.
    let console = open_console_with("/jobs", test_config(), None);
    console.wait_for_text("Not connected").await;
    // A window for the probe to come back: there is no event for an offer not made.
    sleep(1_500).await;
    assert!(!console.text().contains("sandbox"), "{}", console.text());
}
