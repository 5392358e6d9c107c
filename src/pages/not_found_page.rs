//! What an unknown address shows.

use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <section class="page not-found" aria-labelledby="not-found-heading">
            <h1 id="not-found-heading">"This page does not exist"</h1>
            <p>"The page may have been moved, or the address is mistyped."</p>
            <a href=crate::router::Route::Jobs.href() class="button button-primary">
                "Go to Jobs"
            </a>
        </section>
    }
}
