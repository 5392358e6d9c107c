//! The sandbox's HTTP surface: the two API families behind authentication and fault
//! injection, the sandbox's own control endpoints, and CORS for browsers.

mod control;
mod device_trust_manager;
mod iot_trust_manager;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, Method, StatusCode};
use axum::middleware::{from_fn_with_state, map_response, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use jobs_api::endpoints::Endpoint;
use jobs_api::query::{parse_limit, parse_offset};
use rand_chacha::ChaCha8Rng;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{Any, CorsLayer};
use tower_http::trace::TraceLayer;

use crate::auth::{require_api_key, API_KEY_HEADER};
use crate::certificates::SandboxCa;
use crate::config::{ApiKey, ControlAccess};
use crate::error::ApiError;
use crate::faults::{inject, FaultState, Faults, FAULT_HEADER};
use crate::progress::Pace;
use crate::store::Store;

/// Everything a handler may need.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub ca: Arc<SandboxCa>,
    pub pace: Pace,
    pub keys: Arc<Vec<ApiKey>>,
    pub faults: Faults,
    pub requests: crate::requests::RequestCounts,
    pub latency: Duration,
    /// Faults drawn at random for a share of API requests (`--random-faults`).
    pub random_faults: Option<crate::faults::RandomFaults>,
    /// Who may use the `/_sandbox/` endpoints.
    pub control: ControlAccess,
    /// Whether the requester of a batch job is refused its approval.
    pub four_eyes: bool,
    /// Whether the endpoints the contract marks inferred answer (`--inferred-endpoints`).
    pub inferred_endpoints: bool,
    /// Whether answers take the documented variants' shapes (`--wire-variants`).
    pub wire_variants: bool,
    /// Answers recorded from a tenant, served instead of the sandbox's own (`--replay`).
    pub replay: Option<crate::replay::Recording>,
    /// The most certificates one download signs.
    pub max_certificates_per_download: u64,
    /// Draws the random parts of jobs created through the control endpoint.
    pub rng: Arc<Mutex<ChaCha8Rng>>,
}

/// Query parameters as given; handlers validate them into typed values.
pub type RawQuery = HashMap<String, String>;

/// `limit` and `offset` of a list request, validated.
fn page_of(query: &RawQuery) -> Result<(u64, u64), ApiError> {
    let limit = parse_limit(query.get("limit").map(String::as_str)).map_err(ApiError::invalid_request)?;
    let offset = parse_offset(query.get("offset").map(String::as_str)).map_err(ApiError::invalid_request)?;
    Ok((limit, offset))
}

/// Without `--inferred-endpoints`, a path the contract marks inferred answers as a tenant
/// without it would: 404 with DigiCert's singular shape and a numeric code.
async fn only_documented(State(inferred): State<bool>, request: Request, next: Next) -> Response {
    let documented = Endpoint::of_path(request.uri().path()).is_some_and(Endpoint::documented);
    if inferred || documented {
        return next.run(request).await;
    }
    let body = serde_json::json!({ "error": { "code": "03", "message": "Resource not found." } });
    (StatusCode::NOT_FOUND, axum::Json(body)).into_response()
}

async fn no_such_route() -> ApiError {
    ApiError::not_found("No such endpoint.")
}

/// Browsers may read these response headers across origins.
async fn expose_headers(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        header::HeaderValue::from_static("retry-after, content-disposition, x-sandbox-demo-key"),
    );
    response
}

/// The header the console sends on every API request (the reference nginx refuses a
/// decision without it), allowed here so cross-origin browsers may send it.
const REQUESTED_WITH_HEADER: &str = "x-requested-with";

pub fn router(state: AppState) -> Router {
    // Layers run outermost last-added: every request is counted, then authenticated, and
    // only an authenticated one reaches fault injection, latency and the handlers, whose
    // answers are then put in the documented variants when asked.
    let api = Router::new()
        .merge(device_trust_manager::routes())
        .merge(iot_trust_manager::routes())
        .route_layer(from_fn_with_state(state.wire_variants, crate::wire_variants::answer_in_variants))
        .route_layer(from_fn_with_state(
            FaultState { faults: state.faults.clone(), latency: state.latency, random: state.random_faults.clone() },
            inject,
        ))
        .route_layer(from_fn_with_state(state.replay.clone(), crate::replay::answer_from_recording))
        .route_layer(from_fn_with_state(state.keys.clone(), require_api_key))
        .route_layer(from_fn_with_state(state.inferred_endpoints, only_documented))
        .route_layer(from_fn_with_state(state.requests.clone(), crate::requests::record));
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::PUT, Method::POST, Method::OPTIONS])
        .allow_headers([
            HeaderName::from_static(API_KEY_HEADER),
            HeaderName::from_static(REQUESTED_WITH_HEADER),
            header::CONTENT_TYPE,
            HeaderName::from_static(FAULT_HEADER),
        ])
        .max_age(Duration::from_secs(600));
    Router::new()
        .merge(api)
        .merge(control::routes(state.control.clone()))
        .fallback(no_such_route)
        .with_state(state)
        .layer(map_response(expose_headers))
        .layer(CompressionLayer::new())
        .layer(cors)
        .layer(TraceLayer::new_for_http())
}

/// A download response: bytes with a type and a file name.
fn attachment(content_type: &'static str, file_name: &str, bytes: Vec<u8>) -> Response {
    let disposition = format!("attachment; filename=\"{}\"", file_name.replace(['"', '\\'], "_"));
    ([(header::CONTENT_TYPE, content_type.to_owned()), (header::CONTENT_DISPOSITION, disposition)], bytes).into_response()
}
