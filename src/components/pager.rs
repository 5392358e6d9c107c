//! Previous/next paging as links, so every page of a table has its own URL.

use std::sync::Arc;

use jobs_api::i18n::number;
use jobs_api::paging::PageWindow;
use jobs_api::t;
use leptos::prelude::*;

#[component]
pub fn Pager(
    window: PageWindow,
    /// The address of a 1-based page number (a `Route` href).
    href: Arc<dyn Fn(u64) -> String + Send + Sync>,
    #[prop(into)] label: String,
) -> impl IntoView {
    let page = window.page();
    let link = move |enabled: bool, target: u64, text: &'static str, rel: &'static str| {
        if enabled {
            view! {
                <a href=href(target) class="button button-quiet" rel=rel>
                    {text}
                </a>
            }
            .into_any()
        } else {
            view! {
                <span class="button button-quiet" aria-disabled="true">
                    {text}
                </span>
            }
            .into_any()
        }
    };
    view! {
        <nav class="pager" aria-label=label>
            <span class="pager-range">{window.describe()}</span>
            {link(window.has_previous(), page.saturating_sub(1).max(1), t!("pager.previous"), "prev")}
            <span class="pager-page">{t!("pager.page", page = number(page as f64), pages = number(window.page_count() as f64))}</span>
            {link(window.has_next(), page + 1, t!("pager.next"), "next")}
        </nav>
    }
}
