//! A decision on a batch job waiting for approval, as data: the two decisions and their
//! words, the four-eyes rule, and what an answer means, for one job or several. Only a 204
//! counts as decided; no answer is "may or may not", never "no". Changing how an outcome is
//! reported is a change here, for the single decision and the bulk one alike.

use crate::client_error::ApiError;

/// Approve or reject: the two decisions on a job waiting for approval.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Reject,
}

/// Why Approve is disabled on the user's own request.
pub const FOUR_EYES: &str = "You requested this job: another approver must approve it (four-eyes).";

impl Decision {
    pub fn verb(self) -> &'static str {
        match self {
            Self::Approve => "Approve",
            Self::Reject => "Reject",
        }
    }

    /// `Approving`, for a decision under way.
    pub fn doing(self) -> &'static str {
        match self {
            Self::Approve => "Approving",
            Self::Reject => "Rejecting",
        }
    }

    pub fn noun(self) -> &'static str {
        match self {
            Self::Approve => "approval",
            Self::Reject => "rejection",
        }
    }

    pub fn past_tense(self) -> &'static str {
        match self {
            Self::Approve => "approved",
            Self::Reject => "rejected",
        }
    }

    /// What the decision does, said before it is confirmed, for one job or several.
    pub fn consequence(self, several: bool) -> &'static str {
        match (self, several) {
            (Self::Approve, false) => "Approving starts the job: its certificates will be issued to the devices in its file.",
            (Self::Approve, true) => "Approving starts these jobs: their certificates will be issued to the devices in their files.",
            (Self::Reject, false) => "Rejecting ends the job: no certificates will be issued for it.",
            (Self::Reject, true) => "Rejecting ends these jobs: no certificates will be issued for them.",
        }
    }

    /// The four-eyes rule: why the user may not send this decision on a job they requested
    /// themselves (approving it), or `None` when they may (rejecting it).
    pub fn barred_for_requester(self) -> Option<&'static str> {
        (self == Self::Approve).then_some(FOUR_EYES)
    }
}

/// Where a decision on one job stands: before its answer (in a bulk decision) and after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Queued,
    Sending,
    /// 429, with its `Retry-After` in seconds: not decided. A bulk decision sends it again
    /// after the pause; a single one is left to the user.
    RateLimited(Option<u64>),
    /// 204: the only answer that confirms the decision.
    Decided,
    /// 409: someone decided it first, or it no longer waits.
    AlreadyDecided(String),
    /// 403: this key, or the four-eyes rule, does not allow it.
    NotPermitted(String),
    /// No answer, or one that says nothing (what came instead): it may or may not have been
    /// decided.
    Uncertain(String),
    /// Not sent: stopped before its turn, or refused here before sending.
    NotSent(String),
    /// Any other definite refusal (404, 400, 401).
    Refused(String),
}

/// What came instead of an answer that would tell.
fn no_answer(error: &ApiError) -> String {
    match error {
        ApiError::UnexpectedStatus { status } => format!("An unexpected answer (HTTP {status}, not 204)"),
        ApiError::Server { status, .. } => format!("An error answer (HTTP {status})"),
        ApiError::TimedOut { seconds } => format!("No answer within {seconds} s"),
        _ => "No answer".to_owned(),
    }
}

impl Outcome {
    pub fn of(result: &Result<(), ApiError>) -> Self {
        match result {
            Ok(()) => Self::Decided,
            Err(ApiError::RateLimited { retry_after_seconds }) => Self::RateLimited(*retry_after_seconds),
            Err(error @ ApiError::InvalidState { .. }) => Self::AlreadyDecided(error.message()),
            Err(error @ ApiError::AccessDenied { .. }) => Self::NotPermitted(error.message()),
            Err(error) if error.outcome_unknown() => Self::Uncertain(no_answer(error)),
            Err(error) => Self::Refused(error.message()),
        }
    }

    /// Whether this job's part of a bulk decision is over.
    pub fn is_final(&self) -> bool {
        !matches!(self, Self::Queued | Self::Sending | Self::RateLimited(_))
    }

    /// Whether the job must be reloaded to show its real state: it was decided, may have
    /// been, or was found decided already.
    pub fn reloads(&self) -> bool {
        matches!(self, Self::Decided | Self::Uncertain(_) | Self::AlreadyDecided(_))
    }

