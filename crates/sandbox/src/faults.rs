//! Fault injection, so clients can be tested against failures. A request carrying
//! `x-sandbox-fault: VALUE` gets that fault; `POST /_sandbox/faults` arms a fault for the
//! next requests whose path contains a given text (for browsers, which send no such header).
//!
//! VALUE is one of: `500`, `503`, `429` or `429:SECONDS` (rate limited, with Retry-After),
//! `slow:MILLISECONDS` (answers normally after a delay), `malformed` (200 with a body that
//! is not valid JSON), `html:STATUS` (an error page that is not JSON).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::error::ApiError;

pub const FAULT_HEADER: &str = "x-sandbox-fault";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    Status(StatusCode),
    RateLimited { retry_after_seconds: u64 },
    Slow(Duration),
    Malformed,
    Html(StatusCode),
}

impl Fault {
    pub fn parse(text: &str) -> Result<Self, String> {
        let (kind, argument) = match text.split_once(':') {
            Some((kind, argument)) => (kind, Some(argument)),
            None => (text, None),
        };
        let number = |default: u64| match argument {
            None => Ok(default),
            Some(argument) => argument.parse::<u64>().map_err(|_| format!("'{argument}' is not a whole number")),
        };
        match kind {
            "500" => Ok(Self::Status(StatusCode::INTERNAL_SERVER_ERROR)),
            "503" => Ok(Self::Status(StatusCode::SERVICE_UNAVAILABLE)),
            "429" => Ok(Self::RateLimited { retry_after_seconds: number(2)? }),
            "slow" => Ok(Self::Slow(Duration::from_millis(number(2_000)?))),
            "malformed" => Ok(Self::Malformed),
            "html" => StatusCode::from_u16(number(502)? as u16)
                .map(Self::Html)
                .map_err(|_| "html takes an HTTP status".to_owned()),
            other => Err(format!("unknown fault '{other}': use 500, 503, 429[:SECONDS], slow[:MS], malformed or html[:STATUS]")),
        }
    }

    /// The response this fault replaces the real one with; `None` for a delay.
    fn response(&self) -> Option<Response> {
        match self {
            Self::Status(status) if *status == StatusCode::SERVICE_UNAVAILABLE => Some(ApiError::unavailable().into_response()),
            Self::Status(_) => Some(ApiError::internal("Injected server error.").into_response()),
            Self::RateLimited { retry_after_seconds } => Some(ApiError::rate_limited(*retry_after_seconds).into_response()),
            Self::Slow(_) => None,
            Self::Malformed => Some(
                ([(header::CONTENT_TYPE, "application/json")], "{\"total\": 3, \"records\": [{\"id\": ").into_response(),
            ),
            Self::Html(status) => Some(
                (*status, [(header::CONTENT_TYPE, "text/html")], Body::from("<html><body><h1>Bad gateway</h1></body></html>"))
                    .into_response(),
            ),
        }
    }
}

/// A fault waiting for the next `remaining` requests whose path contains `path_contains`.
#[derive(Clone, Debug)]
struct ArmedFault {
    path_contains: String,
    fault: Fault,
    remaining: u32,
}

#[derive(Debug, Deserialize)]
pub struct ArmRequest {
    pub path_contains: String,
    pub fault: String,
    #[serde(default = "one")]
    pub count: u32,
}

fn one() -> u32 {
    1
}

#[derive(Clone, Default)]
pub struct Faults {
    armed: Arc<Mutex<Vec<ArmedFault>>>,
}

impl Faults {
    pub fn arm(&self, request: ArmRequest) -> Result<(), String> {
        let fault = Fault::parse(&request.fault)?;
        let mut armed = self.armed.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        armed.push(ArmedFault { path_contains: request.path_contains, fault, remaining: request.count.max(1) });
        Ok(())
    }

    pub fn clear(&self) {
        self.armed.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clear();
    }

    /// Takes one use of the first armed fault matching `path`.
    fn take(&self, path: &str) -> Option<Fault> {
        let mut armed = self.armed.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let index = armed.iter().position(|armed| path.contains(&armed.path_contains))?;
        let fault = armed[index].fault.clone();
        armed[index].remaining -= 1;
        if armed[index].remaining == 0 {
            armed.remove(index);
        }
        Some(fault)
    }
}

/// What the fault middleware needs.
#[derive(Clone)]
pub struct FaultState {
    pub faults: Faults,
    pub latency: Duration,
}

pub async fn inject(State(state): State<FaultState>, request: Request, next: Next) -> Response {
    if !state.latency.is_zero() {
        tokio::time::sleep(state.latency).await;
    }
    let requested = request.headers().get(FAULT_HEADER).map(|value| Fault::parse(value.to_str().unwrap_or("")));
    let fault = match requested {
        Some(Err(message)) => return ApiError::invalid_request(message).into_response(),
        Some(Ok(fault)) => Some(fault),
        None => {
            let path_and_query = request.uri().path_and_query().map(|value| value.as_str()).unwrap_or("");
            state.faults.take(path_and_query)
        }
    };
    match fault {
        Some(Fault::Slow(delay)) => {
            tokio::time::sleep(delay).await;
            next.run(request).await
        }
        Some(fault) => fault.response().unwrap_or_else(|| StatusCode::INTERNAL_SERVER_ERROR.into_response()),
        None => next.run(request).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fault_values_parse() {
        assert_eq!(Fault::parse("429:7"), Ok(Fault::RateLimited { retry_after_seconds: 7 }));
        assert_eq!(Fault::parse("slow:150"), Ok(Fault::Slow(Duration::from_millis(150))));
        assert_eq!(Fault::parse("html"), Ok(Fault::Html(StatusCode::BAD_GATEWAY)));
        assert!(Fault::parse("teapot").is_err());
        assert!(Fault::parse("429:soon").is_err());
    }

    #[test]
    fn armed_faults_match_paths_and_run_out() {
        let faults = Faults::default();
        faults.arm(ArmRequest { path_contains: "/job/J-1".into(), fault: "500".into(), count: 2 }).unwrap();
        assert_eq!(faults.take("/devicetrustmanager/api/v4/job?draft=false"), None);
        assert!(faults.take("/devicetrustmanager/api/v4/job/J-1").is_some());
        assert!(faults.take("/devicetrustmanager/api/v4/job/J-1/log").is_some());
        assert_eq!(faults.take("/devicetrustmanager/api/v4/job/J-1"), None);
    }
}
