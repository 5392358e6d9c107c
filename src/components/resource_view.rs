//! One way to show anything loaded from the API: a placeholder on the first load, the
//! data once it arrives, and on a failure the error above the last data that loaded,
//! so a failed refresh never blanks what the operator was reading.

use jobs_api::client_error::ApiError;
use leptos::prelude::*;

use crate::components::error_panel::ErrorPanel;

pub fn resource_view<T, V>(
    resource: LocalResource<Result<T, ApiError>>,
    placeholder: impl Fn() -> AnyView + Send + Sync + 'static,
    render: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let last_good: StoredValue<Option<T>> = StoredValue::new(None);
    let retry = Callback::new(move |_| resource.refetch());
    move || match resource.get() {
        None => placeholder(),
        Some(Ok(value)) => {
            last_good.set_value(Some(value.clone()));
            render(value).into_any()
        }
        Some(Err(error)) => view! {
            <ErrorPanel error on_retry=retry />
            {last_good.get_value().map(&render)}
        }
        .into_any(),
    }
}

/// A table-shaped placeholder while the first page loads.
pub fn table_skeleton(rows: usize) -> AnyView {
    view! {
        <div class="skeleton" aria-busy="true" aria-label="Loading">
            {(0..rows).map(|_| view! { <div class="skeleton-row"></div> }).collect_view()}
        </div>
    }
    .into_any()
}
