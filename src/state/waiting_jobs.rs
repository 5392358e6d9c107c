//! The jobs waiting for approval: counted for the navigation and the page title, kept
//! current while the tab is visible, and announced by the browser when one starts waiting,
//! for a user who asked for that.

use jobs_api::approvals_view::waiting_count_query;
use jobs_api::timestamp::parse_utc_millis;
use jobs_api::{paths, JobSummary, Page};
use jobs_api::{t, tn};
use leptos::prelude::*;

use crate::browser::storage::{remember, remembered};
use crate::reactive::effect::effect;
use crate::transport::connection::use_connection;
use crate::transport::live_refresh::{live_get, Live};

const NOTIFY_KEY: &str = "jobs-console.approval-notifications";

/// Whether the browser tells the user when a job starts waiting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notify {
    /// This browser has no Notification API.
    Unsupported,
    Off,
    On,
    /// The user or the browser refused the permission.
    Blocked,
}

#[derive(Clone, Copy)]
pub struct WaitingJobs {
    page: Live<Page<JobSummary>>,
    /// How many jobs wait; `None` until known (or when it cannot be read).
    pub count: Memo<Option<u64>>,
    pub notify: RwSignal<Notify>,
}

fn notify_state() -> Notify {
    if !js_sys::Reflect::has(&window(), &"Notification".into()).unwrap_or(false) {
        return Notify::Unsupported;
    }
    let opted_in = remembered(NOTIFY_KEY);
    match web_sys::Notification::permission() {
        web_sys::NotificationPermission::Denied => Notify::Blocked,
        web_sys::NotificationPermission::Granted if opted_in => Notify::On,
        _ => Notify::Off,
    }
}

impl WaitingJobs {
    /// Counts again now (after decisions).
    pub fn refresh(&self) {
        self.page.refetch();
    }

    /// Asks the browser's permission (only ever after the user's click) and remembers the choice.
    pub fn enable_notifications(self) {
        let Ok(asked) = web_sys::Notification::request_permission() else { return };
        leptos::task::spawn_local(async move {
            let answer = wasm_bindgen_futures::JsFuture::from(asked).await.ok().and_then(|answer| answer.as_string());
            if answer.as_deref() == Some("granted") {
                remember(NOTIFY_KEY, true);
            }
            self.notify.try_set(notify_state());
        });
    }

    pub fn disable_notifications(self) {
        remember(NOTIFY_KEY, false);
        self.notify.set(notify_state());
    }
}

fn show_notification(count: u64, job: &JobSummary) {
    let options = web_sys::NotificationOptions::new();
    options.set_body(&t!("notify.body", job = job.id, requester = job.requester().unwrap_or(t!("notify.unknown_user"))));
    options.set_tag("jobs-console-approvals");
    let title = tn!("notify.title", count);
    let _ = web_sys::Notification::new_with_options(&title, &options);
}

pub fn provide_waiting_jobs() -> WaitingJobs {
    let connection = use_connection();
    let page = live_get(
        move || {
            connection.epoch.track();
            paths::job_list(&waiting_count_query().to_query_string())
        },
        |_: &Page<JobSummary>| true,
    );
    let count = Memo::new(move |_| page.get().and_then(Result::ok).map(|page| page.total));
    let waiting = WaitingJobs { page, count, notify: RwSignal::new(notify_state()) };
    // The newest waiting job: one that is newer (a later run date; the same second, with
    // more jobs waiting than before) means a job started waiting.
    let newest_seen = StoredValue::new(None::<(Option<i64>, String, u64)>);
    effect(move || {
        let Some(Ok(page)) = page.get() else { return };
        let Some(newest) = page.records.first() else { return };
        let date = newest.run_date.as_deref().and_then(parse_utc_millis);
        let previous = newest_seen.get_value();
        let newer = previous.as_ref().is_none_or(|(seen_date, seen_id, seen_total)| {
            *seen_id != newest.id && (date > *seen_date || (date == *seen_date && page.total > *seen_total))
        });
        if newer {
            newest_seen.set_value(Some((date, newest.id.clone(), page.total)));
            if previous.is_some() && waiting.notify.get_untracked() == Notify::On {
                show_notification(page.total, newest);
            }
        }
    });
    provide_context(waiting);
    waiting
}

pub fn use_waiting_jobs() -> WaitingJobs {
    expect_context::<WaitingJobs>()
}

/// Sets the tab's title, with the waiting count first when jobs wait: `(3) Approvals — Jobs console`.
pub fn set_title(page: &str, count: Option<u64>) {
    let title = t!("title.page", page = page, console = t!("app.name"));
    match count.filter(|count| *count > 0) {
        Some(count) => document().set_title(&t!("title.waiting", count = jobs_api::i18n::number(count as f64), title = title)),
        None => document().set_title(&title),
    }
}
