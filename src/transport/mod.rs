//! Talking to DigiCert ONE: where and how (`connection`: config.json and the user's
//! settings, provided as a context), the HTTP client (`api`) and resources that refresh
//! themselves (`live_refresh`).

pub mod api;
pub mod connection;
pub mod live_refresh;
