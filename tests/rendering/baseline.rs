//! The physical limit: the Jobs table's DOM built by hand with web-sys, as a careful
//! programmer would without a framework. Rows are keyed by job id; a changed job updates
//! only what changed in its row (texts and attributes in place); rows are moved only when
//! they are out of order (those off the longest increasing run, found as the console finds
//! it: `keyed_rows::staying`); one delegated listener serves every device group button. Its
//! rows must be exactly the console's, attributes included.

use std::collections::HashMap;

use jobs_api::format::{grouped, percent};
use jobs_api::{JobState, JobStatus, JobSummary};
use jobs_console::browser::dates::local_date_time;
use jobs_console::components::keyed_rows::staying;
use jobs_console::components::status_badge::job_state_badge;
use jobs_console::router::Route;
use leptos::prelude::document;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::Table;

const HEADERS: [&str; 6] = ["Job ID", "Job type", "Job state", "Job result", "Device group", "Job run date"];

fn element(tag: &str, attributes: &[(&str, &str)], text: Option<&str>) -> Element {
    let element = document().create_element(tag).unwrap();
    for (name, value) in attributes {
        element.set_attribute(name, value).unwrap();
    }
    if let Some(text) = text {
        element.set_text_content(Some(text));
    }
    element
}

fn append(parent: &Element, children: &[&web_sys::Node]) {
    for child in children {
        parent.append_child(child).unwrap();
    }
}

fn text(content: &str) -> web_sys::Node {
    document().create_text_node(content).into()
}

/// The progress of a running job: `(done, total)`.
fn progress_of(job: &JobSummary) -> Option<(u64, u64)> {
    let running = job.state == Some(JobState::Active) || job.status == JobStatus::InProgress;
    job.result.processed().zip(job.result.total.known()).filter(|_| running)
}

struct Progress {
    bar: Element,
    value: Element,
}

impl Progress {
    fn new(job_id: &str, done: u64, total: u64) -> (Element, Self) {
        let wrapper = element("span", &[("class", "progress")], None);
        let (max, value, text, share) = Self::values(done, total);
        let bar = element(
            "progress",
            &[("max", &max), ("value", &value), ("aria-label", &format!("Progress of job {job_id}")), ("aria-valuetext", &text)],
            None,
        );
        let value = element("span", &[("class", "progress-value"), ("aria-hidden", "true")], Some(&share));
        append(&wrapper, &[&bar, &value]);
        (wrapper, Self { bar, value })
    }

    /// The bar's `max`, `value` and `aria-valuetext`, and the share shown beside it.
    fn values(done: u64, total: u64) -> (String, String, String, String) {
        let share = percent(done, total);
        let text = format!("{share}% ({} of {})", grouped(done), grouped(total));
        (total.max(1).to_string(), done.min(total).to_string(), text, format!("{share}%"))
    }

    fn set(&self, done: u64, total: u64) {
        let (max, value, text, share) = Self::values(done, total);
        self.bar.set_attribute("max", &max).unwrap();
        self.bar.set_attribute("value", &value).unwrap();
        self.bar.set_attribute("aria-valuetext", &text).unwrap();
        self.value.set_text_content(Some(&share));
    }
}

/// The "Job result" cell's parts that change while a job runs.
struct ResultParts {
    failed: Element,
    successful: Element,
    total: Element,
    progress: Option<Progress>,
}

struct Row {
    job: JobSummary,
    tr: Element,
    cells: Vec<Element>,
    result: ResultParts,
}

fn fill_result(cell: &Element, job: &JobSummary) -> ResultParts {
    let result = element("span", &[("class", "result"), ("title", "failed / successful / total")], None);
    let failed = element("span", &[("class", "result-failed")], Some(&job.result.failed.to_string()));
    let successful = element("span", &[("class", "result-successful")], Some(&job.result.successful.to_string()));
    let total = element("span", &[], Some(&job.result.total.to_string()));
    let hidden = element("span", &[("class", "visually-hidden")], Some(" (failed / successful / total)"));
    append(&result, &[&failed, &text(" / "), &successful, &text(" / "), &total, &hidden]);
    cell.append_child(&result).unwrap();
    let progress = progress_of(job).map(|(done, total)| {
        let (wrapper, progress) = Progress::new(&job.id, done, total);
        cell.append_child(&wrapper).unwrap();
        progress
    });
    ResultParts { failed, successful, total, progress }
}

fn fill_state(cell: &Element, job: &JobSummary) {
    let (class, label) = job_state_badge(job);
    cell.append_child(&element("span", &[("class", class)], Some(label))).unwrap();
}

fn fill_group(cell: &Element, job: &JobSummary) {
    match &job.device_group {
        Some(group) => {
            let button = element(
                "button",
                &[
                    ("class", "link-button"),
                    ("type", "button"),
                    ("translate", "no"),
                    ("title", "Show only this device group's jobs"),
                    ("value", &group.id),
                ],
                Some(&group.name),
            );
            cell.append_child(&button).unwrap();
        }
        None => drop(cell.append_child(&element("span", &[("class", "muted")], Some("—")))),
    }
}

fn fill_date(cell: &Element, job: &JobSummary) {
    let child = match &job.run_date {
        None => element("span", &[("class", "muted"), ("aria-label", "none")], Some("—")),
        Some(iso) => match local_date_time(iso, jobs_console::browser::dates::times_in_utc()) {
            Some(local) => element("time", &[("datetime", iso), ("title", iso)], Some(&local)),
            None => element("span", &[], Some(iso)),
        },
    };
    cell.append_child(&child).unwrap();
}

