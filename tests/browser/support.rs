//! Mounting the console at a URL with given credentials, waiting for what a user would
//! see, acting like a user, and asking the sandbox what it received.

use gloo_net::http::Request;
use jobs_console::app::App;
use jobs_console::transport::connection::{AuthMode, ConnectionSettings, RuntimeConfig};
use leptos::mount::mount_to;
use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

pub const APPROVER_KEY: &str = "demo-approver-key";
pub const READ_ONLY_KEY: &str = "demo-readonly-key";

// Read when the tests are built (a browser has no environment); clippy builds them without
// a sandbox, so the check waits until a test runs.
#[allow(clippy::option_env_unwrap)]
pub fn sandbox_url() -> &'static str {
    option_env!("SANDBOX_URL").expect("SANDBOX_URL must name a running sandbox: run scripts/test")
}

/// A second sandbox that answers only the endpoints DigiCert documents (started with
/// `--inferred-endpoints false`): every inferred path is 404 in DTM's singular error shape.
#[allow(clippy::option_env_unwrap)]
pub fn documented_sandbox_url() -> &'static str {
    option_env!("DOCUMENTED_SANDBOX_URL").expect("DOCUMENTED_SANDBOX_URL must name a running sandbox: run scripts/test")
}

/// A third sandbox that answers in the shapes DigiCert documents elsewhere (started with
/// `--wire-variants`): lower-case values, `completed`, bare arrays, pages without `total`.
#[allow(clippy::option_env_unwrap)]
pub fn variants_sandbox_url() -> &'static str {
    option_env!("VARIANTS_SANDBOX_URL").expect("VARIANTS_SANDBOX_URL must name a running sandbox: run scripts/test")
}

/// The console, mounted in its own element. Dropping it cleans up its reactive owner
/// explicitly (pending requests and timers hold the owner, so dropping alone would leave
/// its router listening to clicks) and removes the element.
pub struct Console {
    pub root: Element,
    owner: Owner,
    _handle: leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>,
}

impl Drop for Console {
    fn drop(&mut self) {
        self.owner.cleanup();
        self.root.remove();
    }
}

thread_local! {
    /// The console the last test opened. A failed test ends in a panic that skips `Drop`,
    /// which would leave its router answering the next test's clicks: the next
    /// `open_console` cleans it up first.
    static OPEN: std::cell::RefCell<Option<(Owner, Element)>> = const { std::cell::RefCell::new(None) };
}

/// Settings as a user who entered `api_key` for the sandbox would have saved them.
pub fn sandbox_settings(api_key: &str) -> ConnectionSettings {
    settings_for(sandbox_url(), api_key)
}

/// Settings as a user who entered `api_key` for the server at `base_url` would have saved them.
pub fn settings_for(base_url: &str, api_key: &str) -> ConnectionSettings {
    ConnectionSettings {
        base_url: base_url.to_owned(),
        auth_mode: AuthMode::ApiKey,
        api_key: api_key.to_owned(),
        remember: false,
        key_origin: base_url.to_owned(),
    }
}

/// The configuration the tests run with: the shortest poll interval the console allows.
pub fn test_config() -> RuntimeConfig {
    RuntimeConfig { poll_interval_ms: 1_000, ..RuntimeConfig::default() }
}

/// Opens the console at `path` as a user whose settings hold `api_key`.
pub fn open_console(path: &str, api_key: &str) -> Console {
    jobs_console::transport::connection::save(&sandbox_settings(api_key)).expect("settings stored");
    open_console_with(path, test_config(), None)
}

/// Opens the console at `path` with whatever settings are stored, as a deployment with
/// `config` (and `config_error`, if its config.json could not be read) would.
pub fn open_console_with(path: &str, config: RuntimeConfig, config_error: Option<String>) -> Console {
    // Each test is a new session: what an earlier one found missing is asked again.
    jobs_console::transport::api::forget_absent_endpoints();
    mount_console(path, config, config_error)
}

/// Opens the console at `path` again in the same session (as a reload would).
pub fn open_console_again(path: &str) -> Console {
    mount_console(path, test_config(), None)
}

/// Opens the console at `path` as a user of the sandbox whose settings hold `api_key` and
/// whose language is `tag`, read from its catalogue file (`json`).
pub fn open_console_in(tag: &str, json: &str, path: &str, api_key: &str) -> Console {
    jobs_console::transport::connection::save(&sandbox_settings(api_key)).expect("settings stored");
    jobs_console::transport::api::forget_absent_endpoints();
    let catalogue = jobs_api::i18n::Catalogue::parse(tag, json).expect("the catalogue reads");
    mount_in(Some((tag, catalogue)), path, test_config(), None)
}

