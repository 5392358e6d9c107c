//! Small reusable pieces; each page composes them.

pub mod confirm_dialog;
pub mod csv_export;
pub mod error_panel;
pub mod fact;
pub mod keyed_rows;
pub mod open_job_by_id;
pub mod paged_table;
pub mod pager;
pub mod progress_bar;
pub mod resource_view;
pub mod status_badge;
