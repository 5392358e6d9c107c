//! The approvals inbox: every batch job waiting for approval, oldest request first, with
//! what an approver needs to decide it; decided one at a time or several at once.

use std::sync::Arc;

use jobs_api::approvals_view::ApprovalsView;
use jobs_api::client_error::ApiError;
use jobs_api::decision::Decision;
use jobs_api::format::human_size;
use jobs_api::{paths, BatchEnrollJob, JobDetails, JobSummary, Page};
use jobs_api::{t, tn};
use leptos::prelude::*;

use crate::browser::dates::{ago, DateTime};
use crate::components::fact::{size_text, text_or_dash};
use crate::components::keyed_rows::keep_rows;
use crate::components::open_job_by_id::OpenJobById;
use crate::components::paged_table::UnreadableNote;
use crate::components::pager::Pager;
use crate::components::resource_view::{resource_view, table_skeleton};
use crate::decisions::approval::{provide_decisions, ApprovalButtons, DecisionDialog};
use crate::decisions::bulk_run::BulkRun;
use crate::decisions::bulk_views::{BulkConfirmDialog, BulkResults};
use crate::reactive::effect::effect;
use crate::router::use_location;
use crate::router::Route;
use crate::state::current_user::use_current_user;
use crate::state::waiting_jobs::{use_waiting_jobs, Notify};
use crate::transport::live_refresh::live_get;

/// What a row shows of a record it loads itself: a placeholder until it comes, and
/// "unavailable" (the reason on hover) if it cannot be read; the row stays either way.
fn loaded<T>(record: &Option<Result<T, ApiError>>, show: impl FnOnce(&T) -> AnyView) -> AnyView {
    match record {
        None => view! {
            <span class="muted" aria-label=t!("inbox.loading")>
                "…"
            </span>
        }
        .into_any(),
        Some(Err(error)) => view! {
            <span class="muted" title=error.message()>
                {t!("inbox.unavailable")}
            </span>
        }
        .into_any(),
        Some(Ok(value)) => show(value),
    }
}

#[component]
fn WaitingJobRow(job: JobSummary, selected: RwSignal<Vec<String>>) -> impl IntoView {
    let id = job.id.clone();
    let batch = live_get::<BatchEnrollJob>(
        {
            let id = id.clone();
            move || paths::batch_job(&id)
        },
        |_| false,
    );
    let details = live_get::<JobDetails>(
        {
            let id = id.clone();
            move || paths::job(&id)
        },
        |_| false,
    );
    let requested_by = job.requester().map(str::to_owned);
    let checked = {
        let id = id.clone();
        move || selected.with(|selected| selected.contains(&id))
    };
    let toggle = {
        let id = id.clone();
        move |on: bool| {
            selected.update(|selected| {
                selected.retain(|other| *other != id);
                if on {
                    selected.push(id.clone());
                }
            })
        }
    };
    let enrollments = job.result.total.to_string();
    let shown_requester = requested_by.clone();
    // One closure for every cell the row's two records fill: one view type in the bundle.
    let cells = move || {
        let (batch, details) = (batch.get(), details.get());
        view! {
            <td data-label=t!(
                "inbox.column.profile"
            )>
                {loaded(&batch, |batch| text_or_dash(batch.enrollment_profile.as_ref().map(|profile| profile.name.clone())))}<br />
                <span class="muted">
                    {loaded(&details, |details| text_or_dash(details.certificate_type.as_ref().map(|kind| kind.label().to_owned())))}
                </span>
            </td>
            <td data-label=t!("fact.enrollments")>{enrollments.clone()}</td>
            <td data-label=t!(
                "fact.file"
            )>
                {loaded(
                    &batch,
                    |batch| {
                        view! {
                            {text_or_dash(batch.original_file_name.clone())}
                            {batch
                                .original_size
                                .as_ref()
                                .map(|size| {
                                    view! {
                                        <br />
                                        <span class="muted" title=size_text(size)>
                                            {size.known().map_or_else(|| size.to_string(), human_size)}
                                        </span>
                                    }
                                })}
                        }
                            .into_any()
                    },
                )}
            </td>
            <td data-label=t!("fact.requested_by")>{text_or_dash(shown_requester.clone())}</td>
            <td data-label=t!(
                "inbox.column.requested"
            )>
                {loaded(
                    &batch,
                    |batch| {
                        let since = batch.created_at.as_deref().and_then(ago);
                        view! {
                            <DateTime value=batch.created_at.clone() />
                            {since
                                .map(|since| {
                                    view! {
                                        <br />
                                        <span class="muted">{since}</span>
                                    }
                                })}
                        }
                            .into_any()
                    },
                )}
            </td>
        }
    };
    view! {
        <tr>
            <td class="select-cell" data-label=t!("inbox.column.select")>
                <input
                    type="checkbox"
                    aria-label=t!("inbox.select_job", job = id)
                    prop:checked=checked
                    on:change:target=move |event| toggle(event.target().checked())
                />
            </td>
            <th scope="row" data-label=t!("bulk.column.job")>
                <a
                    href=Route::JobDetails {
                        id: id.clone(),
                    }
                        .href()
                    class="job-link"
                    translate="no"
                    title=id.clone()
                >
                    {id.clone()}
                </a>
            </th>
            {cells}
            <td data-label=t!("inbox.column.decide")>
                <ApprovalButtons job_id=id.clone() requested_by />
            </td>
        </tr>
    }
}

