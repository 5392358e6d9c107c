//! Loads `config.json` from beside `index.html`, then mounts the console.

use jobs_console::app::App;
use jobs_console::connection::RuntimeConfig;
use jobs_console::crash_page::install_panic_hook;
use leptos::prelude::*;

/// The deployment's runtime settings; the defaults when the file is absent or unreadable.
async fn load_runtime_config() -> RuntimeConfig {
    let response = match gloo_net::http::Request::get("config.json").send().await {
        Ok(response) if response.ok() => response,
        _ => return RuntimeConfig::default(),
    };
    match response.json::<RuntimeConfig>().await {
        Ok(config) => config,
        Err(error) => {
            web_sys::console::warn_1(&format!("config.json is not valid, using defaults: {error}").into());
            RuntimeConfig::default()
        }
    }
}

/// The path the app is served under, from `<base href>` (set by Trunk's `public_url`).
fn router_base() -> String {
    let base = document().base_uri().ok().flatten().unwrap_or_default();
    let origin = window().location().origin().unwrap_or_default();
    base.strip_prefix(&origin).unwrap_or("/").trim_end_matches('/').to_owned()
}

fn main() {
    install_panic_hook();
    wasm_bindgen_futures::spawn_local(async {
        let config = load_runtime_config().await;
        let base = router_base();
        mount_to_body(move || view! { <App config base /> });
    });
}
