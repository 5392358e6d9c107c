//! A table over one page of API records, with its pager: the details page's certificates
//! and log. Rows are keyed by each record's identity, so a refresh keeps the rows (and
//! the focus in them) of records that stay.

use std::sync::Arc;

use jobs_api::lenient::UnreadableRecord;
use jobs_api::paging::PageWindow;
use jobs_api::Page;
use jobs_api::{t, tn};
use leptos::prelude::*;

use crate::components::pager::Pager;

/// One record's row: its key and how to build its view.
type Row = (String, Arc<dyn Fn() -> AnyView + Send + Sync>);

/// A page of records as the table shows them, whatever their type: every table shares
/// one copy of the table's code (typed, each record type carried its own keyed list: 11 KB
/// of wasm for four tables).
#[derive(Clone)]
struct TablePage {
    rows: Vec<Row>,
    unreadable: Vec<UnreadableRecord>,
    window: PageWindow,
}

#[component]
pub fn PagedTable<T>(
    /// Read by screen readers; the section heading shows it to everyone.
    #[prop(into)]
    caption: String,
    headers: Vec<&'static str>,
    page: Signal<Page<T>>,
    /// The identity of a record, which keys its row.
    key: fn(&T) -> String,
    /// The row of one record.
    row: fn(T) -> AnyView,
    #[prop(into)] empty_text: String,
    /// The in-app path of a 1-based page number.
    href: Arc<dyn Fn(u64) -> String + Send + Sync>,
    #[prop(into)] pager_label: String,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
{
    let page = Signal::derive(move || {
        page.with(|page| TablePage {
            rows: page
                .records
                .iter()
                .map(|record| {
                    let owned = record.clone();
                    let view: Arc<dyn Fn() -> AnyView + Send + Sync> = Arc::new(move || row(owned.clone()));
                    (key(record), view)
                })
                .collect(),
            unreadable: page.unreadable.clone(),
            window: page.window(),
        })
    });
    erased_table(caption, headers, page, empty_text, href, pager_label)
}

fn erased_table(
    caption: String,
    headers: Vec<&'static str>,
    page: Signal<TablePage>,
    empty_text: String,
    href: Arc<dyn Fn(u64) -> String + Send + Sync>,
    pager_label: String,
) -> AnyView {
    view! {
        <div class="table-scroll">
            <table class="data-table">
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr>{headers.iter().map(|header| view! { <th scope="col">{*header}</th> }).collect_view()}</tr>
                </thead>
                <tbody>
                    <For
                        each=move || page.with(|page| page.rows.clone())
                        key=|(key, _): &Row| key.clone()
                        children=|(_, view): Row| view()
                    />
                    {move || {
                        page.with(|page| page.rows.is_empty())
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
                let (records, window) = (page.unreadable.clone(), page.window);
                let href = href.clone();
                view! {
                    <UnreadableNote records />
                    <Pager window href label=pager_label.clone() />
                }
            })
        }}
    }
    .into_any()
}

/// Says which records of a page could not be read, so none goes missing silently.
#[component]
pub fn UnreadableNote(records: Vec<UnreadableRecord>) -> impl IntoView {
    (!records.is_empty()).then(|| {
        let count = records.len();
        view! {
            <div class="warning" role="note">
                <p>{tn!("unreadable.note", count)}</p>
                <ul class="unreadable">
                    {records
                        .into_iter()
                        .map(|record| {
                            view! {
                                <li>
                                    <code>{record.id.unwrap_or_else(|| t!("unreadable.no_id").to_owned())}</code>
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
