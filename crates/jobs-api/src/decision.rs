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

impl Decision {
    /// The text of the two that this decision picks: full sentences per decision, so that
    /// each language words them its own way.
    pub fn pick<T>(self, approve: T, reject: T) -> T {
        match self {
            Self::Approve => approve,
            Self::Reject => reject,
        }
    }

    pub fn verb(self) -> &'static str {
        self.pick(crate::t!("decision.approve"), crate::t!("decision.reject"))
    }

    /// What the decision does, said before it is confirmed, for `count` jobs.
    pub fn consequence(self, count: usize) -> String {
        self.pick(crate::tn!("decision.approve.consequence", count), crate::tn!("decision.reject.consequence", count))
    }

    /// The four-eyes rule: why the user may not send this decision on a job they requested
    /// themselves (approving it), or `None` when they may (rejecting it).
    pub fn barred_for_requester(self) -> Option<&'static str> {
        (self == Self::Approve).then(|| crate::t!("decision.four_eyes"))
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
        ApiError::UnexpectedStatus { status } => crate::t!("outcome.no_answer.unexpected", status = status),
        ApiError::Server { status, .. } => crate::t!("outcome.no_answer.server", status = status),
        ApiError::TimedOut { seconds } => crate::t!("outcome.no_answer.timed_out", seconds = seconds),
        _ => crate::t!("outcome.no_answer").to_owned(),
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

    /// The short result a table shows.
    pub fn label(&self, decision: Decision) -> &'static str {
        match self {
            Self::Queued => crate::t!("outcome.queued"),
            Self::Sending => crate::t!("outcome.sending"),
            Self::RateLimited(_) => crate::t!("outcome.rate_limited"),
            Self::Decided => decision.pick(crate::t!("outcome.approved"), crate::t!("outcome.rejected")),
            Self::AlreadyDecided(_) => crate::t!("outcome.already_decided"),
            Self::NotPermitted(_) => crate::t!("outcome.not_permitted"),
            Self::Uncertain(_) => decision.pick(crate::t!("outcome.uncertain.approve"), crate::t!("outcome.uncertain.reject")),
            Self::NotSent(_) => crate::t!("outcome.not_sent"),
            Self::Refused(_) => decision.pick(crate::t!("outcome.not_approved"), crate::t!("outcome.not_rejected")),
        }
    }

    /// `4 approved`: how many jobs had this outcome, as a part of a bulk decision's summary.
    fn counted(&self, decision: Decision, count: usize) -> String {
        match self {
            Self::Queued => crate::tn!("outcome.counted.queued", count),
            Self::Sending => crate::tn!("outcome.counted.sending", count),
            Self::RateLimited(_) => crate::tn!("outcome.counted.rate_limited", count),
            Self::Decided => decision.pick(crate::tn!("outcome.counted.approved", count), crate::tn!("outcome.counted.rejected", count)),
            Self::AlreadyDecided(_) => crate::tn!("outcome.counted.already_decided", count),
            Self::NotPermitted(_) => crate::tn!("outcome.counted.not_permitted", count),
            Self::Uncertain(_) => {
                decision.pick(crate::tn!("outcome.counted.uncertain.approve", count), crate::tn!("outcome.counted.uncertain.reject", count))
            }
            Self::NotSent(_) => crate::tn!("outcome.counted.not_sent", count),
            Self::Refused(_) => {
                decision.pick(crate::tn!("outcome.counted.not_approved", count), crate::tn!("outcome.counted.not_rejected", count))
            }
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
    pub fn announcement(&self, job: &str, decision: Decision) -> String {
        let pick = |approve, reject| decision.pick(approve, reject);
        match self {
            Self::Decided => pick(crate::t!("announce.approved", job = job), crate::t!("announce.rejected", job = job)),
            Self::Uncertain(why) => pick(
                crate::t!("announce.uncertain.approve", why = why, job = job),
                crate::t!("announce.uncertain.reject", why = why, job = job),
            ),
            // A decision is never retried by itself: the user decides again, or not.
            Self::RateLimited(Some(seconds)) => pick(
                crate::t!("announce.rate_limited.approve", job = job, seconds = seconds),
                crate::t!("announce.rate_limited.reject", job = job, seconds = seconds),
            ),
            Self::RateLimited(None) => pick(
                crate::t!("announce.rate_limited_untold.approve", job = job),
                crate::t!("announce.rate_limited_untold.reject", job = job),
            ),
            Self::AlreadyDecided(why) => pick(
                crate::t!("announce.already_decided.approve", job = job, why = why),
                crate::t!("announce.already_decided.reject", job = job, why = why),
            ),
            other => {
                let why = other.detail().unwrap_or_default();
                pick(
                    crate::t!("announce.refused.approve", job = job, why = why),
                    crate::t!("announce.refused.reject", job = job, why = why),
                )
            }
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
        Err(Outcome::Refused(crate::t!("outcome.given_up", times = times)))
    }
}

/// `4 approved, 1 already decided (409)`: each kind of result with its count, in the
/// order the kinds first appear.
pub fn summary<'a>(outcomes: impl IntoIterator<Item = &'a Outcome>, decision: Decision) -> String {
    let mut counts: Vec<(&'static str, &Outcome, usize)> = Vec::new();
    for outcome in outcomes {
        let label = outcome.label(decision);
        match counts.iter_mut().find(|(seen, _, _)| *seen == label) {
            Some((_, _, count)) => *count += 1,
            None => counts.push((label, outcome, 1)),
        }
    }
    let parts: Vec<String> = counts.iter().map(|(_, outcome, count)| outcome.counted(decision, *count)).collect();
    parts.join(crate::t!("list.separator"))
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
            assert_eq!(outcome.label(Decision::Approve), "No answer: may or may not have been approved");
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
        assert_eq!(
            summary(&outcomes, Decision::Reject),
            "3 rejected, 1 already decided (409), 1 no answer: may or may not have been rejected"
        );
        assert_eq!(Outcome::Decided.label(Decision::Approve), "Approved");
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
        assert!(Decision::Approve.barred_for_requester().unwrap().contains("four-eyes"));
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
        assert!(given_up.is_final() && given_up.label(Decision::Approve) == "Not approved", "{given_up:?}");
        assert!(given_up.detail().unwrap().contains("5 times"));
    }
}
