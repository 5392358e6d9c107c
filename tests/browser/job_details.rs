//! The Job details page for each kind of job, and what it shows of odd data.

use serde_json::Value;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

const JOBS: &str = jobs_api::paths::routes::JOBS;

fn headings(console: &Console) -> Vec<String> {
    console.find_all("section h2").into_iter().map(|heading| heading.text_content().unwrap()).collect()
}

async fn first_job(query: &str) -> Value {
    let page = api_get(&format!("{JOBS}?{query}&limit=1")).await;
    page["records"][0].clone()
}

#[wasm_bindgen_test]
async fn a_registration_job_shows_every_section_in_order() {
    let job = first_job("job_type=BATCH_DEVICE_REGISTRATION&batch_status=COMPLETE&sort=-result").await;
    let id = job["id"].as_str().unwrap();
    let console = open_console(&format!("/jobs/{id}"), APPROVER_KEY);
    console.wait_for("#certificates-heading").await;
    console.wait_for(".data-table tbody tr th span[title^='Serial number']").await;
    // A decided job opens with its decision (who made it where a record names them, else
    // why none does); failures show when there are some.
    let mut expected = vec!["Decision", "Job details", "Device registration", "Certificates", "General information", "Batch CSV"];
    if job["result"]["failed"].as_u64().unwrap() > 0 {
        expected.push("Failures");
    }
    expected.extend(["Activity", "Job logs"]);
    console.wait_until("every section shows, in order", |console| headings(console) == expected).await;
    let text = console.text();
    for expected in
        ["Executed", "Batch device registration", job["device_group"]["name"].as_str().unwrap(), job["owner"]["name"].as_str().unwrap()]
    {
        assert!(text.contains(expected), "details show {expected}");
    }
    let certificates = api_get(&jobs_api::paths::job_certificates(id, 20, 0)).await;
    let first = &certificates["records"][0];
    let cell = console.find("th span[title^='Serial number']").unwrap();
    assert_eq!(cell.text_content().unwrap(), first["common_name"].as_str().unwrap());
    assert_eq!(cell.get_attribute("title").unwrap(), format!("Serial number {}", first["serial_number"].as_str().unwrap()));
    let total = certificates["total"].as_u64().unwrap();
    assert!(total > 20, "the seeded job has more certificates than one page");
    // Counts read as the language writes numbers (`1,200` in English).
    assert!(text.contains(&format!("1–20 of {}", jobs_api::i18n::number(total as f64))), "{text}");
    assert!(text.contains("Download certificates") && text.contains("Download configurations"));
    assert!(text.contains("Bootstrap") || text.contains("Operational"));
    assert!(text.contains("KiB") || text.contains("MiB"), "file size is human readable");

    console.click_text("nav[aria-label='Certificate pages'] a", "Next");
    let second = api_get(&jobs_api::paths::job_certificates(id, 20, 20)).await;
    let second_name = second["records"][0]["common_name"].as_str().unwrap().to_owned();
    console
        .wait_until("certificate page 2", |console| {
            console.find("th span[title^='Serial number']").and_then(|c| c.text_content()) == Some(second_name.clone())
        })
        .await;
    assert!(location().contains("certificates_page=2"));
}

#[wasm_bindgen_test]
async fn a_deployment_shows_its_release_instead_of_certificates() {
    let job = first_job("job_type=DEPLOYMENT&state=COMPLETED").await;
    let id = job["id"].as_str().unwrap();
    let console = open_console(&format!("/jobs/{id}"), APPROVER_KEY);
    console.wait_for("#release-heading").await;
    let expected: &[&str] = if job["result"]["failed"].as_u64().unwrap() > 0 {
        &["Job details", "Release", "Failures", "Activity", "Job logs"]
    } else {
        &["Job details", "Release", "Activity", "Job logs"]
    };
    console.wait_until("the deployment's sections show, in order", |console| headings(console) == expected).await;
    let details = api_get(&jobs_api::paths::job(id)).await;
    assert!(console.text().contains(details["release"]["name"].as_str().unwrap()));
    assert!(console.text().contains("Deployments") && console.text().contains("Executed"));
}

