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

#[component]
pub fn Fact(label: &'static str, children: Children) -> impl IntoView {
    view! { <div class="fact"><dt>{label}</dt><dd>{children()}</dd></div> }
}

#[component]
pub fn JobFacts(details: JobDetails) -> impl IntoView {
    let job = details.summary;
    view! {
        <section class="card" aria-labelledby="facts-heading">
            <h2 id="facts-heading">"Job details"</h2>
            <dl class="facts">
                <Fact label="Job state"><JobStatusBadge status=job.status.clone() /></Fact>
                <Fact label="Job ID"><code>{job.id.clone()}</code></Fact>
                <Fact label="Job type">{job.job_type.label().to_owned()}</Fact>
                <Fact label="Device group">{text_or_dash(job.device_group.map(|group| group.name))}</Fact>
                <Fact label="Owner">{text_or_dash(job.owner.map(|owner| owner.name))}</Fact>
                <Fact label="Job run date"><DateTime value=job.run_date.clone() /></Fact>
                {job.batch_status.map(|status| view! {
                    <Fact label="Batch status">{status.label().to_owned()}</Fact>
                })}
            </dl>
        </section>
    }
}
