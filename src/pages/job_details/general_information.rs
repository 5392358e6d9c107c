//! Certificate policy and type of a job that issues certificates, and the CSV it came from.

use jobs_api::t;
use jobs_api::{BatchCsv, CertificateType, JobDetails};
use leptos::prelude::*;

use crate::components::fact::{fact, size_text, text_or_dash};

#[component]
pub fn GeneralInformation(details: JobDetails) -> impl IntoView {
    let meaning = details.certificate_type.as_ref().and_then(CertificateType::meaning);
    view! {
        <section class="card" aria-labelledby="general-heading">
            <h2 id="general-heading">{t!("general.heading")}</h2>
            <dl class="facts">
                {fact(t!("general.certificate_policy"), text_or_dash(details.certificate_policy.map(|policy| policy.name)))}
                {fact(
                    t!("general.certificate_type"),
                    view! {
                        {text_or_dash(details.certificate_type.as_ref().map(|kind| kind.label().to_owned()))}
                        {meaning.map(|meaning| view! { <p class="muted small">{meaning}</p> })}
                    }
                        .into_any(),
                )}
            </dl>
        </section>
    }
}

#[component]
pub fn BatchCsvSection(csv: Option<BatchCsv>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="csv-heading">
            <h2 id="csv-heading">{t!("csv.heading")}</h2>
            {match csv {
                None => view! { <p class="muted">{t!("csv.none")}</p> }.into_any(),
                Some(csv) => {
                    view! {
                        <dl class="facts">
                            {fact(t!("csv.file_name"), view! { <code>{csv.file_name}</code> }.into_any())}
                            {fact(t!("fact.file_size"), text_or_dash(csv.file_size.as_ref().map(size_text)))}
                            {fact(t!("csv.download_format"), text_or_dash(csv.download_format))}
                        </dl>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}
