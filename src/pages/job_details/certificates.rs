//! The certificates a job issued, a page at a time, with expired and soon-expiring ones
//! marked, and its downloads once it is executed.

use std::sync::Arc;

use jobs_api::lifecycle::{expiry_of, Expiry};
use jobs_api::t;
use jobs_api::timestamp::parse_utc_millis;
use jobs_api::{JobCertificate, Page};
use leptos::prelude::*;

use crate::transport::live_refresh::Live;

use crate::browser::dates::DateTime;
use crate::components::csv_export::{export_csv, PagePath};
use crate::components::paged_table::{paged_table, TableText};
use jobs_api::paging::MAX_LIMIT;
use jobs_api::paths;

fn certificate_row(certificate: JobCertificate) -> AnyView {
    let now = js_sys::Date::now() as i64;
    let expiry = certificate.valid_to.as_deref().and_then(parse_utc_millis).map(|valid_to| expiry_of(valid_to, now));
    let mark = match expiry {
        Some(Expiry::Expired) => Some(("badge badge-bad", t!("certificates.expired"))),
        Some(Expiry::ExpiringSoon) => Some(("badge badge-attention", t!("certificates.expires_soon"))),
        _ => None,
    };
    view! {
        <tr>
            <th scope="row" data-label=t!("column.certificate_value")>
                <span title=t!("certificates.serial", serial = certificate.serial_number) translate="no">
                    {certificate.common_name.clone()}
                </span>
            </th>
            <td data-label=t!("column.start_date")>
                <DateTime value=certificate.valid_from.clone() />
            </td>
            <td data-label=t!("column.end_date")>
                <DateTime value=certificate.valid_to.clone() />
                {mark
                    .map(|(class, text)| {
                        view! {
                            " "
                            <span class=class>{text}</span>
                        }
                    })}
            </td>
        </tr>
    }
    .into_any()
}

#[component]
pub fn CertificatesSection(
    job_id: String,
    certificates: Live<Page<JobCertificate>>,
    href: Arc<dyn Fn(u64) -> String + Send + Sync>,
    /// The downloads, shown above the table once the job is executed.
    children: ChildrenFn,
) -> impl IntoView {
    let pages: PagePath = {
        let job_id = job_id.clone();
        Arc::new(move |offset| paths::job_certificates(&job_id, MAX_LIMIT, offset))
    };
    let export = export_csv::<JobCertificate>(t!("certificates.export"), format!("{job_id}-certificates.csv"), pages);
    view! {
        <section class="card" aria-labelledby="certificates-heading">
            <h2 id="certificates-heading">{t!("certificates.heading")}</h2>
            {children()}
            {export}
            {paged_table(
                certificates,
                5,
                TableText {
                    caption: t!("certificates.caption", job = job_id),
                    headers: vec![t!("column.certificate_value"), t!("column.start_date"), t!("column.end_date")],
                    empty: t!("certificates.empty"),
                    pages: t!("certificates.pages"),
                },
                |certificate: &JobCertificate| certificate.serial_number.clone(),
                certificate_row,
                href,
            )}
        </section>
    }
}
