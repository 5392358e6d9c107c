//! What an unknown address or an unknown job shows.

use leptos::prelude::*;

#[component]
pub fn NotFoundPage(#[prop(optional)] what: Option<&'static str>) -> impl IntoView {
    let what = what.unwrap_or("page");
    view! {
        <section class="page not-found" aria-labelledby="not-found-heading">
            <h1 id="not-found-heading">{format!("This {what} does not exist")}</h1>
            <p>{format!("The {what} may have been deleted, or the address is mistyped.")}</p>
            <a href=crate::links::app_href("/jobs") class="button button-primary">"Go to Jobs"</a>
        </section>
    }
}
