//! The sandbox's own endpoints under `/_sandbox/`, for tests and demos: health, new
//! batch jobs on demand, armed faults, request counts, and the CA certificate to verify
//! downloads with. Open on loopback; elsewhere only with a token or an explicit flag.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use jobs_api::{JobDetails, JobState, JobStatus, JobType, NamedRef};
use serde::Deserialize;

use super::AppState;
use crate::config::ControlAccess;
use crate::error::ApiError;
use crate::faults::ArmRequest;
use crate::progress::now_ms;
use crate::seed::{new_batch_job, BatchPlan};
use crate::store;

pub const CONTROL_TOKEN_HEADER: &str = "x-sandbox-control-token";

async fn require_control_access(
    axum::extract::State(access): axum::extract::State<ControlAccess>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let allowed = match &access {
        ControlAccess::Open => true,
        ControlAccess::Token(token) => {
            request.headers().get(CONTROL_TOKEN_HEADER).is_some_and(|presented| presented.as_bytes() == token.as_bytes())
        }
        ControlAccess::Closed => false,
    };
    if allowed {
        next.run(request).await
    } else {
        ApiError::access_denied(
            "The sandbox's control endpoints are closed: it listens beyond loopback. Start it with --control-token or --allow-remote-control.",
        )
        .into_response()
    }
}

pub fn routes(access: ControlAccess) -> Router<AppState> {
    Router::new()
        .route("/_sandbox/health", get(health))
        .route("/_sandbox/jobs", post(create_job))
        .route("/_sandbox/faults", post(arm_fault))
        .route("/_sandbox/faults/clear", post(clear_faults))
        .route("/_sandbox/ca.pem", get(ca_certificate))
        .route("/_sandbox/requests", get(request_count))
        .route("/_sandbox/vocabulary", get(vocabulary))
        .route_layer(axum::middleware::from_fn_with_state(access, require_control_access))
}

/// The project's words and paths for scripts that drive the console (scripts/harness.py),
/// so none of them keeps a copy: the API paths, each known enum value's label, the demo key.
async fn vocabulary() -> Json<serde_json::Value> {
    use jobs_api::paths::routes;
    use jobs_api::{BatchStatus, OpenEnum};
    fn labels<T: OpenEnum>() -> serde_json::Value {
        T::KNOWN.iter().map(|value| (value.as_wire().to_owned(), value.label().into())).collect::<serde_json::Map<_, _>>().into()
    }
    Json(serde_json::json!({
        "paths": {
            "jobs": routes::JOBS, "job": routes::JOB, "batch_job": routes::BATCH_JOB,
            "approve": routes::APPROVE_BATCH_JOB, "reject": routes::REJECT_BATCH_JOB,
        },
        "labels": { "job_status": labels::<JobStatus>(), "job_state": labels::<JobState>(), "batch_status": labels::<BatchStatus>() },
        "demo_approver_key": crate::config::DEMO_APPROVER_KEY,
    }))
}

async fn health(State(state): State<AppState>) -> Result<Json<serde_json::Value>, ApiError> {
    let jobs = state.store.call(|connection| store::job_count(connection)).await?;
    Ok(Json(serde_json::json!({ "status": "ok", "jobs": jobs })))
}

/// A new batch job. Every field is optional; `status`, `state` and `job_type` are
/// stored verbatim, so a test can present values the console has never seen.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct JobSpec {
    /// An id of the test's choosing (any text: slashes, spaces, `?`, `#`); a new one if absent.
    id: Option<String>,
    job_type: Option<String>,
    total: Option<u64>,
    requires_approval: Option<bool>,
    owner_name: Option<String>,
    device_group_name: Option<String>,
    status: Option<String>,
    state: Option<String>,
    /// Failed enrollments per thousand once the job runs (0 for a job whose every device succeeds).
    failure_per_mille: Option<u64>,
}

async fn create_job(State(state): State<AppState>, body: Option<Json<JobSpec>>) -> Result<Response, ApiError> {
    let spec = body.map(|Json(spec)| spec).unwrap_or_default();
    let plan = BatchPlan {
        job_type: JobType::from_wire(spec.job_type.as_deref().unwrap_or("BATCH_DEVICE_REGISTRATION")),
        total: spec.total.unwrap_or(120).clamp(1, 100_000),
        requires_approval: spec.requires_approval.unwrap_or(true),
    };
    let mut job = {
        let mut rng = state.rng.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        new_batch_job(&mut rng, &plan, now_ms(), state.pace)
    };
    if let Some(id) = spec.id {
        job.id = id;
    }
    if let Some(name) = spec.owner_name {
        job.owner = Some(NamedRef { id: "u-custom".into(), name });
    }
    if let Some(name) = spec.device_group_name {
        job.device_group = Some(NamedRef { id: "dg-custom".into(), name });
    }
    if let Some(status) = spec.status {
        job.status = JobStatus::from_wire(&status);
    }
    if let Some(per_mille) = spec.failure_per_mille {
        job.failure_per_mille = per_mille.min(1000);
    }
    if let Some(state) = spec.state {
        job.state = Some(JobState::from_wire(&state));
    }
    let details: JobDetails = job.details();
    state.store.call(move |connection| store::insert_job(connection, &job)).await?;
    Ok((StatusCode::CREATED, Json(details)).into_response())
}

async fn arm_fault(State(state): State<AppState>, Json(request): Json<ArmRequest>) -> Result<StatusCode, ApiError> {
    state.faults.arm(request).map_err(ApiError::invalid_request)?;
    Ok(StatusCode::NO_CONTENT)
}

async fn clear_faults(State(state): State<AppState>) -> StatusCode {
    state.faults.clear();
    StatusCode::NO_CONTENT
}

#[derive(Debug, Deserialize)]
struct RequestQuery {
    method: String,
    path_contains: String,
}

/// How many API requests with this method had a path containing the given text.
async fn request_count(
    State(state): State<AppState>,
    axum::extract::Query(query): axum::extract::Query<RequestQuery>,
) -> Json<serde_json::Value> {
    Json(serde_json::json!({ "count": state.requests.count(&query.method, &query.path_contains) }))
}

async fn ca_certificate(State(state): State<AppState>) -> Response {
    ([(header::CONTENT_TYPE, "application/x-pem-file")], state.ca.certificate_pem.clone()).into_response()
}
