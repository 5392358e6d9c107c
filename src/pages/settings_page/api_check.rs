//! Settings' "Check the API": one GET of each endpoint the console reads (never a decision,
//! never a download), a table of what each answered with one line of advice per failure,
//! and the same as text to hand to support (the key is never in it).

use jobs_api::api_check::{check_path, examine, ids_to_check_with, Examination, CHECKED};
use jobs_api::client_error::ApiError;
use jobs_api::endpoints::Endpoint;
use jobs_api::i18n::number;
use jobs_api::t;
use leptos::prelude::*;

use crate::state::notifications::{use_notifications, Tone};
use crate::transport::api::{check_get, forget_absent_endpoints, located};
use crate::transport::connection::use_connection;

/// One endpoint's line of the check, as the table and the report show it.
#[derive(Clone)]
struct Row {
    what: &'static str,
    /// The tenant's path, or empty when not asked.
    path: String,
    status: String,
    time: String,
    findings: String,
    advice: String,
}

impl Row {
    fn not_asked(endpoint: Endpoint, path: String, why: &str) -> Self {
        let dash = || "—".to_owned();
        Row { what: endpoint.provides(), path, status: t!("check.not_asked").into(), time: dash(), findings: dash(), advice: why.into() }
    }

    fn as_text(&self) -> String {
        let request = if self.path.is_empty() { "—".to_owned() } else { format!("GET {}", self.path) };
        [self.what, &request, &self.status, &self.time, &self.findings, &self.advice].join(" | ")
    }
}

/// Whether the answer decoded, how many records it held and were unreadable, and what was
/// new or missing in them.
fn findings(examination: &Examination) -> String {
    if let Some(reason) = &examination.undecodable {
        return t!("check.not_decoded", reason = reason);
    }
    let mut findings = t!("check.decoded", records = examination.records, unreadable = examination.unreadable);
    if !examination.unknown_values.is_empty() {
        findings += &t!("check.unknown_values", values = examination.unknown_values.join(", "));
    }
    if !examination.missing_fields.is_empty() {
        findings += &t!("check.missing_fields", fields = examination.missing_fields.join(", "));
    }
    findings
}

/// GETs `path` for `endpoint`: its row, and the body of a success.
async fn check(endpoint: Endpoint, path: String, settings: &crate::transport::connection::ConnectionSettings) -> (Row, Option<String>) {
    let started = js_sys::Date::now();
    let answered = check_get(settings, &path).await;
    let time = format!("{} ms", number((js_sys::Date::now() - started).max(0.0).round()));
    let path = located(&path);
    let (status, body) = match answered {
        Ok(answer) => answer,
        Err(ApiError::NotProvided { .. }) => return (Row::not_asked(endpoint, path, t!("check.switched_off")), None),
        Err(error) => {
            let row =
                Row {
                    what: endpoint.provides(), path, status: error.title().into(), time, findings: "—".into(), advice: error.message()
                };
            return (row, None);
        }
    };
    let success = (200..300).contains(&status);
    let examination = success.then(|| examine(endpoint, &body));
    let advice = match (&examination, status) {
        (Some(Examination { undecodable: Some(_), .. }), _) => t!("check.wrong_shape").into(),
        (Some(_), _) => String::new(),
        (None, 404) => t!("check.not_found", what = endpoint.provides(), advice = endpoint.advice()),
        (None, _) => ApiError::from_response(status, &body, None, js_sys::Date::now() as i64).message(),
    };
    let findings = examination.as_ref().map_or_else(|| "—".to_owned(), findings);
    let row = Row { what: endpoint.provides(), path, status: status.to_string(), time, findings, advice };
    (row, success.then_some(body))
}

