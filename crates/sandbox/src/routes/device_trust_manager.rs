//! Device Trust Manager: jobs, their certificates, their log, and downloads.

use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use axum::{Extension, Json, Router};
use jobs_api::paths::{self, routes};
use jobs_api::query::{JobListQuery, JobSort};
use jobs_api::*;

use super::{attachment, page_of, AppState, RawQuery};
use crate::auth::Caller;
use crate::certificates;
use crate::error::ApiError;
use crate::job_history;
use crate::progress::now_ms;
use crate::store::{self, JobRecord};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(routes::JOBS, get(list_jobs))
        .route(routes::JOB, get(job_details))
        .route(routes::JOB_CERTIFICATES, get(job_certificates))
        .route(routes::JOB_LOG, get(job_log))
        .route(routes::JOB_DOWNLOAD, get(download))
        .route(routes::JOB_FAILURES, get(job_failures))
        .route(routes::JOB_FAILURE_SUMMARY, get(job_failure_summary))
        .route(routes::JOB_ACTIVITY, get(job_activity))
}

fn filter_of(query: &RawQuery) -> Result<JobListQuery, ApiError> {
    let (limit, offset) = page_of(query)?;
    let draft = match query.get("draft").map(String::as_str) {
        None | Some("") => None,
        Some("true") => Some(true),
        Some("false") => Some(false),
        Some(_) => return Err(ApiError::invalid_request("draft must be true or false")),
    };
    let sort = match query.get("sort").filter(|sort| !sort.is_empty()) {
        None => JobSort::default(),
        Some(sort) => JobSort::parse(sort).map_err(ApiError::invalid_request)?,
    };
    let text = |key: &str| query.get(key).filter(|value| !value.is_empty()).cloned();
    Ok(JobListQuery {
        draft,
        job_type: text("job_type").as_deref().map(JobType::from_wire),
        status: text("status").as_deref().map(JobStatus::from_wire),
        state: text("state").as_deref().map(JobState::from_wire),
        batch_status: text("batch_status").as_deref().map(BatchStatus::from_wire),
        device_group_id: text("device_group_id"),
        q: text("q"),
        sort: Some(sort),
        limit,
        offset,
    })
}

async fn list_jobs(State(state): State<AppState>, Query(query): Query<RawQuery>) -> Result<Json<Page<JobSummary>>, ApiError> {
    let filter = filter_of(&query)?;
    let (limit, offset) = (filter.limit, filter.offset);
    let (total, jobs) = state.store.call(move |connection| store::list_jobs(connection, &filter)).await?;
    Ok(Json(Page::new(total, limit, offset, jobs.iter().map(JobRecord::summary).collect())))
}

/// The job with this id, or 404.
pub(super) async fn existing_job(state: &AppState, job_id: String) -> Result<JobRecord, ApiError> {
    let id = job_id.clone();
    state
        .store
        .call(move |connection| store::find_job(connection, &id))
        .await?
        .ok_or_else(|| ApiError::not_found(format!("No job with id '{job_id}'.")))
}

async fn job_details(State(state): State<AppState>, Path(job_id): Path<String>) -> Result<Json<JobDetails>, ApiError> {
    Ok(Json(existing_job(&state, job_id).await?.details()))
}

async fn job_certificates(
    State(state): State<AppState>,
    Path(job_id): Path<String>,
    Query(query): Query<RawQuery>,
) -> Result<Json<Page<JobCertificate>>, ApiError> {
    let (limit, offset) = page_of(&query)?;
    let job = existing_job(&state, job_id).await?;
    let (total, records) = certificates::records(&job, limit, offset, now_ms());
    Ok(Json(Page::new(total, limit, offset, records)))
}

async fn job_log(
    State(state): State<AppState>,
    Path(job_id): Path<String>,
    Query(query): Query<RawQuery>,
) -> Result<Json<Page<JobLogEntry>>, ApiError> {
    let (limit, offset) = page_of(&query)?;
    let job = existing_job(&state, job_id).await?;
    let (total, records) = state.store.call(move |connection| store::job_log(connection, &job.id, limit, offset)).await?;
    Ok(Json(Page::new(total, limit, offset, records)))
}

async fn job_failures(
    State(state): State<AppState>,
    Path(job_id): Path<String>,
    Query(query): Query<RawQuery>,
) -> Result<Json<Page<JobFailure>>, ApiError> {
    let (limit, offset) = page_of(&query)?;
    let job = existing_job(&state, job_id).await?;
    let reason = query.get("reason_code").filter(|code| !code.is_empty());
    let (total, records) = job_history::failures(&job, reason.map(String::as_str), limit, offset);
    Ok(Json(Page::new(total, limit, offset, records)))
}

