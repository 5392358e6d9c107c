//! One way to show anything loaded from the API: a placeholder on the first load, then the
//! view, built once over a signal of the last value that loaded, so a refresh updates
//! what changed in place (focus and keyed rows stay) and a failed refresh shows its error
//! above the data the operator was reading instead of blanking it.

use leptos::prelude::*;

use crate::components::error_panel::ErrorPanel;
use crate::live_refresh::Live;

pub fn resource_view<T, V>(
    resource: Live<T>,
    placeholder: impl Fn() -> AnyView + Send + Sync + 'static,
    render: impl Fn(Signal<T>) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + PartialEq + Send + Sync + 'static,
    V: IntoView + 'static,
{
    // The last value that loaded; a failure keeps it, an unchanged value notifies nobody.
    let last_good = Memo::new(move |previous: Option<&Option<T>>| match resource.get() {
        Some(Ok(value)) => Some(value),
        _ => previous.cloned().flatten(),
    });
    let error = Memo::new(move |_| resource.error());
    let retry = Callback::new(move |_| resource.refetch());
    let loaded = Memo::new(move |_| last_good.with(Option::is_some));
    let value = Signal::derive(move || last_good.get().expect("rendered only once a value has loaded"));
    let render = StoredValue::new(render);
    view! {
        {move || error.get().map(|error| view! { <ErrorPanel error on_retry=retry /> })}
        <Show when=move || loaded.get() fallback=move || (error.with(Option::is_none)).then(&placeholder)>
            {render.with_value(|render| render(value))}
        </Show>
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
