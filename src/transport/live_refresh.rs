//! Keeps a moving job fresh: a refresh every poll interval while the view is active and
//! the tab visible, backing off after failures and honouring `Retry-After`. Between
//! refreshes nothing runs: one timeout is set for when the next is due, none while nothing
//! can change or the tab is hidden.

use std::any::Any;
use std::marker::PhantomData;
use std::sync::Arc;

use jobs_api::client_error::ApiError;
use jobs_api::lenient::FromJson;
use leptos::prelude::*;

use crate::reactive::effect::effect;
use crate::transport::api;
use crate::transport::connection::use_connection;

#[derive(Clone, Copy)]
struct LiveRefresh {
    active: Signal<bool>,
    tick: RwSignal<u64>,
    next_due_ms: StoredValue<f64>,
    /// The pending timeout. (Each is a closure leptos_dom 0.8.8's `set_timeout_with_handle`
    /// hands to JS; wasm-bindgen 0.2.130 frees it through a FinalizationRegistry once JS
    /// collects it: measured with a forced collection, nothing stays per refresh.)
    timer: StoredValue<Option<TimeoutHandle>>,
    /// Follows the tab's visibility; added when the refresh is first active (a record
    /// that never moves, like each row of the inbox, costs no listener).
    visibility: StoredValue<Option<WindowListenerHandle>>,
    failures: StoredValue<u32>,
    base_ms: u64,
}

fn document_hidden() -> bool {
    document().visibility_state() == web_sys::VisibilityState::Hidden
}

/// What a resource loaded, type-erased: every live resource shares one copy of the
/// loading code, where each type would carry its own. The answer's text is kept beside the
/// value: a refresh is compared by it, one comparison for every type (comparing values
/// cost a `PartialEq` per type).
#[derive(Clone)]
pub(crate) struct Loaded {
    text: Arc<str>,
    value: Arc<dyn Any + Send + Sync>,
}

impl Loaded {
    fn new(text: &str, value: Arc<dyn Any + Send + Sync>) -> Self {
        Self { text: text.into(), value }
    }

    pub(crate) fn downcast_ref<T: 'static>(&self) -> Option<&T> {
        self.value.downcast_ref()
    }

    /// Whether the server answered the same text both times.
    pub(crate) fn same_answer(&self, other: &Loaded) -> bool {
        self.text == other.text
    }
}

/// The latest result of a resource: `None` until its first request ends.
pub(crate) type Outcome = Option<Result<Loaded, ApiError>>;

/// A resource that refetches by itself; see [`live_get`]. A signal and a spawned request
/// per fetch: Leptos's `LocalResource` would add its async machinery (async derived
/// values, transitions, locks) to the bundle for what this needs.
pub struct Live<T> {
    outcome: RwSignal<Outcome>,
    refetches: RwSignal<u64>,
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
        self.outcome.with(|result| match result.as_ref()? {
            Ok(loaded) => loaded.downcast_ref::<T>().cloned().map(Ok),
            Err(error) => Some(Err(error.clone())),
        })
    }
}

impl<T> Live<T> {
    /// The latest failure (tracked); `None` while loading or after a success.
    pub fn error(&self) -> Option<ApiError> {
        self.outcome.with(|result| result.as_ref()?.as_ref().err().cloned())
    }

    /// Fetches again now.
    pub fn refetch(&self) {
        self.refetches.update(|count| *count += 1);
    }

    /// The untyped outcome and the refetch counter, for views shared by every type.
    pub(crate) fn erased(&self) -> (RwSignal<Outcome>, RwSignal<u64>) {
        (self.outcome, self.refetches)
    }
}

/// A GET of the API path `path` returns, refetched by itself every poll interval while
/// `moving` says its value can still change, and after a failure that may pass (backing
/// off, or as `Retry-After` says). `path` runs tracked, so the signals it reads refetch it
/// too. Every live resource shares one request future; only decoding is per type.
pub fn live_get<T>(path: impl Fn() -> String + Send + Sync + 'static, moving: impl Fn(&T) -> bool + Send + Sync + 'static) -> Live<T>
where
    T: FromJson + Send + Sync + 'static,
{
    let decode = |text: Option<&str>| {
        let text = text.unwrap_or_default();
        api::decode::<T>(text).map(|value| Loaded::new(text, Arc::new(value)))
    };
    let moving = move |loaded: &Loaded| loaded.downcast_ref::<T>().is_some_and(&moving);
    erased_live_resource(Box::new(move || Some(path())), Box::new(decode), Box::new(moving))
}

