//! One job: its state and facts, device registration progress, certificates, general
//! information, batch CSV and log, with approve/reject while it waits and downloads once
//! it is executed. A job that is still moving refreshes itself; each section is built
//! once and updates in place. A job the API gives no details of is still offered to
//! approve or reject by its id (`job_by_id`).

mod activity;
mod approval_panel;
mod certificates;
mod decision_record;
mod device_registration;
mod downloads;
pub(crate) mod facts;
mod failures;
mod general_information;
mod job_by_id;
mod job_log;
mod release;

use std::sync::Arc;

use jobs_api::client_error::ApiError;
use jobs_api::details_view::JobDetailsView;
use jobs_api::paging::DEFAULT_LIMIT;
use jobs_api::paths;
use jobs_api::t;
use jobs_api::{BatchEnrollJob, BatchStatus, JobDetails, JobResult, JobStatus};
use leptos::prelude::*;

use crate::router::Route;

use crate::components::error_panel::ErrorPanel;
use crate::components::resource_view::{resource_view, table_skeleton};
use crate::decisions::approval::{provide_decisions, DecisionDialog};
use crate::transport::live_refresh::{live_get, live_get_if};
use activity::ActivitySection;
use approval_panel::{approval_panel_placeholder, ApprovalPanel};
use certificates::CertificatesSection;
use decision_record::{decision_placeholder, DecisionRecord};
use device_registration::DeviceRegistrationSection;
use downloads::DownloadButtons;
use facts::JobFacts;
use failures::FailuresSection;
use general_information::{BatchCsvSection, GeneralInformation};
use job_by_id::JobById;
use job_log::JobLogSection;
use release::ReleaseSection;

/// Approve and Reject while the batch job waits, who decided it afterwards.
fn batch_panel(batch: BatchEnrollJob, awaiting: bool) -> AnyView {
    if awaiting {
        view! { <ApprovalPanel batch /> }.into_any()
    } else {
        view! { <DecisionRecord job_id=batch.id.clone() batch /> }.into_any()
    }
}

/// The address of `view` of job `id`.
pub(super) fn job_href(id: &str, view: &JobDetailsView) -> String {
    Route::JobDetails { id: id.to_owned() }.href_with(&view.query())
}

/// Where a job stands: its status, batch status and counts (`None` until it loads).
pub(super) type Stage = Option<(JobStatus, Option<BatchStatus>, JobResult)>;

