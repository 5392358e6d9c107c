//! The table behind both *Completed jobs* and *Draft jobs*: the seed's columns, sortable
//! headers with `aria-sort`, approve/reject on rows that wait, progress on running jobs.

use jobs_api::paths::encode_component;
use jobs_api::query::{JobSort, SortField};
use jobs_api::{JobState, JobStatus, JobSummary, NamedRef, Page};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::approval::ApprovalButtons;
use crate::components::paged_table::UnreadableNote;
use crate::components::progress_bar::ProgressBar;
use crate::components::status_badge::JobStateBadge;
use crate::dates::DateTime;

const COLUMNS: [(&str, Option<SortField>); 6] = [
    ("Job ID", Some(SortField::Id)),
    ("Job type", Some(SortField::JobType)),
    ("Job state", Some(SortField::State)),
    ("Job result", Some(SortField::Result)),
    ("Device group", Some(SortField::DeviceGroup)),
    ("Job run date", Some(SortField::RunDate)),
];

pub fn job_href(job_id: &str) -> String {
    format!("/jobs/{}", encode_component(job_id))
}

fn is_running(job: &JobSummary) -> bool {
    job.state == Some(JobState::Active) || job.status == JobStatus::InProgress
}

#[component]
fn SortHeader(label: &'static str, field: Option<SortField>, sort: JobSort, on_sort: Callback<JobSort>) -> impl IntoView {
    let Some(field) = field else {
        return view! { <th scope="col">{label}</th> }.into_any();
    };
    let active = sort.field == field;
    let aria_sort = match (active, sort.descending) {
        (false, _) => "none",
        (true, false) => "ascending",
        (true, true) => "descending",
    };
    let next = if active { sort.reversed() } else { JobSort { field, descending: field == SortField::RunDate } };
    let arrow = match aria_sort {
        "ascending" => "▲",
        "descending" => "▼",
        _ => "↕",
    };
    view! {
        <th scope="col" aria-sort=aria_sort>
            <button type="button" class="sort-button" on:click=move |_| on_sort.run(next)>
                {label}<span class="sort-arrow" aria-hidden="true">{arrow}</span>
            </button>
        </th>
    }
    .into_any()
}

#[component]
fn ResultCell(job: JobSummary) -> impl IntoView {
    let progress = job.result.processed().zip(job.result.total.known()).filter(|_| is_running(&job));
    let result = job.result;
    view! {
        <span class="result" title="failed / successful / total">
            <span class="result-failed">{result.failed.to_string()}</span>" / "
            <span class="result-successful">{result.successful.to_string()}</span>" / "
            <span>{result.total.to_string()}</span>
            <span class="visually-hidden">" (failed / successful / total)"</span>
        </span>
        {progress.map(|(done, total)| view! {
            <ProgressBar done total label=format!("Progress of job {}", job.id) />
        })}
    }
}

#[component]
pub fn JobsTable(
    #[prop(into)] caption: String,
    page: Page<JobSummary>,
    sort: JobSort,
    on_sort: Callback<JobSort>,
    /// Shows only the jobs of one device group.
    on_group: Callback<NamedRef>,
    #[prop(into)] empty_text: String,
) -> impl IntoView {
    let with_actions = page.records.iter().any(JobSummary::awaits_approval);
    let unreadable = page.unreadable.clone();
    let column_count = COLUMNS.len() + usize::from(with_actions);
    let empty = page.records.is_empty();
    let rows = page
        .records
        .into_iter()
        .map(|job| {
            let group = job.device_group.clone();
            let id = job.id.clone();
            let href = crate::links::app_href(&job_href(&id));
            let link_text = id.clone();
            let job_type = job.job_type.label().to_owned();
            let awaits = job.awaits_approval();
            let run_date = job.run_date.clone();
            view! {
                <tr class:row-attention=awaits>
                    <th scope="row"><A href=href attr:class="job-link">{link_text}</A></th>
                    <td>{job_type}</td>
                    <td><JobStateBadge job=job.clone() /></td>
                    <td><ResultCell job=job.clone() /></td>
                    <td>{match group {
                        Some(group) => {
                            let name = group.name.clone();
                            view! {
                                <button type="button" class="link-button" title="Show only this device group's jobs"
                                    on:click=move |_| on_group.run(group.clone())>{name}</button>
                            }.into_any()
                        }
                        None => view! { <span class="muted">"—"</span> }.into_any(),
                    }}</td>
                    <td><DateTime value=run_date /></td>
                    {with_actions.then(|| view! {
                        <td>{awaits.then(|| view! { <ApprovalButtons job_id=id /> })}</td>
                    })}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="data-table">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        {COLUMNS.into_iter().map(|(label, field)| view! { <SortHeader label field sort on_sort /> }).collect_view()}
                        {with_actions.then(|| view! { <th scope="col">"Actions"</th> })}
                    </tr>
                </thead>
                <tbody>
                    {rows}
                    {empty.then(|| view! {
                        <tr><td colspan=column_count.to_string() class="empty">{empty_text}</td></tr>
                    })}
                </tbody>
            </table>
        </div>
        <UnreadableNote records=unreadable />
    }
}
