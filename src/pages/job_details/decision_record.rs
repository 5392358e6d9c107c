//! Who decided a batch job and when: from DigiCert's audit log [documented] where it names
//! the decision, else from the batch record's `decided_by`/`decided_at` [inferred].

use jobs_api::audit_log::{search_step, AuditRecord, RecordedDecision, SearchStep, SEARCH_PAGE};
use jobs_api::client_error::ApiError;
use jobs_api::i18n::number;
use jobs_api::{paths, BatchEnrollJob, BatchStatus, Page};
use jobs_api::{t, tn};
use leptos::prelude::*;

use crate::browser::dates::DateTime;
use crate::components::fact::{fact, text_or_dash};
use crate::components::resource_view::card_skeleton;
use crate::reactive::effect::effect;
use crate::transport::live_refresh::live_get;

/// What the batch record says of its decision: its outcome, and who made it and when where
/// it names them.
fn decision_of_batch(batch: &BatchEnrollJob) -> RecordedDecision {
    RecordedDecision {
        outcome: if batch.status.is_rejection() { BatchStatus::Rejected } else { BatchStatus::Approved },
        by: batch.decided_by.clone(),
        at: batch.decided_at.clone(),
    }
}

/// Why the audit log did not name the decision, in one sentence: it was read to its
/// newest `read` records (since the job's creation, for a job with a batch record), or it
/// could not be read.
fn not_in_audit_log(search: Result<u64, ApiError>, with_batch: bool) -> String {
    match search {
        Ok(read) if with_batch => t!("decision_record.not_found", records = number(read as f64)),
        Ok(read) => tn!("decision_record.not_found_by_id", read as f64),
        Err(ApiError::NotProvided { .. }) => t!("decision_record.no_audit_log").into(),
        Err(error) => t!("decision_record.unreadable", reason = error.message()),
    }
}

/// The card's shape (its three facts over its note) until there is a decision to show.
pub fn decision_placeholder() -> AnyView {
    card_skeleton(3, "muted")
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
    let fallback = batch.as_ref().map(decision_of_batch);
    let requested_by = batch.and_then(|batch| batch.requested_by);
    let offset = RwSignal::new(0u64);
    let audit = live_get(move || paths::audit_log(SEARCH_PAGE, offset.get()), |_: &Page<AuditRecord>| false);
    let step = Memo::new(move |_| audit.get().map(|page| page.map(|page| search_step(&job_id, since.as_deref(), &page))));
    effect(move || {
        if let Some(Ok(SearchStep::ReadFrom(next))) = step.get() {
            offset.set(next);
        }
    });
    // `None` while reading; then the decision found, or why none was.
    let search = Memo::new(move |_| match step.get()? {
        Ok(SearchStep::Found(decision)) => Some(Ok(decision)),
        Ok(SearchStep::ReadFrom(_)) => None,
        Ok(SearchStep::NotFound { read }) => Some(Err(Ok(read))),
        Err(error) => Some(Err(Err(error))),
    });
    // The audit log's decision, else the batch record's: while the log is read, where the
    // record names who decided (until then the card's shape stands in); once the log named
    // none, whatever the record says, with why. Without a batch record, why the log named
    // none, in the card's place.
    move || {
        let (decision, source) = match search.get() {
            Some(Ok(decision)) => (decision, t!("decision_record.from_audit_log").to_owned()),
            None => match fallback.clone().filter(|decision| decision.by.is_some()) {
                Some(decision) => (decision, t!("decision_record.from_batch_reading").to_owned()),
                None => return decision_placeholder(),
            },
            Some(Err(why)) => match fallback.clone() {
                Some(decision) => (decision, t!("decision_record.from_batch", why = not_in_audit_log(why, true))),
                None => return none_named(not_in_audit_log(why, false)),
            },
        };
        let rejected = decision.outcome == BatchStatus::Rejected;
        decision_card(
            view! {
                <dl class="facts">
                    {fact(if rejected { t!("fact.rejected_by") } else { t!("fact.approved_by") }, text_or_dash(decision.by))}
                    {fact(t!("fact.decided_at"), view! { <DateTime value=decision.at /> }.into_any())}
                    {fact(t!("fact.requested_by"), text_or_dash(requested_by.clone()))}
                </dl>
            }
            .into_any(),
            t!("decision_record.source", source = source),
        )
    }
}

/// The Decision card: what is known of the decision, over a note on where it comes from.
fn decision_card(known: AnyView, note: String) -> AnyView {
    view! {
        <section class="card" aria-labelledby="decision-heading">
            <h2 id="decision-heading">{t!("decision_record.heading")}</h2>
            {known}
            <p class="muted">{note}</p>
        </section>
    }
    .into_any()
}

/// The card of a job without a batch record whose decision the audit log did not name:
/// why, in the place the card's shape held while the log was read.
fn none_named(why: String) -> AnyView {
    decision_card(().into_any(), why)
}
