//! Every endpoint the console calls, with what the contract knows of it (documented by
//! DigiCert or our inference; needed or optional), what it provides in the operator's
//! words, and the advice when a tenant lacks it. Then the deployment's mapping from these
//! canonical paths to the tenant's (`config.json`): the API bases, an `account_id` for
//! Device Trust Manager, and the optional endpoints switched off.

use crate::paths::{routes, DTM_BASE, IOT_BASE};
use crate::url_encoding::encode_component;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Endpoint {
    JobList,
    Job,
    JobCertificates,
    JobLog,
    JobDownload,
    JobFailures,
    JobFailureSummary,
    JobActivity,
    BatchJob,
    ApproveBatchJob,
    RejectBatchJob,
    BatchCertificatesDownload,
    UserMe,
    AuditLog,
}

impl Endpoint {
    pub const ALL: [Endpoint; 14] = [
        Self::JobList,
        Self::Job,
        Self::JobCertificates,
        Self::JobLog,
        Self::JobDownload,
        Self::JobFailures,
        Self::JobFailureSummary,
        Self::JobActivity,
        Self::BatchJob,
        Self::ApproveBatchJob,
        Self::RejectBatchJob,
        Self::BatchCertificatesDownload,
        Self::UserMe,
        Self::AuditLog,
    ];

    /// The canonical route pattern (`{job_id}` marks the id).
    pub fn route(self) -> &'static str {
        match self {
            Self::JobList => routes::JOBS,
            Self::Job => routes::JOB,
            Self::JobCertificates => routes::JOB_CERTIFICATES,
            Self::JobLog => routes::JOB_LOG,
            Self::JobDownload => routes::JOB_DOWNLOAD,
            Self::JobFailures => routes::JOB_FAILURES,
            Self::JobFailureSummary => routes::JOB_FAILURE_SUMMARY,
            Self::JobActivity => routes::JOB_ACTIVITY,
            Self::BatchJob => routes::BATCH_JOB,
            Self::ApproveBatchJob => routes::APPROVE_BATCH_JOB,
            Self::RejectBatchJob => routes::REJECT_BATCH_JOB,
            Self::BatchCertificatesDownload => routes::BATCH_CERTIFICATES_DOWNLOAD,
            Self::UserMe => routes::USER_ME,
            Self::AuditLog => routes::AUDIT_LOG,
        }
    }

    /// Stated in DigiCert's public API guides (the contract's last section); everything
    /// else is our inference and may differ on a real tenant.
    pub fn documented(self) -> bool {
        matches!(self, Self::ApproveBatchJob | Self::RejectBatchJob | Self::BatchCertificatesDownload | Self::AuditLog)
    }

    /// The console works without it: a deployment may switch it off in `config.json`, and
    /// a 404 from it is remembered for the session instead of asked again.
    pub fn optional(self) -> bool {
        matches!(self, Self::UserMe | Self::JobActivity | Self::JobFailures | Self::JobFailureSummary)
    }

    /// Whether its path names one job, so that a 404 may mean "no such job" rather than
    /// "no such endpoint".
    pub fn names_one_job(self) -> bool {
        matches!(
            self,
            Self::Job | Self::JobDownload | Self::BatchJob | Self::ApproveBatchJob | Self::RejectBatchJob | Self::BatchCertificatesDownload
        )
    }

    /// What it gives the console, completing "This DigiCert ONE API does not provide …".
    pub fn provides(self) -> &'static str {
        match self {
            Self::JobList => crate::t!("endpoint.job_list"),
            Self::Job => crate::t!("endpoint.job"),
            Self::JobCertificates => crate::t!("endpoint.job_certificates"),
            Self::JobLog => crate::t!("endpoint.job_log"),
            Self::JobDownload => crate::t!("endpoint.job_download"),
            Self::JobFailures => crate::t!("endpoint.job_failures"),
            Self::JobFailureSummary => crate::t!("endpoint.job_failure_summary"),
            Self::JobActivity => crate::t!("endpoint.job_activity"),
            Self::BatchJob => crate::t!("endpoint.batch_job"),
            Self::ApproveBatchJob => crate::t!("endpoint.approve_batch_job"),
            Self::RejectBatchJob => crate::t!("endpoint.reject_batch_job"),
            Self::BatchCertificatesDownload => crate::t!("endpoint.batch_certificates_download"),
            Self::UserMe => crate::t!("endpoint.user_me"),
            Self::AuditLog => crate::t!("endpoint.audit_log"),
        }
    }

    /// What the operator can do when the tenant answers 404 here.
    pub fn advice(self) -> &'static str {
        match self {
            Self::JobList => crate::t!("endpoint.advice.job_list"),
            Self::Job => crate::t!("endpoint.advice.job"),
            Self::BatchJob => crate::t!("endpoint.advice.batch_job"),
            Self::ApproveBatchJob | Self::RejectBatchJob | Self::BatchCertificatesDownload | Self::AuditLog => {
                crate::t!("endpoint.advice.documented")
            }
            Self::UserMe | Self::JobActivity | Self::JobFailures | Self::JobFailureSummary => crate::t!("endpoint.advice.optional"),
            Self::JobCertificates | Self::JobLog | Self::JobDownload => crate::t!("endpoint.advice.other_path"),
        }
    }

    /// The endpoint a canonical path (with or without its query) belongs to.
    pub fn of_path(path: &str) -> Option<Self> {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        Self::ALL.into_iter().find(|endpoint| route_matches(endpoint.route(), path))
    }
}

