//! Approve and reject for batch jobs waiting for approval. A page mounts one
//! `DecisionDialog` (outside anything that refreshes, so a poll never closes it) and
//! puts `ApprovalButtons` wherever a job waits. The PUT goes out once per confirmation;
//! only a 204 counts as done, and every other answer is announced with its reason.

use jobs_api::client_error::ApiError;
use leptos::prelude::*;

use crate::api::{decide_batch_job, Decision};
use crate::busy::Busy;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::connection::use_connection;
use crate::notifications::{use_notifications, Tone};
use crate::relay::Relay;

/// A decision the user started and has not yet confirmed or cancelled.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Request {
    job_id: String,
    decision: Decision,
    summary: Option<String>,
}

/// Lets buttons anywhere on the page ask for a decision.
#[derive(Clone, Copy)]
struct Decisions {
    asking: RwSignal<Option<Request>>,
    /// Whether a decision is out; buttons follow it (they come and go with rows).
    pending: Relay<bool>,
}

/// What to tell the user after the answer, and whether the job must be reloaded to show
/// its real state.
fn outcome_of(job_id: &str, decision: Decision, result: &Result<(), ApiError>) -> (Tone, String, bool) {
    let done = decision.past_tense();
    match result {
        Ok(()) => (Tone::Success, format!("Job {job_id} {done}."), true),
        // No answer, a gateway's 5xx, or an answer that is not the documented 204: the
        // decision may have been recorded or not. Say so, and show the job as it now is.
        Err(error) if error.outcome_unknown() => (
            Tone::Failure,
            format!(
                "{} while trying to {} job {job_id}: it may or may not have been {done}. \
                 The job was reloaded to show its real state.",
                match error {
                    ApiError::UnexpectedStatus { status } => format!("An unexpected answer (HTTP {status}, not 204)"),
                    ApiError::Server { status, .. } => format!("An error answer (HTTP {status})"),
                    ApiError::TimedOut { seconds } => format!("No answer within {seconds} s"),
                    _ => "No answer".to_owned(),
                },
                decision.verb().to_ascii_lowercase()
            ),
            true,
        ),
        // A decision is never retried by itself: the user decides again, or not.
        Err(ApiError::RateLimited { retry_after_seconds }) => (
            Tone::Failure,
            format!(
                "Job {job_id} was not {done}: the API asked to slow down. {} and try again if it still waits.",
                match retry_after_seconds {
                    Some(seconds) => format!("Wait {seconds} s"),
                    None => "Wait a moment".to_owned(),
                }
            ),
            false,
        ),
        Err(error @ ApiError::InvalidState { .. }) => {
            (Tone::Failure, format!("Job {job_id} was not {done}. {} It was reloaded to show its real state.", error.message()), true)
        }
        Err(error) => (Tone::Failure, format!("Job {job_id} was not {done}. {}", error.message()), false),
    }
}

/// The page's confirmation dialog and the request behind it. The outcome is announced
/// from the request itself, so closing the dialog or leaving the page loses nothing.
#[component]
pub fn DecisionDialog(
    /// Called when jobs should be reloaded (after a decision, a conflict or no answer).
    on_changed: Callback<()>,
) -> impl IntoView {
    let connection = use_connection();
    let notifications = use_notifications();
    let asking = RwSignal::new(None::<Request>);
    let busy = Busy::new();
    let pending = busy.signal();
    provide_context(Decisions { asking, pending: Relay::new(pending) });
    let confirm = Callback::new(move |_| {
        let Some(request) = asking.get_untracked() else { return };
        let settings = connection.settings.get_untracked();
        let timeout_ms = connection.config.with_value(|config| config.decision_timeout_ms());
        busy.start(async move {
            let result = decide_batch_job(&settings, &request.job_id, request.decision, timeout_ms).await;
            let (tone, text, reload) = outcome_of(&request.job_id, request.decision, &result);
            notifications.announce(tone, text);
            asking.try_set(None);
            if reload {
                on_changed.try_run(());
            }
        });
    });
    let decision = move || asking.with(|request| request.as_ref().map(|request| request.decision));
    view! {
        <ConfirmDialog
            open=Signal::derive(move || asking.with(Option::is_some))
            title=Signal::derive(move || {
                asking.with(|request| request.as_ref().map(|request| format!("{} job {}?", request.decision.verb(), request.job_id)))
                    .unwrap_or_default()
            })
            confirm_label=Signal::derive(move || decision().map(|decision| decision.verb().to_owned()).unwrap_or_default())
            confirm_class=Signal::derive(move || if decision() == Some(Decision::Reject) { "button-danger" } else { "button-primary" })
            pending
            on_confirm=confirm
            on_cancel=Callback::new(move |_| asking.set(None))
        >
            <p>{move || match decision() {
                Some(Decision::Reject) => "Rejecting ends the job: no certificates will be issued for it.",
                _ => "Approving starts the job: its certificates will be issued to the devices in its file.",
            }}</p>
            {move || asking.with(|request| request.as_ref().and_then(|request| request.summary.clone()))
                .map(|summary| view! { <p class="muted">{summary}</p> })}
            {move || pending.get().then(|| view! {
                <p class="muted">"Sent. Closing this dialog does not cancel it: the answer will be announced when it comes."</p>
            })}
        </ConfirmDialog>
    }
}

/// Why Approve is disabled on the user's own request.
pub const FOUR_EYES: &str = "You requested this job: another approver must approve it (four-eyes).";

/// Approve and Reject for one job; needs a `DecisionDialog` on the page. Approve is
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
    let current_user = crate::current_user::use_current_user();
    // A closure, not a memo: a row's reactive nodes outlive it as dead entries in the
    // table's owner (see tests/browser/memory.rs), so each row creates as few as it can.
    let own = move || current_user.is(requested_by.as_deref());
    let approve_disabled = {
        let own = own.clone();
        move || pending.get() || own()
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
            <button type="button" class="button button-primary" disabled=approve_disabled
                aria-label=format!("Approve job {job_id}") on:click=ask(Decision::Approve)>"Approve"</button>
            <button type="button" class="button button-danger" disabled=pending
                aria-label=format!("Reject job {job_id}") on:click=ask(Decision::Reject)>"Reject"</button>
            {move || own().then(|| view! { <p class="four-eyes">{FOUR_EYES}</p> })}
        </div>
    }
}