#[component]
pub fn JobDetailsPage(
    /// The job's id, decoded from the address.
    id: String,
) -> impl IntoView {
    let location = crate::router::use_location();
    let job_id = Signal::stored(id);
    let view = Memo::new(move |_| {
        location.query.with(|query| JobDetailsView::from_query(query.iter().map(|(key, value)| (key.as_str(), value.as_str()))))
    });
    let reloads = RwSignal::new(0u64);
    let downloads = RwSignal::new(0u64);

    let details = live_get(
        move || {
            reloads.track();
            paths::job(&job_id.get())
        },
        |job: &JobDetails| !job.summary.is_settled(),
    );
    let loaded = Memo::new(move |_| details.get().and_then(Result::ok));
    // No details: no such job, or a tenant without the (inferred) job endpoint.
    let details_missing =
        Memo::new(move |_| details.error().filter(|error| matches!(error, ApiError::NotFound { .. } | ApiError::NotProvided { .. })));
    let awaiting = Memo::new(move |_| loaded.with(|job| job.as_ref().is_some_and(|job| job.summary.awaits_approval())));
    let failed = Memo::new(move |_| loaded.with(|job| job.as_ref().and_then(|job| job.summary.result.failed.known())));
    let batch_status = Memo::new(move |_| loaded.with(|job| job.as_ref().and_then(|job| job.summary.batch_status.clone())));
    // The one rule for the sections: every section whose content depends on the job
    // (certificates, failures, activity, log) is read again when it moves. Read with
    // `follows_job.with(|_| ())`, not `.track()`: `Track` for a memo (reactive_graph 0.2.16,
    // src/computed/memo.rs, `impl Track for Memo`) subscribes without computing it, so a memo nothing reads never learns that
    // its sources moved (the certificates once stayed empty after a job ran this way).
    let follows_job: Memo<Stage> = Memo::new(move |_| {
        loaded
            .with(|job| job.as_ref().map(|job| (job.summary.status.clone(), job.summary.batch_status.clone(), job.summary.result.clone())))
    });

    // The batch record of a batch job (read again when its status moves), and of a job the
    // API gave no details of (it may be one; read again after a decision).
    let batch = live_get_if::<BatchEnrollJob>(move || {
        let wanted = if details_missing.with(Option::is_some) {
            reloads.track();
            true
        } else {
            batch_status.with(Option::is_some)
        };
        wanted.then(|| paths::batch_job(&job_id.get()))
    });
    // The sections' resources never move on their own, but like the job they retry a
    // failure that may pass (backing off), so no error outlives its fault.
    let certificates = live_get(
        move || {
            follows_job.with(|_| ());
            let page = view.with(|view| view.certificates_page);
            paths::job_certificates(&job_id.get(), DEFAULT_LIMIT, (page - 1) * DEFAULT_LIMIT)
        },
        |_| false,
    );
    let log = live_get(
        move || {
            downloads.track();
            follows_job.with(|_| ());
            let page = view.with(|view| view.log_page);
            paths::job_log(&job_id.get(), DEFAULT_LIMIT, (page - 1) * DEFAULT_LIMIT)
        },
        |_| false,
    );
    let activity = live_get(
        move || {
            downloads.track();
            follows_job.with(|_| ());
            let page = view.with(|view| view.activity_page);
            paths::job_activity(&job_id.get(), DEFAULT_LIMIT, (page - 1) * DEFAULT_LIMIT)
        },
        |_| false,
    );

    provide_decisions(Callback::new(move |_| reloads.update(|count| *count += 1)));
    let on_downloaded = Callback::new(move |_| downloads.update(|count| *count += 1));
    let certificates_href: Arc<dyn Fn(u64) -> String + Send + Sync> =
        Arc::new(move |certificates_page| job_href(&job_id.get_untracked(), &JobDetailsView { certificates_page, ..view.get_untracked() }));
    let log_href: Arc<dyn Fn(u64) -> String + Send + Sync> =
        Arc::new(move |log_page| job_href(&job_id.get_untracked(), &JobDetailsView { log_page, ..view.get_untracked() }));
    let activity_href: Arc<dyn Fn(u64) -> String + Send + Sync> =
        Arc::new(move |activity_page| job_href(&job_id.get_untracked(), &JobDetailsView { activity_page, ..view.get_untracked() }));

    let job_signal = job_id;
    // Built once per job: the kind of job decides the sections, its latest state fills them.
    let body = move |details: Signal<JobDetails>| {
        let issues_certificates = details.with_untracked(|details| details.summary.issues_certificates());
        let job_id = details.with_untracked(|details| details.summary.id.clone());
        let sections = if issues_certificates {
            let certificates_href = certificates_href.clone();
            view! {
                {move || {
                    details
                        .with(|details| {
                            details
                                .device_registration
                                .clone()
                                .map(|registration| {
                                    view! {
                                        <DeviceRegistrationSection
                                            registration
                                            total=details.summary.result.total.clone()
                                            running=details.summary.is_running()
                                        />
                                    }
                                })
                        })
                }}
                <CertificatesSection job_id certificates href=certificates_href>
                    {move || {
                        details
                            .with(|details| {
                                (details.summary.status == JobStatus::Executed)
                                    .then(|| {
                                        view! { <DownloadButtons details=details.clone() on_downloaded /> }
                                    })
                            })
                    }}
                </CertificatesSection>
                {move || {
                    view! {
                        <GeneralInformation details=details.get() />
                        <BatchCsvSection csv=details.with(|details| details.batch_csv.clone()) />
                    }
                }}
            }
            .into_any()
        } else {
            (move || {
                    details.with(|details| view! { <ReleaseSection release=details.release.clone() result=details.summary.result.clone() running=details.summary.is_running() /> })
                })
                .into_any()
        };
        view! {
            {move || view! { <JobFacts details=details.get() /> }}
            {sections}
            {move || {
                failed.get().is_some_and(|failed| failed > 0).then(|| view! { <FailuresSection job_id=job_signal follows_job view /> })
            }}
            <ActivitySection activity href=activity_href.clone() />
            <JobLogSection log href=log_href.clone() />
        }
    };

    // A different job is a different page: its sections are built anew.
    let details_view = move || {
        job_id.track();
        resource_view(details, || table_skeleton(6), body.clone())
    };

    view! {
        <div class="page">
            <nav class="breadcrumbs" aria-label=t!("nav.breadcrumb")>
                <a href=Route::Jobs.href()>{t!("nav.jobs")}</a>
                " / "
                <span aria-current="page" translate="no">
                    {move || job_id.get()}
                </span>
            </nav>
            <DecisionDialog />
            <h1>{t!("details.heading")} " " <code translate="no">{move || job_id.get()}</code></h1>
            {move || match details_missing.get() {
                Some(details_error) => {
                    view! {
                        {move || match batch.get() {
                            Some(Ok(Some(batch))) => {
                                let waits = batch.status == BatchStatus::PendingApproval;
                                batch_panel(batch, waits)
                            }
                            Some(Err(batch_error @ (ApiError::NotFound { .. } | ApiError::NotProvided { .. }))) => {
                                view! { <JobById job_id=job_id.get_untracked() details_error=details_error.clone() batch_error /> }
                                    .into_any()
                            }
                            Some(Err(error)) => view! { <ErrorPanel error on_retry=Callback::new(move |_| batch.refetch()) /> }.into_any(),
                            _ => table_skeleton(2),
                        }}
                    }
                        .into_any()
                }
                None => {
                    view! {
                        {move || {
                            batch_status
                                .with(Option::is_some)
                                .then(|| resource_view(
                                    batch,
                                    move || if awaiting.get_untracked() { approval_panel_placeholder() } else { decision_placeholder() },
                                    move |batch: Signal<Option<BatchEnrollJob>>| {
                                        move || batch.get().map(|batch| batch_panel(batch, awaiting.get()))
                                    },
                                ))
                        }}
                        {details_view.clone()}
                    }
                        .into_any()
                }
            }}
        </div>
    }
}