    /// The short result a table shows; `done` is the decision's past tense ("approved").
    pub fn label(&self, done: &str) -> String {
        match self {
            Self::Queued => "Queued".into(),
            Self::Sending => "Sending…".into(),
            Self::RateLimited(_) => "Rate limited: sent again after the pause".into(),
            Self::Decided => capitalised(done),
            Self::AlreadyDecided(_) => "Already decided (409)".into(),
            Self::NotPermitted(_) => "Not permitted (403)".into(),
            Self::Uncertain(_) => format!("No answer: may or may not have been {done}"),
            Self::NotSent(_) => "Not sent".into(),
            Self::Refused(_) => format!("Not {done}"),
        }
    }

    /// The server's or the console's reason, when there is one.
    pub fn detail(&self) -> Option<&str> {
        match self {
            Self::AlreadyDecided(text) | Self::NotPermitted(text) | Self::Uncertain(text) | Self::NotSent(text) | Self::Refused(text) => {
                Some(text)
            }
            _ => None,
        }
    }

    /// The sentence announced after a decision on one job.
    pub fn announcement(&self, job_id: &str, decision: Decision) -> String {
        let done = decision.past_tense();
        match self {
            Self::Decided => format!("Job {job_id} {done}."),
            Self::Uncertain(why) => format!(
                "{why} while trying to {} job {job_id}: it may or may not have been {done}. The job was reloaded to show its real state.",
                decision.verb().to_ascii_lowercase()
            ),
            // A decision is never retried by itself: the user decides again, or not.
            Self::RateLimited(seconds) => format!(
                "Job {job_id} was not {done}: the API asked to slow down. {} and try again if it still waits.",
                seconds.map_or_else(|| "Wait a moment".to_owned(), |seconds| format!("Wait {seconds} s"))
            ),
            Self::AlreadyDecided(why) => format!("Job {job_id} was not {done}. {why} It was reloaded to show its real state."),
            other => format!("Job {job_id} was not {done}. {}", other.detail().unwrap_or_default()),
        }
    }

    /// `good`, `bad` or `uncertain`, for the row's colour and the announcement's tone.
    pub fn tone(&self) -> &'static str {
        match self {
            Self::Decided => "good",
            Self::Uncertain(_) => "uncertain",
            Self::Queued | Self::Sending | Self::RateLimited(_) | Self::NotSent(_) => "neutral",
            _ => "bad",
        }
    }
}

/// A job of a bulk decision refused with 429 this often is not sent again.
pub const MAX_RATE_LIMITED: u32 = 5;
/// The pause after a 429 that names no `Retry-After` doubles from this (`retry::wait_ms`).
const PAUSE_BASE_MS: u64 = 2_500;

/// A bulk decision's job answered 429 (`error`), for the `times`-th time: how long the
/// batch pauses before it goes again, or, once it is refused too often, its final outcome.
pub fn after_rate_limit(times: u32, error: &ApiError) -> Result<u64, Outcome> {
    if times < MAX_RATE_LIMITED {
        Ok(crate::retry::wait_ms(error, times, PAUSE_BASE_MS))
    } else {
        Err(Outcome::Refused(format!("The API refused it {times} times as too many requests; it was not sent again.")))
    }
}

fn capitalised(text: &str) -> String {
    let mut text = text.to_owned();
    if let Some(first) = text.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    text
}

