//! What happened to a job, newest first: requested, decided, started, finished, downloads.

use std::sync::Arc;

use jobs_api::t;
use jobs_api::{JobActivity, Page};
use leptos::prelude::*;

use crate::browser::dates::DateTime;
use crate::components::fact::text_or_dash;
use crate::components::paged_table::{paged_table, TableText};
use crate::transport::live_refresh::Live;

fn activity_row(entry: JobActivity) -> AnyView {
    view! {
        <tr>
            <th scope="row" data-label=t!("column.what")>
                {entry.action.label().to_owned()}
            </th>
            <td data-label=t!("column.who")>{text_or_dash(entry.user)}</td>
            <td data-label=t!("column.when")>
                <DateTime value=entry.date />
            </td>
        </tr>
    }
    .into_any()
}

#[component]
pub fn ActivitySection(activity: Live<Page<JobActivity>>, href: Arc<dyn Fn(u64) -> String + Send + Sync>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="activity-heading">
            <h2 id="activity-heading">{t!("activity.heading")}</h2>
            {paged_table(
                activity,
                3,
                TableText {
                    caption: t!("activity.caption").to_owned(),
                    headers: vec![t!("column.what"), t!("column.who"), t!("column.when")],
                    empty: t!("activity.empty"),
                    pages: t!("activity.pages"),
                },
                |entry: &JobActivity| format!("{} {}", entry.action.as_wire(), entry.date.as_deref().unwrap_or_default()),
                activity_row,
                href,
            )}
        </section>
    }
}
