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

/// Failures in a row counted at most: enough for the backoff to reach its ceiling.
const MAX_COUNTED_FAILURES: u32 = 8;

/// A self-refreshing view's next refresh after a fetch that ended with `result`, the last
/// `failures` having failed in a row: how many have failed in a row now, and how long until
/// the next fetch (every `base_ms` while fetches succeed).
pub fn after_fetch(failures: u32, result: Result<(), &ApiError>, base_ms: u64) -> (u32, u64) {
    match result {
        Ok(()) => (0, base_ms),
        Err(error) => {
            let failures = (failures + 1).min(MAX_COUNTED_FAILURES);
            (failures, wait_ms(error, failures, base_ms))
        }
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

    #[test]
    fn a_refresh_backs_off_while_it_fails_and_resumes_its_pace_after_a_success() {
        let down = ApiError::Network { detail: String::new() };
        let mut failures = 0;
        let mut waits = Vec::new();
        for _ in 0..10 {
            let wait;
            (failures, wait) = after_fetch(failures, Err(&down), 5_000);
            waits.push(wait);
        }
        assert_eq!(waits[..5], [10_000, 20_000, 40_000, 60_000, 60_000]);
        assert_eq!(failures, MAX_COUNTED_FAILURES, "counted no further than the ceiling needs");
        assert_eq!(after_fetch(failures, Ok(()), 5_000), (0, 5_000), "one success and the pace is back");
        let told = ApiError::RateLimited { retry_after_seconds: Some(30) };
        assert_eq!(after_fetch(0, Err(&told), 5_000), (1, 30_000));
    }
}
