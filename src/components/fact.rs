//! What facts are shown with, on the details page and in the inbox: a labelled fact, a
//! dash for what is missing, a size.

use jobs_api::format::human_size;
use jobs_api::lenient::Count;
use jobs_api::tn;
use leptos::prelude::*;

/// A value from the API (a name, a file), never translated; a dash when there is none.
pub fn text_or_dash(text: Option<String>) -> AnyView {
    match text {
        Some(text) if !text.is_empty() => view! { <span translate="no">{text}</span> }.into_any(),
        _ => view! { <span class="muted">"—"</span> }.into_any(),
    }
}

/// A size in bytes, readable; an odd value as its text.
pub fn size_text(size: &Count) -> String {
    match size.known() {
        Some(bytes) => tn!("size.with_bytes", bytes, size = human_size(bytes)),
        None => size.to_string(),
    }
}

/// One labelled fact of a `<dl class="facts">`.
pub fn fact(label: &'static str, value: AnyView) -> AnyView {
    view! {
        <div class="fact">
            <dt>{label}</dt>
            <dd>{value}</dd>
        </div>
    }
    .into_any()
}
