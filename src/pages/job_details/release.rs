//! The software release a deployment delivers, and how far it got.

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
            <h2 id="release-heading">"Release"</h2>
            <dl class="facts">
                {fact("Release", text_or_dash(name))} {fact("Version", text_or_dash(version))}
                {fact(
                    "Devices",
                    format!("{} failed / {} successful / {} total", result.failed, result.successful, result.total).into_any(),
                )}
            </dl>
            {result
                .processed()
                .zip(result.total.known())
                .filter(|_| running)
                .map(|(done, total)| view! { <ProgressBar done total label="Deployment progress" /> })}
        </section>
    }
}