/// `4 approved, 1 already decided (409)`: each kind of result with its count, in the
/// order the kinds first appear.
pub fn summary<'a>(outcomes: impl IntoIterator<Item = &'a Outcome>, done: &str) -> String {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for outcome in outcomes {
        let label = match outcome {
            Outcome::Decided => done.to_owned(),
            other => other.label(done).to_ascii_lowercase(),
        };
        match counts.iter_mut().find(|(seen, _)| *seen == label) {
            Some((_, count)) => *count += 1,
            None => counts.push((label, 1)),
        }
    }
    counts.iter().map(|(label, count)| format!("{count} {label}")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_204_decides_and_no_answer_is_never_a_no() {
        assert_eq!(Outcome::of(&Ok(())), Outcome::Decided);
        let conflict = Outcome::of(&Err(ApiError::InvalidState { message: "Job is APPROVED".into() }));
        assert!(matches!(conflict, Outcome::AlreadyDecided(ref text) if text.contains("APPROVED")));
        assert!(matches!(Outcome::of(&Err(ApiError::AccessDenied { message: String::new() })), Outcome::NotPermitted(_)));
        for silent in
            [ApiError::TimedOut { seconds: 30 }, ApiError::Network { detail: "reset".into() }, ApiError::UnexpectedStatus { status: 200 }]
        {
            let outcome = Outcome::of(&Err(silent));
            assert_eq!(outcome.label("approved"), "No answer: may or may not have been approved");
            assert_eq!(outcome.tone(), "uncertain");
        }
        assert_eq!(Outcome::of(&Err(ApiError::RateLimited { retry_after_seconds: Some(2) })), Outcome::RateLimited(Some(2)));
        assert!(!Outcome::RateLimited(None).is_final());
        assert!(matches!(Outcome::of(&Err(ApiError::NotFound { message: String::new() })), Outcome::Refused(_)));
    }

    #[test]
    fn a_batch_sums_up_by_kind() {
        let outcomes = [
            Outcome::Decided,
            Outcome::AlreadyDecided(String::new()),
            Outcome::Decided,
            Outcome::Uncertain(String::new()),
            Outcome::Decided,
        ];
        assert_eq!(summary(&outcomes, "rejected"), "3 rejected, 1 already decided (409), 1 no answer: may or may not have been rejected");
        assert_eq!(Outcome::Decided.label("approved"), "Approved");
    }

    #[test]
    fn a_single_decision_is_announced_with_what_came_back() {
        let said = |result: Result<(), ApiError>| {
            let outcome = Outcome::of(&result);
            (outcome.announcement("J-1", Decision::Approve), outcome.reloads())
        };
        assert_eq!(said(Ok(())), ("Job J-1 approved.".into(), true));
        let (text, reloads) = said(Err(ApiError::Server { status: 502, message: String::new() }));
        assert_eq!(
            text,
            "An error answer (HTTP 502) while trying to approve job J-1: it may or may not have been approved. \
             The job was reloaded to show its real state."
        );
        assert!(reloads && !text.contains("was not"), "no answer is never a no");
        assert!(said(Err(ApiError::TimedOut { seconds: 30 })).0.starts_with("No answer within 30 s while trying to approve"));
        assert_eq!(
            said(Err(ApiError::RateLimited { retry_after_seconds: Some(3) })),
            ("Job J-1 was not approved: the API asked to slow down. Wait 3 s and try again if it still waits.".into(), false)
        );
        let (text, reloads) = said(Err(ApiError::InvalidState { message: "It is APPROVED.".into() }));
        assert!(reloads && text.starts_with("Job J-1 was not approved. ") && text.contains("It is APPROVED."), "{text}");
        let (text, reloads) = said(Err(ApiError::NotFound { message: String::new() }));
        assert!(!reloads && text.starts_with("Job J-1 was not approved. "), "{text}");
    }

    #[test]
    fn four_eyes_bars_approving_ones_own_request_only() {
        assert_eq!(Decision::Approve.barred_for_requester(), Some(FOUR_EYES));
        assert_eq!(Decision::Reject.barred_for_requester(), None);
    }

    #[test]
    fn a_rate_limited_job_waits_as_told_and_is_given_up_after_five_refusals() {
        let told = ApiError::RateLimited { retry_after_seconds: Some(3) };
        assert_eq!(after_rate_limit(1, &told), Ok(3_000), "Retry-After is the pause");
        let untold = ApiError::RateLimited { retry_after_seconds: None };
        assert_eq!(after_rate_limit(1, &untold), Ok(5_000));
        assert_eq!(after_rate_limit(2, &untold), Ok(10_000), "the pause doubles");
        let given_up = after_rate_limit(MAX_RATE_LIMITED, &told).unwrap_err();
        assert!(given_up.is_final() && given_up.label("approved") == "Not approved", "{given_up:?}");
        assert!(given_up.detail().unwrap().contains("5 times"));
    }
}
