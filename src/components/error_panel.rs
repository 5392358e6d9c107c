//! How a failed request shows: what happened, what to do, and a way out. What the API
//! does not provide is said calmly, as a note, with nothing to retry.

use jobs_api::client_error::ApiError;
use jobs_api::t;
use leptos::prelude::*;

#[component]
pub fn ErrorPanel(error: ApiError, on_retry: Callback<()>) -> impl IntoView {
    if matches!(error, ApiError::NotProvided { .. }) {
        return view! {
            <p class="not-provided" role="note">
                {error.message()}
            </p>
        }
        .into_any();
    }
    let needs_settings = error.needs_settings();
    view! {
        <div class="error-panel" role="alert">
            <strong class="error-title">{error.title()}</strong>
            <p>{error.message()}</p>
            <div class="actions">
                {needs_settings
                    .then(|| {
                        view! {
                            <a href=crate::router::Route::Settings.href() class="button">
                                {t!("action.open_settings")}
                            </a>
                        }
                    })}
                {(!needs_settings)
                    .then(|| {
                        view! {
                            <button type="button" class="button" on:click=move |_| on_retry.run(())>
                                {t!("action.try_again")}
                            </button>
                        }
                    })}
            </div>
        </div>
    }
    .into_any()
}
