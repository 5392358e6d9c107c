//! IoT Trust Manager: batch enrollment (status, approve, reject, certificate download),
//! who-am-I and the audit log.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use axum::{Extension, Json, Router};
use jobs_api::audit_log::AuditRecord;
use jobs_api::paths::routes;
use jobs_api::*;

use super::device_trust_manager::{existing_job, issue_certificates};
use super::{attachment, AppState, RawQuery};
use crate::auth::Caller;
use crate::certificates;
use crate::config::Role;
use crate::error::ApiError;
use crate::progress::now_ms;
use crate::store::{self, Decision, JobRecord};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(routes::BATCH_JOB, get(batch_job))
        .route(routes::APPROVE_BATCH_JOB, put(approve))
        .route(routes::REJECT_BATCH_JOB, put(reject))
        .route(routes::BATCH_CERTIFICATES_DOWNLOAD, get(download_certificates))
        .route(routes::USER_ME, get(user_me))
        .route(routes::AUDIT_LOG, get(audit_log))
}

/// Decisions and downloads, newest first.
async fn audit_log(State(state): State<AppState>, Query(query): Query<RawQuery>) -> Result<Json<Page<AuditRecord>>, ApiError> {
    let (limit, offset) = super::page_of(&query)?;
    let (total, records) = state.store.call(move |connection| store::audit_log(connection, limit, offset)).await?;
    Ok(Json(Page::new(total, limit, offset, records)))
}

/// The key's user: the sandbox knows every key's.
async fn user_me(Extension(caller): Extension<Caller>) -> Json<User> {
    Json(User { id: format!("u-{}", caller.user), name: caller.user })
}

/// The batch enrollment job with this id; 404 for an unknown id or a job that is not one.
async fn existing_batch_job(state: &AppState, job_id: String) -> Result<JobRecord, ApiError> {
    let job = existing_job(state, job_id.clone()).await?;
    if job.is_batch() {
        Ok(job)
    } else {
        Err(ApiError::not_found(format!("No batch enrollment job with id '{job_id}'.")))
    }
}

async fn batch_job(State(state): State<AppState>, Path(job_id): Path<String>) -> Result<Json<BatchEnrollJob>, ApiError> {
    let job = existing_batch_job(&state, job_id.clone()).await?;
    job.batch_enroll_job().map(Json).ok_or_else(|| ApiError::not_found(format!("No batch enrollment job with id '{job_id}'.")))
}

async fn approve(state: State<AppState>, caller: Extension<Caller>, job_id: Path<String>) -> Result<Response, ApiError> {
    decide(state, caller, job_id, BatchStatus::Approved).await
}

async fn reject(state: State<AppState>, caller: Extension<Caller>, job_id: Path<String>) -> Result<Response, ApiError> {
    decide(state, caller, job_id, BatchStatus::Rejected).await
}

async fn decide(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(job_id): Path<String>,
    outcome: BatchStatus,
) -> Result<Response, ApiError> {
    let verb = if outcome == BatchStatus::Approved { "approve" } else { "reject" };
    if caller.role != Role::Approver {
        return Err(ApiError::access_denied(format!("The API key of {} may not {verb} batch enrollment jobs.", caller.user)));
    }
    let mut job = existing_batch_job(&state, job_id).await?;
    let requested_by_caller = job.owner.as_ref().is_some_and(|owner| owner.name == caller.user);
    if outcome == BatchStatus::Approved && state.four_eyes && requested_by_caller {
        return Err(ApiError::access_denied(format!(
            "{} requested job '{}', so another approver must approve it (four-eyes rule).",
            caller.user, job.id
        )));
    }
    let now = now_ms();
    job.decided_by = Some(caller.user);
    job.decided_at_ms = Some(now);
    job.updated_at_ms = now;
    if outcome == BatchStatus::Approved {
        job.set_batch_status(&outcome);
        let start = now + state.pace.queue_ms();
        job.progress_started_ms = Some(start);
        job.progress_ends_ms = Some(start + state.pace.processing_ms(job.total));
    } else {
        // Asynchronous, as on DigiCert's newer pages: pending, in progress, then rejected.
        job.set_batch_status(&BatchStatus::PendingRejection);
        let (wait, work) = state.pace.rejection_ms();
        job.progress_started_ms = Some(now + wait);
        job.progress_ends_ms = Some(now + wait + work);
    }
    let id = job.id.clone();
    match state.store.call(move |connection| store::decide(connection, &job)).await? {
        Decision::Decided => Ok(StatusCode::NO_CONTENT.into_response()),
        Decision::NotFound => Err(ApiError::not_found(format!("No batch enrollment job with id '{id}'."))),
        Decision::WrongState(status) => Err(ApiError::invalid_state(format!(
            "Job '{id}' is {}, not PENDING_APPROVAL; it can no longer be {verb}d.",
            status.as_ref().map_or("not a batch enrollment job", BatchStatus::as_wire)
        ))),
    }
}

async fn download_certificates(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(job_id): Path<String>,
    Query(query): Query<RawQuery>,
) -> Result<Response, ApiError> {
    let job = existing_batch_job(&state, job_id).await?;
    if job.batch_status != Some(BatchStatus::Complete) {
        return Err(ApiError::invalid_state(format!(
            "Job '{}' is {}; certificates can be downloaded once it is COMPLETE.",
            job.id,
            job.batch_status.as_ref().map_or("unknown", BatchStatus::as_wire)
        )));
    }
    let format = query
        .get("format")
        .map(|format| CertificateFormat::from_wire(format))
        .or_else(|| job.certificate_format.clone())
        .unwrap_or(CertificateFormat::Pem);
    if matches!(format, CertificateFormat::Smpb | CertificateFormat::Unknown(_)) {
        return Err(ApiError::invalid_request(format!("The sandbox produces pem, der or json, not '{}'.", format.as_wire())));
    }
    let file_stem = format!("{}-certificates", job.id);
    let job_id = job.id.clone();
    let issued = issue_certificates(&state, job).await?;
    // In the job's log and so in the audit log, as the Device Trust Manager download is.
    let entry = JobLogEntry {
        id: String::new(),
        action: LogAction::CertificateDownload,
        downloaded_from: DownloadSource::Api,
        user: Some(caller.user),
        date: None,
    };
    state.store.call(move |connection| store::append_log(connection, &job_id, &entry, now_ms())).await?;
    if format == CertificateFormat::Json {
        let body: Vec<_> = issued.iter().map(|(name, pem, _)| serde_json::json!({ "common_name": name, "certificate": pem })).collect();
        return Ok(Json(body).into_response());
    }
    let files = issued.into_iter().map(|(name, pem, der)| match format {
        CertificateFormat::Der => (format!("{name}.der"), der),
        _ => (format!("{name}.pem"), pem.into_bytes()),
    });
    let archive = certificates::zip(files).map_err(|error| ApiError::internal(format!("zip failed: {error}")))?;
    Ok(attachment("application/zip", &format!("{file_stem}.zip"), archive))
}
