//! Device registration counts and progress of a batch registration job.

use jobs_api::lenient::Count;
use jobs_api::t;
use jobs_api::DeviceRegistration;
use leptos::prelude::*;

use crate::components::fact::fact;
use crate::components::progress_bar::ProgressBar;

#[component]
pub fn DeviceRegistrationSection(registration: DeviceRegistration, total: Count, running: bool) -> impl IntoView {
    let done = registration.completed.known().zip(registration.failed.known()).map(|(completed, failed)| completed.saturating_add(failed));
    let progress = done.zip(total.known()).filter(|(done, _)| running || *done > 0);
    view! {
        <section class="card" aria-labelledby="registration-heading">
            <h2 id="registration-heading">{t!("registration.heading")}</h2>
            <dl class="facts">
                {fact(t!("registration.completed"), registration.completed.to_string().into_any())}
                {fact(t!("column.failed"), registration.failed.to_string().into_any())}
                {fact(t!("column.total"), total.to_string().into_any())}
            </dl>
            {progress.map(|(done, total)| view! { <ProgressBar done total label=t!("registration.progress") /> })}
        </section>
    }
}
