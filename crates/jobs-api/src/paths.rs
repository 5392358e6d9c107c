//! Every API path, in one place: the route patterns a server implements (`{job_id}` marks
//! the id) and the builders the client calls, made from the same patterns. Paths the
//! contract marks as inferred are written only here, so adapting them is one edit.

use crate::enums::DownloadKind;
use crate::url_encoding::encode_component;

macro_rules! dtm {
    () => {
        "/devicetrustmanager/api/v4"
    };
}
macro_rules! dtm_jobs {
    () => {
        concat!(dtm!(), "/job")
    };
}
macro_rules! iot {
    () => {
        "/iot/api/v1"
    };
}
macro_rules! iot_batch_enroll {
    () => {
        concat!(iot!(), "/batch-enroll")
    };
}

/// Where the Device Trust Manager API lives unless `config.json` says otherwise.
pub const DTM_BASE: &str = dtm!();
/// Where the IoT Trust Manager API lives unless `config.json` says otherwise.
pub const IOT_BASE: &str = iot!();

/// Route patterns, in the `{param}` syntax of axum and most routers.
pub mod routes {
    pub const JOBS: &str = dtm_jobs!();
    pub const JOB: &str = concat!(dtm_jobs!(), "/{job_id}");
    pub const JOB_CERTIFICATES: &str = concat!(dtm_jobs!(), "/{job_id}/certificate");
    pub const JOB_LOG: &str = concat!(dtm_jobs!(), "/{job_id}/log");
    pub const JOB_DOWNLOAD: &str = concat!(dtm_jobs!(), "/{job_id}/download");
    pub const BATCH_JOB: &str = concat!(iot_batch_enroll!(), "/{job_id}");
    pub const APPROVE_BATCH_JOB: &str = concat!(iot_batch_enroll!(), "/{job_id}/approve");
    pub const REJECT_BATCH_JOB: &str = concat!(iot_batch_enroll!(), "/{job_id}/reject");
    pub const BATCH_CERTIFICATES_DOWNLOAD: &str = concat!(iot_batch_enroll!(), "/{job_id}/download-certificates");
    /// The key's user [inferred, optional].
    pub const USER_ME: &str = concat!(iot!(), "/user/me");
    /// Who did what [documented].
    pub const AUDIT_LOG: &str = concat!(iot!(), "/audit-log");
    /// A job's failed devices and their reasons [inferred].
    pub const JOB_FAILURES: &str = concat!(dtm_jobs!(), "/{job_id}/failure");
    pub const JOB_FAILURE_SUMMARY: &str = concat!(dtm_jobs!(), "/{job_id}/failure/summary");
    /// A job's activity, newest first [inferred].
    pub const JOB_ACTIVITY: &str = concat!(dtm_jobs!(), "/{job_id}/activity");
    /// Where a device enrolls with a bootstrap configuration (named in those configurations).
    pub const ENROLL: &str = "/iot/api/v1/enroll/{job_id}";
}

/// `route` with the job's id, encoded as one path segment.
fn for_job(route: &str, job_id: &str) -> String {
    route.replace("{job_id}", &encode_component(job_id))
}

/// A page of jobs; `query` is a `JobListQuery`'s query string.
pub fn job_list(query: &str) -> String {
    if query.is_empty() {
        routes::JOBS.to_owned()
    } else {
        format!("{}?{query}", routes::JOBS)
    }
}

pub fn job(job_id: &str) -> String {
    for_job(routes::JOB, job_id)
}

pub fn job_certificates(job_id: &str, limit: u64, offset: u64) -> String {
    format!("{}?limit={limit}&offset={offset}", for_job(routes::JOB_CERTIFICATES, job_id))
}

pub fn job_log(job_id: &str, limit: u64, offset: u64) -> String {
    format!("{}?limit={limit}&offset={offset}", for_job(routes::JOB_LOG, job_id))
}

