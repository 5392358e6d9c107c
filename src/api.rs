//! The HTTP client: one transport that adds authentication, cancels with the page and
//! maps every failure to an `ApiError`, and one function per endpoint.

use gloo_net::http::{Method, RequestBuilder, Response};
use jobs_api::client_error::ApiError;
use jobs_api::query::JobListQuery;
use jobs_api::*;
use leptos::prelude::on_cleanup;
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;

use crate::connection::{AuthMode, ConnectionSettings};

fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// An abort signal that fires when the current reactive owner is cleaned up: leaving a
/// page, or a resource refetching, cancels the request it started.
fn abort_signal_of_owner() -> Option<web_sys::AbortSignal> {
    let controller = web_sys::AbortController::new().ok()?;
    let signal = controller.signal();
    let controller = SendWrapper::new(controller);
    on_cleanup(move || controller.abort());
    Some(signal)
}

async fn send(connection: &ConnectionSettings, method: Method, path: &str, cancellable: bool) -> Result<Response, ApiError> {
    if !connection.is_complete() {
        return Err(ApiError::NotConfigured);
    }
    let signal = if cancellable { abort_signal_of_owner() } else { None };
    let mut request = RequestBuilder::new(&format!("{}{path}", connection.base_url)).method(method).abort_signal(signal.as_ref());
    if connection.auth_mode == AuthMode::ApiKey {
        request = request.header("x-api-key", connection.api_key.trim());
    }
    let response = request.send().await.map_err(|error| ApiError::Network { detail: error.to_string() })?;
    if response.ok() {
        return Ok(response);
    }
    let retry_after = response.headers().get("retry-after");
    let body = response.text().await.unwrap_or_default();
    Err(ApiError::from_response(response.status(), &body, retry_after.as_deref(), now_ms()))
}

async fn get_json<T: DeserializeOwned>(connection: &ConnectionSettings, path: &str) -> Result<T, ApiError> {
    let response = send(connection, Method::GET, path, true).await?;
    let text = response.text().await.map_err(|error| ApiError::Network { detail: error.to_string() })?;
    serde_json::from_str(&text).map_err(|error| ApiError::Malformed { detail: error.to_string() })
}

pub async fn list_jobs(connection: &ConnectionSettings, query: &JobListQuery) -> Result<Page<JobSummary>, ApiError> {
    get_json(connection, &paths::job_list(query)).await
}

pub async fn job_details(connection: &ConnectionSettings, job_id: &str) -> Result<JobDetails, ApiError> {
    get_json(connection, &paths::job(job_id)).await
}

pub async fn batch_job(connection: &ConnectionSettings, job_id: &str) -> Result<BatchEnrollJob, ApiError> {
    get_json(connection, &paths::batch_job(job_id)).await
}

pub async fn job_certificates(
    connection: &ConnectionSettings,
    job_id: &str,
    limit: u64,
    offset: u64,
) -> Result<Page<JobCertificate>, ApiError> {
    get_json(connection, &paths::job_certificates(job_id, limit, offset)).await
}

pub async fn job_log(connection: &ConnectionSettings, job_id: &str, limit: u64, offset: u64) -> Result<Page<JobLogEntry>, ApiError> {
    get_json(connection, &paths::job_log(job_id, limit, offset)).await
}

/// Approve or reject: the two decisions on a job waiting for approval.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Reject,
}

impl Decision {
    pub fn verb(self) -> &'static str {
        match self {
            Self::Approve => "Approve",
            Self::Reject => "Reject",
        }
    }

    pub fn past_tense(self) -> &'static str {
        match self {
            Self::Approve => "approved",
            Self::Reject => "rejected",
        }
    }
}

/// Sends the decision once. Only `204 No Content` confirms it; any other success
/// status is reported as unexpected, so nothing is shown as decided that was not.
pub async fn decide_batch_job(connection: &ConnectionSettings, job_id: &str, decision: Decision) -> Result<(), ApiError> {
    let path = match decision {
        Decision::Approve => paths::approve_batch_job(job_id),
        Decision::Reject => paths::reject_batch_job(job_id),
    };
    let response = send(connection, Method::PUT, &path, false).await?;
    match response.status() {
        204 => Ok(()),
        status => Err(ApiError::UnexpectedStatus { status }),
    }
}

/// A downloaded file.
#[derive(Clone)]
pub struct Download {
    pub file_name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

fn file_name_of(disposition: Option<String>) -> Option<String> {
    let disposition = disposition?;
    let name = disposition.split("filename=").nth(1)?.trim().trim_matches('"');
    let name: String = name.chars().filter(|c| !matches!(c, '/' | '\\' | '"')).collect();
    (!name.is_empty()).then_some(name)
}

pub async fn download_job_files(connection: &ConnectionSettings, job_id: &str, kind: &DownloadKind) -> Result<Download, ApiError> {
    let response = send(connection, Method::GET, &paths::job_download(job_id, kind), false).await?;
    let fallback = format!("{job_id}-{}s.zip", kind.as_wire());
    let file_name = file_name_of(response.headers().get("content-disposition")).unwrap_or(fallback);
    let content_type = response.headers().get("content-type").unwrap_or_else(|| "application/octet-stream".into());
    let bytes = response.binary().await.map_err(|error| ApiError::Network { detail: error.to_string() })?;
    Ok(Download { file_name, content_type, bytes })
}