impl Row {
    fn new(job: JobSummary) -> Self {
        let tr = element("tr", &[], None);
        let heading = element("th", &[("scope", "row"), ("data-label", HEADERS[0])], None);
        let href = Route::JobDetails { id: job.id.clone() }.href();
        heading.append_child(&element("a", &[("class", "job-link"), ("href", &href), ("translate", "no")], Some(&job.id))).unwrap();
        let cells: Vec<Element> =
            std::iter::once(heading).chain(HEADERS[1..].iter().map(|label| element("td", &[("data-label", label)], None))).collect();
        cells[1].set_text_content(Some(job.job_type.label()));
        fill_state(&cells[2], &job);
        let result = fill_result(&cells[3], &job);
        fill_group(&cells[4], &job);
        fill_date(&cells[5], &job);
        for cell in &cells {
            tr.append_child(cell).unwrap();
        }
        Self { job, tr, cells, result }
    }

    /// Changes in place what differs between the job shown and `job` (same id).
    fn update(&mut self, job: JobSummary) {
        let old = &self.job;
        if old.job_type != job.job_type {
            self.cells[1].set_text_content(Some(job.job_type.label()));
        }
        if job_state_badge(old) != job_state_badge(&job) {
            self.cells[2].set_text_content(None);
            fill_state(&self.cells[2], &job);
        }
        if old.result != job.result || progress_of(old).is_some() != progress_of(&job).is_some() {
            match (&self.result.progress, progress_of(&job)) {
                (Some(progress), Some((done, total))) => {
                    self.result.failed.set_text_content(Some(&job.result.failed.to_string()));
                    self.result.successful.set_text_content(Some(&job.result.successful.to_string()));
                    self.result.total.set_text_content(Some(&job.result.total.to_string()));
                    progress.set(done, total);
                }
                _ => {
                    self.cells[3].set_text_content(None);
                    self.result = fill_result(&self.cells[3], &job);
                }
            }
        }
        if old.device_group != job.device_group {
            self.cells[4].set_text_content(None);
            fill_group(&self.cells[4], &job);
        }
        if old.run_date != job.run_date {
            self.cells[5].set_text_content(None);
            fill_date(&self.cells[5], &job);
        }
        self.job = job;
    }
}

pub struct Baseline {
    body: Element,
    empty_body: Element,
    rows: Vec<Row>,
    empty: Element,
    _on_click: Closure<dyn Fn(web_sys::Event)>,
}

impl Baseline {
    pub fn mount() -> Self {
        let root = element("div", &[], None);
        let scroll = element("div", &[("class", "table-scroll")], None);
        let table = element("table", &[("class", "data-table")], None);
        let head = element("thead", &[], None);
        let header_row = element("tr", &[], None);
        for label in HEADERS {
            let th = element("th", &[("scope", "col"), ("aria-sort", if label == "Job run date" { "descending" } else { "none" })], None);
            let button = element("button", &[("type", "button"), ("class", "sort-button")], Some(label));
            let arrow =
                element("span", &[("class", "sort-arrow"), ("aria-hidden", "true")], Some(if label == "Job run date" { "▼" } else { "↕" }));
            button.append_child(&arrow).unwrap();
            th.append_child(&button).unwrap();
            header_row.append_child(&th).unwrap();
        }
        head.append_child(&header_row).unwrap();
        let body = element("tbody", &[], None);
        // The empty table's row in a body of its own, as the console has it.
        let empty_body = element("tbody", &[], None);
        append(&table, &[&element("caption", &[], Some("Completed jobs")), &head, &body, &empty_body]);
        scroll.append_child(&table).unwrap();
        root.append_child(&scroll).unwrap();
        document().body().unwrap().append_child(&root).unwrap();
        // One listener for every device group button, as a hand-written table would.
        let on_click = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
            let target = event.target().and_then(|target| target.dyn_into::<Element>().ok());
            if let Some(button) = target.and_then(|target| target.closest(".link-button").ok().flatten()) {
                web_sys::console::debug_1(&button.text_content().unwrap_or_default().into());
            }
        });
        body.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref()).unwrap();
        let empty = element("tr", &[], None);
        empty.append_child(&element("td", &[("colspan", "6"), ("class", "empty")], Some("No jobs yet."))).unwrap();
        empty_body.append_child(&empty).unwrap();
        Self { body, rows: Vec::new(), empty_body, empty, _on_click: on_click }
    }
}

impl Table for Baseline {
    fn show(&mut self, jobs: Vec<JobSummary>) {
        if jobs.is_empty() {
            self.rows.clear();
            self.body.set_text_content(None);
            self.empty_body.append_child(&self.empty).unwrap();
            return;
        }
        if self.rows.is_empty() {
            self.empty.remove();
        }
        let mut old: HashMap<String, (usize, Row)> =
            self.rows.drain(..).enumerate().map(|(index, row)| (row.job.id.clone(), (index, row))).collect();
        let mut rows = Vec::with_capacity(jobs.len());
        let mut old_positions = Vec::with_capacity(jobs.len());
        for job in jobs {
            match old.remove(&job.id) {
                Some((index, mut row)) => {
                    if row.job != job {
                        row.update(job);
                    }
                    old_positions.push(Some(index));
                    rows.push(row);
                }
                None => {
                    old_positions.push(None);
                    rows.push(Row::new(job));
                }
            }
        }
        for (_, row) in old.into_values() {
            row.tr.remove();
        }
        // Rows on the longest run of kept rows stay; every other row is put in place,
        // from the last to the first, before the row that follows it.
        let staying = staying(&old_positions);
        for index in (0..rows.len()).rev() {
            if !staying[index] {
                let next = rows.get(index + 1).map(|row| &row.tr);
                self.body.insert_before(&rows[index].tr, next.map(|next| next.as_ref())).unwrap();
            }
        }
        self.rows = rows;
    }

    fn body(&self) -> Element {
        self.body.clone()
    }
}
