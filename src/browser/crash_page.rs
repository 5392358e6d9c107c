//! A panic must not leave a dead page: the hook replaces the app with an explanation and
//! a reload link. Saved settings live in browser storage and survive the reload.

use jobs_api::t;
use leptos::prelude::document;

pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("jobs-console stopped: {info}").into());
        let Some(body) = document().body() else { return };
        let page = document().create_element("section").ok();
        if let Some(page) = page {
            page.set_class_name("crash");
            page.set_attribute("role", "alert").ok();
            let heading = document().create_element("h1").ok();
            let text = document().create_element("p").ok();
            let detail = document().create_element("pre").ok();
            let reload = document().create_element("a").ok();
            if let (Some(heading), Some(text), Some(detail), Some(reload)) = (heading, text, detail, reload) {
                heading.set_text_content(Some(t!("crash.heading")));
                text.set_text_content(Some(t!("crash.advice")));
                detail.set_text_content(Some(&info.to_string()));
                reload.set_text_content(Some(t!("crash.reload")));
                reload.set_attribute("href", "").ok();
                reload.set_class_name("button button-primary");
                for child in [&heading, &text, &reload, &detail] {
                    page.append_child(child).ok();
                }
            }
            body.set_inner_html("");
            body.append_child(&page).ok();
        }
    }));
}
