//! The table behind both *Completed jobs* and *Draft jobs*: the seed's columns, sortable
//! headers with `aria-sort`, approve/reject on rows that wait, progress on running jobs.

use jobs_api::i18n::{text, Key};
use jobs_api::query::{JobSort, SortField};
use jobs_api::t;
use jobs_api::{JobSummary, NamedRef, Page};
use leptos::prelude::*;

use crate::reactive::effect::effect;
use crate::router::Route;
use wasm_bindgen::JsCast;

use crate::browser::dates::DateTime;
use crate::components::paged_table::UnreadableNote;
use crate::components::progress_bar::ProgressBar;
use crate::components::status_badge::JobStateBadge;
use crate::decisions::approval::ApprovalButtons;
use crate::reactive::relay::Relay;

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

/// One row of the table: the job's id, which keys its DOM, and a signal of its latest
/// state, so a refresh updates the cells of a job in place wherever the job moves.
/// (Reference-counted, so a row's signal lives exactly as long as its row.)
#[derive(Clone)]
struct JobRow {
    id: String,
    job: ArcRwSignal<JobSummary>,
}

/// The ids of the rows shown, sorted, to find a job's row without a scan per job (and
/// without a hash map's code in the bundle).
struct ShownIds<'a>(Vec<(&'a str, usize)>);

impl<'a> ShownIds<'a> {
    fn of(rows: &'a [JobRow]) -> Self {
        // Binary insertion: `sort` would add 1.8 KB (gzip) to the bundle for this alone.
        let mut ids: Vec<(&str, usize)> = Vec::with_capacity(rows.len());
        for (index, row) in rows.iter().enumerate() {
            let at = ids.partition_point(|(shown, _)| *shown < row.id.as_str());
            ids.insert(at, (row.id.as_str(), index));
        }
        Self(ids)
    }

    /// The index of the row of `id`.
    fn find(&self, id: &str) -> Option<usize> {
        self.0.binary_search_by(|(shown, _)| (*shown).cmp(id)).ok().map(|at| self.0[at].1)
    }
}

/// The rows for a new page: existing rows keep their signal (updated only if the job
/// changed), new jobs get one; rows of jobs no longer shown are dropped with their signal.
fn reconcile(rows: &[JobRow], jobs: &[JobSummary]) -> Vec<JobRow> {
    let shown = ShownIds::of(rows);
    jobs.iter()
        .map(|job| match shown.find(&job.id).map(|index| &rows[index]) {
            Some(row) => {
                if row.job.with_untracked(|current| current != job) {
                    row.job.set(job.clone());
                }
                (*row).clone()
            }
            None => JobRow { id: job.id.clone(), job: ArcRwSignal::new(job.clone()) },
        })
        .collect()
}

/// The cells of one job, re-rendered when that job changes; its row element stays.
fn job_cells(job: JobSummary, with_actions: bool, on_group: Callback<NamedRef>) -> impl IntoView {
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
                    let name = group.name.clone();
                    view! {
                        <button
                            type="button"
                            class="link-button"
                            translate="no"
                            title=t!("jobs.only_group")
                            on:click=move |_| on_group.run(group.clone())
                        >
                            {name}
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

/// Rows are keyed, but Leptos's keyed diff may still move a kept row's element when rows
/// are inserted above it (tachys 0.2.19, `src/view/keyed.rs`, `diff`, counts insertions per index as it goes), and moving
/// an element blurs it: give the focus back to the same element once the update is done.
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
    let actions_column: Relay<bool> = Relay::new(with_actions);
    let rows = RwSignal::new(Vec::<JobRow>::new());
    let body = NodeRef::<leptos::html::Tbody>::new();
    effect(move || {
        page.with(|page| rows.update(|rows| *rows = reconcile(rows, &page.records)));
        keep_focus(body);
    });
    let row_view = move |row: JobRow| {
        let job = row.job.clone();
        let with_actions = actions_column.follow();
        view! {
            <tr class:row-attention=move || {
                job.with(JobSummary::awaits_approval)
            }>{move || job_cells(row.job.get(), with_actions.get(), on_group)}</tr>
        }
    };
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
                <tbody node_ref=body>
                    <For each=move || rows.get() key=|row| row.id.clone() children=row_view />
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

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    fn job(id: &str, status: &str) -> JobSummary {
        jobs_api::lenient::from_json_text(&format!(r#"{{"id":"{id}","job_type":"DEPLOYMENT","status":"{status}"}}"#)).unwrap()
    }

    fn rows(jobs: &[JobSummary]) -> Vec<JobRow> {
        reconcile(&[], jobs)
    }

    #[wasm_bindgen_test]
    fn a_new_page_keeps_the_rows_of_jobs_still_shown_and_updates_only_what_changed() {
        let before = rows(&[job("c", "QUEUED"), job("a", "QUEUED"), job("b", "EXECUTED")]);
        let after = reconcile(&before, &[job("b", "EXECUTED"), job("c", "IN_PROGRESS"), job("d", "QUEUED")]);
        let ids: Vec<&str> = after.iter().map(|row| row.id.as_str()).collect();
        assert_eq!(ids, ["b", "c", "d"], "the page's order, the gone row dropped");
        assert!(
            after[0].job == before[2].job && after[1].job == before[0].job && after[0].job != before[0].job,
            "kept rows keep their signal"
        );
        assert_eq!(after[1].job.get_untracked().status.as_wire(), "IN_PROGRESS", "a changed job is updated in place");
        assert_eq!(after[2].job.get_untracked().id, "d");
    }
}