#[wasm_bindgen_test]
async fn unknown_values_and_html_in_data_show_as_text() {
    let owner = "<img src=x onerror=alert(1)>";
    let id = new_job(serde_json::json!({
        "job_type": "FIRMWARE_ROLLBACK", "status": "PAUSED_FOR_MAINTENANCE", "owner_name": owner,
        "device_group_name": "<b>bold</b> group", "requires_approval": false
    }))
    .await;
    let console = open_console(&format!("/jobs/{id}"), APPROVER_KEY);
    console.wait_for("#facts-heading").await;
    let text = console.text();
    assert!(text.contains(owner), "owner shown literally");
    assert!(text.contains("<b>bold</b> group"));
    assert!(text.contains("PAUSED_FOR_MAINTENANCE") && text.contains("FIRMWARE_ROLLBACK"));
    assert!(console.find("img").is_none() && console.find("dd b").is_none(), "no markup from data");
}

#[wasm_bindgen_test]
async fn an_unknown_address_shows_not_found() {
    let console = open_console("/nowhere/at/all", APPROVER_KEY);
    console.wait_for_text("This page does not exist").await;
}

#[wasm_bindgen_test]
async fn downloading_a_batch_jobs_certificates_uses_the_documented_endpoint_and_is_logged() {
    let job = first_job("job_type=BATCH_DEVICE_REGISTRATION&batch_status=COMPLETE&sort=result").await;
    let id = job["id"].as_str().unwrap();
    let logged_before = api_get(&jobs_api::paths::job_log(id, 1, 0)).await["total"].as_u64().unwrap();
    let console = open_console(&format!("/jobs/{id}"), APPROVER_KEY);
    console.wait_for("#log-heading").await;
    console.click_text("button", "Download certificates");
    // Named by the server, in the job's certificate format (zip of PEM or DER, or JSON).
    console.wait_for_text(&format!("Downloaded {id}-certificates.")).await;
    console
        .wait_until("the log shows the download", |console| {
            console
                .find_all("#log-heading ~ .table-scroll tbody tr")
                .first()
                .and_then(|row| row.text_content())
                .is_some_and(|row| row.contains("Certificate download") && row.contains("API") && row.contains("sandbox.approver"))
        })
        .await;
    let logged_after = api_get(&jobs_api::paths::job_log(id, 1, 0)).await["total"].as_u64().unwrap();
    assert_eq!(logged_after, logged_before + 1);
    let documented = requests_received("GET", &jobs_api::paths::batch_certificates_download(id)).await;
    assert_eq!(documented, 1, "a batch job's certificates come from the documented endpoint");
}

#[wasm_bindgen_test]
async fn leaving_a_page_stops_its_polling() {
    let id = new_job(serde_json::json!({ "total": 10 })).await;
    let console = open_console(&format!("/jobs/{id}"), APPROVER_KEY);
    console.wait_for_text("Waiting for your approval").await;
    let job_path = format!("/v4/job/{id}");
    let first = requests_received("GET", &job_path).await;
    // Windows in which requests are counted: polling is measured over time.
    sleep(2_500).await;
    assert!(requests_received("GET", &job_path).await > first, "a job waiting for approval is polled");

    console.click_text("header nav a", "Jobs");
    console.wait_for("table .job-link").await;
    sleep(300).await;
    let after_leaving = requests_received("GET", &job_path).await;
    sleep(1_500).await;
    assert_eq!(requests_received("GET", &job_path).await, after_leaving, "no request for the job once its page is gone");
}

#[wasm_bindgen_test]
async fn expired_certificates_are_marked() {
    let jobs = api_get(&format!("{JOBS}?batch_status=COMPLETE&sort=run_date&limit=100")).await;
    let mut expired_job = None;
    for id in ids_of(&jobs) {
        let first = api_get(&jobs_api::paths::job_certificates(&id, 1, 0)).await;
        if first["records"][0]["status"] == "EXPIRED" {
            expired_job = Some(id);
            break;
        }
    }
    let id = expired_job.expect("the seed has a job whose certificates expired");
    let console = open_console(&format!("/jobs/{id}"), APPROVER_KEY);
    console.wait_for("th span[title^='Serial number']").await;
    let marks: Vec<String> = console.find_all(".data-table td .badge").into_iter().filter_map(|badge| badge.text_content()).collect();
    assert!(!marks.is_empty() && marks.iter().all(|mark| mark == "Expired"), "{marks:?}");
}
