//! Keeps a moving job fresh: a tick that fires every poll interval while the view is
//! active and the tab visible, backs off after failures and honours `Retry-After`.

use jobs_api::client_error::ApiError;
use leptos::prelude::*;

use crate::connection::use_connection;

const HEARTBEAT_MS: u64 = 250;
const MAX_BACKOFF_MS: f64 = 60_000.0;

#[derive(Clone, Copy)]
struct LiveRefresh {
    tick: ReadSignal<u64>,
    next_due_ms: StoredValue<f64>,
    failures: StoredValue<u32>,
    base_ms: u64,
}

fn document_hidden() -> bool {
    document().visibility_state() == web_sys::VisibilityState::Hidden
}

/// Whether a view whose last fetch gave `result` should keep refreshing: while what it
/// shows can still change (`moving`), or to retry a failure that may pass by itself.
fn wanted<T>(result: Option<&Result<T, ApiError>>, moving: impl FnOnce(&T) -> bool) -> bool {
    match result {
        Some(Ok(value)) => moving(value),
        Some(Err(error)) => error.is_transient(),
        None => false,
    }
}

/// A resource that refetches by itself every poll interval while `moving` says its value
/// can still change, and after a failure that may pass (backing off, or as `Retry-After`
/// says). `fetch` runs tracked, so the signals it reads refetch it too.
pub fn live_resource<T, Fut>(
    fetch: impl Fn() -> Fut + Send + Sync + 'static,
    moving: impl Fn(&T) -> bool + Send + Sync + 'static,
) -> LocalResource<Result<T, ApiError>>
where
    T: Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<T, ApiError>> + 'static,
{
    let poll_ms = use_connection().config.with_value(|config| config.poll_interval_ms());
    let active = RwSignal::new(false);
    let refresh = LiveRefresh::new(active.into(), poll_ms);
    let resource = LocalResource::new(move || {
        refresh.tick.track();
        let pending = fetch();
        async move {
            let result = pending.await;
            refresh.report(&result);
            result
        }
    });
    Effect::new(move || active.set(resource.with(|result| wanted(result.as_ref(), &moving))));
    resource
}

impl LiveRefresh {
    /// Starts ticking while `active` is true; stops when the calling component goes.
    fn new(active: Signal<bool>, base_ms: u64) -> Self {
        let (tick, set_tick) = signal(0u64);
        let refresh =
            Self { tick, next_due_ms: StoredValue::new(js_sys::Date::now() + base_ms as f64), failures: StoredValue::new(0), base_ms };
        let handle = set_interval_with_handle(
            move || {
                let now = js_sys::Date::now();
                if active.get_untracked() && !document_hidden() && now >= refresh.next_due_ms.get_value() {
                    refresh.next_due_ms.set_value(now + base_ms as f64);
                    set_tick.update(|tick| *tick += 1);
                }
            },
            std::time::Duration::from_millis(HEARTBEAT_MS),
        );
        if let Ok(handle) = handle {
            on_cleanup(move || handle.clear());
        }
        refresh
    }

    /// Tells how the last fetch went, which sets when the next one is due. A fetch that
    /// ends after its view has gone changes nothing.
    fn report<T>(&self, result: &Result<T, ApiError>) {
        let Some(failures) = self.failures.try_get_value() else { return };
        let failures = match result {
            Ok(_) => 0,
            Err(_) => (failures + 1).min(8),
        };
        self.failures.try_set_value(failures);
        let delay = match result {
            Ok(_) => self.base_ms as f64,
            Err(ApiError::RateLimited { retry_after_seconds: Some(seconds) }) => *seconds as f64 * 1000.0,
            Err(_) => (self.base_ms as f64 * 2f64.powi(failures as i32)).min(MAX_BACKOFF_MS),
        };
        self.next_due_ms.try_set_value(js_sys::Date::now() + delay);
    }
}
