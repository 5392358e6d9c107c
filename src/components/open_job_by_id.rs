//! "Open a batch job by id": the way to a job the API does not list (a tenant without the
//! inferred job list) or whose id the operator was sent. The job's page then offers what
//! the documented endpoints allow.

use jobs_api::t;
use leptos::prelude::*;

use crate::router::Route;

#[component]
pub fn OpenJobById() -> impl IntoView {
    let location = crate::router::use_location();
    let typed = RwSignal::new(String::new());
    let problem = RwSignal::new(false);
    let open = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let id = typed.with_untracked(|typed| typed.trim().to_owned());
        problem.set(id.is_empty());
        if !id.is_empty() {
            location.navigate(&Route::JobDetails { id }.href(), true);
        }
    };
    view! {
        <form class="search-row open-by-id" aria-label=t!("open_by_id.label") on:submit=open>
            <label for="open-by-id">{t!("open_by_id.label")}</label>
            <input
                id="open-by-id"
                type="text"
                autocomplete="off"
                spellcheck="false"
                placeholder=t!("column.job_id")
                aria-invalid=move || problem.get().to_string()
                aria-describedby="open-by-id-problem"
                prop:value=typed
                on:input:target=move |event| typed.set(event.target().value())
            />
            <button type="submit" class="button">
                {t!("open_by_id.open")}
            </button>
            <span id="open-by-id-problem" class="field-problem" role="status">
                {move || problem.get().then_some(t!("open_by_id.missing"))}
            </span>
        </form>
    }
}
