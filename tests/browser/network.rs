//! Request budgets: the console asks the API only for what it shows, and leaves a job
//! that can no longer change alone.

use jobs_console::connection::RuntimeConfig;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

const ANY_API_PATH: &str = "/api/";

#[wasm_bindgen_test]
async fn a_cold_load_of_the_jobs_page_asks_once_per_table() {
    jobs_console::connection::save(&sandbox_settings(APPROVER_KEY)).expect("settings stored");
    let before = requests_received("GET", ANY_API_PATH).await;
    // A poll interval longer than the test, so only the load itself is counted.
    let console = open_console_with("/jobs", RuntimeConfig { poll_interval_ms: 600_000, ..test_config() }, None);
    console.wait_until("both tables show", |console| console.find_all(".data-table").len() == 2).await;
    sleep(1_000).await;
    assert_eq!(requests_received("GET", ANY_API_PATH).await - before, 2, "one request per table");
}

#[wasm_bindgen_test]
async fn a_finished_jobs_page_asks_nothing_more_once_loaded() {
    let page =
        api_get(&format!("{}?job_type=BATCH_DEVICE_REGISTRATION&batch_status=COMPLETE&limit=1", jobs_api::paths::routes::JOBS)).await;
    let id = ids_of(&page).remove(0);
    let console = open_console(&format!("/jobs/{id}"), APPROVER_KEY);
    console.wait_for("#facts-heading").await;
    console.wait_until("every section has loaded", |console| console.find(".skeleton").is_none()).await;
    sleep(1_000).await;
    let loaded = requests_received("GET", ANY_API_PATH).await;
    // Five poll intervals of the test configuration.
    sleep(5_000).await;
    assert_eq!(requests_received("GET", ANY_API_PATH).await, loaded, "a finished job is not polled");
}
