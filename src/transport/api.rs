//! The HTTP client: one transport that adds authentication, maps the canonical paths to
//! the deployment's tenant, cancels with the page and maps every failure to an
//! `ApiError`, and one function per endpoint.

use std::cell::RefCell;

use gloo_net::http::{Method, RequestBuilder, Response};
use jobs_api::client_error::ApiError;
use jobs_api::decision::Decision;
use jobs_api::download_name::{disposition_file_name, safe_file_name};
use jobs_api::endpoints::{ApiMapping, Endpoint};
use jobs_api::lenient::FromJson;
use jobs_api::t;
use jobs_api::*;
use leptos::prelude::on_cleanup;
use send_wrapper::SendWrapper;

use crate::browser::download::Download;
use crate::transport::connection::ConnectionSettings;

/// Sent on every API request; the reference nginx refuses a decision without it, so a
/// plain cross-site form cannot make one.
const REQUESTED_WITH: (&str, &str) = ("x-requested-with", "jobs-console");

fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// An abort signal that fires when the current reactive owner is cleaned up: leaving a
/// page, or a resource refetching, cancels the request it started.
pub fn abort_signal_of_owner() -> Option<web_sys::AbortSignal> {
    let controller = web_sys::AbortController::new().ok()?;
    let signal = controller.signal();
    let controller = SendWrapper::new(controller);
    on_cleanup(move || controller.abort());
    Some(signal)
}

thread_local! {
    /// Where the tenant serves each endpoint: set from `config.json` when the console
    /// mounts, constant while it runs.
    static MAPPING: RefCell<ApiMapping> = RefCell::new(ApiMapping::default());
}

pub fn set_api_mapping(mapping: ApiMapping) {
    MAPPING.with_borrow_mut(|current| *current = mapping);
}

/// The tenant's path for a canonical one (see [`ApiMapping::locate`]).
pub fn located(path: &str) -> String {
    MAPPING.with_borrow(|mapping| mapping.locate(path))
}

/// Optional endpoints that answered 404, remembered for this tab's session (a line per API
/// origin and route), so the console asks each once: a 404 is an error in the browser's log.
const ABSENT_ENDPOINTS: &str = "jobs-console.absent-endpoints";

fn absent_line(connection: &ConnectionSettings, endpoint: Endpoint) -> String {
    format!("{} {}\n", connection.target_origin(), endpoint.route())
}

fn known_absent(connection: &ConnectionSettings, endpoint: Endpoint) -> bool {
    let remembered = crate::browser::storage::session_storage().and_then(|storage| storage.get_item(ABSENT_ENDPOINTS).ok()?);
    remembered.is_some_and(|lines| lines.contains(&absent_line(connection, endpoint)))
}

fn remember_absent(connection: &ConnectionSettings, endpoint: Endpoint) {
    if let Some(storage) = crate::browser::storage::session_storage() {
        let known = storage.get_item(ABSENT_ENDPOINTS).ok().flatten().unwrap_or_default();
        let _ = storage.set_item(ABSENT_ENDPOINTS, &format!("{known}{}", absent_line(connection, endpoint)));
    }
}

/// Forgets which optional endpoints answered 404: the next request asks again.
pub fn forget_absent_endpoints() {
    if let Some(storage) = crate::browser::storage::session_storage() {
        let _ = storage.remove_item(ABSENT_ENDPOINTS);
    }
}

/// Whether the console asks `endpoint` at all: not when `config.json` switched it off,
/// nor when it is optional and answered 404 before in this session.
fn asks(connection: &ConnectionSettings, endpoint: Endpoint) -> bool {
    MAPPING.with_borrow(|mapping| mapping.uses(endpoint)) && !(endpoint.optional() && known_absent(connection, endpoint))
}

/// Sends one request: with the key only where it was entered for, never following a
/// redirect (the API does not redirect; a key must not follow one), cancelled by `signal`.
/// `path` is canonical; the tenant's path is sent. Any HTTP status is an answer here.
async fn send_raw(
    connection: &ConnectionSettings,
    method: Method,
    path: &str,
    signal: Option<&web_sys::AbortSignal>,
) -> Result<Response, ApiError> {
    if !connection.is_complete() {
        return Err(ApiError::NotConfigured);
    }
    let key = connection.key_header().map_err(|reason| ApiError::KeyNotSendable { reason })?;
    if browser_would_rewrite(path) {
        return Err(ApiError::InvalidRequest { message: t!("api.dot_id").into() });
    }
    if let Some(endpoint) = Endpoint::of_path(path).filter(|endpoint| !asks(connection, *endpoint)) {
        return Err(ApiError::NotProvided { endpoint });
    }
    let mut request = RequestBuilder::new(&format!("{}{}", connection.base_url, located(path)))
        .method(method)
        .redirect(web_sys::RequestRedirect::Error)
        .abort_signal(signal)
        .header(REQUESTED_WITH.0, REQUESTED_WITH.1);
    if let Some(key) = key {
        request = request.header("x-api-key", key);
    }
    request.send().await.map_err(|error| ApiError::Network { detail: error.to_string() })
}

