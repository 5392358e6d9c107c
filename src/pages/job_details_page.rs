//! One job: its state and facts, device registration progress, certificates, general
//! information, batch CSV and log, with approve/reject while it waits and downloads once
//! it is executed. A job that is still moving refreshes itself.

use std::sync::Arc;

use jobs_api::client_error::ApiError;
use jobs_api::format::{grouped, human_size};
use jobs_api::lenient::Count;
use jobs_api::lifecycle::{expiry_of, Expiry};
use jobs_api::paging::DEFAULT_LIMIT;
use jobs_api::paths::encode_component;
use jobs_api::timestamp::parse_utc_millis;
use jobs_api::*;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::{self, download_job_files};
use crate::components::approval::{ApprovalButtons, DecisionDialog};
use crate::components::paged_table::PagedTable;
use crate::components::progress_bar::ProgressBar;
use crate::components::resource_view::{resource_view, table_skeleton};
use crate::components::status_badge::JobStatusBadge;
use crate::connection::use_connection;
use crate::dates::DateTime;
use crate::download::save_file;
use crate::live_refresh::live_resource;
use crate::notifications::{use_notifications, Tone};
use crate::pages::not_found_page::NotFoundPage;

fn page_param(query: &leptos_router::params::ParamsMap, key: &str) -> u64 {
    query.get(key).and_then(|page| page.parse().ok()).filter(|page| *page >= 1).unwrap_or(1)
}

fn text_or_dash(text: Option<String>) -> AnyView {
    match text {
        Some(text) if !text.is_empty() => view! { <span>{text}</span> }.into_any(),
        _ => view! { <span class="muted">"—"</span> }.into_any(),
    }
}

#[component]
fn Fact(label: &'static str, children: Children) -> impl IntoView {
    view! { <div class="fact"><dt>{label}</dt><dd>{children()}</dd></div> }
}

#[component]
fn JobFacts(details: JobDetails) -> impl IntoView {
    let job = details.summary;
    view! {
        <section class="card" aria-labelledby="facts-heading">
            <h2 id="facts-heading">"Job details"</h2>
            <dl class="facts">
                <Fact label="Job state"><JobStatusBadge status=job.status.clone() /></Fact>
                <Fact label="Job ID"><code>{job.id.clone()}</code></Fact>
                <Fact label="Job type">{job.job_type.label().to_owned()}</Fact>
                <Fact label="Device group">{text_or_dash(job.device_group.map(|group| group.name))}</Fact>
                <Fact label="Owner">{text_or_dash(job.owner.map(|owner| owner.name))}</Fact>
                <Fact label="Job run date"><DateTime value=job.run_date.clone() /></Fact>
                {job.batch_status.map(|status| view! {
                    <Fact label="Batch status">{status.label().to_owned()}</Fact>
                })}
            </dl>
        </section>
    }
}

/// A size in bytes, readable; an odd value as its text.
fn size_text(size: &Count) -> String {
    match size.known() {
        Some(bytes) => format!("{} ({} bytes)", human_size(bytes), grouped(bytes)),
        None => size.to_string(),
    }
}

#[component]
fn DeviceRegistrationSection(registration: DeviceRegistration, total: Count, running: bool) -> impl IntoView {
    let done = registration.completed.known().zip(registration.failed.known()).map(|(completed, failed)| completed.saturating_add(failed));
    let progress = done.zip(total.known()).filter(|(done, _)| running || *done > 0);
    view! {
        <section class="card" aria-labelledby="registration-heading">
            <h2 id="registration-heading">"Device registration"</h2>
            <dl class="facts">
                <Fact label="Completed">{registration.completed.to_string()}</Fact>
                <Fact label="Failed">{registration.failed.to_string()}</Fact>
                <Fact label="Total">{total.to_string()}</Fact>
            </dl>
            {progress.map(|(done, total)| view! {
                <ProgressBar done total label="Device registration progress" />
            })}
        </section>
    }
}

