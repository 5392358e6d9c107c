//! Loads `config.json` and the operator's language from beside `index.html`, then mounts
//! the console.

use jobs_console::app::App;
use jobs_console::browser::crash_page::install_crash_page;
use jobs_console::browser::language;
use jobs_console::browser::sleep::sleep;
use jobs_console::transport::connection::load_runtime_config;
use leptos::prelude::*;

#[global_allocator]
static ALLOCATOR: jobs_console::Allocator = jobs_console::allocator();

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
        // In a task of its own, after the mount has sent the page's first requests.
        sleep(0.0).await;
        language::warm_up();
    });
}
