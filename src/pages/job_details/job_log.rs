//! A job's log of downloads, newest first, a page at a time.

use std::sync::Arc;

use jobs_api::t;
use jobs_api::{JobLogEntry, Page};
use leptos::prelude::*;

use crate::transport::live_refresh::Live;

use crate::browser::dates::DateTime;
use crate::components::fact::text_or_dash;
use crate::components::paged_table::{paged_table, TableText};

fn log_row(entry: JobLogEntry) -> AnyView {
    view! {
        <tr>
            <td data-label=t!("column.action")>{entry.action.label().to_owned()}</td>
            <td data-label=t!("column.downloaded_from")>{entry.downloaded_from.label().to_owned()}</td>
            <td data-label=t!("column.user")>{text_or_dash(entry.user)}</td>
            <td data-label=t!("column.date")>
                <DateTime value=entry.date />
            </td>
        </tr>
    }
    .into_any()
}

#[component]
pub fn JobLogSection(log: Live<Page<JobLogEntry>>, href: Arc<dyn Fn(u64) -> String + Send + Sync>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="log-heading">
            <h2 id="log-heading">{t!("log.heading")}</h2>
            {paged_table(
                log,
                3,
                TableText {
                    caption: t!("log.caption").to_owned(),
                    headers: vec![t!("column.action"), t!("column.downloaded_from"), t!("column.user"), t!("column.date")],
                    empty: t!("log.empty"),
                    pages: t!("log.pages"),
                },
                |entry: &JobLogEntry| entry.id.clone(),
                log_row,
                href,
            )}
        </section>
    }
}
