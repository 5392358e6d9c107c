//! The Job details page's view as it lives in the URL: which page of the certificates and
//! of the log it shows. Like the Jobs page's view, bad values fall back to page 1 and
//! defaults are left out of links.

use crate::url_encoding::encode_component;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JobDetailsView {
    pub certificates_page: u64,
    pub log_page: u64,
}

impl Default for JobDetailsView {
    fn default() -> Self {
        Self { certificates_page: 1, log_page: 1 }
    }
}

const CERTIFICATES_PAGE: &str = "certificates_page";
const LOG_PAGE: &str = "log_page";

impl JobDetailsView {
    pub fn from_query<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let page = |text: &str| text.trim().parse::<u64>().ok().filter(|page| *page >= 1).unwrap_or(1);
        let mut view = Self::default();
        for (key, value) in pairs {
            match key {
                CERTIFICATES_PAGE => view.certificates_page = page(value),
                LOG_PAGE => view.log_page = page(value),
                _ => {}
            }
        }
        view
    }

    /// The in-app path of this view of job `job_id`.
    pub fn href(&self, job_id: &str) -> String {
        let pairs: Vec<String> = [(CERTIFICATES_PAGE, self.certificates_page), (LOG_PAGE, self.log_page)]
            .into_iter()
            .filter(|(_, page)| *page > 1)
            .map(|(key, page)| format!("{key}={page}"))
            .collect();
        let path = format!("/jobs/{}", encode_component(job_id));
        if pairs.is_empty() {
            path
        } else {
            format!("{path}?{}", pairs.join("&"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_details_view_round_trips_through_its_url() {
        let view = JobDetailsView { certificates_page: 3, log_page: 1 };
        assert_eq!(view.href("a/b"), "/jobs/a%2Fb?certificates_page=3");
        assert_eq!(JobDetailsView::from_query([("certificates_page", "3"), ("log_page", "x")]), view);
        assert_eq!(JobDetailsView::default().href("J-1"), "/jobs/J-1");
        assert_eq!(JobDetailsView { certificates_page: 2, log_page: 4 }.href("J"), "/jobs/J?certificates_page=2&log_page=4");
    }
}
