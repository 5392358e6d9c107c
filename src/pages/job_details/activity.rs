//! What happened to a job, newest first: requested, decided, started, finished, downloads.

use std::sync::Arc;

use jobs_api::{JobActivity, Page};
use leptos::prelude::*;

use crate::browser::dates::DateTime;
use crate::components::fact::text_or_dash;
use crate::components::paged_table::PagedTable;
use crate::components::resource_view::{resource_view, table_skeleton};
use crate::transport::live_refresh::Live;

fn activity_row(entry: JobActivity) -> AnyView {
    view! {
        <tr>
            <th scope="row" data-label="What">
                {entry.action.label().to_owned()}
            </th>
            <td data-label="Who">{text_or_dash(entry.user)}</td>
            <td data-label="When">
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
            <h2 id="activity-heading">"Activity"</h2>
            {resource_view(
                activity,
                || table_skeleton(3),
                move |page| {
                    view! {
                        <PagedTable
                            caption="Job activity, newest first"
                            headers=&["What", "Who", "When"]
                            page
                            key=|entry: &JobActivity| format!("{} {}", entry.action.as_wire(), entry.date.as_deref().unwrap_or_default())
                            row=activity_row
                            empty_text="Nothing recorded yet."
                            href=href.clone()
                            pager_label="Activity pages"
                        />
                    }
                },
            )}
        </section>
    }
}
