//! Who decided a batch job and when, once it no longer waits.

use jobs_api::{BatchEnrollJob, BatchStatus};
use leptos::prelude::*;

use super::facts::{fact, text_or_dash};
use crate::dates::DateTime;

#[component]
pub fn DecisionRecord(batch: BatchEnrollJob) -> impl IntoView {
    let rejected = matches!(batch.status, BatchStatus::Rejected | BatchStatus::PendingRejection | BatchStatus::RejectionInProgress);
    batch.decided_by.clone().map(|decided_by| {
        view! {
            <section class="card" aria-labelledby="decision-heading">
                <h2 id="decision-heading">"Decision"</h2>
                <dl class="facts">
                    {fact(if rejected { "Rejected by" } else { "Approved by" }, text_or_dash(Some(decided_by)))}
                    {fact("Decided at", view! { <DateTime value=batch.decided_at /> }.into_any())}
                    {fact("Requested by", text_or_dash(batch.requested_by))}
                </dl>
            </section>
        }
    })
}
