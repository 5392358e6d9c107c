//! Fault injection, so clients can be tested against failures. A request carrying
//! `x-sandbox-fault: VALUE` gets that fault; `POST /_sandbox/faults` arms a fault for the
//! next requests whose path contains a given text (for browsers, which send no such header).
//!
//! VALUE is one of: a 5xx status such as `500`, `502`, `503` or `504`; `429` or
//! `429:SECONDS` (rate limited, with Retry-After); `slow:MILLISECONDS` (answers normally
//! after a delay); `malformed` (200 with a body that is not valid JSON); `html:STATUS` (an
//! error page that is not JSON); `lost:STATUS` (does the work, then answers STATUS as a
//! gateway that lost the upstream's answer would); `drop` (closes the connection without
//! an answer); `redirect` (307 to another API path). Armed through the endpoint only,
//! `respond` answers a given status, headers and body: a fixture for odd data.
//!
//! Faults run after authentication: a request with a wrong key gets 401 whatever it asks.

use std::collections::BTreeMap;
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
    Lost(StatusCode),
    Drop,
    Redirect,
    Respond { status: StatusCode, headers: BTreeMap<String, String>, body: String },
}

/// Where `redirect` sends a client: an API path that counts as a request if followed.
pub fn redirect_target() -> String {
    jobs_api::paths::job("redirect-target")
}

fn html_page(status: StatusCode) -> Response {
    (status, [(header::CONTENT_TYPE, "text/html")], Body::from("<html><body><h1>Bad gateway</h1></body></html>")).into_response()
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
        let status = |default: u64| StatusCode::from_u16(number(default)? as u16).map_err(|_| format!("{kind} takes an HTTP status"));
        match kind {
            _ if kind.len() == 3 && kind.starts_with('5') && kind.bytes().all(|byte| byte.is_ascii_digit()) => {
                StatusCode::from_u16(kind.parse().unwrap_or(500)).map(Self::Status).map_err(|_| format!("'{kind}' is no status"))
            }
            "429" => Ok(Self::RateLimited { retry_after_seconds: number(2)? }),
            "slow" => Ok(Self::Slow(Duration::from_millis(number(2_000)?))),
            "malformed" => Ok(Self::Malformed),
            "html" => status(502).map(Self::Html),
            "lost" => status(502).map(Self::Lost),
            "drop" => Ok(Self::Drop),
            "redirect" => Ok(Self::Redirect),
            other => Err(format!(
                "unknown fault '{other}': use a 5xx status, 429[:SECONDS], slow[:MS], malformed, html[:STATUS], lost[:STATUS], drop or redirect"
            )),
        }
    }

    /// The response this fault replaces the real one with; `None` for a delay.
    fn response(&self) -> Option<Response> {
        match self {
            Self::Status(status) if *status == StatusCode::SERVICE_UNAVAILABLE => Some(ApiError::unavailable().into_response()),
            Self::Status(status) => Some(ApiError { status: *status, ..ApiError::internal("Injected server error.") }.into_response()),
            Self::RateLimited { retry_after_seconds } => Some(ApiError::rate_limited(*retry_after_seconds).into_response()),
            Self::Slow(_) | Self::Lost(_) | Self::Drop => None,
            Self::Redirect => Some((StatusCode::TEMPORARY_REDIRECT, [(header::LOCATION, redirect_target())]).into_response()),
            Self::Respond { status, headers, body } => {
                let mut response = (*status, body.clone()).into_response();
                for (name, value) in headers {
                    if let (Ok(name), Ok(value)) =
                        (header::HeaderName::try_from(name.as_str()), header::HeaderValue::try_from(value.as_str()))
                    {
                        response.headers_mut().insert(name, value);
                    }
                }
                Some(response)
            }
            Self::Malformed => {
                Some(([(header::CONTENT_TYPE, "application/json")], "{\"total\": 3, \"records\": [{\"id\": ").into_response())
            }
            Self::Html(status) => Some(html_page(*status)),
        }
    }
}

/// A fault waiting for the next `remaining` requests whose path contains `path_contains`.
#[derive(Clone, Debug)]
struct ArmedFault {
    path_contains: String,
    exact: bool,
    fault: Fault,
    remaining: u32,
}

