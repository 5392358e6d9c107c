//! In-app link targets. The router applies its base (the path the console is served
//! under, e.g. `/console`) when navigating, but not to an absolute href, so every link
//! goes through `app_href`.
//!
//! Links are plain `<a>` elements: the router handles clicks on any of them. Only the top
//! navigation, mounted once, uses leptos_router's `<A>` (for `aria-current`): each `<A>`
//! that is unmounted leaves about 100 bytes of wasm memory behind (leptos_router 0.8.x),
//! so `<A>` in table rows and pagers made every visit of the Jobs page leak ~4 KB.

use leptos::prelude::*;

#[derive(Clone)]
struct AppBase(String);

pub fn provide_app_base(base: String) {
    provide_context(AppBase(base.trim_end_matches('/').to_owned()));
}

/// `path` (starting with `/`) under the console's base path.
pub fn app_href(path: &str) -> String {
    let base = use_context::<AppBase>().map(|base| base.0).unwrap_or_default();
    format!("{base}{path}")
}