#[component]
fn ReleaseSection(release: Option<Release>, result: JobResult, running: bool) -> impl IntoView {
    let name = release.as_ref().map(|release| release.name.clone());
    let version = release.and_then(|release| release.version);
    view! {
        <section class="card" aria-labelledby="release-heading">
            <h2 id="release-heading">"Release"</h2>
            <dl class="facts">
                <Fact label="Release">{text_or_dash(name)}</Fact>
                <Fact label="Version">{text_or_dash(version)}</Fact>
                <Fact label="Devices">{format!("{} failed / {} successful / {} total", result.failed, result.successful, result.total)}</Fact>
            </dl>
            {result.processed().zip(result.total.known()).filter(|_| running).map(|(done, total)| view! {
                <ProgressBar done total label="Deployment progress" />
            })}
        </section>
    }
}

#[component]
fn GeneralInformation(details: JobDetails) -> impl IntoView {
    let meaning = details.certificate_type.as_ref().and_then(CertificateType::meaning);
    view! {
        <section class="card" aria-labelledby="general-heading">
            <h2 id="general-heading">"General information"</h2>
            <dl class="facts">
                <Fact label="Certificate policy">{text_or_dash(details.certificate_policy.map(|policy| policy.name))}</Fact>
                <Fact label="Certificate type">
                    {text_or_dash(details.certificate_type.as_ref().map(|kind| kind.label().to_owned()))}
                    {meaning.map(|meaning| view! { <p class="muted small">{meaning}</p> })}
                </Fact>
            </dl>
        </section>
    }
}

#[component]
fn BatchCsvSection(csv: Option<BatchCsv>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="csv-heading">
            <h2 id="csv-heading">"Batch CSV"</h2>
            {match csv {
                None => view! { <p class="muted">"This job was not created from a CSV file."</p> }.into_any(),
                Some(csv) => view! {
                    <dl class="facts">
                        <Fact label="File name"><code>{csv.file_name}</code></Fact>
                        <Fact label="File size">{text_or_dash(csv.file_size.as_ref().map(size_text))}</Fact>
                        <Fact label="Download format">{text_or_dash(csv.download_format)}</Fact>
                    </dl>
                }.into_any(),
            }}
        </section>
    }
}

fn certificates_table(page: Page<JobCertificate>, job_id: String, href: Arc<dyn Fn(u64) -> String + Send + Sync>) -> impl IntoView {
    let now = js_sys::Date::now() as i64;
    let window = page.window();
    let unreadable = page.unreadable;
    let rows = page
        .records
        .into_iter()
        .map(|certificate| {
            let expiry = certificate.valid_to.as_deref().and_then(parse_utc_millis).map(|valid_to| expiry_of(valid_to, now));
            let mark = match expiry {
                Some(Expiry::Expired) => Some(("badge badge-bad", "Expired")),
                Some(Expiry::ExpiringSoon) => Some(("badge badge-attention", "Expires soon")),
                _ => None,
            };
            view! {
                <tr>
                    <th scope="row"><span title=format!("Serial number {}", certificate.serial_number)>{certificate.common_name.clone()}</span></th>
                    <td><DateTime value=certificate.valid_from.clone() /></td>
                    <td><DateTime value=certificate.valid_to.clone() />
                        {mark.map(|(class, text)| view! { " " <span class=class>{text}</span> })}</td>
                </tr>
            }
            .into_any()
        })
        .collect();
    view! {
        <PagedTable caption=format!("Certificates of job {job_id}") headers=&["Certificate value", "Start date", "End date"]
            rows empty_text="No certificates issued yet." window unreadable href pager_label="Certificate pages" />
    }
}

fn log_table(page: Page<JobLogEntry>, href: Arc<dyn Fn(u64) -> String + Send + Sync>) -> impl IntoView {
    let window = page.window();
    let unreadable = page.unreadable;
    let rows = page
        .records
        .into_iter()
        .map(|entry| {
            view! {
                <tr>
                    <td>{entry.action.label().to_owned()}</td>
                    <td>{entry.downloaded_from.label().to_owned()}</td>
                    <td>{text_or_dash(entry.user)}</td>
                    <td><DateTime value=entry.date /></td>
                </tr>
            }
            .into_any()
        })
        .collect();
    view! {
        <PagedTable caption="Job log, newest first" headers=&["Action", "Downloaded from", "User", "Date"]
            rows empty_text="No downloads yet." window unreadable href pager_label="Job log pages" />
    }
}

