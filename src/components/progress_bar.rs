//! A labelled progress bar for a running job.

use jobs_api::format::percent;
use jobs_api::i18n::number;
use jobs_api::t;
use leptos::prelude::*;

use crate::browser::static_view::{static_el, StaticView};

#[component]
pub fn ProgressBar(done: u64, total: u64, #[prop(into)] label: String) -> impl IntoView {
    progress_bar(done, total, label)
}

/// [`ProgressBar`] where a [`StaticView`] is built.
pub fn progress_bar(done: u64, total: u64, label: String) -> StaticView {
    let share_text = t!("progress.percent", percent = number(f64::from(percent(done, total))));
    let value_text = t!("progress.value", percent = share_text.clone(), done = number(done as f64), total = number(total as f64));
    static_el("span")
        .attr("class", "progress")
        .child(
            static_el("progress")
                .attr("max", total.max(1).to_string())
                .attr("value", done.min(total).to_string())
                .attr("aria-label", label)
                .attr("aria-valuetext", value_text),
        )
        .child(static_el("span").attr("class", "progress-value").attr("aria-hidden", "true").text(share_text))
}