/// [`live_get`] of a path that may be `None`: then nothing is sent and the value is `None`.
pub fn live_get_if<T>(path: impl Fn() -> Option<String> + Send + Sync + 'static) -> Live<Option<T>>
where
    T: FromJson + Send + Sync + 'static,
{
    let decode = |text: Option<&str>| match text {
        Some(text) => api::decode::<T>(text).map(|value| Loaded::new(text, Arc::new(Some(value)))),
        None => Ok(Loaded::new("", Arc::new(None::<T>))),
    };
    erased_live_resource(Box::new(path), Box::new(decode), Box::new(|_| false))
}

type Decode = Box<dyn Fn(Option<&str>) -> Result<Loaded, ApiError> + Send + Sync>;

fn erased_live_resource<T>(
    path: Box<dyn Fn() -> Option<String> + Send + Sync>,
    decode: Decode,
    moving: Box<dyn Fn(&Loaded) -> bool + Send + Sync>,
) -> Live<T> {
    let connection = use_connection();
    let poll_ms = connection.config.with_value(|config| config.poll_interval_ms());
    let active = RwSignal::new(false);
    let refresh = LiveRefresh::new(active.into(), poll_ms);
    let outcome = RwSignal::new(None);
    let refetches = RwSignal::new(0);
    let decode = Arc::new(decode);
    // Whether the outcome is that of no request (`path` gave `None`).
    let mut unasked = false;
    effect(move || {
        refresh.tick.track();
        refetches.track();
        let Some(path) = path() else {
            let result = decode(None);
            refresh.report(&result);
            outcome.set(Some(result));
            unasked = true;
            return;
        };
        // Nothing asked is no answer to a request: until its answer comes, the view shows
        // that it loads (a batch job's approval panel showed nothing, then came and moved
        // the page down).
        if unasked {
            unasked = false;
            outcome.set(None);
        }
        // Untracked: a page is built anew after Settings, and a resource that tracks an
        // app-long signal stays subscribed to it after its page is gone (reactive_graph
        // 0.2.16, see reactive/relay.rs): ~300 bytes of wasm memory per resource per visit.
        let settings = connection.settings.get_untracked();
        // Aborted when this runs again (a newer request supersedes it) or the page goes.
        let abort = api::abort_signal_of_owner();
        let decode = decode.clone();
        leptos::task::spawn_local(async move {
            let text = api::get_text(&settings, &path, abort.as_ref()).await;
            if abort.as_ref().is_some_and(web_sys::AbortSignal::aborted) {
                return;
            }
            let result = text.and_then(|text| decode(Some(&text)));
            refresh.report(&result);
            outcome.try_set(Some(result));
        });
    });
    // Keeps refreshing while what it shows can still change, or to retry a failure that
    // may pass by itself.
    effect(move || {
        active.set(outcome.with(|result| match result {
            Some(Ok(loaded)) => moving(loaded),
            Some(Err(error)) => error.is_transient(),
            None => false,
        }))
    });
    Live { outcome, refetches, holds: PhantomData }
}

impl LiveRefresh {
    /// Refreshes while `active` is true; stops when the calling component goes.
    fn new(active: Signal<bool>, base_ms: u64) -> Self {
        let refresh = Self {
            active,
            tick: RwSignal::new(0),
            next_due_ms: StoredValue::new(js_sys::Date::now() + base_ms as f64),
            timer: StoredValue::new(None),
            visibility: StoredValue::new(None),
            failures: StoredValue::new(0),
            base_ms,
        };
        effect(move || {
            active.track();
            refresh.schedule();
        });
        on_cleanup(move || {
            if let Some(visibility) = refresh.visibility.try_update_value(Option::take).flatten() {
                visibility.remove();
            }
            refresh.cancel();
        });
        refresh
    }

    fn cancel(&self) {
        if let Some(timer) = self.timer.try_update_value(Option::take).flatten() {
            timer.clear();
        }
    }

    /// Sets the one timeout for the next refresh, if one can be due: the view is active
    /// and the tab visible (a tab shown again refreshes at once when it is due).
    fn schedule(self) {
        self.cancel();
        if !self.active.get_untracked() {
            return;
        }
        if self.visibility.try_with_value(Option::is_none) == Some(true) {
            self.visibility.set_value(Some(window_event_listener(leptos::ev::visibilitychange, move |_| self.schedule())));
        }
        if document_hidden() {
            return;
        }
        let Some(due) = self.next_due_ms.try_get_value() else { return };
        let wait = (due - js_sys::Date::now()).max(0.0);
        let timer = set_timeout_with_handle(move || self.fire(), std::time::Duration::from_millis(wait as u64)).ok();
        self.timer.try_set_value(timer);
    }

    fn fire(self) {
        self.timer.try_set_value(None);
        if self.active.try_get_untracked() != Some(true) || document_hidden() {
            return;
        }
        // Due again one interval on, whatever the fetch does; its report moves that.
        self.next_due_ms.try_set_value(js_sys::Date::now() + self.base_ms as f64);
        self.tick.try_update(|tick| *tick += 1);
        self.schedule();
    }

    /// Tells how the last fetch went, which sets when the next one is due. A fetch that
    /// ends after its view has gone changes nothing.
    fn report<T>(&self, result: &Result<T, ApiError>) {
        let Some(failures) = self.failures.try_get_value() else { return };
        let (failures, delay) = jobs_api::retry::after_fetch(failures, result.as_ref().map(|_| ()), self.base_ms);
        self.failures.try_set_value(failures);
        self.next_due_ms.try_set_value(js_sys::Date::now() + delay as f64);
        if self.timer.try_with_value(Option::is_some) == Some(true) {
            self.schedule();
        }
    }
}
