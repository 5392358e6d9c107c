//! What a job went through, derived from its row and its log: the activity list (who
//! requested, decided, started, finished, downloaded) and the devices it failed for, with
//! reasons whose counts always add up to the job's failed count.

use jobs_api::timestamp::{format_utc_millis, parse_utc_millis};
use jobs_api::*;

use crate::certificates::fnv1a;
use crate::store::JobRecord;

/// Why enrollments fail, as a registration or issuance job reports it.
const ENROLLMENT_REASONS: &[(&str, &str)] = &[
    ("DUPLICATE_DEVICE_ID", "Duplicate device ID"),
    ("CSR_SIGNATURE_INVALID", "CSR signature invalid"),
    ("DEVICE_NOT_IN_GROUP", "Device not found in the device group"),
    ("KEY_TOO_WEAK", "Public key too weak for the certificate policy"),
    ("PROFILE_LIMIT_REACHED", "Enrollment profile limit reached"),
];

/// Why a deployment fails on a device.
const DEPLOYMENT_REASONS: &[(&str, &str)] =
    &[("DEVICE_OFFLINE", "Device offline"), ("DOWNLOAD_FAILED", "Release download failed"), ("INSTALL_FAILED", "Installation failed")];

fn reasons_of(job: &JobRecord) -> &'static [(&'static str, &'static str)] {
    if job.job_type == JobType::Deployment {
        DEPLOYMENT_REASONS
    } else {
        ENROLLMENT_REASONS
    }
}

/// The job's failures per reason, largest first; the counts add up to `job.failed`. Each
/// job has its own mix (drawn from its id), dominated by one reason as real batches are.
pub fn failure_summary(job: &JobRecord) -> Vec<FailureReasonCount> {
    let reasons = reasons_of(job);
    let weights: Vec<u64> = (0..reasons.len() as u64)
        .map(|index| {
            let draw = fnv1a(7, &job.id, index) % 12;
            if index == fnv1a(8, &job.id, 0) % reasons.len() as u64 {
                40 + draw
            } else {
                draw
            }
        })
        .collect();
    let sum: u64 = weights.iter().sum::<u64>().max(1);
    let mut counts: Vec<u64> = weights.iter().map(|weight| job.failed * weight / sum).collect();
    // What the rounding down left over goes to the largest weights.
    let mut order: Vec<usize> = (0..reasons.len()).collect();
    order.sort_by_key(|&index| std::cmp::Reverse(weights[index]));
    let mut left = job.failed - counts.iter().sum::<u64>();
    for &index in order.iter().cycle().take(reasons.len() * 2) {
        if left == 0 {
            break;
        }
        counts[index] += 1;
        left -= 1;
    }
    order.sort_by_key(|&index| std::cmp::Reverse(counts[index]));
    order
        .into_iter()
        .filter(|&index| counts[index] > 0)
        .map(|index| FailureReasonCount {
            reason_code: reasons[index].0.to_owned(),
            message: Some(reasons[index].1.to_owned()),
            count: counts[index].into(),
        })
        .collect()
}

/// One page of the job's failures, of one reason when `reason_code` is given. Failures are
/// listed reason by reason, in the summary's order; the failed devices are the ones after
/// the certificates' devices.
pub fn failures(job: &JobRecord, reason_code: Option<&str>, limit: u64, offset: u64) -> (u64, Vec<JobFailure>) {
    let summary = failure_summary(job);
    let mut first = 0;
    let blocks: Vec<(u64, u64, &FailureReasonCount)> = summary
        .iter()
        .map(|reason| {
            let count = reason.count.known().unwrap_or(0);
            first += count;
            (first - count, count, reason)
        })
        .filter(|(_, _, reason)| reason_code.is_none_or(|code| reason.reason_code == code))
        .collect();
    let total: u64 = blocks.iter().map(|(_, count, _)| count).sum();
    // Spread over the job's processing window, so no failure is dated after the job ended.
    let started = job.progress_started_ms.or(job.run_date_ms).unwrap_or(job.created_at_ms);
    let window = (job.progress_ends_ms.unwrap_or(job.updated_at_ms) - started).max(0) as i128;
    let spread = |index: u64| started + (window * index as i128 / job.total.max(1) as i128) as i64;
    let mut records = Vec::new();
    let mut skip = offset;
    for (block_start, count, reason) in blocks {
        if records.len() as u64 >= limit {
            break;
        }
        if skip >= count {
            skip -= count;
            continue;
        }
        for position in block_start + skip..block_start + count {
            if records.len() as u64 >= limit {
                break;
            }
            let device_index = job.successful + position;
            let name = format!("{}-{:05}", job.device_prefix, device_index + 1);
            records.push(JobFailure {
                device: Some(NamedRef { id: format!("dev-{name}"), name }),
                reason_code: reason.reason_code.clone(),
                message: reason.message.clone(),
                date: Some(format_utc_millis(spread(device_index))),
            });
        }
        skip = 0;
    }
    (total, records)
}

