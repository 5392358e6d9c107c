//! A job the API gave no details of (its inferred GETs answered 404, or are switched off):
//! what an operator who knows a batch enrollment job's id can still do through the
//! endpoints DigiCert documents, approve, reject and download its certificates, with what
//! this API did not provide. No GET tells whether the job still waits: the decision's own
//! answer does (204 decided, 409 not waiting, 404 no such job).

use jobs_api::client_error::ApiError;
use jobs_api::endpoints::Endpoint;
use jobs_api::paths;
use leptos::prelude::*;

use super::decision_record::DecisionRecord;
use super::downloads::DownloadButton;
use crate::decisions::approval::ApprovalButtons;
use crate::transport::api::located;

/// One GET the page tried, and what came of it.
fn unanswered(endpoint: Endpoint, path: String, error: &ApiError) -> AnyView {
    let outcome = match error {
        ApiError::NotFound { .. } => "404 Not Found",
        other => other.title(),
    };
    view! { <li>{endpoint.provides().to_owned()}" (GET "<code>{path}</code>"): "{outcome}</li> }.into_any()
}

#[component]
pub fn JobById(
    job_id: String,
    /// Why `GET job/{id}` gave nothing.
    details_error: ApiError,
    /// Why `GET batch-enroll/{id}` gave nothing.
    batch_error: ApiError,
) -> impl IntoView {
    let tried = [
        unanswered(Endpoint::Job, located(&paths::job(&job_id)), &details_error),
        unanswered(Endpoint::BatchJob, located(&paths::batch_job(&job_id)), &batch_error),
    ];
    let fallback_name = format!("{job_id}-certificates");
    view! {
        <section class="card card-attention" aria-labelledby="by-id-heading">
            <h2 id="by-id-heading">"Batch enrollment job"</h2>
            <p>
                "This DigiCert ONE API gave no details of this job. The job may not exist, or this tenant does not provide these endpoints (they are our inference, not DigiCert's published API):"
            </p>
            <ul>{tried}</ul>
            <p>
                "If it is a batch enrollment job that waits for approval, you can still approve or reject it: both are documented endpoints, and the server's answer says whether the job still waited (409 if it was already decided, 404 if there is no such job)."
            </p>
            <ApprovalButtons job_id=job_id.clone() />
            <p>"Once the job is complete, its certificates can be downloaded (the server says if they are not ready yet)."</p>
            <div class="actions">
                <DownloadButton label="Download certificates" path=paths::batch_certificates_download(&job_id) fallback_name />
            </div>
        </section>
        <DecisionRecord job_id />
    }
}
