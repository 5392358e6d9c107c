//! The software release a deployment delivers, and how far it got.

use jobs_api::t;
use jobs_api::{JobResult, Release};
use leptos::prelude::*;

use crate::components::fact::{fact, text_or_dash};
use crate::components::progress_bar::ProgressBar;

#[component]
pub fn ReleaseSection(release: Option<Release>, result: JobResult, running: bool) -> impl IntoView {
    let name = release.as_ref().map(|release| release.name.clone());
    let version = release.and_then(|release| release.version);
    view! {
        <section class="card" aria-labelledby="release-heading">
            <h2 id="release-heading">{t!("release.heading")}</h2>
            <dl class="facts">
                {fact(t!("release.heading"), text_or_dash(name))} {fact(t!("release.version"), text_or_dash(version))}
                {fact(
                    t!("release.devices"),
                    t!("release.counts", failed = result.failed, successful = result.successful, total = result.total).into_any(),
                )}
            </dl>
            {result
                .processed()
                .zip(result.total.known())
                .filter(|_| running)
                .map(|(done, total)| view! { <ProgressBar done total label=t!("release.progress") /> })}
        </section>
    }
}