fn mount_console(path: &str, config: RuntimeConfig, config_error: Option<String>) -> Console {
    mount_in(None, path, config, config_error)
}

/// Mounts the console as `main.rs` does once its language is loaded: in `language`, or in
/// English with the browser's rules for it.
fn mount_in(
    language: Option<(&str, jobs_api::i18n::Catalogue)>,
    path: &str,
    config: RuntimeConfig,
    config_error: Option<String>,
) -> Console {
    if let Some((owner, root)) = OPEN.with_borrow_mut(Option::take) {
        owner.cleanup();
        root.remove();
    }
    match language {
        Some((tag, catalogue)) => jobs_console::browser::language::install(tag, Some(catalogue)),
        None => jobs_console::browser::language::install("en", None),
    }
    window().history().unwrap().push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path)).unwrap();
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let owner = Owner::new();
    let handle = owner.with(|| {
        mount_to(root.clone().unchecked_into(), move || {
            view! { <App config=config.clone() config_error=config_error.clone() /> }.into_any()
        })
    });
    OPEN.with_borrow_mut(|open| *open = Some((owner.clone(), root.clone())));
    Console { root, owner, _handle: handle }
}

pub async fn sleep(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
}

impl Console {
    pub fn find(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).ok().flatten()
    }

    pub fn find_all(&self, selector: &str) -> Vec<Element> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length()).filter_map(|index| list.item(index)?.dyn_into::<Element>().ok()).collect()
    }

    pub fn text(&self) -> String {
        self.root.text_content().unwrap_or_default()
    }

    /// Waits until `selector` matches, for up to 15 s.
    pub async fn wait_for(&self, selector: &str) -> Element {
        for _ in 0..300 {
            if let Some(element) = self.find(selector) {
                return element;
            }
            sleep(50).await;
        }
        panic!("'{selector}' never appeared; the page shows: {}", self.text());
    }

    /// Waits until the page's text contains `text`, for up to `seconds`.
    pub async fn wait_for_text_within(&self, text: &str, seconds: u32) {
        for _ in 0..seconds * 20 {
            if self.text().contains(text) {
                return;
            }
            sleep(50).await;
        }
        panic!("'{text}' never appeared; the page shows: {}", self.text());
    }

    pub async fn wait_for_text(&self, text: &str) {
        self.wait_for_text_within(text, 15).await
    }

    /// Waits until `condition` holds, for up to 15 s.
    pub async fn wait_until(&self, what: &str, condition: impl Fn(&Self) -> bool) {
        for _ in 0..300 {
            if condition(self) {
                return;
            }
            sleep(50).await;
        }
        panic!("{what} never happened at {}; the page shows: {}", location(), self.text());
    }

    /// Clicks the first element matching `selector` whose text contains `text`.
    pub fn click_text(&self, selector: &str, text: &str) {
        let element = self
            .find_all(selector)
            .into_iter()
            .find(|element| element.text_content().unwrap_or_default().contains(text))
            .unwrap_or_else(|| panic!("no {selector} with text '{text}'; the page shows: {}", self.text()));
        element.unchecked_into::<HtmlElement>().click();
    }

    /// Types `text` into the input matching `selector`, as a user would (an input event).
    pub fn type_into(&self, selector: &str, text: &str) {
        let input: web_sys::HtmlInputElement = self.find(selector).unwrap_or_else(|| panic!("no {selector}")).unchecked_into();
        input.set_value(text);
        input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    }

    pub fn click(&self, selector: &str) {
        self.find(selector).unwrap_or_else(|| panic!("no {selector}")).unchecked_into::<HtmlElement>().click();
    }

    /// The texts of one column of a table's body rows; none while no such table shows (so
    /// a `wait_until` on it waits, and says what it waited for, rather than panicking).
    pub fn column(&self, table_caption: &str, column: usize) -> Vec<String> {
        let Some(table) = self
            .find_all("table")
            .into_iter()
            .find(|table| table.query_selector("caption").ok().flatten().and_then(|c| c.text_content()).as_deref() == Some(table_caption))
        else {
            return Vec::new();
        };
        let rows = table.query_selector_all("tbody tr").unwrap();
        (0..rows.length())
            .filter_map(|index| rows.item(index)?.dyn_into::<Element>().ok())
            .filter_map(|row| row.children().item(column as u32)?.text_content())
            .collect()
    }
}

