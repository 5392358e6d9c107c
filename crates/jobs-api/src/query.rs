//! The job list's filters, sort and page as one value: the console renders it to a query
//! string, the sandbox parses it back with the same rules.

use crate::paging::{DEFAULT_LIMIT, MAX_LIMIT};
use crate::{BatchStatus, JobState, JobStatus, JobType};

/// A column the job list sorts by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SortField {
    Id,
    JobType,
    Status,
    State,
    DeviceGroup,
    Owner,
    Result,
    RunDate,
}

impl SortField {
    pub const ALL: [SortField; 8] =
        [Self::Id, Self::JobType, Self::Status, Self::State, Self::DeviceGroup, Self::Owner, Self::Result, Self::RunDate];

    pub fn as_wire(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::JobType => "job_type",
            Self::Status => "status",
            Self::State => "state",
            Self::DeviceGroup => "device_group",
            Self::Owner => "owner",
            Self::Result => "result",
            Self::RunDate => "run_date",
        }
    }
}

/// A sort field and direction, written `run_date` or `-run_date` (descending).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct JobSort {
    pub field: SortField,
    pub descending: bool,
}

impl Default for JobSort {
    fn default() -> Self {
        Self { field: SortField::RunDate, descending: true }
    }
}

impl JobSort {
    pub fn parse(text: &str) -> Result<Self, String> {
        let (descending, name) = match text.strip_prefix('-') {
            Some(name) => (true, name),
            None => (false, text),
        };
        SortField::ALL.into_iter().find(|field| field.as_wire() == name).map(|field| Self { field, descending }).ok_or_else(|| {
            let known: Vec<_> = SortField::ALL.iter().map(|field| field.as_wire()).collect();
            format!("sort must be one of {}, optionally prefixed with '-'", known.join(", "))
        })
    }

    pub fn to_wire(self) -> String {
        format!("{}{}", if self.descending { "-" } else { "" }, self.field.as_wire())
    }

    /// The same field in the other direction.
    pub fn reversed(self) -> Self {
        Self { descending: !self.descending, ..self }
    }
}

/// Parses `limit` (1 to 100, default 20).
pub fn parse_limit(text: Option<&str>) -> Result<u64, String> {
    match text {
        None => Ok(DEFAULT_LIMIT),
        Some(text) => text
            .parse::<u64>()
            .ok()
            .filter(|limit| (1..=MAX_LIMIT).contains(limit))
            .ok_or_else(|| format!("limit must be a whole number from 1 to {MAX_LIMIT}")),
    }
}

/// Parses `offset` (0 or more, default 0).
pub fn parse_offset(text: Option<&str>) -> Result<u64, String> {
    match text {
        None => Ok(0),
        Some(text) => text.parse::<u64>().map_err(|_| "offset must be a whole number of 0 or more".to_owned()),
    }
}

/// One request of the job list. Each filter is exact; `None` leaves one out. An unknown
/// enum value is sent as it is (and matches nothing).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct JobListQuery {
    pub draft: Option<bool>,
    pub job_type: Option<JobType>,
    pub status: Option<JobStatus>,
    pub state: Option<JobState>,
    pub batch_status: Option<BatchStatus>,
    pub device_group_id: Option<String>,
    pub q: Option<String>,
    pub sort: Option<JobSort>,
    pub limit: u64,
    pub offset: u64,
}

impl JobListQuery {
    /// `key=value&…` with every value percent-encoded, empty filters left out.
    pub fn to_query_string(&self) -> String {
        let draft = self.draft.map(|draft| draft.to_string());
        let sort = self.sort.map(JobSort::to_wire);
        let limit = self.limit.to_string();
        let offset = self.offset.to_string();
        let pairs = [
            ("draft", draft.as_deref()),
            ("job_type", self.job_type.as_ref().map(JobType::as_wire)),
            ("status", self.status.as_ref().map(JobStatus::as_wire)),
            ("state", self.state.as_ref().map(JobState::as_wire)),
            ("batch_status", self.batch_status.as_ref().map(BatchStatus::as_wire)),
            ("device_group_id", self.device_group_id.as_deref()),
            ("q", self.q.as_deref()),
            ("sort", sort.as_deref()),
            ("limit", Some(limit.as_str())),
            ("offset", Some(offset.as_str())),
        ];
        pairs
            .into_iter()
            .filter_map(|(key, value)| value.filter(|value| !value.is_empty()).map(|value| (key, value)))
            .map(|(key, value)| format!("{key}={}", crate::url_encoding::encode_component(value)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_parses_both_directions_and_rejects_unknown_fields() {
        assert_eq!(JobSort::parse("-run_date").unwrap(), JobSort::default());
        let by_group = JobSort::parse("device_group").unwrap();
        assert_eq!((by_group.field, by_group.descending), (SortField::DeviceGroup, false));
        assert_eq!(by_group.reversed().to_wire(), "-device_group");
        assert!(JobSort::parse("colour").unwrap_err().contains("run_date"));
        assert!(JobSort::parse("--id").is_err());
    }

    #[test]
    fn limits_stay_in_the_documented_range() {
        assert_eq!(parse_limit(None), Ok(20));
        assert_eq!(parse_limit(Some("100")), Ok(100));
        assert!(parse_limit(Some("0")).is_err());
        assert!(parse_limit(Some("101")).is_err());
        assert!(parse_limit(Some("ten")).is_err());
        assert_eq!(parse_offset(Some("40")), Ok(40));
        assert!(parse_offset(Some("-1")).is_err());
    }

    #[test]
    fn query_string_encodes_values_and_skips_empty_filters() {
        let query = JobListQuery {
            draft: Some(false),
            q: Some("EU West & co".into()),
            job_type: Some(JobType::from_wire("")),
            sort: Some(JobSort::default()),
            limit: 50,
            offset: 100,
            ..Default::default()
        };
        assert_eq!(query.to_query_string(), "draft=false&q=EU%20West%20%26%20co&sort=-run_date&limit=50&offset=100");
    }
}
