//! Approve and reject for batch jobs waiting for approval. A page calls
//! [`provide_decisions`] first, mounts one `DecisionDialog` (outside anything that
//! refreshes, so a poll never closes it) and puts `ApprovalButtons` wherever a job waits.
//! The PUT goes out once per confirmation; what its answer means and how it is said is
//! `jobs_api::decision::Outcome`.

use jobs_api::decision::{Decision, Outcome};
use jobs_api::t;
use leptos::prelude::*;

use crate::components::confirm_dialog::ConfirmDialog;
use crate::reactive::busy::Busy;
use crate::reactive::relay::Relay;
use crate::state::notifications::{use_notifications, Tone};
use crate::transport::api::decide_batch_job;
use crate::transport::connection::use_connection;

/// A decision the user started and has not yet confirmed or cancelled.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Request {
    job_id: String,
    decision: Decision,
    summary: Option<String>,
}

/// A page's decisions: the one being asked about, whether one is out, and what to do
/// after an answer.
#[derive(Clone, Copy)]
pub struct Decisions {
    asking: RwSignal<Option<Request>>,
    busy: Busy,
    /// Whether a decision is out; buttons follow it (they come and go with rows).
    pending: Relay<bool>,
    /// Called when jobs should be reloaded (after a decision, a conflict or no answer).
    on_changed: Callback<()>,
}

/// Makes decisions possible on the page: call before rendering its `DecisionDialog` and
/// its `ApprovalButtons`.
pub fn provide_decisions(on_changed: Callback<()>) {
    let busy = Busy::new();
    provide_context(Decisions { asking: RwSignal::new(None), busy, pending: Relay::new(busy.signal()), on_changed });
}

/// The page's confirmation dialog and the request behind it. The outcome is announced
/// from the request itself, so closing the dialog or leaving the page loses nothing.
#[component]
pub fn DecisionDialog() -> impl IntoView {
    let Decisions { asking, busy, on_changed, .. } = expect_context();
    let connection = use_connection();
    let notifications = use_notifications();
    let pending = busy.signal();
    let confirm = Callback::new(move |_| {
        let Some(request) = asking.get_untracked() else { return };
        let settings = connection.settings.get_untracked();
        let timeout_ms = connection.config.with_value(|config| config.decision_timeout_ms());
        busy.start(async move {
            let outcome = Outcome::of(&decide_batch_job(&settings, &request.job_id, request.decision, timeout_ms).await);
            let tone = if outcome == Outcome::Decided { Tone::Success } else { Tone::Failure };
            notifications.announce(tone, outcome.announcement(&request.job_id, request.decision));
            asking.try_set(None);
            if outcome.reloads() {
                on_changed.try_run(());
            }
        });
    });
    let decision = move || asking.with(|request| request.as_ref().map(|request| request.decision));
    view! {
        <ConfirmDialog
            open=Signal::derive(move || asking.with(Option::is_some))
            title=Signal::derive(move || {
                asking
                    .with(|request| {
                        request
                            .as_ref()
                            .map(|request| {
                                let job = &request.job_id;
                                request.decision.pick(t!("decision.approve.ask_one", job = job), t!("decision.reject.ask_one", job = job))
                            })
                    })
                    .unwrap_or_default()
            })
            confirm_label=Signal::derive(move || decision().map(|decision| decision.verb().to_owned()).unwrap_or_default())
            confirm_class=Signal::derive(move || if decision() == Some(Decision::Reject) { "button-danger" } else { "button-primary" })
            pending
            on_confirm=confirm
            on_cancel=Callback::new(move |_| asking.set(None))
        >
            <p>{move || decision().map(|decision| decision.consequence(1))}</p>
            {move || {
                asking
                    .with(|request| request.as_ref().and_then(|request| request.summary.clone()))
                    .map(|summary| view! { <p class="muted">{summary}</p> })
            }}
            {move || {
                pending
                    .get()
                    .then(|| {
                        view! { <p class="muted">{t!("decision.sent")}</p> }
                    })
            }}
        </ConfirmDialog>
    }
}

/// Approve and Reject for one job; needs [`provide_decisions`] on the page. Approve is
/// disabled, with the reason, on a job the signed-in user requested (four-eyes).
#[component]
pub fn ApprovalButtons(
    #[prop(into)] job_id: String,
    /// What is being approved, repeated in the confirmation.
    #[prop(optional, into)]
    summary: Option<String>,
    /// Who requested the job.
    #[prop(default = None)]
    requested_by: Option<String>,
) -> impl IntoView {
    let decisions = expect_context::<Decisions>();
    let pending = decisions.pending.follow();
    let current_user = crate::state::current_user::use_current_user();
    // A closure, not a memo: a row's reactive nodes outlive it as dead entries in the
    // table's owner (see tests/browser/memory.rs), so each row creates as few as it can.
    let barred = move || current_user.barred_from(Decision::Approve, requested_by.as_deref());
    let approve_disabled = {
        let barred = barred.clone();
        move || pending.get() || barred().is_some()
    };
    let ask = {
        let job_id = job_id.clone();
        move |decision: Decision| {
            let request = Request { job_id: job_id.clone(), decision, summary: summary.clone() };
            move |_| decisions.asking.set(Some(request.clone()))
        }
    };
    view! {
        <div class="approval-buttons">
            <button
                type="button"
                class="button button-primary"
                disabled=approve_disabled
                aria-label=t!("decision.approve.job", job = job_id)
                on:click=ask(Decision::Approve)
            >
                {t!("decision.approve")}
            </button>
            <button
                type="button"
                class="button button-danger"
                disabled=pending
                aria-label=t!("decision.reject.job", job = job_id)
                on:click=ask(Decision::Reject)
            >
                {t!("decision.reject")}
            </button>
            {move || barred().map(|why| view! { <p class="four-eyes">{why}</p> })}
        </div>
    }
}
