//! The sandbox over HTTP: every endpoint, its errors, the approval state machine, the
//! one-winner rule under concurrency, and state that survives a restart.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use jobs_api::audit_log::{decision_on, AuditRecord};
use jobs_api::endpoints::Endpoint;
use jobs_api::*;
use sandbox::config::{Options, DEMO_APPROVER_KEY, DEMO_READ_ONLY_KEY};
use sandbox::routes::{router, AppState};
use serde_json::Value;
use tower::ServiceExt;

const JOBS: &str = jobs_api::paths::routes::JOBS;

fn options(jobs: usize, speed: f64) -> Options {
    Options {
        host: [127, 0, 0, 1].into(),
        port: 0,
        db: None,
        seed: 42,
        jobs,
        speed,
        latency_ms: 0,
        api_keys: Vec::new(),
        allow_remote_control: false,
        control_token: None,
        max_certificates_per_download: 5_000,
        random_faults: 0.0,
        four_eyes: true,
        inferred_endpoints: true,
        wire_variants: false,
        replay: None,
    }
}

struct Sandbox {
    state: AppState,
    app: Router,
    _dir: tempfile::TempDir,
}

fn sandbox(jobs: usize, speed: f64) -> Sandbox {
    sandbox_with(options(jobs, speed))
}

fn sandbox_with(options: Options) -> Sandbox {
    let dir = tempfile::tempdir().unwrap();
    let state = sandbox::prepare(&options, &dir.path().join("db.sqlite3")).unwrap();
    Sandbox { app: router(state.clone()), state, _dir: dir }
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|_| panic!("not JSON: {}", String::from_utf8_lossy(&self.body)))
    }

    fn error_code(&self) -> String {
        self.json()["errors"][0]["code"].as_str().unwrap_or_default().to_owned()
    }
}

async fn send(app: &Router, method: &str, uri: &str, key: Option<&str>, extra: &[(&str, &str)], body: Option<Value>) -> Reply {
    let mut request = Request::builder().method(method).uri(uri);
    if let Some(key) = key {
        request = request.header("x-api-key", key);
    }
    for (name, value) in extra {
        request = request.header(*name, *value);
    }
    let body = match body {
        Some(json) => {
            request = request.header("content-type", "application/json");
            Body::from(json.to_string())
        }
        None => Body::empty(),
    };
    let response = app.clone().oneshot(request.body(body).unwrap()).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes().to_vec();
    Reply { status, headers, body }
}

/// A body read as the console reads it.
fn read<T: jobs_api::lenient::FromJson>(body: &[u8]) -> Result<T, String> {
    jobs_api::lenient::from_json_text(std::str::from_utf8(body).map_err(|error| error.to_string())?)
}

async fn get(app: &Router, uri: &str) -> Reply {
    send(app, "GET", uri, Some(DEMO_APPROVER_KEY), &[], None).await
}

async fn put(app: &Router, uri: &str, key: &str) -> Reply {
    send(app, "PUT", uri, Some(key), &[], None).await
}

async fn new_pending_job(app: &Router, total: u64) -> String {
    let created = send(app, "POST", "/_sandbox/jobs", None, &[], Some(serde_json::json!({ "total": total }))).await;
    assert_eq!(created.status, StatusCode::CREATED);
    created.json()["id"].as_str().unwrap().to_owned()
}

async fn batch_status(app: &Router, id: &str) -> BatchEnrollJob {
    read(&get(app, &paths::batch_job(id)).await.body).unwrap()
}

fn page(reply: &Reply) -> Page<JobSummary> {
    assert_eq!(reply.status, StatusCode::OK, "{}", String::from_utf8_lossy(&reply.body));
    read(&reply.body).unwrap()
}

