//! `x-api-key` authentication: every API request names a known key, which says who calls.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::config::{ApiKey, Role};
use crate::error::ApiError;

pub const API_KEY_HEADER: &str = "x-api-key";

/// The caller of a request, as its key says.
#[derive(Clone, Debug)]
pub struct Caller {
    pub user: String,
    pub role: Role,
}

/// On a 401, a sandbox running with its public demo keys names the approver's, so a first
/// visit can connect in one click. A sandbox given its own keys (`--api-key`) names none.
pub const DEMO_KEY_HEADER: &str = "x-sandbox-demo-key";

pub async fn require_api_key(State(keys): State<Arc<Vec<ApiKey>>>, mut request: Request, next: Next) -> Response {
    let presented = request.headers().get(API_KEY_HEADER).and_then(|value| value.to_str().ok());
    let Some(key) = presented.and_then(|presented| keys.iter().find(|key| key.key == presented)) else {
        let mut refused = ApiError::invalid_api_key().into_response();
        if *keys == crate::config::demo_keys() {
            refused.headers_mut().insert(DEMO_KEY_HEADER, axum::http::HeaderValue::from_static(crate::config::DEMO_APPROVER_KEY));
        }
        return refused;
    };
    request.extensions_mut().insert(Caller { user: key.user.clone(), role: key.role });
    next.run(request).await
}
