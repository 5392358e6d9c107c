//! A plain table over one page of API records, with its pager: the details page's
//! certificates and log.

use std::sync::Arc;

use jobs_api::paging::PageWindow;
use leptos::prelude::*;

use crate::components::pager::Pager;

#[component]
pub fn PagedTable(
    /// Read by screen readers; the section heading shows it to everyone.
    #[prop(into)]
    caption: String,
    headers: &'static [&'static str],
    rows: Vec<AnyView>,
    #[prop(into)] empty_text: String,
    window: PageWindow,
    /// The in-app path of a 1-based page number.
    href: Arc<dyn Fn(u64) -> String + Send + Sync>,
    #[prop(into)] pager_label: String,
) -> impl IntoView {
    let empty = rows.is_empty();
    view! {
        <div class="table-scroll">
            <table class="data-table">
                <caption class="visually-hidden">{caption}</caption>
                <thead><tr>
                    {headers.iter().map(|header| view! { <th scope="col">{*header}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {rows}
                    {empty.then(|| view! { <tr><td colspan=headers.len().to_string() class="empty">{empty_text}</td></tr> })}
                </tbody>
            </table>
        </div>
        <Pager window href label=pager_label />
    }
}