#[tokio::test]
async fn the_job_list_pages_filters_and_sorts() {
    let sandbox = sandbox(300, 1.0);
    let all = page(&get(&sandbox.app, JOBS).await);
    assert_eq!((all.total, all.limit, all.offset, all.records.len()), (300, 20, 0, 20));
    let dates: Vec<_> = all.records.iter().map(|job| job.run_date.clone()).collect();
    let mut newest_first = dates.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, newest_first, "default sort is -run_date");

    let drafts = page(&get(&sandbox.app, &format!("{JOBS}?draft=true&limit=100")).await);
    assert!(drafts.total > 0 && drafts.records.iter().all(|job| job.draft && job.run_date.is_none()));
    let waiting = page(&get(&sandbox.app, &format!("{JOBS}?batch_status=PENDING_APPROVAL&limit=100")).await);
    assert!(waiting.total > 0 && waiting.records.iter().all(|job| job.awaits_approval() && job.status == JobStatus::Pending));
    let deployments = page(&get(&sandbox.app, &format!("{JOBS}?job_type=DEPLOYMENT&state=ACTIVE")).await);
    assert!(deployments.records.iter().all(|job| job.job_type == JobType::Deployment && job.state == Some(JobState::Active)));

    let by_group = page(&get(&sandbox.app, &format!("{JOBS}?q=meters%20eu&limit=100")).await);
    assert!(by_group.total > 0);
    assert!(by_group.records.iter().all(|job| job.device_group.as_ref().unwrap().name.starts_with("Meters EU")));

    let smallest = page(&get(&sandbox.app, &format!("{JOBS}?sort=result&limit=100")).await);
    let totals: Vec<_> = smallest.records.iter().map(|job| job.result.total.clone()).collect();
    assert!(totals.windows(2).all(|pair| pair[0] <= pair[1]));

    let second = page(&get(&sandbox.app, &format!("{JOBS}?limit=20&offset=20")).await);
    assert_eq!(second.offset, 20);
    assert!(second.records.iter().all(|job| !all.records.contains(job)), "pages do not overlap");

    let nothing = page(&get(&sandbox.app, &format!("{JOBS}?status=NOT_A_STATUS")).await);
    assert_eq!((nothing.total, nothing.records.len()), (0, 0));
    for bad in ["limit=0", "limit=101", "limit=x", "offset=-3", "sort=colour", "draft=maybe"] {
        let reply = get(&sandbox.app, &format!("{JOBS}?{bad}")).await;
        assert_eq!((reply.status, reply.error_code().as_str()), (StatusCode::BAD_REQUEST, "invalid_request"), "{bad}");
    }
}

#[tokio::test]
async fn keys_are_required_and_roles_are_enforced() {
    let sandbox = sandbox(20, 1.0);
    for key in [None, Some("wrong-key")] {
        let reply = send(&sandbox.app, "GET", JOBS, key, &[], None).await;
        assert_eq!((reply.status, reply.error_code().as_str()), (StatusCode::UNAUTHORIZED, "invalid_api_key"));
    }
    let id = new_pending_job(&sandbox.app, 10).await;
    let denied = put(&sandbox.app, &paths::approve_batch_job(&id), DEMO_READ_ONLY_KEY).await;
    assert_eq!((denied.status, denied.error_code().as_str()), (StatusCode::FORBIDDEN, "access_denied"));
    assert_eq!(batch_status(&sandbox.app, &id).await.status, BatchStatus::PendingApproval, "nothing changed");
}

