//! The DigiCert ONE job and batch-enrollment API as data: wire types, the paths the
//! client calls, and the pure logic (labels, state mapping, paging, dates) that the
//! console and the sandbox share. Everything here compiles natively and to wasm.

mod open_enum;

pub use open_enum::OpenEnum;

pub mod api_check;
pub mod approvals_view;
pub mod audit_log;
pub mod client_error;
pub mod credentials;
pub mod csv_export;
pub mod decision;
pub mod details_view;
pub mod download_name;
pub mod endpoints;
pub mod enums;
pub mod error_body;
pub mod format;
pub mod i18n;
pub mod jobs_view;
pub mod lenient;
pub mod lifecycle;
pub mod paging;
pub mod paths;
pub mod query;
pub mod retry;
pub mod timestamp;
pub mod types;
pub mod url_encoding;

pub use enums::*;
pub use types::*;
