//! One badge for every status and state, coloured by what it means for the operator.

use jobs_api::lifecycle::StateShown;
use jobs_api::{JobState, JobStatus, JobSummary};
use leptos::prelude::*;

use crate::browser::static_view::{static_el, StaticView};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tone {
    Neutral,
    Running,
    Good,
    Bad,
    Attention,
}

impl Tone {
    fn class(self) -> &'static str {
        match self {
            Self::Neutral => "badge",
            Self::Running => "badge badge-running",
            Self::Good => "badge badge-good",
            Self::Bad => "badge badge-bad",
            Self::Attention => "badge badge-attention",
        }
    }
}

fn status_tone(status: &JobStatus) -> Tone {
    match status {
        JobStatus::InProgress | JobStatus::PendingRejection | JobStatus::RejectionInProgress => Tone::Running,
        JobStatus::Executed | JobStatus::Completed => Tone::Good,
        JobStatus::Terminated | JobStatus::Rejected | JobStatus::Failed => Tone::Bad,
        JobStatus::PendingApproval => Tone::Attention,
        JobStatus::Pending | JobStatus::Unknown(_) => Tone::Neutral,
    }
}

fn state_tone(state: &JobState) -> Tone {
    match state {
        JobState::Active => Tone::Running,
        JobState::Completed | JobState::Success => Tone::Good,
        JobState::Aborted | JobState::Failed => Tone::Bad,
        JobState::Scheduled | JobState::Unknown(_) => Tone::Neutral,
    }
}

#[component]
fn Badge(tone: Tone, #[prop(into)] text: String) -> impl IntoView {
    view! { <span class=tone.class()>{text}</span> }
}

/// The class and text of the Jobs tables' "Job state" (its order: `JobSummary::state_shown`).
pub fn job_state_badge(job: &JobSummary) -> (&'static str, &str) {
    let tone = match job.state_shown() {
        StateShown::AwaitingApproval => Tone::Attention,
        StateShown::State(state) => state_tone(state),
        StateShown::Status(status) => status_tone(status),
    };
    (tone.class(), job.state_label())
}

/// The Jobs tables' "Job state" badge.
pub fn job_state_badge_view(job: &JobSummary) -> StaticView {
    let (class, text) = job_state_badge(job);
    static_el("span").attr("class", class).text(text.to_owned())
}

/// The details page's "Job state": the job's status.
#[component]
pub fn JobStatusBadge(status: JobStatus) -> impl IntoView {
    view! { <Badge tone=status_tone(&status) text=status.label() /> }
}