fn route_matches(route: &str, path: &str) -> bool {
    let mut pattern = route.split('/');
    let mut segments = path.split('/');
    loop {
        match (pattern.next(), segments.next()) {
            (None, None) => return true,
            (Some("{job_id}"), Some(segment)) if !segment.is_empty() => {}
            (Some(expected), Some(segment)) if expected == segment => {}
            _ => return false,
        }
    }
}

/// Where the deployment's tenant serves the API, from `config.json`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiMapping {
    dtm_base: String,
    iot_base: String,
    account_id: Option<String>,
    switched_off: Vec<Endpoint>,
}

impl Default for ApiMapping {
    fn default() -> Self {
        Self { dtm_base: DTM_BASE.into(), iot_base: IOT_BASE.into(), account_id: None, switched_off: Vec::new() }
    }
}

/// The optional endpoints `config.json` can switch off, by the names it uses.
pub const OPTIONAL_SWITCHES: [(&str, &[Endpoint]); 3] = [
    ("who_am_i", &[Endpoint::UserMe]),
    ("activity", &[Endpoint::JobActivity]),
    ("failures", &[Endpoint::JobFailures, Endpoint::JobFailureSummary]),
];

/// An API base path: absolute, plain path characters, no empty or dot segment.
fn base_path(setting: &str, value: &str) -> Result<String, String> {
    let trimmed = value.trim().trim_end_matches('/');
    let plain = trimmed.bytes().all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'/' | b'-' | b'_' | b'.' | b'~'));
    let segments_ok = trimmed.split('/').skip(1).all(|segment| !segment.is_empty() && segment != "." && segment != "..");
    if trimmed.starts_with('/') && plain && segments_ok {
        Ok(trimmed.to_owned())
    } else {
        Err(format!("{setting} must be a path such as {}, not \"{value}\"", if setting.starts_with("dtm") { DTM_BASE } else { IOT_BASE }))
    }
}

impl ApiMapping {
    /// The mapping `config.json` asks for; a value that is not usable is an error that
    /// names the setting.
    pub fn new(dtm_base: Option<&str>, iot_base: Option<&str>, account_id: Option<&str>, off: &[&str]) -> Result<Self, String> {
        let mut switched_off = Vec::new();
        for name in off {
            let (_, endpoints) = OPTIONAL_SWITCHES.iter().find(|(switch, _)| switch == name).ok_or_else(|| {
                format!("optional_endpoints has no \"{name}\"; it knows {}", OPTIONAL_SWITCHES.map(|(switch, _)| switch).join(", "))
            })?;
            switched_off.extend_from_slice(endpoints);
        }
        let account_id = account_id.map(str::trim).filter(|id| !id.is_empty()).map(str::to_owned);
        Ok(Self {
            dtm_base: base_path("dtm_api_base", dtm_base.unwrap_or(DTM_BASE))?,
            iot_base: base_path("iot_api_base", iot_base.unwrap_or(IOT_BASE))?,
            account_id,
            switched_off,
        })
    }

    /// Whether the console asks this endpoint at all.
    pub fn uses(&self, endpoint: Endpoint) -> bool {
        !self.switched_off.contains(&endpoint)
    }

