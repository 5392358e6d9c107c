//! Loads `config.json` and the operator's language from beside `index.html`, then mounts
//! the console.

use jobs_console::app::App;
use jobs_console::browser::crash_page::install_panic_hook;
use jobs_console::browser::language;
use jobs_console::transport::connection::load_runtime_config;
use leptos::prelude::*;

/// The path the app is served under, from `<base href>` (set by Trunk's `public_url`).
fn router_base() -> String {
    let base = document().base_uri().ok().flatten().unwrap_or_default();
    let origin = window().location().origin().unwrap_or_default();
    base.strip_prefix(&origin).unwrap_or("/").trim_end_matches('/').to_owned()
}

/// The console's allocator (see Cargo.toml for why talc). In the binary, not the library:
/// the browser tests count allocations with an allocator of their own
/// (`tests/browser/live_heap.rs`), so they run on the default one; the release checks and
/// the soak run this one.
#[cfg(target_family = "wasm")]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    install_panic_hook();
    wasm_bindgen_futures::spawn_local(async {
        // Both at once: a language other than English costs no extra round trip.
        let ((config, config_error), language_error) =
            futures::join!(load_runtime_config("config.json"), language::load(language::preferred()));
        let base = router_base();
        mount_to_body(move || view! { <App config config_error language_error base /> });
    });
}
