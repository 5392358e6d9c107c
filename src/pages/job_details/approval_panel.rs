//! What an approver needs to decide a batch job that waits, with Approve and Reject.

use jobs_api::BatchEnrollJob;
use leptos::prelude::*;

use crate::browser::dates::DateTime;
use crate::components::fact::{fact, size_text, text_or_dash};
use crate::decisions::approval::ApprovalButtons;

#[component]
pub fn ApprovalPanel(batch: BatchEnrollJob) -> impl IntoView {
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
                {fact("Enrollment profile", text_or_dash(batch.enrollment_profile.map(|profile| profile.name)))}
                {fact("Division", text_or_dash(batch.division.map(|division| division.name)))}
                {fact("File", text_or_dash(batch.original_file_name))}
                {fact("File size", text_or_dash(batch.original_size.as_ref().map(size_text)))}
                {fact("Enrollments", batch.total_enrollments.to_string().into_any())}
                {fact("Certificate format", text_or_dash(batch.certificate_format.map(|format| format.label().to_owned())))}
                {fact("Requested by", text_or_dash(batch.requested_by.clone()))}
                {fact("Requested at", view! { <DateTime value=batch.created_at /> }.into_any())}
            </dl>
            <ApprovalButtons job_id=batch.id summary requested_by=batch.requested_by.clone() />
        </section>
    }
}
