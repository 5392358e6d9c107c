//! The console must not stop on a dead page: when its WebAssembly traps, the app is replaced
//! with an explanation and a reload link. Saved settings live in browser storage and
//! survive the reload.
//!
//! A panic ends in such a trap (`panic = "abort"`), and so does an abort that runs no panic
//! hook (a failed allocation): the page is shown from the browser's report of the trap, an
//! `error` event whose error is a `WebAssembly.RuntimeError` (or a rejected promise's
//! reason, should the trap end one). A debug build logs a panic's message first; the
//! release build has no hook (its formatting cost the cold load's budget 800 B), so there
//! the page gives the trap's message and stack only.

use jobs_api::t;
use leptos::prelude::{document, window};
use wasm_bindgen::prelude::*;

pub fn install_crash_page() {
    #[cfg(debug_assertions)]
    std::panic::set_hook(Box::new(|info| web_sys::console::error_1(&format!("jobs-console stopped: {info}").into())));
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
        if let Some(trap) = trap_of(&event) {
            show_crash_page(&trap);
        }
    });
    for kind in ["error", "unhandledrejection"] {
        window().add_event_listener_with_callback(kind, on_error.as_ref().unchecked_ref()).ok();
    }
    on_error.forget();
}

/// What the browser says of the trap an `error` or `unhandledrejection` event reports:
/// its message and, where the engine gives one, its stack. `None` for any other error.
fn trap_of(event: &web_sys::Event) -> Option<String> {
    let error = ["error", "reason"].into_iter().find_map(|field| {
        js_sys::Reflect::get(event, &field.into()).ok().filter(|error| error.is_instance_of::<js_sys::WebAssembly::RuntimeError>())
    })?;
    let message = js_sys::Error::from(error.clone()).to_string().as_string().unwrap_or_default();
    let stack = js_sys::Reflect::get(&error, &"stack".into()).ok().and_then(|stack| stack.as_string()).unwrap_or_default();
    // Chromium's stack begins with the message; Firefox's and WebKit's do not.
    Some(if stack.starts_with(&message) { stack } else { format!("{message}\n{stack}") })
}

fn show_crash_page(detail: &str) {
    let Some(body) = document().body() else { return };
    let element = |tag: &str, text: &str| {
        let element = document().create_element(tag).ok()?;
        element.set_text_content(Some(text));
        Some(element)
    };
    let (Some(page), Some(heading), Some(advice), Some(reload), Some(detail)) = (
        element("section", ""),
        element("h1", t!("crash.heading")),
        element("p", t!("crash.advice")),
        element("a", t!("crash.reload")),
        element("pre", detail),
    ) else {
        return;
    };
    page.set_class_name("crash");
    page.set_attribute("role", "alert").ok();
    // This page's address, opened by the browser: `_top` is this window, but a target the
    // app's router leaves alone (src/router.rs), and nothing of the stopped app runs.
    reload.set_attribute("href", &window().location().href().unwrap_or_default()).ok();
    reload.set_attribute("target", "_top").ok();
    reload.set_class_name("button button-primary");
    for child in [&heading, &advice, &reload, &detail] {
        page.append_child(child).ok();
    }
    body.set_inner_html("");
    body.append_child(&page).ok();
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    fn event_with(field: &str, error: &JsValue) -> web_sys::Event {
        let event = web_sys::Event::new("error").expect("an event");
        js_sys::Reflect::set(&event, &field.into(), error).expect("a field set");
        event
    }

    #[wasm_bindgen_test]
    fn a_trap_is_told_from_other_errors() {
        let trap: JsValue = js_sys::WebAssembly::RuntimeError::new("unreachable").into();
        let said = trap_of(&event_with("error", &trap)).expect("a trap reported by an error event");
        assert!(said.starts_with("RuntimeError: unreachable"), "{said}");
        assert!(trap_of(&event_with("reason", &trap)).is_some(), "a trap that rejected a promise");
        let other: JsValue = js_sys::TypeError::new("not a function").into();
        assert_eq!(trap_of(&event_with("error", &other)), None, "a script's own error is not the console stopping");
        assert_eq!(trap_of(&web_sys::Event::new("error").expect("an event")), None);
    }
}