#[component]
pub fn ApiCheck() -> impl IntoView {
    let connection = use_connection();
    let notifications = use_notifications();
    let job_id = RwSignal::new(String::new());
    let rows = RwSignal::new(Vec::<Row>::new());
    let running = RwSignal::new(false);
    let checked_at = RwSignal::new(String::new());

    let run = move |_| {
        if running.get_untracked() {
            return;
        }
        running.set(true);
        rows.set(Vec::new());
        checked_at.set(String::from(js_sys::Date::new_0().to_iso_string()));
        // Ask again what this session remembered as absent: this is the diagnosis.
        forget_absent_endpoints();
        let settings = connection.settings.get_untracked();
        let entered = Some(job_id.get_untracked().trim().to_owned()).filter(|id| !id.is_empty());
        leptos::task::spawn_local(async move {
            let (mut listed_job, mut listed_batch) = (None, None);
            for endpoint in CHECKED {
                let job = entered.clone().or_else(|| listed_job.clone());
                let batch = entered.clone().or_else(|| listed_batch.clone());
                let row = match check_path(endpoint, job.as_deref(), batch.as_deref()) {
                    Some(path) => {
                        let (row, body) = check(endpoint, path, &settings).await;
                        if let (Endpoint::JobList, Some(body)) = (endpoint, body) {
                            (listed_job, listed_batch) = ids_to_check_with(&body);
                        }
                        row
                    }
                    None => Row::not_asked(endpoint, String::new(), t!("check.no_job")),
                };
                if rows.try_update(|rows| rows.push(row)).is_none() {
                    return;
                }
            }
            running.try_set(false);
        });
    };
    let report = move || {
        let settings = connection.settings.get_untracked();
        let base = if settings.base_url.is_empty() { crate::transport::connection::page_origin() } else { settings.base_url.clone() };
        let mut text = t!("check.report_title", at = checked_at.get(), base = base);
        text += "\n";
        text += &[t!("check.for"), t!("check.request"), t!("column.status"), t!("check.time"), t!("check.findings"), t!("check.advice")]
            .join(" | ");
        text += "\n";
        rows.with(|rows| rows.iter().for_each(|row| text += &(row.as_text() + "\n")));
        text
    };
    let copy = move |_| {
        let text = report();
        leptos::task::spawn_local(async move {
            let written = wasm_bindgen_futures::JsFuture::from(window().navigator().clipboard().write_text(&text)).await;
            match written {
                Ok(_) => notifications.announce(Tone::Success, t!("check.copied")),
                Err(_) => notifications.announce(Tone::Failure, t!("check.not_copied")),
            }
        });
    };

    view! {
        <section class="card" aria-labelledby="api-check-heading">
            <h2 id="api-check-heading">{t!("check.heading")}</h2>
            <p class="help">{t!("check.intro")}</p>
            <div class="field">
                <label for="check-job-id">{t!("check.job_id")}</label>
                <input
                    id="check-job-id"
                    type="text"
                    autocomplete="off"
                    spellcheck="false"
                    prop:value=job_id
                    aria-describedby="check-job-id-help"
                    on:input:target=move |event| job_id.set(event.target().value())
                />
                <p id="check-job-id-help" class="help">
                    {t!("check.job_id_help")}
                </p>
            </div>
            <div class="actions">
                <button type="button" class="button" disabled=running on:click=run>
                    {t!("check.heading")}
                </button>
            </div>
            // One closure for what the check found: it is rebuilt once per answer.
            {move || {
                let checked = rows.get();
                let status = if running.get() {
                    t!("check.checking", done = checked.len() + 1, total = CHECKED.len())
                } else {
                    String::new()
                };
                let found = (!checked.is_empty())
                    .then(|| {
                        view! {
                            <div class="table-scroll">
                                <table class="data-table api-check">
                                    <caption>{t!("check.caption")}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">{t!("check.for")}</th>
                                            <th scope="col">{t!("check.request")}</th>
                                            <th scope="col">{t!("column.status")}</th>
                                            <th scope="col">{t!("check.time")}</th>
                                            <th scope="col">{t!("check.findings")}</th>
                                            <th scope="col">{t!("check.advice")}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {checked
                                            .into_iter()
                                            .map(|row| {
                                                view! {
                                                    <tr>
                                                        <th scope="row" data-label=t!("check.for")>
                                                            {row.what}
                                                        </th>
                                                        <td data-label=t!(
                                                            "check.request"
                                                        )>{(!row.path.is_empty()).then(|| view! { <code>{row.path}</code> })}</td>
                                                        <td data-label=t!("column.status")>{row.status}</td>
                                                        <td data-label=t!("check.time")>{row.time}</td>
                                                        <td data-label=t!("check.findings")>{row.findings}</td>
                                                        <td data-label=t!("check.advice")>{row.advice}</td>
                                                    </tr>
                                                }
                                                    .into_any()
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <details class="api-check-report">
                                <summary>{t!("check.as_text")}</summary>
                                <pre>{report()}</pre>
                            </details>
                        }
                    });
                let copyable = !running.get() && found.is_some();
                view! {
                    <p role="status">{status}</p>
                    {copyable
                        .then(|| {
                            view! {
                                <div class="actions">
                                    <button type="button" class="button" on:click=copy>
                                        {t!("check.copy")}
                                    </button>
                                </div>
                            }
                        })}
                    {found}
                }
            }}
        </section>
    }
}
