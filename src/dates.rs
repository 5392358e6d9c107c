//! Dates in the user's locale and time zone through the browser's `Intl`, so the bundle
//! carries no date library; the exact UTC instant stays available on hover.

use jobs_api::timestamp::parse_utc_millis;
use js_sys::{Array, Date, Intl, Object, Reflect};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

thread_local! {
    /// Made once: a table of 1,000 dates would otherwise make 1,000 formatters.
    static FORMAT: Option<js_sys::Function> = {
        let options = Object::new();
        let set = |key: &str, value: &str| Reflect::set(&options, &key.into(), &value.into()).is_ok();
        (set("dateStyle", "medium") && set("timeStyle", "short"))
            .then(|| Intl::DateTimeFormat::new(&Array::new(), &options).format())
    };
}

/// `23 Nov 2026, 20:11` in the browser's locale, or `None` for text that is no instant.
pub fn local_date_time(iso: &str) -> Option<String> {
    let millis = parse_utc_millis(iso)?;
    FORMAT.with(|format| format.as_ref()?.call1(&JsValue::NULL, &Date::new(&JsValue::from_f64(millis as f64))).ok()?.as_string())
}

/// How long ago `iso` was, roughly: `just now`, `12 min ago`, `5 h ago`, `3 days ago`.
pub fn ago(iso: &str) -> Option<String> {
    let minutes = (Date::now() as i64 - parse_utc_millis(iso)?) / 60_000;
    Some(match minutes {
        ..=0 => "just now".to_owned(),
        1..=59 => format!("{minutes} min ago"),
        60..=2879 => format!("{} h ago", minutes / 60),
        _ => format!("{} days ago", minutes / 1440),
    })
}

/// A date as a `<time>` element; an absent date shows a dash, an unreadable one its text.
#[component]
pub fn DateTime(#[prop(into)] value: Option<String>) -> impl IntoView {
    match value {
        None => view! { <span class="muted" aria-label="none">"—"</span> }.into_any(),
        Some(iso) => match local_date_time(&iso) {
            Some(local) => view! { <time datetime=iso.clone() title=format!("{iso} (UTC)")>{local}</time> }.into_any(),
            None => view! { <span>{iso}</span> }.into_any(),
        },
    }
}
