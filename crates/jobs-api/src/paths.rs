//! Every API path the console calls, in one place. Paths the contract marks as inferred
//! are built only here, so adapting them to the vendor's reference is one edit.

use crate::enums::DownloadKind;
use crate::query::JobListQuery;

pub const DTM_JOBS: &str = "/devicetrustmanager/api/v4/job";
pub const IOT_BATCH_ENROLL: &str = "/iot/api/v1/batch-enroll";

/// Percent-encodes everything but RFC 3986's unreserved characters.
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

pub fn job_list(query: &JobListQuery) -> String {
    format!("{DTM_JOBS}?{}", query.to_query_string())
}

pub fn job(job_id: &str) -> String {
    format!("{DTM_JOBS}/{}", encode_component(job_id))
}

pub fn job_certificates(job_id: &str, limit: u64, offset: u64) -> String {
    format!("{}/certificate?limit={limit}&offset={offset}", job(job_id))
}

pub fn job_log(job_id: &str, limit: u64, offset: u64) -> String {
    format!("{}/log?limit={limit}&offset={offset}", job(job_id))
}

pub fn job_download(job_id: &str, kind: &DownloadKind) -> String {
    format!("{}/download?kind={}", job(job_id), encode_component(kind.as_wire()))
}

pub fn batch_job(job_id: &str) -> String {
    format!("{IOT_BATCH_ENROLL}/{}", encode_component(job_id))
}

pub fn approve_batch_job(job_id: &str) -> String {
    format!("{}/approve", batch_job(job_id))
}

pub fn reject_batch_job(job_id: &str) -> String {
    format!("{}/reject", batch_job(job_id))
}

pub fn batch_certificates_download(job_id: &str) -> String {
    format!("{}/download-certificates", batch_job(job_id))
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
        .ok_or_else(|| "The base URL must start with https:// (or http:// for a local server).".to_owned())?;
    if rest.is_empty() || rest.contains(['?', '#', ' ']) {
        return Err("The base URL must be a host such as https://one.digicert.com, without ? or #.".into());
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
