//! Files a job's page offers: certificates and configurations of an executed job, or the
//! certificates of a batch enrollment job from the documented endpoint.

use jobs_api::t;
use jobs_api::{paths, DownloadKind, JobDetails, JobType};
use leptos::prelude::*;

use crate::browser::download::save_file;
use crate::reactive::busy::Busy;
use crate::state::notifications::{use_notifications, Tone};
use crate::transport::api::download_file;
use crate::transport::connection::use_connection;

/// One file the API serves at `path`, saved by the browser; the outcome is announced.
#[component]
pub fn DownloadButton(
    label: &'static str,
    path: String,
    /// The file's name when the server gives none.
    fallback_name: String,
    #[prop(optional)] on_downloaded: Option<Callback<()>>,
) -> impl IntoView {
    let connection = use_connection();
    let notifications = use_notifications();
    let busy = Busy::new();
    let download = move |_| {
        let settings = connection.settings.get_untracked();
        let (path, fallback_name) = (path.clone(), fallback_name.clone());
        busy.start(async move {
            match download_file(&settings, &path, &fallback_name).await {
                Ok(file) => {
                    match save_file(&file) {
                        Ok(_) => notifications.announce(Tone::Success, t!("download.done", file = file.file_name)),
                        Err(error) => notifications.announce(Tone::Failure, t!("download.not_saved", reason = error)),
                    }
                    if let Some(on_downloaded) = on_downloaded {
                        on_downloaded.try_run(());
                    }
                }
                Err(error) => notifications.announce(Tone::Failure, t!("download.failed", reason = error.message())),
            }
        });
    };
    view! {
        <button type="button" class="button" disabled=move || busy.get() on:click=download>
            {label}
        </button>
        {move || busy.get().then(|| view! { <span class="spinner" role="status" aria-label=t!("download.busy")></span> })}
    }
}

/// A batch enrollment job's certificates come from IoT Trust Manager's documented
/// `download-certificates`; other files from the (inferred) Device Trust Manager download.
#[component]
pub fn DownloadButtons(details: JobDetails, on_downloaded: Callback<()>) -> impl IntoView {
    let job_id = details.summary.id;
    let batch = details.summary.batch_status.is_some();
    let button = move |label, kind: DownloadKind| {
        let path = if batch && kind == DownloadKind::Certificate {
            paths::batch_certificates_download(&job_id)
        } else {
            paths::job_download(&job_id, &kind)
        };
        let fallback_name = format!("{job_id}-{}s", kind.as_wire());
        view! { <DownloadButton label path fallback_name on_downloaded /> }
    };
    view! {
        <div class="actions">
            {button(t!("download.certificates"), DownloadKind::Certificate)}
            {(details.summary.job_type == JobType::BatchDeviceRegistration)
                .then(|| button(t!("download.configurations"), DownloadKind::Configuration))}
        </div>
    }
}
