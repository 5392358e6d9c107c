//! Certificate and configuration downloads of an executed job.

use jobs_api::{DownloadKind, JobDetails, JobType};
use leptos::prelude::*;

use crate::api::download_job_files;
use crate::busy::Busy;
use crate::connection::use_connection;
use crate::download::save_file;
use crate::notifications::{use_notifications, Tone};

#[component]
pub fn DownloadButtons(details: JobDetails, on_downloaded: Callback<()>) -> impl IntoView {
    let connection = use_connection();
    let notifications = use_notifications();
    let job_id = StoredValue::new(details.summary.id.clone());
    let busy = Busy::new();
    let download = move |kind: DownloadKind| {
        let settings = connection.settings.get_untracked();
        busy.start(async move {
            match download_job_files(&settings, &job_id.get_value(), &kind).await {
                Ok(file) => {
                    match save_file(&file) {
                        Ok(_) => notifications.announce(Tone::Success, format!("Downloaded {}.", file.file_name)),
                        Err(error) => notifications.announce(Tone::Failure, format!("The download could not be saved: {error}")),
                    }
                    on_downloaded.try_run(());
                }
                Err(error) => notifications.announce(Tone::Failure, format!("Download failed. {}", error.message())),
            }
        });
    };
    let registers_devices = details.summary.job_type == JobType::BatchDeviceRegistration;
    view! {
        <div class="actions">
            <button type="button" class="button" disabled=move || busy.get()
                on:click=move |_| download(DownloadKind::Certificate)>"Download certificates"</button>
            {registers_devices.then(|| view! {
                <button type="button" class="button" disabled=move || busy.get()
                    on:click=move |_| download(DownloadKind::Configuration)>"Download configurations"</button>
            })}
            {move || busy.get().then(|| view! { <span class="spinner" role="status" aria-label="Downloading"></span> })}
        </div>
    }
}
