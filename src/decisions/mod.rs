//! Approve and reject: a page's single decisions (`approval`), a decision on several jobs
//! at once (`bulk_run`) and its views (`bulk_views`). What an answer means and how it is
//! said lives in `jobs_api::decision`.

pub mod approval;
pub mod bulk_run;
pub mod bulk_views;
