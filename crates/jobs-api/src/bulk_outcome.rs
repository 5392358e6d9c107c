//! Decisions on several jobs at once, as data: what each job's answer means and how a
//! batch sums up. Only a 204 counts as decided; no answer is "may or may not", never "no".

use crate::client_error::ApiError;

/// Where one job of a bulk decision stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BulkOutcome {
    Queued,
    Sending,
    /// The API answered 429: the job goes again once the batch's pause is over.
    RateLimited,
    /// 204: the only answer that confirms the decision.
    Decided,
    /// 409: someone decided it first, or it no longer waits.
    AlreadyDecided(String),
    /// 403: this key, or the four-eyes rule, does not allow it.
    NotPermitted(String),
    /// No answer, or one that says nothing: it may or may not have been decided.
    Uncertain(String),
    /// Not sent: stopped before its turn, or refused here before sending.
    NotSent(String),
    /// Any other definite refusal (404, 400, 401).
    Refused(String),
}

impl BulkOutcome {
    pub fn of(result: &Result<(), ApiError>) -> Self {
        match result {
            Ok(()) => Self::Decided,
            Err(ApiError::RateLimited { .. }) => Self::RateLimited,
            Err(error @ ApiError::InvalidState { .. }) => Self::AlreadyDecided(error.message()),
            Err(error @ ApiError::AccessDenied { .. }) => Self::NotPermitted(error.message()),
            Err(error) if error.outcome_unknown() => Self::Uncertain(error.message()),
            Err(error) => Self::Refused(error.message()),
        }
    }

    /// Whether this job's part of the batch is over.
    pub fn is_final(&self) -> bool {
        !matches!(self, Self::Queued | Self::Sending | Self::RateLimited)
    }

    /// The short result a table shows; `done` is the decision's past tense ("approved").
    pub fn label(&self, done: &str) -> String {
        match self {
            Self::Queued => "Queued".into(),
            Self::Sending => "Sending…".into(),
            Self::RateLimited => "Rate limited: sent again after the pause".into(),
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

    /// `good`, `bad` or `uncertain`, for the row's colour.
    pub fn tone(&self) -> &'static str {
        match self {
            Self::Decided => "good",
            Self::Uncertain(_) => "uncertain",
            Self::Queued | Self::Sending | Self::RateLimited | Self::NotSent(_) => "neutral",
            _ => "bad",
        }
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
pub fn summary<'a>(outcomes: impl IntoIterator<Item = &'a BulkOutcome>, done: &str) -> String {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for outcome in outcomes {
        let label = match outcome {
            BulkOutcome::Decided => done.to_owned(),
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
        assert_eq!(BulkOutcome::of(&Ok(())), BulkOutcome::Decided);
        let conflict = BulkOutcome::of(&Err(ApiError::InvalidState { message: "Job is APPROVED".into() }));
        assert!(matches!(conflict, BulkOutcome::AlreadyDecided(ref text) if text.contains("APPROVED")));
        assert!(matches!(BulkOutcome::of(&Err(ApiError::AccessDenied { message: String::new() })), BulkOutcome::NotPermitted(_)));
        for silent in
            [ApiError::TimedOut { seconds: 30 }, ApiError::Network { detail: "reset".into() }, ApiError::UnexpectedStatus { status: 200 }]
        {
            let outcome = BulkOutcome::of(&Err(silent));
            assert_eq!(outcome.label("approved"), "No answer: may or may not have been approved");
            assert_eq!(outcome.tone(), "uncertain");
        }
        assert_eq!(BulkOutcome::of(&Err(ApiError::RateLimited { retry_after_seconds: Some(2) })), BulkOutcome::RateLimited);
        assert!(!BulkOutcome::RateLimited.is_final());
        assert!(matches!(BulkOutcome::of(&Err(ApiError::NotFound { message: String::new() })), BulkOutcome::Refused(_)));
    }

    #[test]
    fn a_batch_sums_up_by_kind() {
        let outcomes = [
            BulkOutcome::Decided,
            BulkOutcome::AlreadyDecided(String::new()),
            BulkOutcome::Decided,
            BulkOutcome::Uncertain(String::new()),
            BulkOutcome::Decided,
        ];
        assert_eq!(summary(&outcomes, "rejected"), "3 rejected, 1 already decided (409), 1 no answer: may or may not have been rejected");
        assert_eq!(BulkOutcome::Decided.label("approved"), "Approved");
    }
}
