//! Request budgets: the console asks the API only for what it shows, and leaves a job
//! that can no longer change alone.

use jobs_console::transport::connection::RuntimeConfig;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

const ANY_API_PATH: &str = "/api/";
/// The navigation's count of waiting jobs, polled on every page while the tab is visible.
const WAITING_COUNT: &str = "batch_status=PENDING_APPROVAL&sort=-run_date&limit=1";

#[wasm_bindgen_test]
async fn a_cold_load_of_the_jobs_page_asks_once_per_table() {
    jobs_console::transport::connection::save(&sandbox_settings(APPROVER_KEY)).expect("settings stored");
    let before = requests_received("GET", ANY_API_PATH).await;
    let (counts_before, me_before) = (requests_received("GET", WAITING_COUNT).await, requests_received("GET", "/user/me").await);
    // A poll interval longer than the test, so only the load itself is counted.
    let console = open_console_with("/jobs", RuntimeConfig { poll_interval_ms: 600_000, ..test_config() }, None);
    console.wait_until("both tables show", |console| console.find_all(".data-table").len() == 2).await;
    sleep(1_000).await;
    assert_eq!(requests_received("GET", WAITING_COUNT).await - counts_before, 1, "the waiting count, once");
    assert_eq!(requests_received("GET", "/user/me").await - me_before, 1, "who the key belongs to, once");
    assert_eq!(requests_received("GET", ANY_API_PATH).await - before, 4, "one request per table, the count and who-am-I");
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
    // Every request about the job names it (the navigation's waiting count does not).
    let loaded = requests_received("GET", &id).await;
    // Five poll intervals of the test configuration.
    sleep(5_000).await;
    assert_eq!(requests_received("GET", &id).await, loaded, "a finished job is not polled");
}

/// Counts the timer callbacks that run from now on (each wake-up of the page by a timer).
fn count_timer_wakeups() {
    js_sys::Function::new_no_args(
        "if (window.__wakeups === undefined) {
            const [timeout, interval] = [window.setTimeout, window.setInterval];
            const counted = (callback) => (...args) => { window.__wakeups += 1; return callback(...args); };
            window.setTimeout = (callback, ...rest) => timeout.call(window, counted(callback), ...rest);
            window.setInterval = (callback, ...rest) => interval.call(window, counted(callback), ...rest);
        }
        window.__wakeups = 0;",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .expect("timers wrapped");
}

fn timer_wakeups() -> f64 {
    js_sys::Reflect::get(&web_sys::window().unwrap(), &"__wakeups".into()).unwrap().as_f64().unwrap()
}

#[wasm_bindgen_test]
async fn a_page_where_nothing_moves_sets_no_timer() {
    let page =
        api_get(&format!("{}?job_type=BATCH_DEVICE_REGISTRATION&batch_status=COMPLETE&limit=1", jobs_api::paths::routes::JOBS)).await;
    let id = ids_of(&page).remove(0);
    // Wrapped before the page is built, so a timer it sets when it opens counts too.
    count_timer_wakeups();
    let console = open_console(&format!("/jobs/{id}"), APPROVER_KEY);
    console.wait_for("#facts-heading").await;
    console.wait_until("every section has loaded", |console| console.find(".skeleton").is_none()).await;
    sleep(1_000).await;
    // The window opens just after a poll of the waiting count reached the sandbox and closes
    // half a poll interval (1 s in the test configuration) after the second poll since, so
    // no poll is on its way at either edge: one whose timer woke the page on one side of an
    // edge and whose request arrived on the other made this test fail now and then.
    let counted = requests_received("GET", WAITING_COUNT).await;
    let counts_before = loop {
        sleep(20).await;
        let now = requests_received("GET", WAITING_COUNT).await;
        if now > counted {
            break now;
        }
    };
    count_timer_wakeups();
    // The wake-ups allowed are this sleep's and one per poll of the waiting count, which the
    // navigation keeps current.
    sleep(2_500).await;
    let wakeups = timer_wakeups();
    let count_polls = requests_received("GET", WAITING_COUNT).await - counts_before;
    assert!(count_polls <= 3, "the count is polled once per interval: {count_polls} in 2.5 s");
    assert_eq!(wakeups, 1.0 + count_polls as f64, "only the test's own timer and the count's polls woke the page");
}
