//! The Job details page's view as it lives in the URL: which page of the certificates, the
//! log, the activity and the failures it shows, and the failure reason it filters by. Like
//! the Jobs page's view, bad values fall back to page 1 and defaults are left out of links.

use crate::paging::page_number;
use crate::url_encoding::encode_component;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JobDetailsView {
    pub certificates_page: u64,
    pub log_page: u64,
    pub activity_page: u64,
    pub failures_page: u64,
    /// Only the failures with this reason code.
    pub failure_reason: Option<String>,
}

impl Default for JobDetailsView {
    fn default() -> Self {
        Self { certificates_page: 1, log_page: 1, activity_page: 1, failures_page: 1, failure_reason: None }
    }
}

const CERTIFICATES_PAGE: &str = "certificates_page";
const LOG_PAGE: &str = "log_page";
const ACTIVITY_PAGE: &str = "activity_page";
const FAILURES_PAGE: &str = "failures_page";
const FAILURE_REASON: &str = "failure_reason";

impl JobDetailsView {
    pub fn from_query<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut view = Self::default();
        for (key, value) in pairs {
            match key {
                CERTIFICATES_PAGE => view.certificates_page = page_number(value),
                LOG_PAGE => view.log_page = page_number(value),
                ACTIVITY_PAGE => view.activity_page = page_number(value),
                FAILURES_PAGE => view.failures_page = page_number(value),
                FAILURE_REASON => view.failure_reason = Some(value.trim().to_owned()).filter(|reason| !reason.is_empty()),
                _ => {}
            }
        }
        view
    }

    /// This view's query string (`""` or `?…`); the console's router adds the job's path.
    pub fn query(&self) -> String {
        let mut pairs: Vec<String> = [
            (CERTIFICATES_PAGE, self.certificates_page),
            (LOG_PAGE, self.log_page),
            (ACTIVITY_PAGE, self.activity_page),
            (FAILURES_PAGE, self.failures_page),
        ]
        .into_iter()
        .filter(|(_, page)| *page > 1)
        .map(|(key, page)| format!("{key}={page}"))
        .collect();
        if let Some(reason) = &self.failure_reason {
            pairs.push(format!("{FAILURE_REASON}={}", encode_component(reason)));
        }
        if pairs.is_empty() {
            String::new()
        } else {
            format!("?{}", pairs.join("&"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_details_view_round_trips_through_its_url() {
        let view = JobDetailsView { certificates_page: 3, ..Default::default() };
        assert_eq!(view.query(), "?certificates_page=3");
        assert_eq!(JobDetailsView::from_query([("certificates_page", "3"), ("log_page", "x")]), view);
        assert_eq!(JobDetailsView::default().query(), "");
        let all = JobDetailsView {
            certificates_page: 2,
            log_page: 4,
            activity_page: 2,
            failures_page: 3,
            failure_reason: Some("KEY TOO WEAK".into()),
        };
        let href = all.query();
        assert_eq!(href, "?certificates_page=2&log_page=4&activity_page=2&failures_page=3&failure_reason=KEY%20TOO%20WEAK");
        let query = href.split_once('?').unwrap().1.replace("%20", " ");
        let pairs: Vec<(&str, &str)> = query.split('&').map(|pair| pair.split_once('=').unwrap()).collect();
        assert_eq!(JobDetailsView::from_query(pairs), all);
        assert_eq!(JobDetailsView::from_query([("failure_reason", " ")]).failure_reason, None);
    }
}
