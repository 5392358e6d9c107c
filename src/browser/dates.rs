//! Dates in the user's locale through the browser's `Intl`, so the bundle carries no date
//! library: in the browser's time zone with the zone's name, or in UTC when the user chose
//! that in Settings (remembered in this browser); the exact instant stays on hover.

use jobs_api::timestamp::parse_utc_millis;
use js_sys::{Array, Date, Intl, Object, Reflect};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::browser::storage::{remember, remembered};

const UTC_KEY: &str = "jobs-console.times-in-utc";

fn formatter(utc: bool) -> Option<js_sys::Function> {
    let options = Object::new();
    let pairs = [
        ("year", "numeric"),
        ("month", "short"),
        ("day", "numeric"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
        ("timeZoneName", "short"),
    ];
    for (key, value) in pairs {
        Reflect::set(&options, &key.into(), &value.into()).ok()?;
    }
    if utc {
        Reflect::set(&options, &"timeZone".into(), &"UTC".into()).ok()?;
    }
    Some(Intl::DateTimeFormat::new(&Array::new(), &options).format())
}

thread_local! {
    /// Made once each: a table of 1,000 dates would otherwise make 1,000 formatters.
    static LOCAL: Option<js_sys::Function> = formatter(false);
    static UTC: Option<js_sys::Function> = formatter(true);
    /// The choice, read from storage once.
    static IN_UTC: std::cell::Cell<Option<bool>> = const { std::cell::Cell::new(None) };
}

/// Whether dates show in UTC rather than the browser's time zone.
pub fn times_in_utc() -> bool {
    IN_UTC.with(|cached| {
        let utc = cached.get().unwrap_or_else(|| remembered(UTC_KEY));
        cached.set(Some(utc));
        utc
    })
}

pub fn set_times_in_utc(utc: bool) {
    remember(UTC_KEY, utc);
    IN_UTC.with(|cached| cached.set(Some(utc)));
}

/// The browser's time zone, e.g. `Europe/Madrid`.
pub fn browser_time_zone() -> String {
    let options = Intl::DateTimeFormat::new(&Array::new(), &Object::new()).resolved_options();
    Reflect::get(&options, &"timeZone".into()).ok().and_then(|zone| zone.as_string()).unwrap_or_else(|| "local time".into())
}

/// `23 Nov 2026, 20:11 GMT+1` in the browser's locale (or `… UTC`), or `None` for text
/// that is no instant.
pub fn local_date_time(iso: &str, utc: bool) -> Option<String> {
    let millis = parse_utc_millis(iso)?;
    let date = Date::new(&JsValue::from_f64(millis as f64));
    let format = |format: &Option<js_sys::Function>| format.as_ref()?.call1(&JsValue::NULL, &date).ok()?.as_string();
    if utc {
        UTC.with(format)
    } else {
        LOCAL.with(format)
    }
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
/// The time zone is read when it is built: a page is built anew after Settings.
#[component]
pub fn DateTime(#[prop(into)] value: Option<String>) -> impl IntoView {
    match value {
        None => view! {
            <span class="muted" aria-label="none">
                "—"
            </span>
        }
        .into_any(),
        Some(iso) => match local_date_time(&iso, times_in_utc()) {
            Some(shown) => view! {
                <time datetime=iso.clone() title=iso>
                    {shown}
                </time>
            }
            .into_any(),
            None => view! { <span>{iso}</span> }.into_any(),
        },
    }
}
