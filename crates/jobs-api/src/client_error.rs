//! What can go wrong talking to the API, one variant per thing the user must do
//! differently, each with a message for them. The console turns every failed request
//! into one of these; nothing from the network is unwrapped.

use crate::endpoints::Endpoint;
use crate::error_body::parse_error_body;
use crate::timestamp::parse_http_date_millis;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// No API key is set and no proxy adds one.
    NotConfigured,
    /// The console will not send the key: a header cannot carry it, or it was entered for
    /// another server.
    KeyNotSendable { reason: String },
    /// 401: the key is missing, wrong or revoked.
    InvalidApiKey { message: String },
    /// 403: the key may not do this.
    AccessDenied { message: String },
    /// 404: no such job.
    NotFound { message: String },
    /// The tenant has no such endpoint (a 404 from a path that names no one job, or one
    /// that answered 404 before, or one switched off in `config.json`).
    NotProvided { endpoint: Endpoint },
    /// 409: the job's state forbids it (already decided, not yet complete).
    InvalidState { message: String },
    /// 400: the request was refused as invalid.
    InvalidRequest { message: String },
    /// 429: wait before trying again.
    RateLimited { retry_after_seconds: Option<u64> },
    /// 5xx: the service failed or is down.
    Server { status: u16, message: String },
    /// No response at all: offline, server down, blocked by CORS, a redirect, or cancelled.
    Network { detail: String },
    /// No response within the console's own time limit; the request was abandoned.
    TimedOut { seconds: u64 },
    /// A response the console cannot read.
    Malformed { detail: String },
    /// A status the contract does not give for this request.
    UnexpectedStatus { status: u16 },
}

/// The shortest and longest wait the console accepts from a server or a configuration:
/// 0 or a date in the past would hammer the API, a year would look like a hang.
pub const MIN_WAIT_MS: u64 = 1_000;
pub const MAX_WAIT_MS: u64 = 600_000;

pub fn clamp_wait_ms(ms: u64) -> u64 {
    ms.clamp(MIN_WAIT_MS, MAX_WAIT_MS)
}

/// Seconds to wait from a `Retry-After` value (seconds, or an HTTP date), within
/// [`MIN_WAIT_MS`] and [`MAX_WAIT_MS`].
pub fn parse_retry_after(value: &str, now_ms: i64) -> Option<u64> {
    let value = value.trim();
    let seconds = match value.parse::<u64>() {
        Ok(seconds) => seconds,
        Err(_) => (parse_http_date_millis(value)?.saturating_sub(now_ms).max(0) as u64).div_ceil(1000),
    };
    Some(clamp_wait_ms(seconds.saturating_mul(1000)) / 1000)
}

impl ApiError {
    /// The error a non-success response stands for.
    pub fn from_response(status: u16, body: &str, retry_after: Option<&str>, now_ms: i64) -> Self {
        let detail = parse_error_body(body);
        let message = detail.as_ref().map(|detail| detail.message.clone()).unwrap_or_default();
        let code = detail.as_ref().map(|detail| detail.code.as_str()).unwrap_or_default();
        match (status, code) {
            (_, "invalid_api_key") | (401, _) => Self::InvalidApiKey { message },
            (_, "access_denied") | (403, _) => Self::AccessDenied { message },
            (_, "invalid_state") | (409, _) => Self::InvalidState { message },
            (404, _) => Self::NotFound { message },
            (429, _) => Self::RateLimited { retry_after_seconds: retry_after.and_then(|value| parse_retry_after(value, now_ms)) },
            (400 | 422, _) => Self::InvalidRequest { message },
            (500..=599, _) => Self::Server { status, message },
            _ => Self::UnexpectedStatus { status },
        }
    }