/// [`send_raw`], with every status but a success mapped to its `ApiError`. A 404 from a
/// path that names no one job means the tenant lacks the endpoint: `NotProvided`,
/// remembered when optional.
async fn send_with(
    connection: &ConnectionSettings,
    method: Method,
    path: &str,
    signal: Option<&web_sys::AbortSignal>,
) -> Result<Response, ApiError> {
    let response = send_raw(connection, method, path, signal).await?;
    if response.ok() {
        return Ok(response);
    }
    if let Some(endpoint) = Endpoint::of_path(path).filter(|endpoint| response.status() == 404 && !endpoint.names_one_job()) {
        if endpoint.optional() {
            remember_absent(connection, endpoint);
        }
        return Err(ApiError::NotProvided { endpoint });
    }
    let retry_after = response.headers().get("retry-after");
    let body = response.text().await.unwrap_or_default();
    Err(ApiError::from_response(response.status(), &body, retry_after.as_deref(), now_ms()))
}

/// A GET for the API check: the HTTP status and body whatever the status; an error only
/// when nothing was answered (or nothing sent: not configured, switched off).
pub async fn check_get(connection: &ConnectionSettings, path: &str) -> Result<(u16, String), ApiError> {
    let response = send_raw(connection, Method::GET, path, None).await?;
    let body = response.text().await.map_err(|error| ApiError::Network { detail: error.to_string() })?;
    Ok((response.status(), body))
}

/// Whether the browser would resolve dot segments in `path` (an id that is `.` or `..`,
/// even percent-encoded), so the request would reach another resource than the one named.
fn browser_would_rewrite(path: &str) -> bool {
    let written = path.split(['?', '#']).next().unwrap_or_default();
    web_sys::Url::new_with_base(path, "http://x").map(|url| url.pathname() != written).unwrap_or(true)
}

/// The demo key the project's sandbox names when it refuses a request that carries none;
/// `None` from any other server (DigiCert ONE names none). The probe itself carries no key.
pub async fn sandbox_demo_key(base_url: &str) -> Option<String> {
    let response = RequestBuilder::new(&format!("{base_url}{}", paths::job_list("limit=1")))
        .method(Method::GET)
        .redirect(web_sys::RequestRedirect::Error)
        .header(REQUESTED_WITH.0, REQUESTED_WITH.1)
        .send()
        .await
        .ok()?;
    if response.status() != 401 {
        return None;
    }
    let named = response.headers().get("x-sandbox-demo-key")?;
    jobs_api::credentials::validate_api_key(&named).ok().map(str::to_owned)
}

/// The body of a GET of `path`, cancelled by `abort`.
pub async fn get_text(connection: &ConnectionSettings, path: &str, abort: Option<&web_sys::AbortSignal>) -> Result<String, ApiError> {
    let response = send_with(connection, Method::GET, path, abort).await?;
    response.text().await.map_err(|error| ApiError::Network { detail: error.to_string() })
}

/// An API answer's JSON as `T`; what cannot be read is `Malformed`.
pub fn decode<T: FromJson>(text: &str) -> Result<T, ApiError> {
    jobs_api::lenient::from_json_text(text).map_err(|detail| ApiError::Malformed { detail })
}

/// Sends the decision once. Only `204 No Content` confirms it; any other success
/// status is reported as unexpected, so nothing is shown as decided that was not. It is
/// not cancelled by leaving the page, only abandoned after `timeout_ms` without an answer.
pub async fn decide_batch_job(connection: &ConnectionSettings, job_id: &str, decision: Decision, timeout_ms: u64) -> Result<(), ApiError> {
    let path = match decision {
        Decision::Approve => paths::approve_batch_job(job_id),
        Decision::Reject => paths::reject_batch_job(job_id),
    };
    let controller = web_sys::AbortController::new().map_err(|_| ApiError::Network { detail: "no AbortController".into() })?;
    let timed_out = std::rc::Rc::new(std::cell::Cell::new(false));
    let timer = {
        let (controller, timed_out) = (SendWrapper::new(controller.clone()), SendWrapper::new(timed_out.clone()));
        leptos::prelude::set_timeout_with_handle(
            move || {
                timed_out.set(true);
                controller.abort();
            },
            std::time::Duration::from_millis(timeout_ms),
        )
        .ok()
    };
    let sent = send_with(connection, Method::PUT, &path, Some(&controller.signal())).await;
    if let Some(timer) = timer {
        timer.clear();
    }
    let response = match sent {
        Err(ApiError::Network { .. }) if timed_out.get() => return Err(ApiError::TimedOut { seconds: timeout_ms.div_ceil(1000) }),
        other => other?,
    };
    match response.status() {
        204 => Ok(()),
        status => Err(ApiError::UnexpectedStatus { status }),
    }
}

/// A file the API serves at `path`; `fallback_name` names it when the server gives no name.
pub async fn download_file(connection: &ConnectionSettings, path: &str, fallback_name: &str) -> Result<Download, ApiError> {
    let response = send_with(connection, Method::GET, path, None).await?;
    let content_type = response.headers().get("content-type").unwrap_or_else(|| "application/octet-stream".into());
    let suggested = response.headers().get("content-disposition").as_deref().and_then(disposition_file_name);
    let file_name = safe_file_name(suggested.as_deref(), &content_type, fallback_name);
    let bytes = response.binary().await.map_err(|error| ApiError::Network { detail: error.to_string() })?;
    Ok(Download { file_name, content_type, bytes })
}