#[derive(Debug, Default, Deserialize)]
pub struct ArmRequest {
    pub path_contains: String,
    pub fault: String,
    #[serde(default = "one")]
    pub count: u32,
    /// Match only a path (with its query) equal to `path_contains`.
    #[serde(default)]
    pub exact: bool,
    /// For `respond`: the status (default 200), headers and body to answer with. A JSON
    /// body that is not a string is sent as JSON.
    #[serde(default)]
    pub status: Option<u16>,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    #[serde(default)]
    pub body: Option<serde_json::Value>,
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
        let fault = if request.fault == "respond" {
            let status = StatusCode::from_u16(request.status.unwrap_or(200)).map_err(|_| "respond takes an HTTP status")?;
            let mut headers = request.headers;
            let body = match request.body {
                Some(serde_json::Value::String(text)) => text,
                Some(json) => {
                    headers.entry("content-type".into()).or_insert_with(|| "application/json".into());
                    json.to_string()
                }
                None => String::new(),
            };
            Fault::Respond { status, headers, body }
        } else {
            Fault::parse(&request.fault)?
        };
        let mut armed = self.armed.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        armed.push(ArmedFault { path_contains: request.path_contains, exact: request.exact, fault, remaining: request.count.max(1) });
        Ok(())
    }

    pub fn clear(&self) {
        self.armed.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clear();
    }

    /// Takes one use of the first armed fault matching `path`.
    fn take(&self, path: &str) -> Option<Fault> {
        let mut armed = self.armed.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let index =
            armed.iter().position(|armed| if armed.exact { path == armed.path_contains } else { path.contains(&armed.path_contains) })?;
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
    pub random: Option<RandomFaults>,
}

/// Faults drawn at random for a share of the API requests, for soak runs: the failures a
/// console meets over a day, in a few minutes.
#[derive(Clone)]
pub struct RandomFaults {
    pub share: f64,
    pub rng: Arc<Mutex<rand_chacha::ChaCha8Rng>>,
}

/// What `--random-faults` draws from: server errors, gateway trouble, rate limits, slow and
/// unreadable answers, and connections dropped without one.
const RANDOM_FAULTS: [&str; 7] = ["500", "502", "503", "429:2", "slow:1500", "malformed", "drop"];

impl RandomFaults {
    fn draw(&self) -> Option<Fault> {
        use rand::Rng;
        let mut rng = self.rng.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if !rng.random_bool(self.share.clamp(0.0, 1.0)) {
            return None;
        }
        Fault::parse(RANDOM_FAULTS[rng.random_range(0..RANDOM_FAULTS.len())]).ok()
    }
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
            state.faults.take(path_and_query).or_else(|| state.random.as_ref().and_then(RandomFaults::draw))
        }
    };
    match fault {
        Some(Fault::Slow(delay)) => {
            tokio::time::sleep(delay).await;
            next.run(request).await
        }
        Some(Fault::Lost(status)) => {
            let _done = next.run(request).await;
            html_page(status)
        }
        // Unwinding ends the connection's task without an answer; resume_unwind skips the
        // panic hook, so nothing is printed.
        Some(Fault::Drop) => std::panic::resume_unwind(Box::new("connection dropped by fault injection")),
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
        assert_eq!(Fault::parse("504"), Ok(Fault::Status(StatusCode::GATEWAY_TIMEOUT)));
        assert_eq!(Fault::parse("lost"), Ok(Fault::Lost(StatusCode::BAD_GATEWAY)));
        assert_eq!(Fault::parse("drop"), Ok(Fault::Drop));
        assert!(Fault::parse("5xx").is_err());
        assert!(Fault::parse("teapot").is_err());
        assert!(Fault::parse("429:soon").is_err());
    }

    #[test]
    fn armed_faults_match_paths_and_run_out() {
        let faults = Faults::default();
        faults.arm(ArmRequest { path_contains: "/job/J-1".into(), fault: "500".into(), count: 2, ..Default::default() }).unwrap();
        assert_eq!(faults.take(&format!("{}?draft=false", jobs_api::paths::routes::JOBS)), None);
        assert!(faults.take(&jobs_api::paths::job("J-1")).is_some());
        assert!(faults.take(&format!("{}/log", jobs_api::paths::job("J-1"))).is_some());
        assert_eq!(faults.take(&jobs_api::paths::job("J-1")), None);
        faults.arm(ArmRequest { path_contains: "/job/J-2".into(), fault: "500".into(), exact: true, ..Default::default() }).unwrap();
        assert_eq!(faults.take("/job/J-2/log"), None);
        assert!(faults.take("/job/J-2").is_some());
    }
}
