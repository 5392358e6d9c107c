//! The devices a job failed for, with the count per reason at the top; a reason filters
//! the list (kept in the URL, so the filtered list can be shared).

use std::sync::Arc;

use jobs_api::details_view::JobDetailsView;
use jobs_api::paging::{DEFAULT_LIMIT, MAX_LIMIT};
use jobs_api::t;
use jobs_api::{paths, FailureReasonCount, JobFailure, Page};
use leptos::prelude::*;

use crate::browser::dates::DateTime;
use crate::components::csv_export::{export_csv, PagePath};
use crate::components::fact::text_or_dash;
use crate::components::paged_table::{paged_table, TableText};
use crate::components::resource_view::{resource_view, table_skeleton};
use crate::transport::live_refresh::live_get;

fn failure_row(failure: JobFailure) -> AnyView {
    view! {
        <tr>
            <th scope="row" data-label=t!("column.device")>
                {text_or_dash(failure.device.map(|device| device.name))}
            </th>
            <td data-label=t!("column.reason")>{failure.message.unwrap_or(failure.reason_code)}</td>
            <td data-label=t!("column.date")>
                <DateTime value=failure.date />
            </td>
        </tr>
    }
    .into_any()
}

fn reason_text(reason: &FailureReasonCount) -> String {
    reason.message.clone().filter(|message| !message.is_empty()).unwrap_or_else(|| reason.reason_code.clone())
}

#[component]
pub fn FailuresSection(
    job_id: Signal<String>,
    /// Read to read the lists again when the job moves (see the details page).
    follows_job: Memo<super::Stage>,
    view: Memo<JobDetailsView>,
) -> impl IntoView {
    let location = crate::router::use_location();
    let reason = Memo::new(move |_| view.with(|view| view.failure_reason.clone()));
    let summary = live_get(
        move || {
            follows_job.with(|_| ());
            paths::job_failure_summary(&job_id.get())
        },
        |_: &Vec<FailureReasonCount>| false,
    );
    let failures = live_get(
        move || {
            follows_job.with(|_| ());
            let (page, reason) = view.with(|view| (view.failures_page, view.failure_reason.clone()));
            paths::job_failures(&job_id.get(), reason.as_deref(), DEFAULT_LIMIT, (page - 1) * DEFAULT_LIMIT)
        },
        |_: &Page<JobFailure>| false,
    );
    let on_reason = Callback::new(move |failure_reason: Option<String>| {
        let next = JobDetailsView { failure_reason, failures_page: 1, ..view.get_untracked() };
        location.navigate(&super::job_href(&job_id.get_untracked(), &next), false);
    });
    let href: Arc<dyn Fn(u64) -> String + Send + Sync> =
        Arc::new(move |failures_page| super::job_href(&job_id.get_untracked(), &JobDetailsView { failures_page, ..view.get_untracked() }));
    let reasons = move |summary: Signal<Vec<FailureReasonCount>>| {
        let items = move || {
            let chosen = reason.get();
            summary.with(|summary| {
                summary
                    .iter()
                    .map(|count| {
                        let code = count.reason_code.clone();
                        let pressed = chosen.as_deref() == Some(code.as_str());
                        let next = (!pressed).then_some(code);
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="button reason"
                                    aria-pressed=pressed.to_string()
                                    on:click=move |_| on_reason.run(next.clone())
                                >
                                    {reason_text(count)}
                                    " — "
                                    <strong>{count.count.to_string()}</strong>
                                </button>
                            </li>
                        }
                        .into_any()
                    })
                    .collect_view()
            })
        };
        view! {
            <ul class="reasons" aria-label=t!("failures.reasons")>
                {items}
            </ul>
        }
    };
    // The export is offered only for failures this API could list.
    let listed = Memo::new(move |_| failures.get().is_some_and(|result| result.is_ok()));
    view! {
        <section class="card" aria-labelledby="failures-heading">
            <h2 id="failures-heading">{t!("failures.heading")}</h2>
            {resource_view(summary, || table_skeleton(1), reasons)}
            {move || {
                listed
                    .get()
                    .then(|| {
                        let reason = reason.get();
                        let file_name = format!(
                            "{}-failures{}.csv",
                            job_id.get_untracked(),
                            reason.as_deref().map(|code| format!("-{code}")).unwrap_or_default(),
                        );
                        let pages: PagePath = Arc::new(move |offset| paths::job_failures(
                            &job_id.get_untracked(),
                            reason.as_deref(),
                            MAX_LIMIT,
                            offset,
                        ));
                        export_csv::<JobFailure>(t!("failures.export"), file_name, pages)
                    })
            }}
            {move || {
                reason
                    .get()
                    .map(|code| {
                        view! {
                            <p class="filter-note">
                                {t!("failures.only_reason")} " " <code>{code}</code> " "
                                <button type="button" class="link-button" on:click=move |_| on_reason.run(None)>
                                    {t!("failures.every_reason")}
                                </button>
                            </p>
                        }
                    })
            }}
            {paged_table(
                failures,
                4,
                TableText {
                    caption: t!("failures.caption").to_owned(),
                    headers: vec![t!("column.device"), t!("column.reason"), t!("column.date")],
                    empty: t!("failures.empty"),
                    pages: t!("failures.pages"),
                },
                |failure: &JobFailure| failure.device.as_ref().map(|device| device.id.clone()).unwrap_or_default(),
                failure_row,
                href,
            )}
        </section>
    }
}
