//! Jobs move on their own: an approved batch job waits in the queue, then processes its
//! enrollments over a window of time; an active deployment reaches its devices likewise.

use std::time::Duration;

use jobs_api::{BatchStatus, JobState, JobStatus};

use crate::store::{self, JobRecord, Store};

/// How fast jobs move; `speed` 2 makes every wait half as long.
#[derive(Clone, Copy, Debug)]
pub struct Pace {
    pub speed: f64,
}

impl Pace {
    fn scaled(&self, millis: f64) -> i64 {
        (millis / self.speed.max(0.001)).round() as i64
    }

    /// Time an approved job waits before processing starts.
    pub fn queue_ms(&self) -> i64 {
        self.scaled(3_000.0)
    }

    /// Time a rejected job waits before its rejection is processed, and how long that takes:
    /// rejection is asynchronous on DigiCert's newer pages.
    pub fn rejection_ms(&self) -> (i64, i64) {
        (self.scaled(2_000.0), self.scaled(3_000.0))
    }

    /// Time a batch of `total` enrollments takes: 25 ms each, 10 s to 60 s.
    pub fn processing_ms(&self, total: u64) -> i64 {
        self.scaled((total as f64 * 25.0).clamp(10_000.0, 60_000.0))
    }
}

fn set_counts(job: &mut JobRecord, processed: u64) {
    job.failed = processed * job.failure_per_mille / 1000;
    job.successful = processed - job.failed;
}

/// Moves one job to where it stands at `now_ms`; tells whether anything changed.
pub fn advance(job: &mut JobRecord, now_ms: i64) -> bool {
    let (Some(start), Some(end)) = (job.progress_started_ms, job.progress_ends_ms) else { return false };
    if now_ms < start {
        return false;
    }
    let before = job.clone();
    if matches!(job.batch_status, Some(BatchStatus::PendingRejection | BatchStatus::RejectionInProgress)) {
        let next = if now_ms >= end { BatchStatus::Rejected } else { BatchStatus::RejectionInProgress };
        job.set_batch_status(&next);
    } else if job.batch_status == Some(BatchStatus::Approved) {
        job.set_batch_status(&BatchStatus::InProgress);
    }
    if job.batch_status == Some(BatchStatus::RejectionInProgress) || job.batch_status == Some(BatchStatus::Rejected) {
        // A rejection issues nothing: the counts stay at zero.
    } else if now_ms >= end {
        set_counts(job, job.total);
        if job.is_batch() {
            let outcome = if job.successful == 0 && job.total > 0 { BatchStatus::Failed } else { BatchStatus::Complete };
            job.set_batch_status(&outcome);
        } else {
            job.status = JobStatus::Executed;
            job.state = Some(JobState::Completed);
        }
    } else {
        let elapsed = (now_ms - start) as u128;
        let window = (end - start).max(1) as u128;
        set_counts(job, (job.total as u128 * elapsed / window) as u64);
    }
    let changed = *job != before;
    if changed {
        job.updated_at_ms = now_ms;
    }
    changed
}

pub fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|since| since.as_millis() as i64).unwrap_or(0)
}

/// Advances every moving job to where it stands at `now_ms`, in one transaction. The
/// server calls it with the clock; tests call it with the instants they want to see.
pub fn advance_all(connection: &mut rusqlite::Connection, now_ms: i64) -> rusqlite::Result<()> {
    let transaction = connection.transaction()?;
    for mut job in store::moving_jobs(&transaction)? {
        if advance(&mut job, now_ms) {
            store::update_progress(&transaction, &job)?;
        }
    }
    transaction.commit()
}

/// Advances every moving job four times a second, for as long as the server runs.
pub async fn run(store: Store) {
    let mut ticker = tokio::time::interval(Duration::from_millis(250));
    loop {
        ticker.tick().await;
        let result = store.call(|connection| advance_all(connection, now_ms())).await;
        if let Err(error) = result {
            tracing::warn!("advancing jobs failed: {error}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn approved(total: u64) -> JobRecord {
        let mut job = JobRecord {
            id: "b-1".into(),
            total,
            failure_per_mille: 10,
            progress_started_ms: Some(1_000),
            progress_ends_ms: Some(11_000),
            ..Default::default()
        };
        job.set_batch_status(&BatchStatus::Approved);
        job
    }

    #[test]
    fn an_approved_job_waits_then_processes_then_completes() {
        let mut job = approved(1000);
        assert!(!advance(&mut job, 500));
        assert_eq!(job.status, JobStatus::Pending);

        assert!(advance(&mut job, 6_000));
        assert_eq!(job.batch_status, Some(BatchStatus::InProgress));
        assert_eq!((job.status.clone(), job.state.clone()), (JobStatus::InProgress, Some(JobState::Active)));
        assert_eq!(job.successful + job.failed, 500);

        assert!(advance(&mut job, 11_000));
        assert_eq!(job.batch_status, Some(BatchStatus::Complete));
        assert_eq!((job.status.clone(), job.state.clone()), (JobStatus::Executed, Some(JobState::Success)));
        assert_eq!((job.successful, job.failed), (990, 10));
        assert!(!advance(&mut job, 12_000), "a finished job no longer changes");
    }

    #[test]
    fn a_rejection_is_pending_then_in_progress_then_final() {
        let mut job = approved(50);
        job.set_batch_status(&BatchStatus::PendingRejection);
        assert!(!advance(&mut job, 500));
        assert_eq!(job.status, JobStatus::PendingRejection);
        assert!(advance(&mut job, 2_000));
        assert_eq!(job.batch_status, Some(BatchStatus::RejectionInProgress));
        assert!(advance(&mut job, 11_000));
        assert_eq!((job.batch_status.clone(), job.status.clone()), (Some(BatchStatus::Rejected), JobStatus::Rejected));
        assert_eq!((job.successful, job.failed), (0, 0), "a rejected job issues nothing");
        assert!(!advance(&mut job, 12_000));
    }

    #[test]
    fn pace_scales_with_speed() {
        let normal = Pace { speed: 1.0 };
        let fast = Pace { speed: 10.0 };
        assert_eq!(normal.processing_ms(1200), 30_000);
        assert_eq!(fast.processing_ms(1200), 3_000);
        assert_eq!(fast.queue_ms(), 300);
        assert_eq!(normal.processing_ms(5), 10_000);
    }
}
