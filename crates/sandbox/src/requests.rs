//! Counts the API requests the sandbox received, by method and path (with its query), so a test can check
//! how many requests a client really sent (`GET /_sandbox/requests`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

#[derive(Clone, Default)]
pub struct RequestCounts {
    counts: Arc<Mutex<HashMap<(String, String), u64>>>,
}

impl RequestCounts {
    /// How many `method` requests had a path (with its query) containing `path_contains`.
    pub fn count(&self, method: &str, path_contains: &str) -> u64 {
        let counts = self.counts.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        counts
            .iter()
            .filter(|((seen_method, path), _)| seen_method.eq_ignore_ascii_case(method) && path.contains(path_contains))
            .map(|(_, count)| count)
            .sum()
    }
}

pub async fn record(State(counts): State<RequestCounts>, request: Request, next: Next) -> Response {
    {
        let mut map = counts.counts.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        *map.entry((
            request.method().to_string(),
            request.uri().path_and_query().map_or_else(|| request.uri().path(), |whole| whole.as_str()).to_owned(),
        ))
        .or_default() += 1;
    }
    next.run(request).await
}
