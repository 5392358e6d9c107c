//! jobs-console: a browser console for DigiCert ONE device jobs and batch enrollment
//! approvals. `main.rs` loads the runtime configuration and mounts [`app::App`].

pub mod api;
pub mod app;
pub mod browser_storage;
pub mod bulk_decisions;
pub mod busy;
pub mod components;
pub mod connection;
pub mod crash_page;
pub mod current_user;
pub mod dates;
pub mod download;
pub mod live_refresh;
pub mod notifications;
pub mod pages;
pub mod relay;
pub mod router;
pub mod sleep;
pub mod waiting_jobs;