pub fn location() -> String {
    let location = window().location();
    format!("{}{}", location.pathname().unwrap(), location.search().unwrap())
}

/// A GET to the sandbox with the approver key, parsed.
pub async fn api_get(path: &str) -> Value {
    Request::get(&format!("{}{path}", sandbox_url())).header("x-api-key", APPROVER_KEY).send().await.unwrap().json().await.unwrap()
}

/// Approves a job directly, as another user would.
pub async fn approve_behind_the_consoles_back(job_id: &str) {
    let response = Request::put(&format!("{}{}", sandbox_url(), jobs_api::paths::approve_batch_job(job_id)))
        .header("x-api-key", APPROVER_KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
}

pub async fn control_post(path: &str, body: Value) -> Value {
    control_post_to(sandbox_url(), path, body).await
}

/// A control request to the sandbox at `base_url`.
pub async fn control_post_to(base_url: &str, path: &str, body: Value) -> Value {
    let response = Request::post(&format!("{base_url}{path}")).json(&body).unwrap().send().await.unwrap();
    assert!(response.ok(), "{path} answered {}", response.status());
    response.json().await.unwrap_or(Value::Null)
}

/// A new batch job from the sandbox; `spec` as `POST /_sandbox/jobs` takes it.
pub async fn new_job(spec: Value) -> String {
    control_post("/_sandbox/jobs", spec).await["id"].as_str().unwrap().to_owned()
}

/// Makes the next `count` requests whose path contains `path_contains` fail with `fault`.
pub async fn arm_fault(path_contains: &str, fault: &str, count: u32) {
    control_post("/_sandbox/faults", serde_json::json!({ "path_contains": path_contains, "fault": fault, "count": count })).await;
}

/// Makes the next `count` requests whose path (with its query) is exactly `path` fail with `fault`.
pub async fn arm_fault_exact(path: &str, fault: &str, count: u32) {
    control_post("/_sandbox/faults", serde_json::json!({ "path_contains": path, "exact": true, "fault": fault, "count": count })).await;
}

/// Makes the next request whose path contains `path_contains` answer exactly this.
pub async fn arm_response(path_contains: &str, status: u16, headers: Value, body: Value) {
    let arm = serde_json::json!({ "path_contains": path_contains, "fault": "respond", "status": status, "headers": headers, "body": body });
    control_post("/_sandbox/faults", arm).await;
}

/// How many `method` requests with `path_contains` the sandbox received.
pub async fn requests_received(method: &str, path_contains: &str) -> u64 {
    requests_received_at(sandbox_url(), method, path_contains).await
}

/// How many `method` requests with `path_contains` the sandbox at `base_url` received.
pub async fn requests_received_at(base_url: &str, method: &str, path_contains: &str) -> u64 {
    let url =
        format!("{base_url}/_sandbox/requests?method={method}&path_contains={}", jobs_api::url_encoding::encode_component(path_contains));
    let counted: Value = Request::get(&url).send().await.unwrap().json().await.unwrap();
    counted["count"].as_u64().unwrap()
}

/// The id of a seeded, finished (not deployment) job whose failed count is in `failed`.
pub async fn seeded_job_with_failures(failed: std::ops::RangeInclusive<u64>) -> String {
    let page = api_get(&format!("{}?state=SUCCESS&limit=100", jobs_api::paths::routes::JOBS)).await;
    let job = page["records"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|job| job["job_type"] != "DEPLOYMENT")
        .find(|job| failed.contains(&job["result"]["failed"].as_u64().unwrap_or(0)))
        .unwrap_or_else(|| panic!("a seeded job with {failed:?} failures"));
    job["id"].as_str().unwrap().to_owned()
}

pub fn ids_of(page: &Value) -> Vec<String> {
    page["records"].as_array().unwrap().iter().map(|job| job["id"].as_str().unwrap().to_owned()).collect()
}

/// Presses `verb` ("Approve" or "Reject") on job `id` once it shows, and confirms the dialog.
pub async fn confirm_decision(console: &Console, id: &str, verb: &str) {
    console.wait_for(&format!("button[aria-label='{verb} job {id}']")).await;
    console.click(&format!("button[aria-label='{verb} job {id}']"));
    console.wait_until("the dialog opens", |console| console.find("dialog[open]").is_some()).await;
    console.click("dialog[open] .actions button:last-child");
}
