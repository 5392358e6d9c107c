//! The approvals inbox's view as it lives in the URL: a search and a page. Waiting jobs
//! are listed oldest request first, so the one waiting longest is at the top.

use crate::paging::{page_number, DEFAULT_LIMIT};
use crate::query::{JobListQuery, JobSort, SortField};
use crate::url_encoding::encode_component;
use crate::BatchStatus;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApprovalsView {
    /// Free text matched against job ids and device group names.
    pub q: String,
    /// 1-based.
    pub page: u64,
}

impl Default for ApprovalsView {
    fn default() -> Self {
        Self { q: String::new(), page: 1 }
    }
}

impl ApprovalsView {
    pub fn from_query<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut view = Self::default();
        for (key, value) in pairs {
            match key {
                "q" => view.q = value.trim().to_owned(),
                "page" => view.page = page_number(value),
                _ => {}
            }
        }
        view
    }

    /// This view's query string (`""` or `?…`); the console's router adds the path.
    pub fn query(&self) -> String {
        let mut pairs = Vec::new();
        if !self.q.is_empty() {
            pairs.push(format!("q={}", encode_component(&self.q)));
        }
        if self.page > 1 {
            pairs.push(format!("page={}", self.page));
        }
        if pairs.is_empty() {
            String::new()
        } else {
            format!("?{}", pairs.join("&"))
        }
    }

    /// The job list request of this view's page.
    pub fn list_query(&self) -> JobListQuery {
        JobListQuery {
            batch_status: Some(BatchStatus::PendingApproval),
            q: Some(self.q.clone()).filter(|q| !q.is_empty()),
            sort: Some(JobSort { field: SortField::RunDate, descending: false }),
            limit: DEFAULT_LIMIT,
            offset: (self.page.max(1) - 1) * DEFAULT_LIMIT,
            ..Default::default()
        }
    }
}

/// The request that counts the waiting jobs: one record, the newest, whose id tells
/// whether a job has started waiting since the last count.
pub fn waiting_count_query() -> JobListQuery {
    JobListQuery { batch_status: Some(BatchStatus::PendingApproval), sort: Some(JobSort::default()), limit: 1, ..Default::default() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_inbox_lists_oldest_first_and_round_trips_through_its_url() {
        let view = ApprovalsView::from_query([("q", " Meters EU "), ("page", "3")]);
        assert_eq!(view.query(), "?q=Meters%20EU&page=3");
        assert_eq!(view.list_query().to_query_string(), "batch_status=PENDING_APPROVAL&q=Meters%20EU&sort=run_date&limit=20&offset=40");
        assert_eq!(ApprovalsView::from_query([("page", "x")]).query(), "");
        assert_eq!(ApprovalsView::from_query([("page", "0")]).list_query().offset, 0);
        assert_eq!(waiting_count_query().to_query_string(), "batch_status=PENDING_APPROVAL&sort=-run_date&limit=1&offset=0");
    }
}
