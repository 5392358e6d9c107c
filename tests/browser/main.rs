//! Browser tests: the real console in headless Chromium, against the real sandbox over
//! real HTTP. `scripts/test` starts the sandbox and passes its URL in `SANDBOX_URL`.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::wasm_bindgen_test_configure;

wasm_bindgen_test_configure!(run_in_browser);

mod approvals;
mod failures;
mod inbox;
mod job_details;
mod job_history;
mod jobs_page;
mod languages;
mod live_heap;
mod memory;
mod navigation;
mod network;
mod real_api;
mod reports;
mod support;
mod trust;
