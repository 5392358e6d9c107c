//! The Jobs page's view as it lives in the URL: filters, sort and page of both tables.
//! Parsing is forgiving (a hand-edited link never breaks the page: bad values fall back
//! to defaults) and writing leaves defaults out, so links stay short.

use crate::paging::{page_number, DEFAULT_LIMIT, PAGE_SIZES};
use crate::query::{JobListQuery, JobSort};
use crate::{BatchStatus, JobState, JobType};

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct JobsView {
    /// Free text matched against job ids and device group names.
    pub q: String,
    pub job_type: Option<JobType>,
    pub state: Option<JobState>,
    /// A device group id, with its name for display.
    pub device_group: Option<(String, String)>,
    /// Only jobs waiting for approval.
    pub awaiting_approval: bool,
    pub page_size: u64,
    pub sort: JobSort,
    pub page: u64,
    pub draft_sort: JobSort,
    pub draft_page: u64,
}

impl Default for JobsView {
    fn default() -> Self {
        Self {
            q: String::new(),
            job_type: None,
            state: None,
            device_group: None,
            awaiting_approval: false,
            page_size: DEFAULT_LIMIT,
            sort: JobSort::default(),
            page: 1,
            draft_sort: JobSort::default(),
            draft_page: 1,
        }
    }
}

