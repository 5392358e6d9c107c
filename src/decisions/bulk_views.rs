//! The two views of a bulk decision: the one confirmation that lists every selected job,
//! and the table of results, one row per job, as the answers come.

use jobs_api::decision::{summary, Decision};
use jobs_api::i18n::number;
use jobs_api::{t, tn};
use leptos::prelude::*;

use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::progress_bar::ProgressBar;
use crate::decisions::bulk_run::BulkRun;

#[component]
pub fn BulkConfirmDialog(
    asking: RwSignal<Option<Decision>>,
    selected: RwSignal<Vec<String>>,
    /// How many of the selected jobs the signed-in user requested.
    own_selected: Signal<usize>,
    on_confirm: Callback<Decision>,
) -> impl IntoView {
    let decision = move || asking.get().unwrap_or(Decision::Approve);
    let count = move || selected.with(Vec::len);
    // Four-eyes: the user's own requests are not sent for approval.
    let skipped = move || if decision().barred_for_requester().is_some() { own_selected.get().min(count()) } else { 0 };
    view! {
        <ConfirmDialog
            open=Signal::derive(move || asking.with(Option::is_some))
            title=Signal::derive(move || decision().pick(tn!("decision.approve.ask", count()), tn!("decision.reject.ask", count())))
            confirm_label=Signal::derive(move || {
                let sent = count() - skipped();
                decision().pick(tn!("decision.approve.count", sent), tn!("decision.reject.count", sent))
            })
            blocked=Signal::derive(move || count() == skipped())
            confirm_class=Signal::derive(move || if decision() == Decision::Reject { "button-danger" } else { "button-primary" })
            pending=Signal::derive(|| false)
            on_confirm=Callback::new(move |_| on_confirm.run(decision()))
            on_cancel=Callback::new(move |_| asking.set(None))
        >
            <p>{move || decision().consequence(count())}</p>
            <p class="muted">{t!("bulk.how")}</p>
            <ul class="bulk-list">
                {move || {
                    selected
                        .get()
                        .into_iter()
                        .map(|id| {
                            view! {
                                <li>
                                    <code>{id}</code>
                                </li>
                            }
                                .into_any()
                        })
                        .collect_view()
                }}
            </ul>
            {move || {
                (skipped() > 0)
                    .then(|| {
                        view! {
                            <p class="four-eyes">
                                {if skipped() == count() {
                                    t!("bulk.four_eyes_all").to_owned()
                                } else {
                                    tn!("bulk.four_eyes_some", skipped())
                                }}
                            </p>
                        }
                    })
            }}
        </ConfirmDialog>
    }
}

#[component]
pub fn BulkResults(run: BulkRun, on_dismiss: Callback<()>) -> impl IntoView {
    // One closure renders the state of the batch (one view type in the bundle, not one per
    // part); the buttons sit outside it, so the focus stays on Stop while answers come.
    let state = move || {
        let (running, paused_until) = (run.running.get(), run.paused_until.get());
        run.rows.with(|rows| {
            let total = rows.len() as u64;
            let finished = rows.iter().filter(|(_, outcome)| outcome.is_final()).count() as u64;
            let decision = run.decision;
            let heading = if running {
                decision.pick(tn!("bulk.approving", total), tn!("bulk.rejecting", total))
            } else {
                let summary = summary(rows.iter().map(|(_, outcome)| outcome), decision);
                decision.pick(t!("bulk.approve.result", summary = summary), t!("bulk.reject.result", summary = summary))
            };
            let note = match (running, paused_until) {
                (_, Some(until)) => {
                    let seconds = ((until - js_sys::Date::now()).max(0.0) as u64).div_ceil(1000);
                    Some(t!("bulk.paused", seconds = number(seconds as f64)))
                }
                (true, None) => Some(tn!("bulk.answered", total, finished = number(finished as f64))),
                (false, None) => None,
            };
            let rows: Vec<_> = rows
                .iter()
                .map(|(id, outcome)| {
                    let href = crate::router::Route::JobDetails { id: id.clone() }.href();
                    view! {
                        <tr class=format!("bulk-{}", outcome.tone())>
                            <th scope="row" data-label=t!("bulk.column.job")>
                                <a href=href class="job-link">
                                    {id.clone()}
                                </a>
                            </th>
                            <td data-label=t!("bulk.column.result")>
                                <strong>{outcome.label(decision)}</strong>
                                {outcome
                                    .detail()
                                    .map(|detail| {
                                        view! {
                                            <br />
                                            <span class="muted">{detail.to_owned()}</span>
                                        }
                                    })}
                            </td>
                        </tr>
                    }
                })
                .collect();
            view! {
                <h2 id="bulk-heading">{heading}</h2>
                {running.then(|| view! { <ProgressBar done=finished total label=t!("bulk.progress") /> })}
                {note.map(|note| view! { <p role="status">{note}</p> })}
                <div class="table-scroll">
                    <table class="data-table">
                        <caption class="visually-hidden">{t!("bulk.caption")}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t!("bulk.column.job")}</th>
                                <th scope="col">{t!("bulk.column.result")}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
        })
    };
    view! {
        <section class="card bulk-results" aria-labelledby="bulk-heading">
            {state}
            <div class="actions">
                {move || {
                    if run.running.get() {
                        view! {
                            <button type="button" class="button button-danger" on:click=move |_| run.stop()>
                                {t!("bulk.stop")}
                            </button>
                        }
                            .into_any()
                    } else {
                        view! {
                            <button type="button" class="button" on:click=move |_| on_dismiss.run(())>
                                {t!("bulk.dismiss")}
                            </button>
                        }
                            .into_any()
                    }
                }}
            </div>
        </section>
    }
}
