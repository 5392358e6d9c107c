//! How a job moves: which statuses are final (never polled again), how the IoT batch
//! status of a job shows in Device Trust Manager, and how close a certificate is to expiry.

use crate::enums::{BatchStatus, JobState, JobStatus, JobType};
use crate::types::JobSummary;

impl JobStatus {
    /// A final status never changes again, so the console stops polling it. An unknown
    /// status is treated as still moving.
    pub fn is_final(&self) -> bool {
        matches!(self, Self::Executed | Self::Completed | Self::Terminated | Self::Rejected | Self::Failed)
    }
}

impl BatchStatus {
    pub fn is_final(&self) -> bool {
        matches!(self, Self::Complete | Self::Rejected | Self::Failed)
    }

    /// Whether the job was rejected: rejection is asynchronous, so a job on its way there
    /// was rejected too.
    pub fn is_rejection(&self) -> bool {
        matches!(self, Self::Rejected | Self::PendingRejection | Self::RejectionInProgress)
    }
}

/// What the Jobs tables' "Job state" shows for a job (see [`JobSummary::state_shown`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum StateShown<'a> {
    AwaitingApproval,
    State(&'a JobState),
    Status(&'a JobStatus),
}

impl JobSummary {
    /// Whether the job can still change: a draft or a job in a final status cannot.
    pub fn is_settled(&self) -> bool {
        self.draft || (self.status.is_final() && self.batch_status.as_ref().is_none_or(BatchStatus::is_final))
    }

    /// Who requested the job: its owner [inferred; the batch record's `requested_by` is
    /// the same user].
    pub fn requester(&self) -> Option<&str> {
        self.owner.as_ref().map(|owner| owner.name.as_str())
    }

    /// What the Jobs tables' "Job state" shows: waiting for approval first, then the
    /// sub-state, else the status. The one place for that order.
    pub fn state_shown(&self) -> StateShown<'_> {
        match &self.state {
            _ if self.awaits_approval() => StateShown::AwaitingApproval,
            Some(state) => StateShown::State(state),
            None => StateShown::Status(&self.status),
        }
    }

    pub fn state_label(&self) -> &str {
        match self.state_shown() {
            StateShown::AwaitingApproval => crate::t!("batch_status.pending_approval"),
            StateShown::State(state) => state.label(),
            StateShown::Status(status) => status.label(),
        }
    }

    /// Whether work on the job is under way, so its progress means something: in progress
    /// (or active), neither waiting for approval nor settled.
    pub fn is_running(&self) -> bool {
        let under_way = self.status == JobStatus::InProgress
            || self.state == Some(JobState::Active)
            || self.batch_status == Some(BatchStatus::InProgress);
        under_way && !self.awaits_approval() && !self.is_settled()
    }

    /// Whether this job type issues certificates (deployments deliver releases instead).
    pub fn issues_certificates(&self) -> bool {
        self.job_type != JobType::Deployment
    }
}

/// The Device Trust Manager status and table state of a batch job in a given IoT status.
pub fn dtm_view_of_batch(status: &BatchStatus) -> (JobStatus, Option<JobState>) {
    match status {
        BatchStatus::PendingApproval | BatchStatus::Approved => (JobStatus::Pending, None),
        BatchStatus::InProgress => (JobStatus::InProgress, Some(JobState::Active)),
        BatchStatus::Complete => (JobStatus::Executed, Some(JobState::Success)),
        BatchStatus::Failed => (JobStatus::Terminated, Some(JobState::Failed)),
        BatchStatus::Rejected => (JobStatus::Rejected, None),
        BatchStatus::PendingRejection => (JobStatus::PendingRejection, None),
        BatchStatus::RejectionInProgress => (JobStatus::RejectionInProgress, None),
        BatchStatus::Unknown(_) => (JobStatus::Pending, None),
    }
}

/// How a certificate's end date stands against now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expiry {
    Valid,
    /// Ends within [`EXPIRY_WARNING_DAYS`].
    ExpiringSoon,
    Expired,
}

pub const EXPIRY_WARNING_DAYS: i64 = 30;