impl JobsView {
    /// Reads the view from URL query pairs; unknown keys and bad values are ignored.
    pub fn from_query<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut view = Self::default();
        let mut group_id = None;
        let mut group_name = None;
        for (key, value) in pairs {
            let text = value.trim();
            match key {
                "q" => view.q = text.to_owned(),
                "type" if !text.is_empty() => view.job_type = Some(JobType::from_wire(text)),
                "state" if !text.is_empty() => view.state = Some(JobState::from_wire(text)),
                "group" if !text.is_empty() => group_id = Some(text.to_owned()),
                "group_name" => group_name = Some(text.to_owned()),
                "awaiting" => view.awaiting_approval = text == "1" || text == "true",
                "size" => view.page_size = text.parse().ok().filter(|size| PAGE_SIZES.contains(size)).unwrap_or(DEFAULT_LIMIT),
                "sort" => view.sort = JobSort::parse(text).unwrap_or_default(),
                "page" => view.page = page_number(text),
                "draft_sort" => view.draft_sort = JobSort::parse(text).unwrap_or_default(),
                "draft_page" => view.draft_page = page_number(text),
                _ => {}
            }
        }
        view.device_group = group_id.map(|id| {
            let name = group_name.filter(|name| !name.is_empty()).unwrap_or_else(|| id.clone());
            (id, name)
        });
        view
    }

    /// The query pairs of this view, defaults left out.
    pub fn to_query_pairs(&self) -> Vec<(&'static str, String)> {
        let defaults = Self::default();
        let mut pairs = Vec::new();
        if !self.q.is_empty() {
            pairs.push(("q", self.q.clone()));
        }
        if let Some(job_type) = &self.job_type {
            pairs.push(("type", job_type.as_wire().to_owned()));
        }
        if let Some(state) = &self.state {
            pairs.push(("state", state.as_wire().to_owned()));
        }
        if let Some((id, name)) = &self.device_group {
            pairs.push(("group", id.clone()));
            pairs.push(("group_name", name.clone()));
        }
        if self.awaiting_approval {
            pairs.push(("awaiting", "1".to_owned()));
        }
        if self.page_size != defaults.page_size {
            pairs.push(("size", self.page_size.to_string()));
        }
        if self.sort != defaults.sort {
            pairs.push(("sort", self.sort.to_wire()));
        }
        if self.page != 1 {
            pairs.push(("page", self.page.to_string()));
        }
        if self.draft_sort != defaults.draft_sort {
            pairs.push(("draft_sort", self.draft_sort.to_wire()));
        }
        if self.draft_page != 1 {
            pairs.push(("draft_page", self.draft_page.to_string()));
        }
        pairs
    }

    /// `?key=value&…`, or empty for the default view.
    pub fn to_query_string(&self) -> String {
        let pairs = self.to_query_pairs();
        if pairs.is_empty() {
            return String::new();
        }
        let joined: Vec<String> =
            pairs.iter().map(|(key, value)| format!("{key}={}", crate::url_encoding::encode_component(value))).collect();
        format!("?{}", joined.join("&"))
    }

    /// The same view with different filters starts again at the first pages.
    pub fn with_filters_changed(mut self, change: impl FnOnce(&mut Self)) -> Self {
        change(&mut self);
        self.page = 1;
        self.draft_page = 1;
        self
    }

    /// The sort of one table: the drafts' or the completed jobs'.
    pub fn sort_of(&self, drafts: bool) -> JobSort {
        if drafts {
            self.draft_sort
        } else {
            self.sort
        }
    }

    /// The same view with one table sorted by `sort`, back on its first page.
    pub fn sorted(&self, drafts: bool, sort: JobSort) -> Self {
        let mut view = self.clone();
        if drafts {
            (view.draft_sort, view.draft_page) = (sort, 1);
        } else {
            (view.sort, view.page) = (sort, 1);
        }
        view
    }

    /// The same view with one table on `page`.
    pub fn on_page(&self, drafts: bool, page: u64) -> Self {
        let mut view = self.clone();
        *(if drafts { &mut view.draft_page } else { &mut view.page }) = page;
        view
    }

    fn base_query(&self, draft: bool) -> JobListQuery {
        JobListQuery {
            draft: Some(draft),
            job_type: self.job_type.clone(),
            device_group_id: self.device_group.as_ref().map(|(id, _)| id.clone()),
            q: Some(self.q.clone()).filter(|q| !q.is_empty()),
            limit: self.page_size,
            ..Default::default()
        }
    }

    /// The request behind the *Completed jobs* table (every job that is not a draft).
    pub fn completed_query(&self) -> JobListQuery {
        JobListQuery {
            state: self.state.clone(),
            batch_status: self.awaiting_approval.then_some(BatchStatus::PendingApproval),
            sort: Some(self.sort),
            offset: (self.page - 1) * self.page_size,
            ..self.base_query(false)
        }
    }

    /// The request behind the *Draft jobs* table. Drafts have no state and wait for no
    /// approval, so those filters do not apply to it.
    pub fn draft_query(&self) -> JobListQuery {
        JobListQuery { sort: Some(self.draft_sort), offset: (self.draft_page - 1) * self.page_size, ..self.base_query(true) }
    }

    /// The filters that narrow one table, in words: `type “Deployments”`, `state “Active”`.
    /// Drafts have no state and wait for no approval, so those two do not narrow them.
    pub fn filters_in_words(&self, drafts: bool) -> Vec<String> {
        let mut words = Vec::new();
        if !self.q.is_empty() {
            words.push(crate::t!("filter.words.search", text = self.q));
        }
        if let Some(job_type) = &self.job_type {
            words.push(crate::t!("filter.words.type", label = job_type.label()));
        }
        if let Some((_, name)) = &self.device_group {
            words.push(crate::t!("filter.words.device_group", name = name));
        }
        if !drafts {
            if let Some(state) = &self.state {
                words.push(crate::t!("filter.words.state", label = state.label()));
            }
            if self.awaiting_approval {
                words.push(crate::t!("filter.words.awaiting").to_owned());
            }
        }
        words
    }

    /// Whether any filter narrows the tables.
    pub fn is_filtered(&self) -> bool {
        !self.q.is_empty() || self.job_type.is_some() || self.state.is_some() || self.device_group.is_some() || self.awaiting_approval
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_table_sorts_and_pages_on_its_own() {
        let view = JobsView { page: 3, draft_page: 2, ..JobsView::default() };
        let by_result = JobSort::parse("-result").unwrap();
        let drafts_sorted = view.sorted(true, by_result);
        assert_eq!((drafts_sorted.sort_of(true), drafts_sorted.draft_page), (by_result, 1), "back on its first page");
        assert_eq!((drafts_sorted.sort_of(false), drafts_sorted.page), (JobSort::default(), 3), "the other table stays");
        let completed_sorted = view.sorted(false, by_result);
        assert_eq!((completed_sorted.sort, completed_sorted.page, completed_sorted.draft_page), (by_result, 1, 2));
        assert_eq!((view.on_page(true, 5).draft_page, view.on_page(true, 5).page), (5, 3));
        assert_eq!((view.on_page(false, 4).page, view.on_page(false, 4).draft_page), (4, 2));
    }

    #[test]
    fn filters_are_named_for_the_table_they_narrow() {
        let view = JobsView {
            q: "EU".into(),
            job_type: Some(crate::JobType::Deployment),
            state: Some(JobState::Active),
            awaiting_approval: true,
            ..JobsView::default()
        };
        assert_eq!(
            view.filters_in_words(false),
            ["ID or device group containing “EU”", "type “Deployments”", "state “Active”", "awaiting approval"]
        );
        assert_eq!(view.filters_in_words(true), ["ID or device group containing “EU”", "type “Deployments”"]);
        assert!(JobsView::default().filters_in_words(false).is_empty());
    }
    use crate::query::SortField;

    #[test]
    fn a_view_round_trips_through_its_url() {
        let view = JobsView {
            q: "EU west".into(),
            job_type: Some(JobType::Deployment),
            device_group: Some(("dg-7".into(), "Meters EU-West".into())),
            awaiting_approval: true,
            page_size: 50,
            sort: JobSort { field: SortField::Result, descending: false },
            page: 3,
            ..Default::default()
        };
        let query = view.to_query_string();
        assert_eq!(query, "?q=EU%20west&type=DEPLOYMENT&group=dg-7&group_name=Meters%20EU-West&awaiting=1&size=50&sort=result&page=3");
        let pairs: Vec<(String, String)> = view.to_query_pairs().into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        assert_eq!(JobsView::from_query(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))), view);
        assert_eq!(JobsView::default().to_query_string(), "");
    }

    #[test]
    fn bad_values_fall_back_to_defaults() {
        let view = JobsView::from_query([("size", "7"), ("sort", "colour"), ("page", "0"), ("draft_page", "x"), ("zzz", "1")]);
        assert_eq!(view, JobsView::default());
    }

    #[test]
    fn the_tables_get_their_own_requests() {
        let view = JobsView { state: Some(JobState::Active), awaiting_approval: true, page: 2, draft_page: 4, ..Default::default() };
        let completed = view.completed_query();
        assert_eq!((completed.draft, completed.offset, completed.state), (Some(false), 20, Some(JobState::Active)));
        assert_eq!(completed.batch_status, Some(BatchStatus::PendingApproval));
        let drafts = view.draft_query();
        assert_eq!((drafts.draft, drafts.offset, drafts.state, drafts.batch_status), (Some(true), 60, None, None));
        let refiltered = view.with_filters_changed(|view| view.q = "gw".into());
        assert_eq!((refiltered.page, refiltered.draft_page), (1, 1));
    }
}
