//! Who decided a batch job and when: from DigiCert's audit log [documented] where it names
//! the decision, else from the batch record's `decided_by`/`decided_at` [inferred].

use jobs_api::audit_log::{search_step, AuditRecord, RecordedDecision, SearchStep, SEARCHED_RECORDS, SEARCH_PAGE};
use jobs_api::client_error::ApiError;
use jobs_api::{paths, BatchEnrollJob, BatchStatus, Page};
use leptos::prelude::*;

use crate::browser::dates::DateTime;
use crate::components::fact::{fact, text_or_dash};
use crate::transport::live_refresh::live_get;

/// What the batch record says of its decision, when it names who made it.
fn decision_of_batch(batch: &BatchEnrollJob) -> Option<RecordedDecision> {
    batch.decided_by.clone().map(|by| RecordedDecision {
        outcome: if batch.status.is_rejection() { BatchStatus::Rejected } else { BatchStatus::Approved },
        by: Some(by),
        at: batch.decided_at.clone(),
    })
}

/// Why the audit log did not name the decision, in one sentence.
fn not_in_audit_log(error: Option<ApiError>) -> String {
    match error {
        None => format!("The audit log's newest {SEARCHED_RECORDS} records since the job was created name no decision on it."),
        Some(ApiError::NotProvided { .. }) => "This DigiCert ONE API does not provide the audit log.".into(),
        Some(error) => format!("The audit log could not be read: {}", error.message()),
    }
}

#[component]
pub fn DecisionRecord(
    job_id: String,
    /// The batch record, when the API gave one: its creation bounds the search, its
    /// `decided_by` is the fallback.
    #[prop(optional)]
    batch: Option<BatchEnrollJob>,
) -> impl IntoView {
    let since = batch.as_ref().and_then(|batch| batch.created_at.clone());
    let fallback = batch.as_ref().and_then(decision_of_batch);
    let requested_by = batch.and_then(|batch| batch.requested_by);
    let offset = RwSignal::new(0u64);
    let audit = live_get(move || paths::audit_log(SEARCH_PAGE, offset.get()), |_: &Page<AuditRecord>| false);
    let step = Memo::new(move |_| audit.get().map(|page| page.map(|page| search_step(&job_id, since.as_deref(), &page))));
    Effect::new(move || {
        if let Some(Ok(SearchStep::ReadFrom(next))) = step.get() {
            offset.set(next);
        }
    });
    // `None` while reading; then the decision found, or why none was.
    let search = Memo::new(move |_| match step.get()? {
        Ok(SearchStep::Found(decision)) => Some(Ok(decision)),
        Ok(SearchStep::ReadFrom(_)) => None,
        Ok(SearchStep::NotFound) => Some(Err(None)),
        Err(error) => Some(Err(Some(error))),
    });
    // Shown once there is a decision to show: the audit log's, else the batch record's
    // (while the log is read, and when it names none). A job with neither shows no card.
    let shown = move || {
        let (decision, source) = match search.get() {
            Some(Ok(decision)) => (decision, "DigiCert ONE's audit log".to_owned()),
            None => (fallback.clone()?, "the batch job's record. Reading the audit log…".to_owned()),
            Some(Err(reason)) => (fallback.clone()?, format!("the batch job's record. {}", not_in_audit_log(reason))),
        };
        let rejected = decision.outcome == BatchStatus::Rejected;
        Some(view! {
            <section class="card" aria-labelledby="decision-heading">
                <h2 id="decision-heading">"Decision"</h2>
                <dl class="facts">
                    {fact(if rejected { "Rejected by" } else { "Approved by" }, text_or_dash(decision.by))}
                    {fact("Decided at", view! { <DateTime value=decision.at /> }.into_any())}
                    {fact("Requested by", text_or_dash(requested_by.clone()))}
                </dl>
                <p class="muted">"Source: "{source}</p>
            </section>
        })
    };
    shown
}
