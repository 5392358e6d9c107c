//! One file per page.

pub mod job_details_page;
pub mod jobs_page;
pub mod not_found_page;
pub mod settings_page;