#[component]
fn NotificationToggle() -> impl IntoView {
    let waiting = use_waiting_jobs();
    move || match waiting.notify.get() {
        Notify::Unsupported => ().into_any(),
        Notify::Off => view! {
            <button type="button" class="button" on:click=move |_| waiting.enable_notifications()>
                {t!("inbox.notify_on")}
            </button>
        }
        .into_any(),
        Notify::On => view! {
            <span class="muted">{t!("inbox.notifying")}</span>
            " "
            <button type="button" class="button button-quiet" on:click=move |_| waiting.disable_notifications()>
                {t!("inbox.notify_off")}
            </button>
        }
        .into_any(),
        Notify::Blocked => view! { <span class="muted">{t!("inbox.notify_blocked")}</span> }.into_any(),
    }
}

#[component]
pub fn ApprovalsPage() -> impl IntoView {
    let location = use_location();
    let waiting = use_waiting_jobs();
    let current_user = use_current_user();
    let connection = crate::transport::connection::use_connection();
    let notifications = crate::state::notifications::use_notifications();
    let view = Memo::new(move |_| {
        location.query.with(|query| ApprovalsView::from_query(query.iter().map(|(key, value)| (key.as_str(), value.as_str()))))
    });
    let reloads = RwSignal::new(0u64);
    // Reloaded when the count changes: a job started waiting, or one was decided.
    let list = live_get(
        move || {
            reloads.track();
            // Read, not tracked: see job_details/mod.rs on `Track` for a memo.
            waiting.count.with(|_| ());
            paths::job_list(&view.with(|view| view.list_query().to_query_string()))
        },
        |_: &Page<JobSummary>| false,
    );
    let selected = RwSignal::new(Vec::<String>::new());
    effect(move || {
        view.with(|_| ());
        selected.set(Vec::new());
    });
    let on_changed = Callback::new(move |_| {
        reloads.update(|count| *count += 1);
        waiting.refresh();
    });
    provide_decisions(on_changed);
    let asking = RwSignal::new(None::<Decision>);
    let run = RwSignal::new(None::<BulkRun>);
    let page_jobs = Memo::new(move |_| list.get().and_then(Result::ok).map(|page| page.records).unwrap_or_default());
    let confirm = Callback::new(move |decision: Decision| {
        asking.set(None);
        let jobs = page_jobs.with_untracked(|jobs| {
            selected.with_untracked(|selected| {
                jobs.iter()
                    .filter(|job| selected.contains(&job.id))
                    .map(|job| {
                        let barred = current_user.barred_from(decision, job.requester());
                        (job.id.clone(), barred.map(str::to_owned))
                    })
                    .collect()
            })
        });
        let settings = connection.settings.get_untracked();
        let timeout_ms = connection.config.with_value(|config| config.decision_timeout_ms());
        selected.set(Vec::new());
        run.set(Some(BulkRun::start(decision, jobs, settings, timeout_ms, notifications, on_changed)));
    });
    let own_selected = Signal::derive(move || {
        page_jobs.with(|jobs| {
            selected.with(|selected| jobs.iter().filter(|job| selected.contains(&job.id) && current_user.is(job.requester())).count())
        })
    });
    let go = move |next: ApprovalsView| location.navigate(&Route::Approvals.href_with(&next.query()), false);
    let search = NodeRef::<leptos::html::Input>::new();
    let on_search = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let q = search.get().map(|input| input.value().trim().to_owned()).unwrap_or_default();
        go(ApprovalsView { q, page: 1 });
    };
    let table = move |page: Signal<Page<JobSummary>>| {
        let all_selected = move || {
            page.with(|page| {
                !page.records.is_empty() && selected.with(|selected| page.records.iter().all(|job| selected.contains(&job.id)))
            })
        };
        let select_all = move |on: bool| {
            selected.set(if on { page.with(|page| page.records.iter().map(|job| job.id.clone()).collect()) } else { Vec::new() })
        };
        let count = move || selected.with(Vec::len);
        let body = NodeRef::<leptos::html::Tbody>::new();
        keep_rows(body, move |rows, element| {
            let row = |job: &JobSummary, _: Option<&JobSummary>| view! { <WaitingJobRow job=job.clone() selected /> }.into_any();
            page.with(|page| rows.show(element, &page.records, |job| job.id.as_str(), &row, false));
        });
        view! {
            <div class="bulk-bar" role="toolbar" aria-label=t!("inbox.selected_jobs")>
                <div class="field field-checkbox">
                    <input
                        id="select-page"
                        type="checkbox"
                        prop:checked=all_selected
                        on:change:target=move |event| select_all(event.target().checked())
                    />
                    <label for="select-page">{t!("inbox.select_page")}</label>
                </div>
                <span aria-live="polite">{move || tn!("inbox.selected", count())}</span>
                <button
                    type="button"
                    class="button button-primary"
                    disabled=move || count() == 0 || run.with(|run| run.is_some_and(|run| run.running.get()))
                    on:click=move |_| asking.set(Some(Decision::Approve))
                >
                    {t!("inbox.approve_selected")}
                </button>
                <button
                    type="button"
                    class="button button-danger"
                    disabled=move || count() == 0 || run.with(|run| run.is_some_and(|run| run.running.get()))
                    on:click=move |_| asking.set(Some(Decision::Reject))
                >
                    {t!("inbox.reject_selected")}
                </button>
            </div>
            <div class="table-scroll">
                <table class="data-table inbox">
                    <caption class="visually-hidden">{t!("inbox.caption")}</caption>
                    <thead>
                        <tr>
                            <th scope="col" class="select-cell">
                                <span class="visually-hidden">{t!("inbox.column.select")}</span>
                            </th>
                            {[
                                t!("bulk.column.job"),
                                t!("inbox.column.profile"),
                                t!("fact.enrollments"),
                                t!("fact.file"),
                                t!("fact.requested_by"),
                                t!("inbox.column.requested"),
                                t!("inbox.column.decide"),
                            ]
                                .map(|header| view! { <th scope="col">{header}</th> })}
                        </tr>
                    </thead>
                    <tbody node_ref=body></tbody>
                    <tbody>
                        {move || {
                            page.with(|page| page.records.is_empty())
                                .then(|| {
                                    view! {
                                        <tr>
                                            <td colspan="8" class="empty">
                                                {move || {
                                                    if view.with(|view| view.q.is_empty()) {
                                                        t!("inbox.none").to_owned()
                                                    } else {
                                                        t!("inbox.no_match", text = view.with(|view| view.q.clone()))
                                                    }
                                                }}
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
                    let current = view.get();
                    view! {
                        <UnreadableNote records />
                        <Pager
                            window
                            label=t!("inbox.pages")
                            href=Arc::new(move |page| {
                                Route::Approvals
                                    .href_with(
                                        &ApprovalsView {
                                            page,
                                            ..current.clone()
                                        }
                                            .query(),
                                    )
                            })
                        />
                    }
                })
            }}
        }
    };
    view! {
        <div class="page">
            <h1>{t!("nav.approvals")}</h1>
            <p class="muted inbox-summary">
                {move || match waiting.count.get() {
                    Some(0) => t!("inbox.none").to_owned(),
                    Some(count) => tn!("inbox.waiting", count),
                    None => String::new(),
                }}
            </p>
            <div class="inbox-tools">
                <form class="search-row" role="search" aria-label=t!("inbox.search_label") on:submit=on_search>
                    <label for="approvals-search" class="visually-hidden">
                        {t!("filters.search_label")}
                    </label>
                    <input
                        id="approvals-search"
                        type="search"
                        node_ref=search
                        prop:value=move || view.with(|view| view.q.clone())
                        placeholder=t!("filters.search_label")
                        autocomplete="off"
                    />
                    <button type="submit" class="button">
                        {t!("filters.search")}
                    </button>
                    {move || {
                        view.with(|view| !view.q.is_empty())
                            .then(|| {
                                view! {
                                    <button type="button" class="button button-quiet" on:click=move |_| go(ApprovalsView::default())>
                                        {t!("inbox.clear_search")}
                                    </button>
                                }
                            })
                    }}
                </form>
                <NotificationToggle />
            </div>
            <DecisionDialog />
            <BulkConfirmDialog asking selected own_selected on_confirm=confirm />
            {move || run.get().map(|bulk| view! { <BulkResults run=bulk on_dismiss=Callback::new(move |_| run.set(None)) /> })}
            <OpenJobById />
            <section class="card" aria-label=t!("inbox.section")>
                {resource_view(list, || table_skeleton(6), table)}
            </section>
        </div>
    }
}
