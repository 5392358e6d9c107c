//! jobs-console: a browser console for DigiCert ONE device jobs and batch enrollment
//! approvals. `main.rs` loads the runtime configuration and mounts [`app::App`].
//!
//! Rooms by role, each depending only on those listed before it:
//! - `browser`: glue to the browser's APIs (storage, dates through `Intl`, saving files, timers, the crash page)
//! - `reactive`: small reactive helpers Leptos does not offer (`Busy`, `Relay`)
//! - `transport`: the connection settings, the HTTP client and resources that refresh themselves
//! - `state`: app state every page shares, as contexts (who the user is, announcements, waiting jobs)
//! - `router`: routes, links and history
//! - `components`: reusable views (tables, dialogs, badges, pager)
//! - `decisions`: approve and reject, one job or several
//! - `pages`: one module per page; a page imports no other page

pub mod app;
pub mod browser;
pub mod components;
pub mod decisions;
pub mod pages;
pub mod reactive;
pub mod router;
pub mod state;
pub mod transport;
