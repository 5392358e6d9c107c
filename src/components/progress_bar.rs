//! A labelled progress bar for a running job.

use jobs_api::format::{grouped, percent};
use leptos::prelude::*;

#[component]
pub fn ProgressBar(done: u64, total: u64, #[prop(into)] label: String) -> impl IntoView {
    let share = percent(done, total);
    view! {
        <span class="progress">
            <progress
                max=total.max(1).to_string()
                value=done.min(total).to_string()
                aria-label=label
                aria-valuetext=format!("{share}% ({} of {})", grouped(done), grouped(total))
            ></progress>
            <span class="progress-value" aria-hidden="true">
                {format!("{share}%")}
            </span>
        </span>
    }
}
