//! A table over one page of API records, with its pager: the details page's certificates
//! and log. Rows are keyed by each record's identity, so a refresh keeps the rows (and
//! the focus in them) of records that stay.

use std::sync::Arc;

use jobs_api::lenient::UnreadableRecord;
use jobs_api::Page;
use leptos::prelude::*;

use crate::components::pager::Pager;

#[component]
pub fn PagedTable<T, R>(
    /// Read by screen readers; the section heading shows it to everyone.
    #[prop(into)]
    caption: String,
    headers: Vec<&'static str>,
    page: Signal<Page<T>>,
    /// The identity of a record, which keys its row.
    key: fn(&T) -> String,
    /// The row of one record.
    row: R,
    #[prop(into)] empty_text: String,
    /// The in-app path of a 1-based page number.
    href: Arc<dyn Fn(u64) -> String + Send + Sync>,
    #[prop(into)] pager_label: String,
) -> impl IntoView
where
    T: Clone + PartialEq + Send + Sync + 'static,
    R: Fn(T) -> AnyView + Clone + Send + Sync + 'static,
{
    view! {
        <div class="table-scroll">
            <table class="data-table">
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr>{headers.iter().map(|header| view! { <th scope="col">{*header}</th> }).collect_view()}</tr>
                </thead>
                <tbody>
                    <For each=move || page.with(|page| page.records.clone()) key=move |record| key(record) children=row />
                    {move || {
                        page.with(|page| page.records.is_empty())
                            .then(|| {
                                view! {
                                    <tr>
                                        <td colspan=headers.len().to_string() class="empty">
                                            {empty_text.clone()}
                                        </td>
                                    </tr>
                                }
                            })
                    }}
                </tbody>
            </table>
        </div>
        {move || {
            page.with(|page| {
                let (records, window) = (page.unreadable.clone(), page.window());
                let href = href.clone();
                view! {
                    <UnreadableNote records />
                    <Pager window href label=pager_label.clone() />
                }
            })
        }}
    }
}

/// Says which records of a page could not be read, so none goes missing silently.
#[component]
pub fn UnreadableNote(records: Vec<UnreadableRecord>) -> impl IntoView {
    (!records.is_empty()).then(|| {
        let count = records.len();
        view! {
            <div class="warning" role="note">
                <p>
                    {if count == 1 {
                        "1 record on this page could not be read and is not shown:".to_owned()
                    } else {
                        format!("{count} records on this page could not be read and are not shown:")
                    }}
                </p>
                <ul class="unreadable">
                    {records
                        .into_iter()
                        .map(|record| {
                            view! {
                                <li>
                                    <code>{record.id.unwrap_or_else(|| "(no id)".into())}</code>
                                    " — "
                                    {record.reason}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}
