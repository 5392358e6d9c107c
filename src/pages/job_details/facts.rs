//! The pieces every section of the details page is made of: a labelled fact, a dash for
//! what is missing, sizes; and the first section, the job's own facts.

use jobs_api::format::{grouped, human_size};
use jobs_api::lenient::Count;
use jobs_api::JobDetails;
use leptos::prelude::*;

use crate::components::status_badge::JobStatusBadge;
use crate::dates::DateTime;

pub fn text_or_dash(text: Option<String>) -> AnyView {
    match text {
        Some(text) if !text.is_empty() => view! { <span>{text}</span> }.into_any(),
        _ => view! { <span class="muted">"—"</span> }.into_any(),
    }
}

/// A size in bytes, readable; an odd value as its text.
pub fn size_text(size: &Count) -> String {
    match size.known() {
        Some(bytes) => format!("{} ({} bytes)", human_size(bytes), grouped(bytes)),
        None => size.to_string(),
    }
}

/// One labelled fact of a `<dl class="facts">`.
pub fn fact(label: &'static str, value: AnyView) -> AnyView {
    view! { <div class="fact"><dt>{label}</dt><dd>{value}</dd></div> }.into_any()
}

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
                {job.batch_status.map(|status| view! {
                    {fact("Batch status", status.label().to_owned().into_any())}
                })}
            </dl>
        </section>
    }
}
