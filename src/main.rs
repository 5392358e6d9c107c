//! Loads `config.json` and the operator's language from beside `index.html`, then mounts
//! the console.
//!
//! On Rust's default allocator: talc 5.1 was 865 B (gzip) smaller, but the rendering bench
//! (`tests/rendering`) ran table updates a quarter slower on it (every tenth row of 1,000
//! updated: 1.59 and 1.62 times web-sys, against 1.27 and 1.29).

use jobs_console::app::App;
use jobs_console::browser::crash_page::install_crash_page;
use jobs_console::browser::language;
use jobs_console::transport::connection::load_runtime_config;
use leptos::prelude::*;

/// The path the app is served under, from `<base href>` (set by Trunk's `public_url`).
fn router_base() -> String {
    let base = document().base_uri().ok().flatten().unwrap_or_default();
    let origin = window().location().origin().unwrap_or_default();
    base.strip_prefix(&origin).unwrap_or("/").trim_end_matches('/').to_owned()
}

fn main() {
    install_crash_page();
    wasm_bindgen_futures::spawn_local(async {
        // Both at once: a language other than English costs no extra round trip.
        let ((config, config_error), language_error) =
            futures::join!(load_runtime_config("config.json"), language::load(language::preferred()));
        let base = router_base();
        mount_to_body(move || view! { <App config config_error language_error base /> });
    });
}
