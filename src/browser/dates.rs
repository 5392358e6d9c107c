//! Dates in the operator's language through the browser's `Intl`, so the bundle carries no
//! date library: in the browser's time zone with the zone's name, or in UTC when the user
//! chose that in Settings (remembered in this browser); the exact instant stays on hover.

use jobs_api::t;
use jobs_api::timestamp::parse_utc_millis;
use js_sys::{Array, Date, Intl, Object, Reflect};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::browser::static_view::{static_el, StaticView};
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
    Some(Intl::DateTimeFormat::new(&language(), &options).format())
}

/// The installed language, as `Intl`'s locales argument.
fn language() -> Array {
    Array::of1(&JsValue::from_str(jobs_api::i18n::language()))
}

/// The formatters of one language: made once each (a table of 1,000 dates would otherwise
/// make 1,000), and anew when another language is installed (a test may install several).
struct Formatters {
    language: &'static str,
    local: Option<js_sys::Function>,
    utc: Option<js_sys::Function>,
    /// `3 hours ago` in the language (`numeric: auto` says `yesterday` where it can).
    relative: Intl::RelativeTimeFormat,
}

/// Makes the formatters of the installed language, unless they are made (also before the
/// first date is shown: see `language::warm_up`).
pub fn make_formatters() {
    FORMATTERS.with_borrow_mut(|cached| {
        let language = jobs_api::i18n::language();
        if cached.as_ref().is_none_or(|formatters| formatters.language != language) {
            // The date formatters first: a page's first formatter costs least as one.
            let (local, utc) = (formatter(false), formatter(true));
            let options = Object::new();
            let _ = Reflect::set(&options, &"numeric".into(), &"auto".into());
            let relative = Intl::RelativeTimeFormat::new(&self::language(), &options);
            *cached = Some(Formatters { language, local, utc, relative });
        }
    })
}

fn with_formatters<T>(use_them: impl FnOnce(&Formatters) -> T) -> T {
    make_formatters();
    FORMATTERS.with_borrow(|cached| use_them(cached.as_ref().expect("made above")))
}

thread_local! {
    static FORMATTERS: std::cell::RefCell<Option<Formatters>> = const { std::cell::RefCell::new(None) };
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
    Reflect::get(&options, &"timeZone".into()).ok().and_then(|zone| zone.as_string()).unwrap_or_else(|| t!("dates.local_time").into())
}

/// `23 Nov 2026, 20:11 GMT+1` in the browser's locale (or `… UTC`), or `None` for text
/// that is no instant.
pub fn local_date_time(iso: &str, utc: bool) -> Option<String> {
    let millis = parse_utc_millis(iso)?;
    let date = Date::new(&JsValue::from_f64(millis as f64));
    with_formatters(|formatters| {
        let format = if utc { &formatters.utc } else { &formatters.local };
        format.as_ref()?.call1(&JsValue::NULL, &date).ok()?.as_string()
    })
}

/// How long ago `iso` was, roughly, in the language: `now`, `12 minutes ago`, `5 hours
/// ago`, `3 days ago`.
pub fn ago(iso: &str) -> Option<String> {
    let minutes = (Date::now() as i64 - parse_utc_millis(iso)?) / 60_000;
    let (value, unit) = match minutes.max(0) {
        0 => (0, "second"),
        minutes @ 1..=59 => (minutes, "minute"),
        minutes @ 60..=2879 => (minutes / 60, "hour"),
        minutes => (minutes / 1440, "day"),
    };
    Some(with_formatters(|formatters| String::from(formatters.relative.format(-(value as f64), unit))))
}

/// A date as a `<time>` element; an absent date shows a dash, an unreadable one its text.
/// The time zone is read when it is built: a page is built anew after Settings.
#[component]
pub fn DateTime(#[prop(into)] value: Option<String>) -> impl IntoView {
    date_time(value)
}

/// [`DateTime`] where a [`StaticView`] is built.
pub fn date_time(value: Option<String>) -> StaticView {
    match value {
        None => static_el("span").attr("class", "muted").attr("aria-label", t!("dates.none")).text("—"),
        Some(iso) => match local_date_time(&iso, times_in_utc()) {
            Some(shown) => static_el("time").attr("datetime", iso.clone()).attr("title", iso).text(shown),
            None => static_el("span").text(iso),
        },
    }
}