/// A page of a job's failures, of one reason only when `reason_code` is given [inferred
/// query parameter].
pub fn job_failures(job_id: &str, reason_code: Option<&str>, limit: u64, offset: u64) -> String {
    let reason = reason_code.map(|code| format!("&reason_code={}", encode_component(code))).unwrap_or_default();
    format!("{}?limit={limit}&offset={offset}{reason}", for_job(routes::JOB_FAILURES, job_id))
}

pub fn job_failure_summary(job_id: &str) -> String {
    for_job(routes::JOB_FAILURE_SUMMARY, job_id)
}

pub fn job_activity(job_id: &str, limit: u64, offset: u64) -> String {
    format!("{}?limit={limit}&offset={offset}", for_job(routes::JOB_ACTIVITY, job_id))
}

pub fn user_me() -> String {
    routes::USER_ME.to_owned()
}

/// A page of the audit log, newest first [documented].
pub fn audit_log(limit: u64, offset: u64) -> String {
    format!("{}?limit={limit}&offset={offset}", routes::AUDIT_LOG)
}

pub fn job_download(job_id: &str, kind: &DownloadKind) -> String {
    format!("{}?kind={}", for_job(routes::JOB_DOWNLOAD, job_id), encode_component(kind.as_wire()))
}

pub fn batch_job(job_id: &str) -> String {
    for_job(routes::BATCH_JOB, job_id)
}

pub fn approve_batch_job(job_id: &str) -> String {
    for_job(routes::APPROVE_BATCH_JOB, job_id)
}

pub fn reject_batch_job(job_id: &str) -> String {
    for_job(routes::REJECT_BATCH_JOB, job_id)
}

pub fn batch_certificates_download(job_id: &str) -> String {
    for_job(routes::BATCH_CERTIFICATES_DOWNLOAD, job_id)
}

pub fn enroll(job_id: &str) -> String {
    for_job(routes::ENROLL, job_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_encoded_as_one_segment() {
        assert_eq!(approve_batch_job("b7e4c2a0"), "/iot/api/v1/batch-enroll/b7e4c2a0/approve");
        assert_eq!(job("a/b c"), "/devicetrustmanager/api/v4/job/a%2Fb%20c");
        assert_eq!(job_log("J-1", 20, 40), "/devicetrustmanager/api/v4/job/J-1/log?limit=20&offset=40");
        assert_eq!(job_download("J-1", &DownloadKind::Configuration), "/devicetrustmanager/api/v4/job/J-1/download?kind=configuration");
        assert_eq!(
            job_failures("J-1", Some("A B"), 20, 0),
            "/devicetrustmanager/api/v4/job/J-1/failure?limit=20&offset=0&reason_code=A%20B"
        );
        assert_eq!(job_failure_summary("J-1"), "/devicetrustmanager/api/v4/job/J-1/failure/summary");
    }
}

/// Checks and tidies an API base URL: empty means the console's own origin (behind a
/// reverse proxy); otherwise an `http://` or `https://` URL, without a trailing slash.
pub fn normalize_base_url(text: &str) -> Result<String, String> {
    let trimmed = text.trim().trim_end_matches('/');
    if trimmed.is_empty() {
        return Ok(String::new());
    }
    let rest = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"))
        .ok_or_else(|| crate::t!("base_url.scheme").to_owned())?;
    if rest.is_empty() || rest.contains(['?', '#', ' ']) {
        return Err(crate::t!("base_url.host").into());
    }
    Ok(trimmed.to_owned())
}

#[cfg(test)]
mod base_url_tests {
    use super::normalize_base_url;

    #[test]
    fn base_urls() {
        assert_eq!(normalize_base_url(" https://one.digicert.com/ "), Ok("https://one.digicert.com".into()));
        assert_eq!(normalize_base_url("http://127.0.0.1:8787"), Ok("http://127.0.0.1:8787".into()));
        assert_eq!(normalize_base_url(""), Ok(String::new()));
        assert!(normalize_base_url("one.digicert.com").is_err());
        assert!(normalize_base_url("https://").is_err());
        assert!(normalize_base_url("https://x/?a").is_err());
    }
}
