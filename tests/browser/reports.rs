//! Reports: CSV exports streamed page by page and built in the browser.

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

/// Keeps every blob the page hands to the browser as a file, to read it back.
fn capture_saved_files() {
    js_sys::Function::new_no_args(
        "window.__saved = [];
        if (!window.__capturing) {
            const create = URL.createObjectURL;
            URL.createObjectURL = (blob) => { window.__saved.push(blob); return create.call(URL, blob); };
            window.__capturing = true;
        }",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .unwrap();
}

/// The text of the last file the page saved, once there is one.
async fn last_saved_text() -> Option<String> {
    let saved: js_sys::Array = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__saved".into()).ok()?.dyn_into().ok()?;
    let blob: web_sys::Blob = saved.get(saved.length().checked_sub(1)?).dyn_into().ok()?;
    wasm_bindgen_futures::JsFuture::from(blob.text()).await.ok()?.as_string()
}

#[wasm_bindgen_test]
async fn a_job_of_25_000_certificates_exports_every_one() {
    let id = new_job(serde_json::json!({ "total": 25_000, "requires_approval": false, "failure_per_mille": 0 })).await;
    let console = open_console(&format!("/jobs/{id}"), APPROVER_KEY);
    console.wait_for_text_within("Executed", 60).await;
    capture_saved_files();
    console.click_text("button", "Export certificates (CSV)");
    console.wait_for("progress[aria-label='Export progress']").await;
    console.wait_for_text_within("Exported 25,000 records", 120).await;
    let text = last_saved_text().await.expect("a file was saved");
    let lines: Vec<&str> = text.split("\r\n").filter(|line| !line.is_empty()).collect();
    assert_eq!(lines.len(), 25_001, "a header and one line per certificate");
    assert_eq!(lines[0], "Serial number,Common name,Device,Valid from,Valid to,Status");
    let first: Vec<&str> = lines[1].split(',').collect();
    assert_eq!(first.len(), 6);
    assert!(first[3].ends_with('Z') && first[3].len() == 20, "ISO 8601 UTC: {}", first[3]);
    let mut serials: Vec<&str> = lines[1..].iter().map(|line| line.split(',').next().unwrap()).collect();
    serials.sort_unstable();
    serials.dedup();
    assert_eq!(serials.len(), 25_000, "no certificate twice");
}

#[wasm_bindgen_test]
async fn an_export_can_be_cancelled_and_saves_nothing() {
    let id = new_job(serde_json::json!({ "total": 3_000, "requires_approval": false, "failure_per_mille": 0 })).await;
    let console = open_console(&format!("/jobs/{id}"), APPROVER_KEY);
    console.wait_for_text_within("Executed", 60).await;
    capture_saved_files();
    arm_fault("/certificate?limit=100&offset=200", "slow:1500", 1).await;
    console.click_text("button", "Export certificates (CSV)");
    console.wait_for_text("Cancel export").await;
    console.click_text("button", "Cancel export");
    console.wait_for_text("Export cancelled").await;
    assert!(last_saved_text().await.is_none(), "no file was saved");
    assert!(console.text().contains("Export certificates (CSV)"), "the export can start again");
}
