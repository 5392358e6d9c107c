//! The rows both tables show: realistic jobs of every type and state, a tenth of them
//! running with progress; and the console's table that shows them.

use jobs_api::lenient::Count;
use jobs_api::query::{JobSort, SortField};
use jobs_api::{JobResult, JobState, JobStatus, JobSummary, JobType, NamedRef, Page};
use jobs_console::pages::jobs_page::jobs_table::JobsTable;
use leptos::prelude::*;

/// The console's Jobs table showing `page`, sorted by run date, its callbacks doing nothing.
pub fn jobs_table(page: RwSignal<Page<JobSummary>>) -> impl IntoView {
    view! {
        <JobsTable
            caption="Completed jobs"
            page=page.into()
            sort=Signal::derive(|| JobSort {
                field: SortField::RunDate,
                descending: true,
            })
            on_sort=Callback::new(|_| ())
            on_group=Callback::new(|_: NamedRef| ())
            empty_text=Signal::derive(|| "No jobs yet.".to_owned())
        />
    }
}

/// `jobs` as one page of the table.
pub fn page_of(jobs: Vec<JobSummary>) -> Page<JobSummary> {
    Page { total: jobs.len() as u64, limit: jobs.len() as u64, offset: 0, records: jobs, unreadable: Vec::new() }
}

pub const OPERATIONS: [&str; 7] = [
    "create 100 rows",
    "create 1,000 rows",
    "replace 1,000 rows",
    "update every 10th row",
    "swap two rows",
    "sort by a column",
    "clear 1,000 rows",
];

const GROUPS: [&str; 5] = ["Meters — North", "Gateways", "Pumps (EU)", "Cameras", "Sensors"];

/// `count` jobs whose ids are new for each `generation`.
pub fn generation(count: usize, generation: usize) -> Vec<JobSummary> {
    (0..count)
        .map(|index| {
            let running = index % 10 == 0;
            let (job_type, state, status) = match index % 3 {
                0 => (JobType::Deployment, if running { JobState::Active } else { JobState::Completed }, JobStatus::Executed),
                1 => (JobType::BatchDeviceRegistration, if running { JobState::Active } else { JobState::Success }, JobStatus::Executed),
                _ => (JobType::BatchCertificateIssuance, if running { JobState::Active } else { JobState::Failed }, JobStatus::Terminated),
            };
            let total = 200 + (index as u64 * 37) % 5_000;
            let failed = (index as u64 * 7) % 13;
            let successful = if running { total / 3 } else { total - failed };
            let group = GROUPS[index % GROUPS.len()];
            JobSummary {
                id: format!("J-{generation:03}-{index:05}"),
                job_type,
                status: if running { JobStatus::InProgress } else { status },
                state: Some(state),
                batch_status: None,
                draft: false,
                result: JobResult { failed: Count::Known(failed), successful: Count::Known(successful), total: Count::Known(total) },
                device_group: Some(NamedRef { id: format!("g-{}", index % GROUPS.len()), name: group.to_owned() }),
                owner: None,
                run_date: Some(format!("2026-11-{:02}T{:02}:{:02}:00Z", 1 + index % 28, index % 24, index % 60)),
            }
        })
        .collect()
}

/// Live progress: every tenth job (the running ones) has moved on.
pub fn every_tenth_moved(jobs: &[JobSummary]) -> Vec<JobSummary> {
    let mut jobs = jobs.to_vec();
    for job in jobs.iter_mut().step_by(10) {
        let total = job.result.total.known().unwrap_or(0);
        let successful = job.result.successful.known().unwrap_or(0);
        job.result.successful = Count::Known((successful + 25).min(total));
    }
    jobs
}

/// The same jobs in the order of another column: device group, then id.
pub fn sorted_by_group(jobs: &[JobSummary]) -> Vec<JobSummary> {
    let mut jobs = jobs.to_vec();
    jobs.sort_by(|a, b| {
        let group = |job: &JobSummary| job.device_group.as_ref().map(|group| group.name.clone());
        group(a).cmp(&group(b)).then_with(|| a.id.cmp(&b.id))
    });
    jobs
}