    /// The tenant's path for a canonical one: its base replaced, and `account_id` added to
    /// every Device Trust Manager request when one is set (as DigiCert's own calls do).
    pub fn locate(&self, canonical: &str) -> String {
        if let Some(rest) = canonical.strip_prefix(DTM_BASE) {
            let account = match &self.account_id {
                Some(id) => format!("{}account_id={}", if rest.contains('?') { '&' } else { '?' }, encode_component(id)),
                None => String::new(),
            };
            format!("{}{rest}{account}", self.dtm_base)
        } else if let Some(rest) = canonical.strip_prefix(IOT_BASE) {
            format!("{}{rest}", self.iot_base)
        } else {
            canonical.to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paths;

    #[test]
    fn paths_name_their_endpoint() {
        assert_eq!(Endpoint::of_path(&paths::job_list("limit=1")), Some(Endpoint::JobList));
        assert_eq!(Endpoint::of_path(&paths::job("a%2Fb")), Some(Endpoint::Job));
        assert_eq!(Endpoint::of_path(&paths::job_failure_summary("J-1")), Some(Endpoint::JobFailureSummary));
        assert_eq!(Endpoint::of_path(&paths::job_failures("J-1", None, 20, 0)), Some(Endpoint::JobFailures));
        assert_eq!(Endpoint::of_path(&paths::approve_batch_job("b7")), Some(Endpoint::ApproveBatchJob));
        assert_eq!(Endpoint::of_path(&paths::user_me()), Some(Endpoint::UserMe));
        assert_eq!(Endpoint::of_path(&paths::audit_log(20, 0)), Some(Endpoint::AuditLog));
        assert_eq!(Endpoint::of_path("/devicetrustmanager/api/v4/job//log"), None, "an empty id matches nothing");
        assert_eq!(Endpoint::of_path("/iot/api/v1/batch-enroll/b7/approve/x"), None);
        for endpoint in Endpoint::ALL {
            assert_eq!(Endpoint::of_path(&endpoint.route().replace("{job_id}", "J-1")), Some(endpoint));
        }
    }

    #[test]
    fn only_what_digicert_publishes_is_documented() {
        let documented: Vec<_> = Endpoint::ALL.into_iter().filter(|endpoint| endpoint.documented()).collect();
        assert_eq!(
            documented,
            [Endpoint::ApproveBatchJob, Endpoint::RejectBatchJob, Endpoint::BatchCertificatesDownload, Endpoint::AuditLog]
        );
        assert!(Endpoint::ALL.into_iter().all(|endpoint| !(endpoint.documented() && endpoint.optional())));
    }

    #[test]
    fn the_default_mapping_changes_nothing() {
        let mapping = ApiMapping::default();
        assert_eq!(mapping.locate(&paths::job_log("J-1", 20, 0)), paths::job_log("J-1", 20, 0));
        assert_eq!(mapping.locate(&paths::approve_batch_job("b7")), "/iot/api/v1/batch-enroll/b7/approve");
        assert!(Endpoint::ALL.into_iter().all(|endpoint| mapping.uses(endpoint)));
        assert_eq!(ApiMapping::new(None, None, Some("  "), &[]), Ok(ApiMapping::default()));
    }

    #[test]
    fn a_deployment_moves_the_bases_and_names_its_account() {
        let mapping = ApiMapping::new(Some("/dtm/api/v5/"), Some("/iot/api/v2"), Some("acc 1"), &["failures"]).unwrap();
        assert_eq!(mapping.locate(&paths::job("J-1")), "/dtm/api/v5/job/J-1?account_id=acc%201");
        assert_eq!(mapping.locate(&paths::job_log("J-1", 20, 0)), "/dtm/api/v5/job/J-1/log?limit=20&offset=0&account_id=acc%201");
        assert_eq!(mapping.locate(&paths::reject_batch_job("b7")), "/iot/api/v2/batch-enroll/b7/reject", "no account_id outside DTM");
        assert!(!mapping.uses(Endpoint::JobFailures) && !mapping.uses(Endpoint::JobFailureSummary));
        assert!(mapping.uses(Endpoint::JobActivity));
    }

    #[test]
    fn unusable_settings_name_themselves() {
        for (dtm, iot) in [(Some("devicetrustmanager"), None), (Some("/a/../b"), None), (None, Some("/iot//v1")), (None, Some("/iot?x"))] {
            let error = ApiMapping::new(dtm, iot, None, &[]).unwrap_err();
            assert!(error.contains(if dtm.is_some() { "dtm_api_base" } else { "iot_api_base" }), "{error}");
        }
        let error = ApiMapping::new(None, None, None, &["certificates"]).unwrap_err();
        assert!(error.contains("who_am_i, activity, failures"), "{error}");
    }
}
