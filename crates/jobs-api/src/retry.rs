//! When to send a request again after it failed: one policy for the live refresh, the CSV
//! export and bulk decisions. The server's `Retry-After` wins (already bounded when it was
//! read); otherwise the wait doubles with each failure in a row, from `base_ms`, up to
//! [`MAX_BACKOFF_MS`].

use crate::client_error::ApiError;

/// The longest wait the console chooses by itself.
pub const MAX_BACKOFF_MS: u64 = 60_000;

/// How long to wait after `error`, the `failures`-th failure in a row (1 for the first).
pub fn wait_ms(error: &ApiError, failures: u32, base_ms: u64) -> u64 {
    match error {
        ApiError::RateLimited { retry_after_seconds: Some(seconds) } => seconds.saturating_mul(1000),
        _ => base_ms.saturating_mul(1 << failures.min(16)).min(MAX_BACKOFF_MS),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_up_to_a_minute_and_the_server_may_say_otherwise() {
        let down = ApiError::Server { status: 503, message: String::new() };
        let waits: Vec<u64> = (1..=6).map(|failures| wait_ms(&down, failures, 5_000)).collect();
        assert_eq!(waits, [10_000, 20_000, 40_000, 60_000, 60_000, 60_000]);
        assert_eq!(wait_ms(&down, 1, 1_000), 2_000);
        assert_eq!(wait_ms(&down, u32::MAX, 1_000), MAX_BACKOFF_MS, "no overflow however long it fails");
        let told = ApiError::RateLimited { retry_after_seconds: Some(120) };
        assert_eq!(wait_ms(&told, 1, 1_000), 120_000, "Retry-After wins, even beyond the backoff's ceiling");
        let untold = ApiError::RateLimited { retry_after_seconds: None };
        assert_eq!(wait_ms(&untold, 2, 1_000), 4_000);
    }
}
