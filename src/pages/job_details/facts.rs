//! The first section of the details page: the job's own facts.

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
            <h2 id="facts-heading">"Job details"</h2>
            <dl class="facts">
                {fact("Job state", view! { <JobStatusBadge status=job.status.clone() /> }.into_any())}
                {fact("Job ID", view! { <code>{job.id.clone()}</code> }.into_any())}
                {fact("Job type", job.job_type.label().to_owned().into_any())}
                {fact("Device group", text_or_dash(job.device_group.map(|group| group.name)))}
                {fact("Owner", text_or_dash(job.owner.map(|owner| owner.name)))}
                {fact("Job run date", view! { <DateTime value=job.run_date.clone() /> }.into_any())}
                {job.batch_status.map(|status| view! { {fact("Batch status", status.label().to_owned().into_any())} })}
            </dl>
        </section>
    }
}
