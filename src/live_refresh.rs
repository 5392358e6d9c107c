//! Keeps a moving job fresh: a tick that fires every poll interval while the view is
//! active and the tab visible, backs off after failures and honours `Retry-After`.

use std::any::Any;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;

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

/// What a resource loaded, type-erased: every live resource shares one copy of Leptos's
/// async machinery, where each `LocalResource<T>` would carry its own.
type Loaded = Arc<dyn Any + Send + Sync>;
type Loading = Pin<Box<dyn Future<Output = Result<Loaded, ApiError>>>>;

/// A resource that refetches by itself; see [`live_resource`].
pub struct Live<T> {
    resource: LocalResource<Result<Loaded, ApiError>>,
    holds: PhantomData<fn() -> T>,
}

impl<T> Clone for Live<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Live<T> {}

impl<T: Clone + Send + Sync + 'static> Live<T> {
    /// The latest result (tracked); `None` until the first fetch ends.
    pub fn get(&self) -> Option<Result<T, ApiError>> {
        self.resource.with(|result| match result.as_ref()? {
            Ok(loaded) => loaded.downcast_ref::<T>().cloned().map(Ok),
            Err(error) => Some(Err(error.clone())),
        })
    }

    /// The latest failure (tracked), if the latest fetch failed.
    pub fn error(&self) -> Option<ApiError> {
        self.resource.with(|result| result.as_ref().and_then(|result| result.as_ref().err().cloned()))
    }

    pub fn refetch(&self) {
        self.resource.refetch();
    }
}

/// A resource that refetches by itself every poll interval while `moving` says its value
/// can still change, and after a failure that may pass (backing off, or as `Retry-After`
/// says). `fetch` runs tracked, so the signals it reads refetch it too.
pub fn live_resource<T, Fut>(
    fetch: impl Fn() -> Fut + Send + Sync + 'static,
    moving: impl Fn(&T) -> bool + Send + Sync + 'static,
) -> Live<T>
where
    T: Send + Sync + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let fetch = move || -> Loading {
        let pending = fetch();
        Box::pin(async move { pending.await.map(|value| Arc::new(value) as Loaded) })
    };
    let moving = move |loaded: &Loaded| loaded.downcast_ref::<T>().is_some_and(&moving);
    Live { resource: erased_live_resource(Box::new(fetch), Box::new(moving)), holds: PhantomData }
}

fn erased_live_resource(
    fetch: Box<dyn Fn() -> Loading + Send + Sync>,
    moving: Box<dyn Fn(&Loaded) -> bool + Send + Sync>,
) -> LocalResource<Result<Loaded, ApiError>> {
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
    // Keeps refreshing while what it shows can still change, or to retry a failure that
    // may pass by itself.
    Effect::new(move || {
        active.set(resource.with(|result| match result {
            Some(Ok(loaded)) => moving(loaded),
            Some(Err(error)) => error.is_transient(),
            None => false,
        }))
    });
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