#[tokio::test]
async fn approval_runs_the_documented_lifecycle() {
    let sandbox = sandbox(10, 1.0);
    let id = new_pending_job(&sandbox.app, 30).await;

    let approved = put(&sandbox.app, &paths::approve_batch_job(&id), DEMO_APPROVER_KEY).await;
    assert_eq!(approved.status, StatusCode::NO_CONTENT);
    assert!(approved.body.is_empty());
    let job = batch_status(&sandbox.app, &id).await;
    assert_eq!((job.status, job.decided_by.as_deref()), (BatchStatus::Approved, Some("sandbox.approver")));

    let counted = get(&sandbox.app, &format!("/_sandbox/requests?method=PUT&path_contains={id}/approve")).await;
    assert_eq!(counted.json()["count"], 1);
    let again = put(&sandbox.app, &paths::approve_batch_job(&id), DEMO_APPROVER_KEY).await;
    assert_eq!((again.status, again.error_code().as_str()), (StatusCode::CONFLICT, "invalid_state"));
    let reject = put(&sandbox.app, &paths::reject_batch_job(&id), DEMO_APPROVER_KEY).await;
    assert_eq!(reject.status, StatusCode::CONFLICT);
    let early = get(&sandbox.app, &paths::batch_certificates_download(&id)).await;
    assert_eq!((early.status, early.error_code().as_str()), (StatusCode::CONFLICT, "invalid_state"));

    // The test sets the clock: the job is seen at its start, halfway and at its end.
    let lookup = id.clone();
    let job = sandbox.state.store.call(move |connection| sandbox::store::find_job(connection, &lookup)).await.unwrap().unwrap();
    let (start, end) = (job.progress_started_ms.unwrap(), job.progress_ends_ms.unwrap());
    let mut seen = vec![batch_status(&sandbox.app, &id).await.status];
    for instant in [start - 1, (start + end) / 2, end] {
        sandbox.state.store.call(move |connection| sandbox::progress::advance_all(connection, instant)).await.unwrap();
        seen.push(batch_status(&sandbox.app, &id).await.status);
    }
    assert_eq!(seen, [BatchStatus::Approved, BatchStatus::Approved, BatchStatus::InProgress, BatchStatus::Complete]);
    let finished = read::<JobDetails>(&get(&sandbox.app, &paths::job(&id)).await.body).unwrap();
    assert_eq!(finished.summary.result.processed(), Some(30));

    let details: JobDetails = read(&get(&sandbox.app, &paths::job(&id)).await.body).unwrap();
    assert_eq!((details.summary.status, details.summary.state), (JobStatus::Executed, Some(JobState::Success)));
    assert_eq!(details.summary.result.processed(), Some(30));
    let registration = details.device_registration.unwrap();
    assert_eq!(registration.completed.known().unwrap() + registration.failed.known().unwrap(), 30);

    let certificates: Page<JobCertificate> = read(&get(&sandbox.app, &paths::job_certificates(&id, 100, 0)).await.body).unwrap();
    assert_eq!(Some(certificates.total), details.summary.result.successful.known());

    let download = get(&sandbox.app, &paths::job_download(&id, &DownloadKind::Certificate)).await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.headers["content-type"], "application/zip");
    let archive = zip::ZipArchive::new(std::io::Cursor::new(download.body)).unwrap();
    assert_eq!(archive.len() as u64, certificates.total);
    let log: Page<JobLogEntry> = read(&get(&sandbox.app, &paths::job_log(&id, 20, 0)).await.body).unwrap();
    assert_eq!(log.total, 1);
    assert_eq!(
        (log.records[0].action.clone(), log.records[0].downloaded_from.clone()),
        (LogAction::CertificateDownload, DownloadSource::Api)
    );
}

#[tokio::test]
async fn rejecting_ends_the_job_through_the_asynchronous_states() {
    let sandbox = sandbox(10, 1.0);
    let id = new_pending_job(&sandbox.app, 10).await;
    assert_eq!(put(&sandbox.app, &paths::reject_batch_job(&id), DEMO_APPROVER_KEY).await.status, StatusCode::NO_CONTENT);
    let job = batch_status(&sandbox.app, &id).await;
    assert_eq!((job.status, job.decided_by.as_deref()), (BatchStatus::PendingRejection, Some("sandbox.approver")));
    assert!(job.decided_at.is_some());
    let lookup = id.clone();
    let record = sandbox.state.store.call(move |connection| sandbox::store::find_job(connection, &lookup)).await.unwrap().unwrap();
    let (start, end) = (record.progress_started_ms.unwrap(), record.progress_ends_ms.unwrap());
    let mut seen = Vec::new();
    for instant in [start, end] {
        sandbox.state.store.call(move |connection| sandbox::progress::advance_all(connection, instant)).await.unwrap();
        let details: JobDetails = read(&get(&sandbox.app, &paths::job(&id)).await.body).unwrap();
        seen.push(details.summary.status);
    }
    assert_eq!(seen, [JobStatus::RejectionInProgress, JobStatus::Rejected]);
    assert!(seen[1].is_final());
    let missing = put(&sandbox.app, &paths::approve_batch_job("no-such-job"), DEMO_APPROVER_KEY).await;
    assert_eq!((missing.status, missing.error_code().as_str()), (StatusCode::NOT_FOUND, "resource_not_found"));
}