#[component]
fn DownloadButtons(details: JobDetails, on_downloaded: Callback<()>) -> impl IntoView {
    let connection = use_connection();
    let notifications = use_notifications();
    let job_id = StoredValue::new(details.summary.id.clone());
    let download = Action::new_local(move |kind: &DownloadKind| {
        let settings = connection.settings.get_untracked();
        let kind = kind.clone();
        async move { download_job_files(&settings, &job_id.get_value(), &kind).await }
    });
    Effect::new(move || match download.value().get() {
        Some(Ok(file)) => {
            match save_file(&file) {
                Ok(_) => notifications.announce(Tone::Success, format!("Downloaded {}.", file.file_name)),
                Err(error) => notifications.announce(Tone::Failure, format!("The download could not be saved: {error}")),
            }
            on_downloaded.run(());
        }
        Some(Err(error)) => notifications.announce(Tone::Failure, format!("Download failed. {}", error.message())),
        None => {}
    });
    let pending = download.pending();
    let registers_devices = details.summary.job_type == JobType::BatchDeviceRegistration;
    view! {
        <div class="actions">
            <button type="button" class="button" disabled=pending
                on:click=move |_| { download.dispatch(DownloadKind::Certificate); }>"Download certificates"</button>
            {registers_devices.then(|| view! {
                <button type="button" class="button" disabled=pending
                    on:click=move |_| { download.dispatch(DownloadKind::Configuration); }>"Download configurations"</button>
            })}
            <Show when=move || pending.get()><span class="spinner" role="status" aria-label="Downloading"></span></Show>
        </div>
    }
}

#[component]
fn ApprovalPanel(batch: BatchEnrollJob) -> impl IntoView {
    let summary = format!(
        "{} enrollments from {}, requested by {}.",
        batch.total_enrollments,
        batch.original_file_name.clone().unwrap_or_else(|| "an unnamed file".into()),
        batch.requested_by.clone().unwrap_or_else(|| "an unknown user".into())
    );
    view! {
        <section class="card card-attention" aria-labelledby="approval-heading">
            <h2 id="approval-heading">"Waiting for your approval"</h2>
            <dl class="facts">
                <Fact label="Enrollment profile">{text_or_dash(batch.enrollment_profile.map(|profile| profile.name))}</Fact>
                <Fact label="Division">{text_or_dash(batch.division.map(|division| division.name))}</Fact>
                <Fact label="File">{text_or_dash(batch.original_file_name)}</Fact>
                <Fact label="File size">{text_or_dash(batch.original_size.as_ref().map(size_text))}</Fact>
                <Fact label="Enrollments">{batch.total_enrollments.to_string()}</Fact>
                <Fact label="Certificate format">{text_or_dash(batch.certificate_format.map(|format| format.label().to_owned()))}</Fact>
                <Fact label="Requested by">{text_or_dash(batch.requested_by)}</Fact>
                <Fact label="Requested at"><DateTime value=batch.created_at /></Fact>
            </dl>
            <ApprovalButtons job_id=batch.id summary />
        </section>
    }
}

