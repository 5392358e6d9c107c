//! In-app link targets: every href is the path under the console's base (the path it is
//! served under, e.g. `/console`), so links work on any deployment. Links are plain `<a>`
//! elements; `crate::router` turns their clicks into history entries.

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
