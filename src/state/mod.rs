//! App state every page shares, provided as contexts by `App` and read with `use_…`.

pub mod current_user;
pub mod notifications;
pub mod waiting_jobs;
