//! The landing page: *Completed jobs* and *Draft jobs*, with filters, sorting and paging
//! kept in the URL so a link reproduces the view.

pub mod jobs_table;

use std::sync::Arc;

use jobs_api::client_error::ApiError;
use jobs_api::endpoints::Endpoint;
use jobs_api::jobs_view::JobsView;
use jobs_api::paging::PAGE_SIZES;
use jobs_api::query::{JobListQuery, JobSort};
use jobs_api::t;
use jobs_api::{JobSummary, OpenEnum, Page};
use leptos::prelude::*;

use jobs_table::JobsTable;

use crate::router::Route;

use crate::components::csv_export::{export_csv, job_list_pages};
use crate::components::error_panel::ErrorPanel;
use crate::components::open_job_by_id::OpenJobById;
use crate::components::pager::Pager;
use crate::components::resource_view::{resource_view, table_skeleton};
use crate::decisions::approval::{provide_decisions, DecisionDialog};
use crate::router::use_location;
use crate::transport::live_refresh::{live_get, Live};

fn jobs_url(view: &JobsView) -> String {
    Route::Jobs.href_with(&view.to_query_string())
}

/// One table's page, refetched after decisions and, while it shows jobs that still
/// move, on the poll interval.
fn jobs_resource(
    query: impl Fn() -> JobListQuery + Send + Sync + 'static,
    reloads: RwSignal<u64>,
    poll_moving_jobs: bool,
) -> Live<Page<JobSummary>> {
    live_get(
        move || {
            reloads.track();
            jobs_api::paths::job_list(&query().to_query_string())
        },
        move |page: &Page<JobSummary>| poll_moving_jobs && page.records.iter().any(|job| !job.is_settled()),
    )
}

/// A choice among an enum's known values, or all of them (no filter).
#[component]
fn EnumFilter<E: OpenEnum + Send + Sync>(
    id: &'static str,
    label: &'static str,
    all_label: &'static str,
    selected: Signal<Option<E>>,
    on_select: Callback<Option<E>>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select
                id=id
                on:change:target=move |event| {
                    let value = event.target().value();
                    on_select.run((!value.is_empty()).then(|| E::from_wire(&value)));
                }
            >
                <option value="" selected=move || selected.with(Option::is_none)>
                    {all_label}
                </option>
                {E::KNOWN
                    .iter()
                    .map(|known| {
                        view! {
                            <option value=known.as_wire().to_owned() selected=move || selected.with(|value| value.as_ref() == Some(known))>
                                {known.label().to_owned()}
                            </option>
                        }
                            .into_any()
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

#[component]
fn FilterBar(view: Memo<JobsView>, go: Callback<JobsView>) -> impl IntoView {
    let search = NodeRef::<leptos::html::Input>::new();
    let change = move |apply: Box<dyn FnOnce(&mut JobsView)>| go.run(view.get_untracked().with_filters_changed(apply));
    let filtered = Memo::new(move |_| view.with(JobsView::is_filtered));
    let on_search = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let text = search.get().map(|input| input.value()).unwrap_or_default();
        change(Box::new(move |view| view.q = text.trim().to_owned()));
    };
    // Below 640 px the filters fold behind one button.
    let unfolded = RwSignal::new(false);
    view! {
        <button
            type="button"
            class="button filters-toggle"
            aria-expanded=move || unfolded.get().to_string()
            aria-controls="filters"
            on:click=move |_| unfolded.update(|open| *open = !*open)
        >
            {move || if filtered.get() { t!("filters.toggle_on") } else { t!("filters.toggle") }}
        </button>
        <form id="filters" class="filters" class:unfolded=unfolded role="search" aria-label=t!("filters.label") on:submit=on_search>
            <div class="field">
                <label for="job-search">{t!("filters.search_label")}</label>
                <div class="search-row">
                    <input
                        id="job-search"
                        type="search"
                        node_ref=search
                        prop:value=move || view.with(|view| view.q.clone())
                        placeholder=t!("filters.search_example")
                        autocomplete="off"
                    />
                    <button type="submit" class="button">
                        {t!("filters.search")}
                    </button>
                </div>
            </div>
            <EnumFilter
                id="job-type"
                label=t!("column.job_type")
                all_label=t!("filters.all_types")
                selected=Signal::derive(move || view.with(|view| view.job_type.clone()))
                on_select=Callback::new(move |value| change(Box::new(move |view| view.job_type = value)))
            />
            <EnumFilter
                id="job-state"
                label=t!("column.job_state")
                all_label=t!("filters.all_states")
                selected=Signal::derive(move || view.with(|view| view.state.clone()))
                on_select=Callback::new(move |value| change(Box::new(move |view| view.state = value)))
            />
            <div class="field field-checkbox">
                <input
                    id="awaiting"
                    type="checkbox"
                    prop:checked=move || view.with(|view| view.awaiting_approval)
                    on:change:target=move |event| {
                        let checked = event.target().checked();
                        change(Box::new(move |view| view.awaiting_approval = checked));
                    }
                />
                <label for="awaiting">{t!("batch_status.pending_approval")}</label>
            </div>
            <div class="field">
                <label for="page-size">{t!("filters.page_size")}</label>
                <select
                    id="page-size"
                    on:change:target=move |event| {
                        let size = event.target().value().parse().unwrap_or(20);
                        change(Box::new(move |view| view.page_size = size));
                    }
                >
                    {PAGE_SIZES
                        .iter()
                        .map(|size| {
                            let size = *size;
                            view! {
                                <option value=size.to_string() selected=move || view.with(|view| view.page_size == size)>
                                    {size}
                                </option>
                            }
                                .into_any()
                        })
                        .collect_view()}
                </select>
            </div>
            {move || {
                view.with(|current| current.device_group.clone())
                    .map(|(_, name)| {
                        view! {
                            <div class="chip">
                                <span>{t!("filters.device_group")} " " <span translate="no">{name.clone()}</span></span>
                                <button
                                    type="button"
                                    class="button-quiet"
                                    aria-label=t!("filters.remove_group", group = name)
                                    on:click=move |_| change(Box::new(|view| view.device_group = None))
                                >
                                    "×"
                                </button>
                            </div>
                        }
                    })
            }}
            {move || {
                filtered
                    .get()
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="button button-quiet"
                                on:click=move |_| {
                                    go.run(JobsView {
                                        page_size: view.get_untracked().page_size,
                                        ..JobsView::default()
                                    })
                                }
                            >
                                {t!("filters.clear")}
                            </button>
                        }
                    })
            }}
        </form>
    }
}

