//! Glue to the browser's own APIs, each behind a function that says what it is for.

pub mod crash_page;
pub mod dates;
pub mod download;
pub mod language;
pub mod sleep;
pub mod static_view;
pub mod storage;
