//! `--replay DIR`: serve answers recorded from a real tenant by `scripts/record-api`
//! (`DIR/answers.json`: method, canonical path with its query, status, content type and
//! body, the key redacted) instead of the sandbox's own. A request nothing was recorded
//! for answers 404 in Device Trust Manager's singular shape, as a tenant without it would.

use std::path::Path;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

/// One recorded answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordedAnswer {
    pub method: String,
    pub path: String,
    pub status: u16,
    pub content_type: String,
    pub body: String,
}

/// Every answer of a recording.
pub type Recording = Arc<Vec<RecordedAnswer>>;

pub fn load(dir: &Path) -> Result<Recording, String> {
    let file = dir.join("answers.json");
    let text = std::fs::read_to_string(&file).map_err(|error| format!("{}: {error}", file.display()))?;
    serde_json::from_str(&text).map(Arc::new).map_err(|error| format!("{}: {error}", file.display()))
}

/// The middleware: with a recording, every API request is answered from it.
pub async fn answer_from_recording(State(recording): State<Option<Recording>>, request: Request, next: Next) -> Response {
    let Some(recording) = recording else { return next.run(request).await };
    let path = request.uri().path_and_query().map_or_else(|| request.uri().path(), |whole| whole.as_str());
    let recorded = recording.iter().find(|answer| answer.method.eq_ignore_ascii_case(request.method().as_str()) && answer.path == path);
    match recorded {
        Some(answer) => {
            let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, [(header::CONTENT_TYPE, answer.content_type.clone())], answer.body.clone()).into_response()
        }
        None => {
            let body = serde_json::json!({ "error": { "code": "03", "message": "Nothing was recorded for this request." } });
            (StatusCode::NOT_FOUND, axum::Json(body)).into_response()
        }
    }
}