    /// A short heading for the problem.
    pub fn title(&self) -> &'static str {
        match self {
            Self::NotConfigured => crate::t!("error.not_configured.title"),
            Self::KeyNotSendable { .. } => crate::t!("error.key_not_sendable.title"),
            Self::InvalidApiKey { .. } => crate::t!("error.invalid_api_key.title"),
            Self::AccessDenied { .. } => crate::t!("error.access_denied.title"),
            Self::NotFound { .. } => crate::t!("error.not_found.title"),
            Self::NotProvided { .. } => crate::t!("error.not_provided.title"),
            Self::InvalidState { .. } => crate::t!("error.invalid_state.title"),
            Self::InvalidRequest { .. } => crate::t!("error.invalid_request.title"),
            Self::RateLimited { .. } => crate::t!("error.rate_limited.title"),
            Self::Server { .. } => crate::t!("error.server.title"),
            Self::Network { .. } => crate::t!("error.network.title"),
            Self::TimedOut { .. } => crate::t!("error.timed_out.title"),
            Self::Malformed { .. } => crate::t!("error.malformed.title"),
            Self::UnexpectedStatus { .. } => crate::t!("error.unexpected_status.title"),
        }
    }

    /// What happened and what the user can do about it.
    pub fn message(&self) -> String {
        let or = |message: &str, fallback: &str| {
            if message.is_empty() {
                fallback.to_owned()
            } else {
                crate::t!("error.server_said", advice = fallback, message = message)
            }
        };
        match self {
            Self::NotConfigured => crate::t!("error.not_configured.message").into(),
            Self::KeyNotSendable { reason } => reason.clone(),
            Self::InvalidApiKey { message } => or(message, crate::t!("error.invalid_api_key.message")),
            Self::AccessDenied { message } => or(message, crate::t!("error.access_denied.message")),
            Self::NotFound { message } => or(message, crate::t!("error.not_found.message")),
            Self::NotProvided { endpoint } => {
                crate::t!("error.not_provided.message", what = endpoint.provides(), advice = endpoint.advice())
            }
            Self::InvalidState { message } => or(message, crate::t!("error.invalid_state.message")),
            Self::InvalidRequest { message } => or(message, crate::t!("error.invalid_request.message")),
            Self::RateLimited { retry_after_seconds: Some(seconds) } => crate::t!("error.rate_limited.retrying", seconds = seconds),
            Self::RateLimited { retry_after_seconds: None } => crate::t!("error.rate_limited.message").into(),
            Self::Server { status, message } => or(message, &crate::t!("error.server.message", status = status)),
            Self::Network { .. } => crate::t!("error.network.message").into(),
            Self::TimedOut { seconds } => crate::t!("error.timed_out.message", seconds = seconds),
            Self::Malformed { detail } => crate::t!("error.malformed.message", detail = detail),
            Self::UnexpectedStatus { status } => crate::t!("error.unexpected_status.message", status = status),
        }
    }

    /// Whether fixing the connection settings is the way out.
    pub fn needs_settings(&self) -> bool {
        matches!(self, Self::NotConfigured | Self::KeyNotSendable { .. } | Self::InvalidApiKey { .. })
    }

    /// Whether the same request may succeed later without the user changing anything.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            Self::RateLimited { .. } | Self::Server { .. } | Self::Network { .. } | Self::TimedOut { .. } | Self::Malformed { .. }
        )
    }

    /// Whether a request that changes something may have taken effect despite this error:
    /// no answer, a gateway's 5xx or an answer the contract does not give say nothing
    /// about what the server recorded. Only a definite refusal (4xx) says it did not.
    pub fn outcome_unknown(&self) -> bool {
        matches!(
            self,
            Self::Server { .. } | Self::Network { .. } | Self::TimedOut { .. } | Self::Malformed { .. } | Self::UnexpectedStatus { .. }
        )
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "{}: {}", self.title(), self.message())
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_to_what_the_user_must_do() {
        let conflict = ApiError::from_response(409, r#"{"errors":[{"code":"invalid_state","message":"Job is APPROVED"}]}"#, None, 0);
        assert_eq!(conflict, ApiError::InvalidState { message: "Job is APPROVED".into() });
        assert!(conflict.message().contains("Job is APPROVED"));
        let denied = ApiError::from_response(403, r#"{"error":{"code":"access_denied","message":"nope"}}"#, None, 0);
        assert!(matches!(denied, ApiError::AccessDenied { .. }));
        assert!(ApiError::from_response(401, "", None, 0).needs_settings());
        assert_eq!(ApiError::from_response(502, "<html>", None, 0), ApiError::Server { status: 502, message: String::new() });
        assert_eq!(ApiError::from_response(302, "", None, 0), ApiError::UnexpectedStatus { status: 302 });
        assert!(ApiError::from_response(503, "", None, 0).message().contains("503"));
    }

    #[test]
    fn a_missing_endpoint_is_said_calmly_and_not_retried() {
        let missing = ApiError::NotProvided { endpoint: Endpoint::JobFailures };
        assert!(missing.message().starts_with("This DigiCert ONE API does not provide a job's failures."));
        assert!(!missing.message().contains("deleted") && !missing.message().contains("wrong"));
        assert!(!missing.is_transient() && !missing.outcome_unknown() && !missing.needs_settings());
    }

    #[test]
    fn rate_limits_read_both_retry_after_forms() {
        let limited = ApiError::from_response(429, "", Some("7"), 0);
        assert_eq!(limited, ApiError::RateLimited { retry_after_seconds: Some(7) });
        assert!(limited.message().contains("7 s"));
        let now = crate::timestamp::parse_utc_millis("2026-11-23T20:11:00Z").unwrap();
        assert_eq!(parse_retry_after("Mon, 23 Nov 2026 20:11:10 GMT", now), Some(10));
        assert_eq!(parse_retry_after("Mon, 23 Nov 2026 20:10:00 GMT", now), Some(1), "a past date waits the minimum");
        assert_eq!(parse_retry_after("0", now), Some(1));
        assert_eq!(parse_retry_after("31536000", now), Some(600), "a year is cut to ten minutes");
        assert_eq!(parse_retry_after("99999999999999999999", now), None);
        assert_eq!(parse_retry_after("later", now), None);
        assert!(limited.is_transient() && !ApiError::NotConfigured.is_transient());
    }

    #[test]
    fn only_a_refusal_says_a_decision_did_not_happen() {
        for unknown in [
            ApiError::from_response(502, "<html>", None, 0),
            ApiError::from_response(503, "", None, 0),
            ApiError::from_response(504, "", None, 0),
            ApiError::from_response(200, "", None, 0),
            ApiError::Network { detail: "connection reset".into() },
            ApiError::TimedOut { seconds: 30 },
        ] {
            assert!(unknown.outcome_unknown(), "{unknown:?}");
        }
        for refused in [401, 403, 404, 409, 429, 400] {
            assert!(!ApiError::from_response(refused, "", None, 0).outcome_unknown(), "{refused}");
        }
    }
}
