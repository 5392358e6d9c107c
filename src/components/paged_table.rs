//! A table over one page of API records, with its pager: the details page's certificates,
//! log, activity and failures. Rows are keyed by each record's identity, so a refresh
//! keeps the rows (and the focus in them) of records that stay, rebuilt in place.

use std::sync::Arc;

use jobs_api::lenient::UnreadableRecord;
use jobs_api::paging::PageWindow;
use jobs_api::Page;
use jobs_api::{t, tn};
use leptos::prelude::*;

use crate::components::keyed_rows::keep_rows;
use crate::components::pager::Pager;
use crate::components::resource_view::{loaded_view, table_skeleton};
use crate::transport::live_refresh::Live;

/// One record's row: its key and how to build its view. Rows of two answers are equal only
/// when they are the same row, so every kept row is rebuilt (in place) for a new answer.
#[derive(Clone)]
struct Row {
    key: String,
    view: Arc<dyn Fn() -> AnyView + Send + Sync>,
}

impl PartialEq for Row {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.view, &other.view)
    }
}

/// A page of records as the table shows them, whatever their type: every table shares
/// one copy of the table's code (typed, each record type carried its own keyed list and
/// signal-reading code: 24 KB of wasm for four tables).
#[derive(Clone)]
struct TablePage {
    rows: Vec<Row>,
    unreadable: Vec<UnreadableRecord>,
    window: PageWindow,
}

impl TablePage {
    fn of<T: Clone + Send + Sync + 'static>(page: &Page<T>, key: fn(&T) -> String, row: fn(T) -> AnyView) -> Self {
        let rows = page
            .records
            .iter()
            .map(|record| {
                let owned = record.clone();
                Row { key: key(record), view: Arc::new(move || row(owned.clone())) }
            })
            .collect();
        Self { rows, unreadable: page.unreadable.clone(), window: page.window() }
    }
}

/// What a table says besides its rows.
pub struct TableText {
    /// Read by screen readers; the section heading shows it to everyone.
    pub caption: String,
    pub headers: Vec<&'static str>,
    pub empty: &'static str,
    /// The pager's label.
    pub pages: &'static str,
}

/// The table of a live page of records: a placeholder of `placeholder_rows` rows until
/// the first page loads, then the table, keyed by `key`, each record's row from `row`, and
/// its pager, whose page numbers `href` makes into addresses.
pub fn paged_table<T>(
    records: Live<Page<T>>,
    placeholder_rows: usize,
    text: TableText,
    key: fn(&T) -> String,
    row: fn(T) -> AnyView,
    href: Arc<dyn Fn(u64) -> String + Send + Sync>,
) -> AnyView
where
    T: Clone + Send + Sync + 'static,
{
    let text = Arc::new(text);
    loaded_view(
        records,
        move || table_skeleton(placeholder_rows),
        move |last_good| {
            // Built once per answer and read three times (rows, the empty row, the pager);
            // every new answer counts as a change (`last_good` changes only when the text does).
            let page = Memo::new_with_compare(
                move |_| {
                    last_good
                        .with(|loaded| {
                            loaded.as_ref().and_then(|loaded| loaded.downcast_ref::<Page<T>>()).map(|page| TablePage::of(page, key, row))
                        })
                        .expect("rendered only once a page has loaded")
                },
                |_, _| true,
            );
            erased_table(text.clone(), page, href.clone())
        },
    )
}

fn erased_table(text: Arc<TableText>, page: Memo<TablePage>, href: Arc<dyn Fn(u64) -> String + Send + Sync>) -> AnyView {
    let (empty_text, pager_text) = (text.clone(), text.clone());
    let body = NodeRef::<leptos::html::Tbody>::new();
    keep_rows(body, move |rows, element| {
        page.with(|page| rows.show(element, &page.rows, |row| row.key.as_str(), &|row: &Row, _| (row.view)(), false));
    });
    view! {
        <div class="table-scroll">
            <table class="data-table">
                <caption class="visually-hidden">{text.caption.clone()}</caption>
                <thead>
                    <tr>{text.headers.iter().map(|header| view! { <th scope="col">{*header}</th> }.into_any()).collect_view()}</tr>
                </thead>
                <tbody node_ref=body></tbody>
                <tbody>
                    {move || {
                        page.with(|page| page.rows.is_empty())
                            .then(|| {
                                view! {
                                    <tr>
                                        <td colspan=empty_text.headers.len().to_string() class="empty">
                                            {empty_text.empty}
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
                    <Pager window href label=pager_text.pages />
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
                                .into_any()
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}
