//! jobs-console: a browser console for DigiCert ONE device jobs and batch enrollment
//! approvals. `main.rs` loads the runtime configuration and mounts [`app::App`].

pub mod api;
pub mod app;
pub mod busy;
pub mod components;
pub mod connection;
pub mod crash_page;
pub mod dates;
pub mod download;
pub mod links;
pub mod live_refresh;
pub mod notifications;
pub mod pages;
pub mod relay;
pub mod router;
