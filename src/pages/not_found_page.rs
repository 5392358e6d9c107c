//! What an unknown address or an unknown job shows.

use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFoundPage(#[prop(optional)] what: Option<&'static str>) -> impl IntoView {
    let what = what.unwrap_or("page");
    view! {
        <section class="page not-found" aria-labelledby="not-found-heading">
            <h1 id="not-found-heading">{format!("This {what} does not exist")}</h1>
            <p>{format!("The {what} may have been deleted, or the address is mistyped.")}</p>
            <A href=crate::links::app_href("/jobs") attr:class="button button-primary">"Go to Jobs"</A>
        </section>
    }
}