#[tokio::test]
async fn the_requester_may_reject_but_not_approve_their_own_job() {
    let sandbox = sandbox(10, 1.0);
    let own = serde_json::json!({ "owner_name": "sandbox.approver", "total": 5 });
    let created = send(&sandbox.app, "POST", "/_sandbox/jobs", None, &[], Some(own.clone())).await;
    let id = created.json()["id"].as_str().unwrap().to_owned();
    let refused = put(&sandbox.app, &paths::approve_batch_job(&id), DEMO_APPROVER_KEY).await;
    assert_eq!((refused.status, refused.error_code().as_str()), (StatusCode::FORBIDDEN, "access_denied"));
    assert!(refused.json()["errors"][0]["message"].as_str().unwrap().contains("four-eyes"));
    assert_eq!(batch_status(&sandbox.app, &id).await.status, BatchStatus::PendingApproval, "nothing changed");
    assert_eq!(put(&sandbox.app, &paths::reject_batch_job(&id), DEMO_APPROVER_KEY).await.status, StatusCode::NO_CONTENT);

    let me = get(&sandbox.app, &paths::user_me()).await.json();
    assert_eq!(me["name"], "sandbox.approver");

    let lenient = sandbox_with(Options { four_eyes: false, ..options(10, 1.0) });
    let created = send(&lenient.app, "POST", "/_sandbox/jobs", None, &[], Some(own)).await;
    let id = created.json()["id"].as_str().unwrap().to_owned();
    assert_eq!(put(&lenient.app, &paths::approve_batch_job(&id), DEMO_APPROVER_KEY).await.status, StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn without_inferred_endpoints_only_the_documented_ones_answer() {
    let documented = sandbox_with(Options { inferred_endpoints: false, ..options(10, 1.0) });
    let created = send(&documented.app, "POST", "/_sandbox/jobs", None, &[], Some(serde_json::json!({ "total": 3 }))).await;
    let id = created.json()["id"].as_str().unwrap().to_owned();
    for inferred in [paths::job_list("limit=1"), paths::job(&id), paths::batch_job(&id), paths::user_me(), paths::job_activity(&id, 20, 0)]
    {
        let reply = get(&documented.app, &inferred).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{inferred}");
        assert_eq!(reply.json()["error"]["code"], "03", "DTM's singular shape with a numeric code");
    }
    assert_eq!(get(&documented.app, &paths::batch_certificates_download(&id)).await.status, StatusCode::CONFLICT, "documented: answers");
    assert_eq!(put(&documented.app, &paths::approve_batch_job(&id), DEMO_APPROVER_KEY).await.status, StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn failures_and_activity_agree_with_the_job() {
    let sandbox = sandbox(300, 1.0);
    let failed_jobs = page(&get(&sandbox.app, &format!("{JOBS}?state=SUCCESS&limit=100")).await);
    let job = failed_jobs.records.iter().find(|job| job.result.failed.known().unwrap() > 3).expect("a job with failures");
    let summary: Vec<FailureReasonCount> = read(&get(&sandbox.app, &paths::job_failure_summary(&job.id)).await.body).unwrap();
    let counted: u64 = summary.iter().map(|reason| reason.count.known().unwrap()).sum();
    assert_eq!(Some(counted), job.result.failed.known());
    let all: Page<JobFailure> = read(&get(&sandbox.app, &paths::job_failures(&job.id, None, 100, 0)).await.body).unwrap();
    assert_eq!(all.total, counted);
    let last = summary.last().unwrap();
    let one: Page<JobFailure> =
        read(&get(&sandbox.app, &paths::job_failures(&job.id, Some(&last.reason_code), 100, 0)).await.body).unwrap();
    assert_eq!(Some(one.total), last.count.known());
    assert!(one.records.iter().all(|failure| failure.reason_code == last.reason_code));

    let id = new_pending_job(&sandbox.app, 5).await;
    assert_eq!(put(&sandbox.app, &paths::approve_batch_job(&id), DEMO_APPROVER_KEY).await.status, StatusCode::NO_CONTENT);
    let activity: Page<JobActivity> = read(&get(&sandbox.app, &paths::job_activity(&id, 20, 0)).await.body).unwrap();
    let actions: Vec<_> = activity.records.iter().map(|entry| (entry.action.clone(), entry.user.clone())).collect();
    assert_eq!(actions[0], (ActivityAction::Approved, Some("sandbox.approver".to_owned())));
    assert_eq!(actions.last().unwrap().0, ActivityAction::Requested);
}

#[tokio::test]
async fn the_audit_log_records_decisions_and_downloads_in_the_documented_fields() {
    let documented = sandbox_with(Options { inferred_endpoints: false, ..options(10, 1.0) });
    let id = new_pending_job(&documented.app, 2).await;
    assert_eq!(put(&documented.app, &paths::approve_batch_job(&id), DEMO_APPROVER_KEY).await.status, StatusCode::NO_CONTENT);
    let reply = get(&documented.app, &paths::audit_log(20, 0)).await;
    assert_eq!(reply.status, StatusCode::OK, "documented: answers without the inferred endpoints");
    let newest = &reply.json()["records"][0];
    for field in
        ["id", "resource_type", "resource", "authentication_type", "authentication", "action", "status", "properties", "created_at"]
    {
        assert!(!newest[field].is_null(), "{field} in {newest}");
    }
    let page: Page<AuditRecord> = read(&reply.body).unwrap();
    let decision = decision_on(&id, &page.records).expect("the approval is in the audit log");
    assert_eq!((decision.outcome, decision.by.as_deref()), (BatchStatus::Approved, Some("sandbox.approver")));

    // Once complete (the test sets the clock), the documented download is audited too, above the decision.
    let lookup = id.clone();
    let job = documented.state.store.call(move |connection| sandbox::store::find_job(connection, &lookup)).await.unwrap().unwrap();
    let end = job.progress_ends_ms.unwrap();
    documented.state.store.call(move |connection| sandbox::progress::advance_all(connection, end)).await.unwrap();
    assert_eq!(get(&documented.app, &paths::batch_certificates_download(&id)).await.status, StatusCode::OK);
    let page: Page<AuditRecord> = read(&get(&documented.app, &paths::audit_log(20, 0)).await.body).unwrap();
    assert_eq!(page.records[0].action.as_deref(), Some("download"));
    assert_eq!(page.records[0].resource.as_deref(), Some(id.as_str()));
    assert_eq!(decision_on(&id, &page.records).map(|decision| decision.outcome), Some(BatchStatus::Approved));
}

/// Answers recorded by `scripts/record-api` from a sandbox started with `--wire-variants`:
/// the shapes DigiCert documents elsewhere (lower-case values, `completed`, bare arrays,
/// pages without `total`, the singular error shape with a numeric code).
const RECORDED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/wire-variants");

#[tokio::test]
async fn a_recording_is_replayed_and_every_answer_decodes_as_the_console_reads_it() {
    let replayed = sandbox_with(Options { replay: Some(RECORDED.into()), ..options(1, 1.0) });
    let list = get(&replayed.app, &api_check::check_path(Endpoint::JobList, None, None).unwrap()).await;
    assert_eq!(list.status, StatusCode::OK);
    let (job, batch) = api_check::ids_to_check_with(std::str::from_utf8(&list.body).unwrap());
    assert!(job.is_some() && batch.is_some(), "the recording names a job and a batch job");
    for endpoint in api_check::CHECKED {
        let path = api_check::check_path(endpoint, job.as_deref(), batch.as_deref()).expect("the recorder asks what the check asks");
        let reply = get(&replayed.app, &path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path} was recorded");
        let examination = api_check::examine(endpoint, std::str::from_utf8(&reply.body).unwrap());
        assert_eq!((examination.undecodable, examination.unreadable), (None, 0), "{endpoint:?} decodes");
        assert!(examination.unknown_values.is_empty(), "values in any case are known: {:?}", examination.unknown_values);
    }
    let missing = get(&replayed.app, &paths::job("no-such-job-recorded")).await;
    let error = client_error::ApiError::from_response(missing.status.as_u16(), std::str::from_utf8(&missing.body).unwrap(), None, 0);
    assert!(matches!(error, client_error::ApiError::NotFound { .. }), "the singular shape with a numeric code: {error:?}");
    assert!(error.message().contains("No job with id"), "the server's message is kept: {}", error.message());
    let unrecorded = get(&replayed.app, &paths::job("never-recorded")).await;
    assert_eq!(unrecorded.status, StatusCode::NOT_FOUND, "what was not recorded is not invented");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn of_two_hundred_concurrent_approvals_exactly_one_wins() {
    let sandbox = sandbox(10, 1.0);
    let id = new_pending_job(&sandbox.app, 10).await;
    let uri = paths::approve_batch_job(&id);
    let attempts: Vec<_> = (0..200)
        .map(|_| {
            let app = sandbox.app.clone();
            let uri = uri.clone();
            tokio::spawn(async move { put(&app, &uri, DEMO_APPROVER_KEY).await.status })
        })
        .collect();
    let mut statuses = Vec::new();
    for attempt in attempts {
        statuses.push(attempt.await.unwrap());
    }
    assert_eq!(statuses.iter().filter(|status| **status == StatusCode::NO_CONTENT).count(), 1);
    assert_eq!(statuses.iter().filter(|status| **status == StatusCode::CONFLICT).count(), 199);
}

#[tokio::test]
async fn faults_are_injected_by_header_or_armed_per_path() {
    let sandbox = sandbox(10, 1.0);
    let list = JOBS;
    let server_error = send(&sandbox.app, "GET", list, Some(DEMO_APPROVER_KEY), &[("x-sandbox-fault", "500")], None).await;
    assert_eq!(server_error.status, StatusCode::INTERNAL_SERVER_ERROR);
    let limited = send(&sandbox.app, "GET", list, Some(DEMO_APPROVER_KEY), &[("x-sandbox-fault", "429:7")], None).await;
    assert_eq!((limited.status, limited.headers["retry-after"].to_str().unwrap()), (StatusCode::TOO_MANY_REQUESTS, "7"));
    let malformed = send(&sandbox.app, "GET", list, Some(DEMO_APPROVER_KEY), &[("x-sandbox-fault", "malformed")], None).await;
    assert_eq!(malformed.status, StatusCode::OK);
    assert!(serde_json::from_slice::<Value>(&malformed.body).is_err());
    let html = send(&sandbox.app, "GET", list, Some(DEMO_APPROVER_KEY), &[("x-sandbox-fault", "html:502")], None).await;
    assert_eq!(html.status, StatusCode::BAD_GATEWAY);
    assert_eq!(jobs_api::error_body::parse_error_body(&String::from_utf8_lossy(&html.body)), None);

    let arm = serde_json::json!({ "path_contains": "/job?", "fault": "503", "count": 1 });
    assert_eq!(send(&sandbox.app, "POST", "/_sandbox/faults", None, &[], Some(arm)).await.status, StatusCode::NO_CONTENT);
    assert_eq!(get(&sandbox.app, &jobs_api::paths::job("J-1")).await.status, StatusCode::NOT_FOUND, "other paths unaffected");
    assert_eq!(get(&sandbox.app, &format!("{JOBS}?limit=5")).await.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(get(&sandbox.app, &format!("{JOBS}?limit=5")).await.status, StatusCode::OK, "used up");
}

#[tokio::test]
async fn browsers_may_call_across_origins() {
    let sandbox = sandbox(5, 1.0);
    let preflight = send(
        &sandbox.app,
        "OPTIONS",
        &jobs_api::paths::approve_batch_job("x"),
        None,
        &[("origin", "http://localhost:8080"), ("access-control-request-method", "PUT"), ("access-control-request-headers", "x-api-key")],
        None,
    )
    .await;
    assert_eq!(preflight.status, StatusCode::OK);
    assert!(preflight.headers["access-control-allow-headers"].to_str().unwrap().contains("x-api-key"));
    assert!(preflight.headers["access-control-allow-methods"].to_str().unwrap().contains("PUT"));
    let reply = send(&sandbox.app, "GET", JOBS, None, &[("origin", "http://localhost:8080")], None).await;
    assert_eq!(reply.headers["access-control-allow-origin"], "*");
    let exposed = reply.headers["access-control-expose-headers"].to_str().unwrap();
    assert!(exposed.contains("retry-after") && exposed.contains("x-sandbox-demo-key"), "{exposed}");
}

#[tokio::test]
async fn state_survives_a_restart_without_reseeding() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kept.sqlite3");
    let first = sandbox::prepare(&options(40, 1.0), &db).unwrap();
    let app = router(first.clone());
    let id = new_pending_job(&app, 10).await;
    assert_eq!(put(&app, &paths::approve_batch_job(&id), DEMO_APPROVER_KEY).await.status, StatusCode::NO_CONTENT);
    drop((app, first));

    let second = router(sandbox::prepare(&options(40, 1.0), &db).unwrap());
    assert_eq!(batch_status(&second, &id).await.status, BatchStatus::Approved);
    assert_eq!(page(&get(&second, JOBS).await).total, 41, "not seeded twice");
}

#[tokio::test]
async fn authentication_comes_before_any_fault() {
    let sandbox = sandbox(5, 1.0);
    for fault in ["500", "slow:5000", "drop", "redirect", "lost:502"] {
        let reply = send(&sandbox.app, "GET", JOBS, Some("wrong-key"), &[("x-sandbox-fault", fault)], None).await;
        assert_eq!((reply.status, reply.error_code().as_str()), (StatusCode::UNAUTHORIZED, "invalid_api_key"), "{fault}");
    }
}

#[tokio::test]
async fn a_lost_answer_still_records_the_decision() {
    let sandbox = sandbox(5, 1.0);
    let id = new_pending_job(&sandbox.app, 10).await;
    let reply =
        send(&sandbox.app, "PUT", &paths::approve_batch_job(&id), Some(DEMO_APPROVER_KEY), &[("x-sandbox-fault", "lost:504")], None).await;
    assert_eq!(reply.status, StatusCode::GATEWAY_TIMEOUT);
    assert_eq!(batch_status(&sandbox.app, &id).await.status, BatchStatus::Approved, "the work was done, only the answer lost");
}

#[tokio::test]
async fn armed_fixtures_answer_what_the_test_gives() {
    let sandbox = sandbox(5, 1.0);
    let arm = serde_json::json!({
        "path_contains": "/job?q=fixture", "fault": "respond",
        "body": { "total": 1, "limit": 20, "offset": 0, "records": [{ "id": "x", "result": { "total": -1 } }] },
        "headers": { "x-fixture": "yes" },
    });
    assert_eq!(send(&sandbox.app, "POST", "/_sandbox/faults", None, &[], Some(arm)).await.status, StatusCode::NO_CONTENT);
    let reply = get(&sandbox.app, &format!("{JOBS}?q=fixture")).await;
    assert_eq!((reply.status, reply.headers["x-fixture"].to_str().unwrap()), (StatusCode::OK, "yes"));
    assert_eq!(reply.json()["records"][0]["result"]["total"], -1);
    let redirect = send(&sandbox.app, "GET", JOBS, Some(DEMO_APPROVER_KEY), &[("x-sandbox-fault", "redirect")], None).await;
    assert_eq!(redirect.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(redirect.headers["location"], sandbox::faults::redirect_target());
}

#[tokio::test]
async fn control_endpoints_are_closed_beyond_loopback_without_a_token() {
    let exposed = Options { host: [0, 0, 0, 0].into(), ..options(5, 1.0) };
    let closed = sandbox_with(exposed.clone());
    for (method, path) in
        [("POST", "/_sandbox/jobs"), ("POST", "/_sandbox/faults/clear"), ("GET", "/_sandbox/requests?method=GET&path_contains=x")]
    {
        let reply = send(&closed.app, method, path, None, &[], Some(serde_json::json!({}))).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{path}");
    }
    assert_eq!(page(&get(&closed.app, JOBS).await).total, 5, "no job was created");

    let with_token = sandbox_with(Options { control_token: Some("t0ken".into()), ..exposed });
    let without = send(&with_token.app, "POST", "/_sandbox/jobs", None, &[], None).await;
    assert_eq!(without.status, StatusCode::FORBIDDEN);
    let wrong = send(&with_token.app, "POST", "/_sandbox/jobs", None, &[("x-sandbox-control-token", "guess")], None).await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    let right = send(&with_token.app, "POST", "/_sandbox/jobs", None, &[("x-sandbox-control-token", "t0ken")], None).await;
    assert_eq!(right.status, StatusCode::CREATED);
}

#[tokio::test]
async fn one_download_signs_a_bounded_number_of_certificates() {
    let sandbox = sandbox_with(Options { max_certificates_per_download: 3, ..options(300, 1.0) });
    let executed =
        page(&get(&sandbox.app, &format!("{JOBS}?status=EXECUTED&job_type=BATCH_DEVICE_REGISTRATION&sort=-result&limit=1")).await);
    let job = &executed.records[0];
    assert!(job.result.successful.known().unwrap() > 3);
    let reply = get(&sandbox.app, &paths::job_download(&job.id, &DownloadKind::Certificate)).await;
    assert_eq!((reply.status, reply.error_code().as_str()), (StatusCode::BAD_REQUEST, "invalid_request"));
    assert!(reply.json()["errors"][0]["message"].as_str().unwrap().contains("at most 3"));
}

#[tokio::test]
async fn ids_that_need_encoding_reach_their_job() {
    let sandbox = sandbox(5, 1.0);
    for id in ["a/b c", "q?x#y", "..", "dots..in.between", "100%"] {
        let created = send(&sandbox.app, "POST", "/_sandbox/jobs", None, &[], Some(serde_json::json!({ "id": id, "total": 3 }))).await;
        assert_eq!(created.status, StatusCode::CREATED);
        let job: JobDetails = read(&get(&sandbox.app, &paths::job(id)).await.body).unwrap();
        assert_eq!(job.summary.id, id);
    }
}

#[tokio::test]
async fn a_refusal_names_the_demo_key_only_on_a_demo_sandbox() {
    let demo = sandbox(5, 1.0);
    let refused = send(&demo.app, "GET", JOBS, None, &[], None).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(refused.headers["x-sandbox-demo-key"], DEMO_APPROVER_KEY);
    let own_keys = sandbox_with(Options { api_keys: vec![sandbox::config::parse_api_key("s3cret:approver").unwrap()], ..options(5, 1.0) });
    let refused = send(&own_keys.app, "GET", JOBS, None, &[], None).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert!(refused.headers.get("x-sandbox-demo-key").is_none(), "its own keys are never named");
}

#[tokio::test]
async fn random_faults_hit_about_the_share_asked_for() {
    let sandbox = sandbox_with(Options { random_faults: 20.0, ..options(5, 1.0) });
    let mut failed = 0;
    for _ in 0..200 {
        let reply =
            send(&sandbox.app, "GET", &format!("{JOBS}?limit=1"), Some(DEMO_APPROVER_KEY), &[("x-sandbox-fault", "slow:0")], None).await;
        failed += usize::from(reply.status != StatusCode::OK);
    }
    assert_eq!(failed, 0, "a fault asked for by header replaces the random draw");
    for _ in 0..400 {
        // A dropped connection unwinds the request's task, as it ends a connection's.
        let app = sandbox.app.clone();
        let answered = tokio::spawn(async move { get(&app, &paths::job("no-such-job")).await.status }).await;
        failed += usize::from(answered.map_or(true, |status| status != StatusCode::NOT_FOUND));
    }
    assert!((40..=120).contains(&failed), "{failed} of 400 requests faulted at 20 %");
}
