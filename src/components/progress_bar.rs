//! A labelled progress bar for a running job.

use jobs_api::format::percent;
use jobs_api::i18n::number;
use jobs_api::t;
use leptos::prelude::*;

#[component]
pub fn ProgressBar(done: u64, total: u64, #[prop(into)] label: String) -> impl IntoView {
    let share_text = t!("progress.percent", percent = number(f64::from(percent(done, total))));
    view! {
        <span class="progress">
            <progress
                max=total.max(1).to_string()
                value=done.min(total).to_string()
                aria-label=label
                aria-valuetext=t!("progress.value", percent = share_text.clone(), done = number(done as f64), total = number(total as f64))
            ></progress>
            <span class="progress-value" aria-hidden="true">
                {share_text}
            </span>
        </span>
    }
}