#[component]
pub fn JobDetailsPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let connection = use_connection();
    let job_id = Memo::new(move |_| params.with(|params| params.get("id").unwrap_or_default()));
    let certificate_page = Memo::new(move |_| query.with(|query| page_param(query, "certificates_page")));
    let log_page = Memo::new(move |_| query.with(|query| page_param(query, "log_page")));
    let reloads = RwSignal::new(0u64);
    let downloads = RwSignal::new(0u64);

    let details = live_resource(
        move || {
            let settings = connection.settings.get();
            let id = job_id.get();
            reloads.track();
            async move { api::job_details(&settings, &id).await }
        },
        |job: &JobDetails| !job.summary.is_settled(),
    );
    let loaded = Memo::new(move |_| details.get().and_then(Result::ok));
    let not_found = Memo::new(move |_| matches!(details.get(), Some(Err(ApiError::NotFound { .. }))));
    let awaiting = Memo::new(move |_| loaded.with(|job| job.as_ref().is_some_and(|job| job.summary.awaits_approval())));
    let issued = Memo::new(move |_| loaded.with(|job| job.as_ref().map(|job| job.summary.result.successful.clone())));

    let batch = LocalResource::new(move || {
        let settings = connection.settings.get();
        let id = job_id.get();
        let wanted = awaiting.get();
        async move {
            if wanted {
                api::batch_job(&settings, &id).await.map(Some)
            } else {
                Ok(None)
            }
        }
    });
    let certificates = LocalResource::new(move || {
        let settings = connection.settings.get();
        let id = job_id.get();
        let page = certificate_page.get();
        issued.track();
        async move { api::job_certificates(&settings, &id, DEFAULT_LIMIT, (page - 1) * DEFAULT_LIMIT).await }
    });
    let log = LocalResource::new(move || {
        let settings = connection.settings.get();
        let id = job_id.get();
        let page = log_page.get();
        downloads.track();
        async move { api::job_log(&settings, &id, DEFAULT_LIMIT, (page - 1) * DEFAULT_LIMIT).await }
    });

    let on_changed = Callback::new(move |_| reloads.update(|count| *count += 1));
    let on_downloaded = Callback::new(move |_| downloads.update(|count| *count += 1));
    let page_href = move |key: &'static str| -> Arc<dyn Fn(u64) -> String + Send + Sync> {
        Arc::new(move |page| {
            let other = if key == "log_page" {
                ("certificates_page", certificate_page.get_untracked())
            } else {
                ("log_page", log_page.get_untracked())
            };
            let mut pairs = vec![(key, page)];
            if other.1 > 1 {
                pairs.push(other);
            }
            let query: Vec<String> = pairs.iter().filter(|(_, page)| *page > 1).map(|(key, page)| format!("{key}={page}")).collect();
            let suffix = if query.is_empty() { String::new() } else { format!("?{}", query.join("&")) };
            format!("/jobs/{}{suffix}", encode_component(&job_id.get_untracked()))
        })
    };

    let body = move |details: JobDetails| {
        let job = details.summary.clone();
        let running = !job.is_settled() && !job.awaits_approval();
        let executed = job.status == JobStatus::Executed;
        view! {
            <JobFacts details=details.clone() />
            {if job.issues_certificates() {
                let certificate_href = page_href("certificates_page");
                let job_id = job.id.clone();
                view! {
                    {details.device_registration.clone().map(|registration| view! {
                        <DeviceRegistrationSection registration total=job.result.total.clone() running />
                    })}
                    <section class="card" aria-labelledby="certificates-heading">
                        <h2 id="certificates-heading">"Certificates"</h2>
                        {executed.then(|| view! { <DownloadButtons details=details.clone() on_downloaded /> })}
                        {resource_view(certificates, || table_skeleton(5), move |page| {
                            certificates_table(page, job_id.clone(), certificate_href.clone())
                        })}
                    </section>
                    <GeneralInformation details=details.clone() />
                    <BatchCsvSection csv=details.batch_csv.clone() />
                }.into_any()
            } else {
                view! { <ReleaseSection release=details.release.clone() result=job.result running /> }.into_any()
            }}
            <section class="card" aria-labelledby="log-heading">
                <h2 id="log-heading">"Job logs"</h2>
                {resource_view(log, || table_skeleton(3), { let href = page_href("log_page"); move |page| log_table(page, href.clone()) })}
            </section>
        }
    };

    view! {
        <div class="page">
            <nav class="breadcrumbs" aria-label="Breadcrumb"><A href=crate::links::app_href("/jobs")>"Jobs"</A>" / "<span aria-current="page">{move || job_id.get()}</span></nav>
            <DecisionDialog on_changed />
            <Show when=move || !not_found.get() fallback=|| view! { <NotFoundPage what="job" /> }>
                <h1>"Job " <code>{move || job_id.get()}</code></h1>
                <Show when=move || awaiting.get()>
                    {resource_view(batch, || table_skeleton(2), |batch: Option<BatchEnrollJob>| {
                        batch.map(|batch| view! { <ApprovalPanel batch /> })
                    })}
                </Show>
                {resource_view(details, || table_skeleton(6), body)}
            </Show>
        </div>
    }
}
