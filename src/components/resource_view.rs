//! One way to show anything loaded from the API: a placeholder on the first load, then the
//! view, built once over a signal of the last value that loaded, so a refresh updates
//! what changed in place (focus and keyed rows stay) and a failed refresh shows its error
//! above the data the operator was reading instead of blanking it.

use jobs_api::t;
use leptos::prelude::*;

use crate::components::error_panel::ErrorPanel;
use crate::reactive::effect::effect;
use crate::transport::live_refresh::{Live, Loaded, Outcome};

pub fn resource_view<T, V>(
    resource: Live<T>,
    placeholder: impl Fn() -> AnyView + Send + Sync + 'static,
    render: impl Fn(Signal<T>) -> V + Send + Sync + 'static,
) -> AnyView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    loaded_view(resource, placeholder, move |last_good| {
        let value = Signal::derive(move || {
            last_good
                .with(|loaded| loaded.as_ref().and_then(|loaded| loaded.downcast_ref::<T>().cloned()))
                .expect("rendered only once a value has loaded")
        });
        render(value).into_any()
    })
}

/// `resource_view` for a view that reads what loaded itself, without a typed signal (whose
/// reading code each type carries).
pub(crate) fn loaded_view<T>(
    resource: Live<T>,
    placeholder: impl Fn() -> AnyView + Send + Sync + 'static,
    render: impl Fn(Signal<Option<Loaded>>) -> AnyView + Send + Sync + 'static,
) -> AnyView {
    let (outcome, refetches) = resource.erased();
    erased_resource_view(outcome, refetches, Box::new(placeholder), Box::new(render))
}

/// The part shared by every type: what it loaded is only compared by its text and handed on.
fn erased_resource_view(
    outcome: RwSignal<Outcome>,
    refetches: RwSignal<u64>,
    placeholder: Box<dyn Fn() -> AnyView + Send + Sync>,
    body: Box<dyn Fn(Signal<Option<Loaded>>) -> AnyView + Send + Sync>,
) -> AnyView {
    // The last value that loaded; a failure keeps it, an unchanged value notifies nobody.
    let last_good = RwSignal::new(None::<Loaded>);
    effect(move || {
        outcome.with(|outcome| {
            if let Some(Ok(new)) = outcome {
                if last_good.with_untracked(|old| old.as_ref().is_none_or(|old| !old.same_answer(new))) {
                    last_good.set(Some(new.clone()));
                }
            }
        })
    });
    let error = Memo::new(move |_| outcome.with(|outcome| outcome.as_ref().and_then(|result| result.as_ref().err().cloned())));
    let retry = Callback::new(move |_| refetches.update(|count| *count += 1));
    let loaded = Memo::new(move |_| last_good.with(Option::is_some));
    let body = StoredValue::new(body);
    view! {
        {move || error.get().map(|error| view! { <ErrorPanel error on_retry=retry /> })}
        {move || {
            if loaded.get() {
                body.with_value(|body| body(last_good.into()))
            } else {
                error.with(Option::is_none).then(&placeholder).into_any()
            }
        }}
    }
    .into_any()
}

/// A placeholder shaped like a card of `facts` facts (`.facts`) over a last line of class
/// `footer` (an approval's buttons, a note), made of the card's own elements, so that what
/// follows does not move when the card comes.
pub fn card_skeleton(facts: usize, footer: &'static str) -> AnyView {
    view! {
        <div class="card skeleton-card" aria-busy="true" aria-label=t!("table.loading")>
            <div aria-hidden="true">
                <h2>"\u{a0}"</h2>
                <dl class="facts">
                    {(0..facts)
                        .map(|_| {
                            view! {
                                <div class="fact">
                                    <dt>"\u{a0}"</dt>
                                    <dd>"\u{a0}"</dd>
                                </div>
                            }
                                .into_any()
                        })
                        .collect_view()}
                </dl>
                <p class=footer>"\u{a0}"</p>
            </div>
        </div>
    }
    .into_any()
}

/// A table-shaped placeholder while the first page loads.
pub fn table_skeleton(rows: usize) -> AnyView {
    view! {
        <div class="skeleton" aria-busy="true" aria-label=t!("table.loading")>
            {(0..rows).map(|_| view! { <div class="skeleton-row"></div> }.into_any()).collect_view()}
        </div>
    }
    .into_any()
}
