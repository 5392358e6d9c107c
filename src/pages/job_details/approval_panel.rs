//! What an approver needs to decide a batch job that waits, with Approve and Reject.

use jobs_api::t;
use jobs_api::BatchEnrollJob;
use leptos::prelude::*;

use crate::browser::dates::DateTime;
use crate::components::fact::{fact, size_text, text_or_dash};
use crate::components::resource_view::card_skeleton;
use crate::decisions::approval::ApprovalButtons;

/// The panel's shape (its eight facts over its buttons) until the batch record loads.
pub fn approval_panel_placeholder() -> AnyView {
    card_skeleton(8, "skeleton-buttons")
}

#[component]
pub fn ApprovalPanel(batch: BatchEnrollJob) -> impl IntoView {
    let summary = t!(
        "approval.summary",
        enrollments = batch.total_enrollments,
        file = batch.original_file_name.as_deref().unwrap_or(t!("approval.unnamed_file")),
        requester = batch.requested_by.as_deref().unwrap_or(t!("notify.unknown_user")),
    );
    view! {
        <section class="card card-attention" aria-labelledby="approval-heading">
            <h2 id="approval-heading">{t!("approval.heading")}</h2>
            <dl class="facts">
                {fact(t!("fact.enrollment_profile"), text_or_dash(batch.enrollment_profile.map(|profile| profile.name)))}
                {fact(t!("fact.division"), text_or_dash(batch.division.map(|division| division.name)))}
                {fact(t!("fact.file"), text_or_dash(batch.original_file_name))}
                {fact(t!("fact.file_size"), text_or_dash(batch.original_size.as_ref().map(size_text)))}
                {fact(t!("fact.enrollments"), batch.total_enrollments.to_string().into_any())}
                {fact(t!("fact.certificate_format"), text_or_dash(batch.certificate_format.map(|format| format.label().to_owned())))}
                {fact(t!("fact.requested_by"), text_or_dash(batch.requested_by.clone()))}
                {fact(t!("fact.requested_at"), view! { <DateTime value=batch.created_at /> }.into_any())}
            </dl>
            <ApprovalButtons job_id=batch.id summary requested_by=batch.requested_by.clone() />
        </section>
    }
}