/// Everything that happened to the job, newest first: its request, the decision, its
/// start and end, and the downloads in its log.
pub fn activity(job: &JobRecord, log: Vec<JobLogEntry>) -> Vec<JobActivity> {
    let mut events: Vec<(i64, ActivityAction, Option<String>)> = Vec::new();
    events.push((job.created_at_ms, ActivityAction::Requested, job.owner.as_ref().map(|owner| owner.name.clone())));
    if let (Some(user), Some(date)) = (&job.decided_by, job.decided_at_ms) {
        let rejected = job.batch_status.as_ref().is_some_and(BatchStatus::is_rejection);
        events.push((date, if rejected { ActivityAction::Rejected } else { ActivityAction::Approved }, Some(user.clone())));
    }
    let started = matches!(job.status, JobStatus::InProgress | JobStatus::Executed | JobStatus::Completed | JobStatus::Terminated)
        || matches!(job.batch_status, Some(BatchStatus::Failed));
    let start_ms = job.progress_started_ms.or(job.run_date_ms);
    if let (true, Some(start)) = (started, start_ms) {
        events.push((start, ActivityAction::Started, None));
        let end = job.progress_ends_ms.unwrap_or(job.updated_at_ms).max(start);
        match (&job.status, &job.batch_status) {
            (_, Some(BatchStatus::Failed)) | (JobStatus::Terminated, _) => events.push((end, ActivityAction::Failed, None)),
            (JobStatus::Executed | JobStatus::Completed, _) => events.push((end, ActivityAction::Completed, None)),
            _ => {}
        }
    }
    for entry in log {
        let action = match entry.action {
            LogAction::CertificateDownload => ActivityAction::CertificateDownload,
            LogAction::ConfigurationDownload => ActivityAction::ConfigurationDownload,
            LogAction::Unknown(text) => ActivityAction::Unknown(text),
        };
        events.push((entry.date.as_deref().and_then(parse_utc_millis).unwrap_or(0), action, entry.user));
    }
    // Newest first; of two at the same instant, the later in the job's life first.
    let mut numbered: Vec<_> = events.into_iter().enumerate().collect();
    numbered.sort_by_key(|(order, (date, _, _))| std::cmp::Reverse((*date, *order)));
    numbered.into_iter().map(|(_, (date, action, user))| JobActivity { action, user, date: Some(format_utc_millis(date)) }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failed_job(id: &str, failed: u64) -> JobRecord {
        JobRecord { id: id.into(), device_prefix: "meter".into(), total: 1000, successful: 1000 - failed, failed, ..Default::default() }
    }

    #[test]
    fn reason_counts_add_up_to_the_failed_count_largest_first() {
        for (id, failed) in [("a", 0), ("b", 1), ("c", 44), ("d", 999), ("e", 7)] {
            let summary = failure_summary(&failed_job(id, failed));
            let counts: Vec<u64> = summary.iter().map(|reason| reason.count.known().unwrap()).collect();
            assert_eq!(counts.iter().sum::<u64>(), failed, "job {id}");
            assert!(counts.windows(2).all(|pair| pair[0] >= pair[1]), "largest first: {counts:?}");
            assert!(counts.iter().all(|count| *count > 0));
        }
    }

    #[test]
    fn failures_page_through_every_failed_device_once_and_filter_by_reason() {
        let job = failed_job("J-fail", 44);
        let (total, all) = failures(&job, None, 100, 0);
        assert_eq!((total, all.len()), (44, 44));
        let mut names: Vec<_> = all.iter().map(|failure| failure.device.clone().unwrap().name).collect();
        names.dedup();
        assert_eq!(names.len(), 44, "each failed device once");
        assert_eq!(names[0], "meter-00957", "the failed devices follow the certificates' ones");
        let (_, second_page) = failures(&job, None, 20, 20);
        assert_eq!(second_page, all[20..40].to_vec());

        let top = &failure_summary(&job)[0];
        let (count, only) = failures(&job, Some(&top.reason_code), 100, 0);
        assert_eq!(Some(count), top.count.known());
        assert!(only.iter().all(|failure| failure.reason_code == top.reason_code));
        assert_eq!(failures(&job, Some("NO_SUCH_REASON"), 20, 0), (0, vec![]));
    }

    #[test]
    fn activity_tells_the_story_newest_first() {
        let mut job = failed_job("J-act", 3);
        job.owner = Some(NamedRef { id: "u-1".into(), name: "ana.lopez".into() });
        job.created_at_ms = 1_000;
        job.decided_by = Some("mei.chen".into());
        job.decided_at_ms = Some(2_000);
        job.progress_started_ms = Some(3_000);
        job.progress_ends_ms = Some(4_000);
        job.set_batch_status(&BatchStatus::Complete);
        let download = JobLogEntry {
            id: "log-1".into(),
            action: LogAction::CertificateDownload,
            downloaded_from: DownloadSource::Api,
            user: Some("jun.tanaka".into()),
            date: Some(format_utc_millis(5_000)),
        };
        let actions: Vec<_> = activity(&job, vec![download]).into_iter().map(|entry| (entry.action, entry.user)).collect();
        assert_eq!(
            actions,
            [
                (ActivityAction::CertificateDownload, Some("jun.tanaka".into())),
                (ActivityAction::Completed, None),
                (ActivityAction::Started, None),
                (ActivityAction::Approved, Some("mei.chen".into())),
                (ActivityAction::Requested, Some("ana.lopez".into())),
            ]
        );
    }
}