async fn job_failure_summary(State(state): State<AppState>, Path(job_id): Path<String>) -> Result<Json<Vec<FailureReasonCount>>, ApiError> {
    Ok(Json(job_history::failure_summary(&existing_job(&state, job_id).await?)))
}

async fn job_activity(
    State(state): State<AppState>,
    Path(job_id): Path<String>,
    Query(query): Query<RawQuery>,
) -> Result<Json<Page<JobActivity>>, ApiError> {
    let (limit, offset) = page_of(&query)?;
    let job = existing_job(&state, job_id).await?;
    let id = job.id.clone();
    let (_, log) = state.store.call(move |connection| store::job_log(connection, &id, i64::MAX as u64, 0)).await?;
    let all = job_history::activity(&job, log);
    let total = all.len() as u64;
    let records = all.into_iter().skip(offset.min(usize::MAX as u64) as usize).take(limit as usize).collect();
    Ok(Json(Page::new(total, limit, offset, records)))
}

/// Signs the job's certificates on the blocking pool (thousands take a moment), at most
/// `max_certificates_per_download` of them: one request may not tie up the signer.
pub(super) async fn issue_certificates(state: &AppState, job: JobRecord) -> Result<Vec<(String, String, Vec<u8>)>, ApiError> {
    let count = certificates::issued_count(&job);
    if count > state.max_certificates_per_download {
        return Err(ApiError::invalid_request(format!(
            "Job '{}' has {count} certificates; the sandbox signs at most {} per download.",
            job.id, state.max_certificates_per_download
        )));
    }
    let ca = state.ca.clone();
    tokio::task::spawn_blocking(move || ca.issue_all(&job))
        .await
        .map_err(|error| ApiError::internal(error.to_string()))?
        .map_err(|error| ApiError::internal(format!("signing failed: {error}")))
}

/// A bootstrap configuration per issued certificate: what a device needs to enrol.
fn bootstrap_configurations(job: &JobRecord) -> Vec<(String, Vec<u8>)> {
    let (_, records) = certificates::records(job, certificates::issued_count(job), 0, 0);
    records
        .into_iter()
        .map(|certificate| {
            let configuration = serde_json::json!({
                "device": certificate.device,
                "certificate_serial_number": certificate.serial_number,
                "certificate_policy": job.certificate_policy,
                "enrollment_endpoint": paths::enroll(&job.id),
                "valid_to": certificate.valid_to,
            });
            (format!("{}.json", certificate.common_name), configuration.to_string().into_bytes())
        })
        .collect()
}

async fn download(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(job_id): Path<String>,
    Query(query): Query<RawQuery>,
) -> Result<Response, ApiError> {
    let kind = match query.get("kind").map(|kind| DownloadKind::from_wire(kind)) {
        Some(kind) if kind.is_known() => kind,
        _ => return Err(ApiError::invalid_request("kind must be certificate or configuration")),
    };
    let job = existing_job(&state, job_id).await?;
    if job.job_type == JobType::Deployment {
        return Err(ApiError::invalid_state("Deployments issue no certificates or configurations."));
    }
    if job.status != JobStatus::Executed {
        return Err(ApiError::invalid_state(format!("Job '{}' is {}; downloads open once it is executed.", job.id, job.status.as_wire())));
    }
    let (files, action) = if kind == DownloadKind::Configuration {
        if job.job_type != JobType::BatchDeviceRegistration {
            return Err(ApiError::invalid_state("Only batch device registration jobs have bootstrap configurations."));
        }
        (bootstrap_configurations(&job), LogAction::ConfigurationDownload)
    } else {
        let issued = issue_certificates(&state, job.clone()).await?;
        (issued.into_iter().map(|(name, pem, _)| (format!("{name}.pem"), pem.into_bytes())).collect(), LogAction::CertificateDownload)
    };
    let archive = certificates::zip(files).map_err(|error| ApiError::internal(format!("zip failed: {error}")))?;
    let entry = JobLogEntry { id: String::new(), action, downloaded_from: DownloadSource::Api, user: Some(caller.user), date: None };
    let job_id = job.id.clone();
    state.store.call(move |connection| store::append_log(connection, &job_id, &entry, now_ms())).await?;
    Ok(attachment("application/zip", &format!("{}-{}s.zip", job.id, kind.as_wire()), archive))
}
