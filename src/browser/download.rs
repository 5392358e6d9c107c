//! Hands a downloaded file to the browser's save flow through a temporary object URL.

use wasm_bindgen::JsCast;

/// A downloaded file.
#[derive(Clone)]
pub struct Download {
    pub file_name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// How long the object URL stays valid after the click: the browser reads the blob when
/// the download starts, which may be after this function returns; revoking at once can
/// cancel it.
const REVOKE_AFTER: std::time::Duration = std::time::Duration::from_secs(60);

/// Starts saving `file` and returns the object URL it was handed over as (valid until
/// [`REVOKE_AFTER`] has passed).
pub fn save_file(file: &Download) -> Result<String, String> {
    let bytes = js_sys::Uint8Array::from(file.bytes.as_slice());
    let parts = js_sys::Array::of1(&bytes);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(&file.content_type);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(|_| "no blob")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "no object URL")?;
    let document = leptos::prelude::document();
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a").map_err(|_| "no anchor")?.dyn_into().map_err(|_| "no anchor")?;
    anchor.set_href(&url);
    anchor.set_download(&file.file_name);
    anchor.click();
    let revoke = url.clone();
    leptos::prelude::set_timeout(move || drop(web_sys::Url::revoke_object_url(&revoke)), REVOKE_AFTER);
    Ok(url)
}
