//! The first section of the details page: the job's own facts.

use jobs_api::t;
use jobs_api::JobDetails;
use leptos::prelude::*;

use crate::browser::dates::DateTime;
use crate::components::fact::{fact, text_or_dash};
use crate::components::status_badge::JobStatusBadge;

#[component]
pub fn JobFacts(details: JobDetails) -> impl IntoView {
    let job = details.summary;
    view! {
        <section class="card" aria-labelledby="facts-heading">
            <h2 id="facts-heading">{t!("facts.heading")}</h2>
            <dl class="facts">
                {fact(t!("column.job_state"), view! { <JobStatusBadge status=job.status.clone() /> }.into_any())}
                {fact(t!("column.job_id"), view! { <code translate="no">{job.id.clone()}</code> }.into_any())}
                {fact(t!("column.job_type"), job.job_type.label().to_owned().into_any())}
                {fact(t!("column.device_group"), text_or_dash(job.device_group.map(|group| group.name)))}
                {fact(t!("column.owner"), text_or_dash(job.owner.map(|owner| owner.name)))}
                {fact(t!("column.job_run_date"), view! { <DateTime value=job.run_date.clone() /> }.into_any())}
                {job.batch_status.map(|status| view! { {fact(t!("fact.batch_status"), status.label().to_owned().into_any())} })}
            </dl>
        </section>
    }
}
