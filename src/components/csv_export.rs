//! Export to CSV: every page of a list, fetched one after another (each request awaited,
//! so the page stays responsive), with a progress bar and Cancel; the file is built in the
//! browser and saved. A page that fails for a reason that may pass is tried again.

use std::sync::Arc;

use jobs_api::client_error::ApiError;
use jobs_api::csv_export::{header, line, CsvRecord};
use jobs_api::i18n::number;
use jobs_api::lenient::FromJson;
use jobs_api::paging::MAX_LIMIT;
use jobs_api::Page;
use jobs_api::{t, tn};
use leptos::prelude::*;

use crate::browser::download::Download;
use crate::browser::storage::remembered;
use crate::components::progress_bar::ProgressBar;
use crate::transport::api;
use crate::transport::connection::use_connection;

/// The path of the page at an offset, of `MAX_LIMIT` records.
pub type PagePath = Arc<dyn Fn(u64) -> String + Send + Sync>;

/// A page's total, its record count and its CSV lines.
type PageLines = fn(&str) -> Result<(u64, u64, String), ApiError>;

fn page_lines<T: FromJson + CsvRecord>(text: &str) -> Result<(u64, u64, String), ApiError> {
    let page: Page<T> = api::decode(text)?;
    Ok((page.total, page.records.len() as u64, page.records.iter().map(|record| line(&record.fields())).collect()))
}

/// Tries to fetch the page a few times, waiting as the one retry policy says.
async fn fetch_page(settings: &crate::transport::connection::ConnectionSettings, path: &str) -> Result<String, ApiError> {
    let mut attempt = 0;
    loop {
        match api::get_text(settings, path, None).await {
            Err(error) if error.is_transient() && attempt < 3 => {
                attempt += 1;
                crate::browser::sleep::sleep(jobs_api::retry::wait_ms(&error, attempt, 1_000) as f64).await;
            }
            other => return other,
        }
    }
}

/// An "Export CSV" button for a list of `T`; `path` gives the page at an offset.
pub fn export_csv<T: FromJson + CsvRecord>(label: &'static str, file_name: String, path: PagePath) -> AnyView {
    export_view(label, file_name, path, header::<T>, page_lines::<T>)
}

/// Where the choice of English headings (for scripts that read the columns by name) is kept.
pub const ENGLISH_HEADERS_KEY: &str = "jobs-console.csv-english-headers";

fn export_view(label: &'static str, file_name: String, path: PagePath, header: fn(bool) -> String, read: PageLines) -> AnyView {
    let connection = use_connection();
    // While it runs: how many records are in, and of how many.
    let progress = RwSignal::new(None::<(u64, u64)>);
    let cancelled = RwSignal::new(false);
    let outcome = RwSignal::new(None::<String>);
    let start = move |_| {
        if progress.get_untracked().is_some() {
            return;
        }
        progress.set(Some((0, 0)));
        cancelled.set(false);
        outcome.set(None);
        let settings = connection.settings.get_untracked();
        let (path, file_name) = (path.clone(), file_name.clone());
        leptos::task::spawn_local(async move {
            let mut text = header(remembered(ENGLISH_HEADERS_KEY));
            let mut offset = 0;
            let result = loop {
                if cancelled.try_get_untracked() != Some(false) {
                    break Ok(false);
                }
                let page = fetch_page(&settings, &path(offset)).await.and_then(|body| read(&body));
                let (total, count, lines) = match page {
                    Ok(page) => page,
                    Err(error) => break Err(error),
                };
                text.push_str(&lines);
                offset += count;
                progress.try_set(Some((offset, total)));
                if count == 0 || offset >= total {
                    break Ok(true);
                }
            };
            let said = match result {
                Ok(true) => {
                    let file = Download { file_name, content_type: "text/csv;charset=utf-8".into(), bytes: text.into_bytes() };
                    match crate::browser::download::save_file(&file) {
                        Ok(_) => tn!("export.done", offset, file = file.file_name),
                        Err(reason) => t!("export.not_handed", reason = reason),
                    }
                }
                Ok(false) => tn!("export.cancelled", offset),
                Err(error) => tn!("export.stopped", offset, reason = error.message()),
            };
            outcome.try_set(Some(said));
            progress.try_set(None);
        });
    };
    view! {
        <div class="export">
            {move || match progress.get() {
                None => {
                    view! {
                        <button type="button" class="button" on:click=start.clone()>
                            {label}
                        </button>
                    }
                        .into_any()
                }
                Some((done, total)) => {
                    view! {
                        <ProgressBar done total label=t!("export.progress") />
                        <span class="muted">{tn!("export.records", total, done = number(done as f64))}</span>
                        <button type="button" class="button" on:click=move |_| cancelled.set(true)>
                            {t!("export.cancel")}
                        </button>
                    }
                        .into_any()
                }
            }} <span class="export-outcome" role="status">
                {move || outcome.get()}
            </span>
        </div>
    }
    .into_any()
}

/// Every page of a job list query, for the export: `query` with the offset and limit set.
pub fn job_list_pages(query: jobs_api::query::JobListQuery) -> PagePath {
    Arc::new(move |offset| {
        jobs_api::paths::job_list(&jobs_api::query::JobListQuery { offset, limit: MAX_LIMIT, ..query.clone() }.to_query_string())
    })
}
