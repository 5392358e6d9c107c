//! What an unknown address shows.

use jobs_api::t;
use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <section class="page not-found" aria-labelledby="not-found-heading">
            <h1 id="not-found-heading">{t!("not_found.heading")}</h1>
            <p>{t!("not_found.advice")}</p>
            <a href=crate::router::Route::Jobs.href() class="button button-primary">
                {t!("not_found.go_to_jobs")}
            </a>
        </section>
    }
}