/// What an empty table says: which filters emptied it, or `unfiltered`.
fn empty_text(filters: &[String], unfiltered: &str) -> String {
    if filters.is_empty() {
        unfiltered.to_owned()
    } else {
        t!("jobs.no_match", filters = filters.join(t!("filters.and")))
    }
}

/// Says above a table which filters narrow it, with a one-click way out.
#[component]
fn FilterNote(view: Memo<JobsView>, drafts: bool, clear: Callback<()>) -> impl IntoView {
    move || {
        let words = view.with(|view| view.filters_in_words(drafts));
        (!words.is_empty()).then(|| {
            view! {
                <p class="filter-note" role="note">
                    {t!("filters.note", filters = words.join(t!("list.separator")))}
                    " "
                    <button type="button" class="link-button" on:click=move |_| clear.run(())>
                        {t!("filters.clear")}
                    </button>
                </p>
            }
        })
    }
}

#[component]
pub fn JobsPage() -> impl IntoView {
    let location = use_location();
    let view = Memo::new(move |_| {
        location.query.with(|query| JobsView::from_query(query.iter().map(|(key, value)| (key.as_str(), value.as_str()))))
    });
    let go = Callback::new(move |next: JobsView| location.navigate(&jobs_url(&next), false));
    let reloads = RwSignal::new(0u64);
    let completed = jobs_resource(move || view.get().completed_query(), reloads, true);
    // Drafts never move; their table only retries failures.
    let drafts = jobs_resource(move || view.get().draft_query(), reloads, false);
    provide_decisions(Callback::new(move |_| reloads.update(|count| *count += 1)));
    let on_group = Callback::new(move |group: jobs_api::NamedRef| {
        go.run(view.get_untracked().with_filters_changed(|view| view.device_group = Some((group.id, group.name))))
    });

    let clear = Callback::new(move |_| go.run(JobsView { page_size: view.get_untracked().page_size, ..JobsView::default() }));
    // The two tables, completed jobs and drafts, differ only in their words and in which
    // sort and page of the view they follow.
    let jobs_table = move |drafts: bool| {
        let (caption, empty, pages) = if drafts {
            (t!("jobs.drafts"), t!("jobs.drafts.empty"), t!("jobs.drafts.pages"))
        } else {
            (t!("jobs.completed"), t!("jobs.completed.empty"), t!("jobs.completed.pages"))
        };
        move |page: Signal<Page<JobSummary>>| {
            view! {
                <JobsTable
                    caption
                    page
                    sort=Signal::derive(move || view.with(|view| view.sort_of(drafts)))
                    on_sort=Callback::new(move |sort: JobSort| go.run(view.get_untracked().sorted(drafts, sort)))
                    on_group
                    empty_text=Signal::derive(move || empty_text(&view.with(|view| view.filters_in_words(drafts)), empty))
                />
                {move || {
                    let window = page.with(Page::window);
                    let current = view.get();
                    view! { <Pager window label=pages href=Arc::new(move |page| jobs_url(&current.on_page(drafts, page))) /> }
                }}
            }
        }
    };
    // A tenant without the (inferred) job list: one calm note, the way to a job by id, and
    // no filters or export over a list there is not.
    let listed = Memo::new(move |_| !matches!(completed.error(), Some(ApiError::NotProvided { .. })));
    // The export follows the filters and sort, not the page shown.
    let export_query = Memo::new(move |_| view.with(|view| JobListQuery { offset: 0, ..view.completed_query() }));
    view! {
        <div class="page">
            <h1>{t!("nav.jobs")}</h1>
            <DecisionDialog />
            <OpenJobById />
            {move || {
                if listed.get() {
                    view! {
                        <FilterBar view go />
                        {move || export_csv::<JobSummary>(t!("jobs.export"), "jobs.csv".into(), job_list_pages(export_query.get()))}
                        <section class="card job-list" aria-label=t!("jobs.completed")>
                            <FilterNote view drafts=false clear />
                            {resource_view(completed, || table_skeleton(8), jobs_table(false))}
                        </section>
                        <section class="card job-list" aria-label=t!("jobs.drafts")>
                            <FilterNote view drafts=true clear />
                            {resource_view(drafts, || table_skeleton(4), jobs_table(true))}
                        </section>
                    }
                        .into_any()
                } else {
                    view! {
                        <ErrorPanel
                            error=ApiError::NotProvided {
                                endpoint: Endpoint::JobList,
                            }
                            on_retry=Callback::new(|_| ())
                        />
                    }
                        .into_any()
                }
            }}
        </div>
    }
}
