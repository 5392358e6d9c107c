//! The table behind both *Completed jobs* and *Draft jobs*: the seed's columns, sortable
//! headers with `aria-sort`, approve/reject on rows that wait, progress on running jobs.

use jobs_api::i18n::{text, Key};
use jobs_api::query::{JobSort, SortField};
use jobs_api::t;
use jobs_api::{JobSummary, NamedRef, Page};
use leptos::prelude::*;

use crate::router::Route;
use wasm_bindgen::JsCast;

use crate::browser::dates::date_time;
use crate::browser::static_view::{static_el, StaticView};
use crate::components::keyed_rows::{keep_rows, row_part};
use crate::components::paged_table::UnreadableNote;
use crate::components::progress_bar::progress_bar;
use crate::components::status_badge::{job_state_badge, job_state_badge_view};
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

/// A job's "Job result" cell: its counts and, while it runs, its progress.
fn result_cell(job: JobSummary) -> StaticView {
    let progress = job.result.processed().zip(job.result.total.known()).filter(|_| job.is_running());
    let result = job.result;
    let counts = static_el("span")
        .attr("class", "result")
        .attr("title", t!("jobs.result_order"))
        .child(static_el("span").attr("class", "result-failed").text(result.failed.to_string()))
        .text(" / ")
        .child(static_el("span").attr("class", "result-successful").text(result.successful.to_string()))
        .text(" / ")
        .child(static_el("span").text(result.total.to_string()))
        .child(static_el("span").attr("class", "visually-hidden").text(format!(" ({})", t!("jobs.result_order"))));
    let cell = static_el("td").attr("data-label", t!("column.job_result")).child(counts);
    match progress {
        Some((done, total)) => cell.child(progress_bar(done, total, t!("jobs.progress", job = job.id))),
        None => cell,
    }
}

/// The row of one job: rebuilt in place when the job changes (the row's element stays), and
/// of it only the cells whose content changed since `before`, each built anew (a
/// [`StaticView`]: its state is its element, so a table of them is quick to drop). The
/// cells are one child, a tuple: under `--cfg erase_components` each of several children
/// is boxed and their list ends with a placeholder comment (tachys 0.2.19,
/// `src/view/iterators.rs`, `StaticVec`). The actions cell is there only
/// when some row waits for a decision (`with_actions`). It is an `Option`, so a row keeps
/// the elements of its other cells (the link under the pointer or with the focus) when the
/// column comes or goes; what that costs is one placeholder comment in each row.
fn job_row(job: &JobSummary, before: Option<&JobSummary>, with_actions: bool) -> AnyView {
    let awaits = job.awaits_approval();
    // Its buttons' reactive values go with each rebuild of the row: buttons are built anew.
    let actions_changed = before.is_none_or(|before| awaits || before.awaits_approval());
    let actions = with_actions.then(|| {
        let (id, requested_by) = (job.id.clone(), job.requester().map(str::to_owned));
        row_part(actions_changed, move || {
            view! { <td data-label=t!("column.actions")>{awaits.then(|| view! { <ApprovalButtons job_id=id requested_by /> })}</td> }
        })
    });
    view! { <tr class:row-attention=awaits>{(job_cells(job.clone(), before), actions)}</tr> }.into_any()
}

/// The device group a click in the rows' body was on: its button carries the group's id
/// (one listener for every row, not one per row).
fn group_clicked(event: &web_sys::MouseEvent) -> Option<NamedRef> {
    let target: web_sys::Element = event.target()?.dyn_into().ok()?;
    let button = target.closest("button.link-button[value]").ok()??;
    Some(NamedRef { id: button.get_attribute("value")?, name: button.text_content().unwrap_or_default() })
}

fn job_cells(job: JobSummary, before: Option<&JobSummary>) -> impl IntoView {
    // Whether a cell has something new to show since `before` (each has when there is none).
    let differs = |cell: fn(&JobSummary, &JobSummary) -> bool| before.is_none_or(|before| cell(before, &job));
    let type_changed = differs(|before, job| before.job_type != job.job_type);
    let state_changed = differs(|before, job| job_state_badge(before) != job_state_badge(job));
    let result_changed = differs(|before, job| before.result != job.result || before.is_running() != job.is_running());
    let group_changed = differs(|before, job| before.device_group != job.device_group);
    let date_changed = differs(|before, job| before.run_date != job.run_date);
    // What each part shows, owned by its closure; the job itself goes to the result cell.
    let (link_id, job_type, state_job) = (job.id.clone(), job.job_type.clone(), job.clone());
    let (group, run_date) = (job.device_group.clone(), job.run_date.clone());
    (
        row_part(before.is_none(), move || {
            let href = Route::JobDetails { id: link_id.clone() }.href();
            let link = static_el("a").attr("class", "job-link").attr("href", href).attr("translate", "no").text(link_id);
            static_el("th").attr("scope", "row").attr("data-label", t!("column.job_id")).child(link)
        }),
        row_part(type_changed, move || static_el("td").attr("data-label", t!("column.job_type")).text(job_type.label().to_owned())),
        row_part(state_changed, move || static_el("td").attr("data-label", t!("column.job_state")).child(job_state_badge_view(&state_job))),
        row_part(result_changed, move || result_cell(job)),
        row_part(group_changed, move || {
            let shown = match group {
                Some(group) => static_el("button")
                    .attr("class", "link-button")
                    .attr("type", "button")
                    .attr("translate", "no")
                    .attr("title", t!("jobs.only_group"))
                    .attr("value", group.id)
                    .text(group.name),
                None => static_el("span").attr("class", "muted").text("—"),
            };
            static_el("td").attr("data-label", t!("column.device_group")).child(shown)
        }),
        row_part(date_changed, move || static_el("td").attr("data-label", t!("column.job_run_date")).child(date_time(run_date))),
    )
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
        let row = |job: &JobSummary, before: Option<&JobSummary>| job_row(job, before, actions);
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