pub fn expiry_of(valid_to_ms: i64, now_ms: i64) -> Expiry {
    if valid_to_ms <= now_ms {
        Expiry::Expired
    } else if valid_to_ms - now_ms <= EXPIRY_WARNING_DAYS * 86_400_000 {
        Expiry::ExpiringSoon
    } else {
        Expiry::Valid
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::JobResult;

    fn job(status: JobStatus, batch_status: Option<BatchStatus>) -> JobSummary {
        JobSummary {
            id: "J-1".into(),
            job_type: JobType::BatchDeviceRegistration,
            status,
            state: None,
            batch_status,
            draft: false,
            result: JobResult::default(),
            device_group: None,
            owner: None,
            run_date: None,
        }
    }

    #[test]
    fn approval_moves_a_batch_job_through_the_documented_statuses() {
        let path = [BatchStatus::PendingApproval, BatchStatus::Approved, BatchStatus::InProgress, BatchStatus::Complete];
        let views: Vec<_> = path.iter().map(dtm_view_of_batch).collect();
        assert_eq!(views[0], (JobStatus::Pending, None));
        assert_eq!(views[2], (JobStatus::InProgress, Some(JobState::Active)));
        assert_eq!(views[3], (JobStatus::Executed, Some(JobState::Success)));
        assert!(path[3].is_final() && !path[1].is_final());
    }

    #[test]
    fn a_job_runs_only_while_its_work_is_under_way() {
        let running = |status, batch| job(status, batch).is_running();
        assert!(!running(JobStatus::Pending, Some(BatchStatus::PendingApproval)), "waiting for approval");
        assert!(!running(JobStatus::Pending, Some(BatchStatus::Approved)), "approved, not started");
        assert!(running(JobStatus::InProgress, Some(BatchStatus::InProgress)));
        assert!(running(JobStatus::InProgress, None), "a deployment in progress");
        assert!(!running(JobStatus::Executed, Some(BatchStatus::Complete)));
        let draft = JobSummary { draft: true, ..job(JobStatus::InProgress, None) };
        assert!(!draft.is_running(), "a draft never runs");
    }

    #[test]
    fn the_job_state_column_shows_approval_first_then_the_state_then_the_status() {
        let waiting = JobSummary { state: Some(JobState::Active), ..job(JobStatus::Pending, Some(BatchStatus::PendingApproval)) };
        assert_eq!(waiting.state_shown(), StateShown::AwaitingApproval);
        assert_eq!(waiting.state_label(), "Awaiting approval");
        let active = JobSummary { state: Some(JobState::Active), ..job(JobStatus::InProgress, None) };
        assert_eq!(active.state_shown(), StateShown::State(&JobState::Active));
        assert_eq!(job(JobStatus::Terminated, None).state_label(), "Terminated");
    }

    #[test]
    fn an_asynchronous_rejection_is_followed_until_it_is_final() {
        let path = [BatchStatus::PendingRejection, BatchStatus::RejectionInProgress, BatchStatus::Rejected];
        let views: Vec<_> = path.iter().map(dtm_view_of_batch).collect();
        assert_eq!(views[0].0.label(), "Pending rejection");
        assert_eq!(views[1].0.label(), "Rejection in progress");
        assert!(!job(views[0].0.clone(), Some(path[0].clone())).is_settled(), "a pending rejection is still polled");
        assert!(!job(views[1].0.clone(), Some(path[1].clone())).is_settled());
        assert!(job(views[2].0.clone(), Some(path[2].clone())).is_settled());
        assert!(JobStatus::from_wire("COMPLETED").is_final());
    }

    #[test]
    fn settled_jobs_are_the_ones_not_worth_polling() {
        assert!(!job(JobStatus::Pending, Some(BatchStatus::PendingApproval)).is_settled());
        assert!(!job(JobStatus::InProgress, None).is_settled());
        assert!(job(JobStatus::Executed, Some(BatchStatus::Complete)).is_settled());
        assert!(job(JobStatus::Terminated, None).is_settled());
        assert!(!job(JobStatus::Unknown("QUEUED".into()), None).is_settled());
        let mut draft = job(JobStatus::Pending, None);
        draft.draft = true;
        assert!(draft.is_settled());
    }

    #[test]
    fn expiry_marks_the_last_thirty_days() {
        let day = 86_400_000;
        assert_eq!(expiry_of(100 * day, 0), Expiry::Valid);
        assert_eq!(expiry_of(30 * day, 0), Expiry::ExpiringSoon);
        assert_eq!(expiry_of(0, 0), Expiry::Expired);
    }
}
