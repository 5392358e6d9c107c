//! A job the API gave no details of (its inferred GETs answered 404, or are switched off):
//! what an operator who knows a batch enrollment job's id can still do through the
//! endpoints DigiCert documents, approve, reject and download its certificates, with what
//! this API did not provide. No GET tells whether the job still waits: the decision's own
//! answer does (204 decided, 409 not waiting, 404 no such job).

use jobs_api::client_error::ApiError;
use jobs_api::endpoints::Endpoint;
use jobs_api::paths;
use jobs_api::t;
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
    view! { <li>{endpoint.provides()} " (GET " <code>{path}</code> "): " {outcome}</li> }.into_any()
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
            <h2 id="by-id-heading">{t!("by_id.heading")}</h2>
            <p>{t!("by_id.no_details")}</p>
            <ul>{tried}</ul>
            <p>{t!("by_id.still_decide")}</p>
            <ApprovalButtons job_id=job_id.clone() />
            <p>{t!("by_id.download_later")}</p>
            <div class="actions">
                <DownloadButton label=t!("download.certificates") path=paths::batch_certificates_download(&job_id) fallback_name />
            </div>
        </section>
        <DecisionRecord job_id />
    }
}
