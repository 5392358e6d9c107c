//! A plain table over one page of API records, with its pager: the details page's
//! certificates and log.

use std::sync::Arc;

use jobs_api::lenient::UnreadableRecord;
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
    /// Records of this page that could not be read.
    unreadable: Vec<UnreadableRecord>,
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
        <UnreadableNote records=unreadable />
        <Pager window href label=pager_label />
    }
}

/// Says which records of a page could not be read, so none goes missing silently.
#[component]
pub fn UnreadableNote(records: Vec<UnreadableRecord>) -> impl IntoView {
    (!records.is_empty()).then(|| {
        let count = records.len();
        view! {
            <div class="warning" role="note">
                <p>{if count == 1 { "1 record on this page could not be read and is not shown:".to_owned() }
                    else { format!("{count} records on this page could not be read and are not shown:") }}</p>
                <ul class="unreadable">
                    {records.into_iter().map(|record| view! {
                        <li><code>{record.id.unwrap_or_else(|| "(no id)".into())}</code>" — "{record.reason}</li>
                    }).collect_view()}
                </ul>
            </div>
        }
    })
}
