//! The table behind both *Completed jobs* and *Draft jobs*: the seed's columns, sortable
//! headers with `aria-sort`, approve/reject on rows that wait, progress on running jobs.

use jobs_api::i18n::{text, Key};
use jobs_api::query::{JobSort, SortField};
use jobs_api::t;
use jobs_api::{JobSummary, NamedRef, Page};
use leptos::prelude::*;

use crate::router::Route;
use wasm_bindgen::JsCast;

use crate::browser::dates::DateTime;
use crate::components::keyed_rows::keep_rows;
use crate::components::paged_table::UnreadableNote;
use crate::components::progress_bar::ProgressBar;
use crate::components::status_badge::JobStateBadge;
use crate::decisions::approval::ApprovalButtons;

static COLUMNS: [(Key, SortField); 6] = [
    (Key::new("column.job_id"), SortField::Id),
    (Key::new("column.job_type"), SortField::JobType),
    (Key::new("column.job_state"), SortField::State),
    (Key::new("column.job_result"), SortField::Result),
    (Key::new("column.device_group"), SortField::DeviceGroup),
    (Key::new("column.job_run_date"), SortField::RunDate),
];

#[component]
fn SortHeader(label: &'static str, field: SortField, sort: Signal<JobSort>, on_sort: Callback<JobSort>) -> impl IntoView {
    let aria_sort = move || match sort.with(|sort| (sort.field == field, sort.descending)) {
        (false, _) => "none",
        (true, false) => "ascending",
        (true, true) => "descending",
    };
    let next = move || {
        let sort = sort.get_untracked();
        if sort.field == field {
            sort.reversed()
        } else {
            JobSort { field, descending: field == SortField::RunDate }
        }
    };
    view! {
        <th scope="col" aria-sort=aria_sort>
            <button type="button" class="sort-button" on:click=move |_| on_sort.run(next())>
                {label}
                <span class="sort-arrow" aria-hidden="true">
                    {move || match aria_sort() {
                        "ascending" => "▲",
                        "descending" => "▼",
                        _ => "↕",
                    }}
                </span>
            </button>
        </th>
    }
}

#[component]
fn ResultCell(job: JobSummary) -> impl IntoView {
    let progress = job.result.processed().zip(job.result.total.known()).filter(|_| job.is_running());
    let result = job.result;
    view! {
        <span class="result" title=t!("jobs.result_order")>
            <span class="result-failed">{result.failed.to_string()}</span>
            " / "
            <span class="result-successful">{result.successful.to_string()}</span>
            " / "
            <span>{result.total.to_string()}</span>
            <span class="visually-hidden">" (" {t!("jobs.result_order")} ")"</span>
        </span>
        {progress.map(|(done, total)| view! { <ProgressBar done total label=t!("jobs.progress", job = job.id) /> })}
    }
}

/// The row of one job: rebuilt in place when the job changes (its elements stay).
fn job_row(job: &JobSummary, with_actions: bool) -> AnyView {
    view! { <tr class:row-attention=job.awaits_approval()>{job_cells(job.clone(), with_actions)}</tr> }.into_any()
}

/// The device group a click in the rows' body was on: its button carries the group's id
/// (one listener for every row, not one per row).
fn group_clicked(event: &web_sys::MouseEvent) -> Option<NamedRef> {
    let target: web_sys::Element = event.target()?.dyn_into().ok()?;
    let button = target.closest("button.link-button[value]").ok()??;
    Some(NamedRef { id: button.get_attribute("value")?, name: button.text_content().unwrap_or_default() })
}

fn job_cells(job: JobSummary, with_actions: bool) -> impl IntoView {
    let href = Route::JobDetails { id: job.id.clone() }.href();
    let awaits = job.awaits_approval();
    let (id, link_text) = (job.id.clone(), job.id.clone());
    let requested_by = job.requester().map(str::to_owned);
    view! {
        <th scope="row" data-label=t!("column.job_id")>
            <a href=href class="job-link" translate="no">
                {link_text}
            </a>
        </th>
        <td data-label=t!("column.job_type")>{job.job_type.label().to_owned()}</td>
        <td data-label=t!("column.job_state")>
            <JobStateBadge job=job.clone() />
        </td>
        <td data-label=t!("column.job_result")>
            <ResultCell job=job.clone() />
        </td>
        <td data-label=t!(
            "column.device_group"
        )>
            {match job.device_group.clone() {
                Some(group) => {
                    view! {
                        <button type="button" class="link-button" translate="no" title=t!("jobs.only_group") value=group.id>
                            {group.name}
                        </button>
                    }
                        .into_any()
                }
                None => view! { <span class="muted">"—"</span> }.into_any(),
            }}
        </td>
        <td data-label=t!("column.job_run_date")>
            <DateTime value=job.run_date.clone() />
        </td>
        {with_actions
            .then(|| {
                view! {
                    <td data-label=t!(
                        "column.actions"
                    )>{awaits.then(|| view! { <ApprovalButtons job_id=id requested_by=requested_by.clone() /> })}</td>
                }
            })}
    }
}

/// A kept row off the longest run still in order is moved (`KeyedRows`), and moving an
/// element blurs it: give the focus back to the same element once the update is done.
fn keep_focus(body: NodeRef<leptos::html::Tbody>) {
    let Some(focused) = document().active_element() else { return };
    if !body.get_untracked().is_some_and(|body| body.contains(Some(&focused))) {
        return;
    }
    request_animation_frame(move || {
        let lost = document().active_element().is_none_or(|now| now != focused);
        if lost && focused.is_connected() {
            if let Some(element) = focused.dyn_ref::<web_sys::HtmlElement>() {
                let _ = element.focus();
            }
        }
    });
}

#[component]
pub fn JobsTable(
    #[prop(into)] caption: String,
    page: Signal<Page<JobSummary>>,
    sort: Signal<JobSort>,
    on_sort: Callback<JobSort>,
    /// Shows only the jobs of one device group.
    on_group: Callback<NamedRef>,
    empty_text: Signal<String>,
) -> impl IntoView {
    let with_actions = Memo::new(move |_| page.with(|page| page.records.iter().any(JobSummary::awaits_approval)));
    let body = NodeRef::<leptos::html::Tbody>::new();
    let mut shown_with_actions = None;
    keep_rows(body, move |rows, element| {
        let actions = with_actions.get();
        let rebuild_all = shown_with_actions.replace(actions).is_some_and(|shown| shown != actions);
        let row = |job: &JobSummary| job_row(job, actions);
        page.with(|page| rows.show(element, &page.records, |job| job.id.as_str(), &row, rebuild_all));
        keep_focus(body);
    });
    view! {
        <div class="table-scroll">
            <table class="data-table">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        {COLUMNS
                            .iter()
                            .map(|(key, field)| view! { <SortHeader label=text(key) field=*field sort on_sort /> })
                            .collect_view()} {move || with_actions.get().then(|| view! { <th scope="col">{t!("column.actions")}</th> })}
                    </tr>
                </thead>
                <tbody
                    node_ref=body
                    on:click=move |event| {
                        if let Some(group) = group_clicked(&event) {
                            on_group.run(group);
                        }
                    }
                ></tbody>
                <tbody>
                    {move || {
                        page.with(|page| page.records.is_empty())
                            .then(|| {
                                view! {
                                    <tr>
                                        <td colspan=COLUMNS.len().to_string() class="empty">
                                            {empty_text.get()}
                                        </td>
                                    </tr>
                                }
                            })
                    }}
                </tbody>
            </table>
        </div>
        {move || view! { <UnreadableNote records=page.with(|page| page.unreadable.clone()) /> }}
    }
}
