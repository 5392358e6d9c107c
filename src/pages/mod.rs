//! One file per page.

pub mod approvals_page;
pub mod job_details;
pub mod jobs_page;
pub mod not_found_page;
pub mod settings_page;
