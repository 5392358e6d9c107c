//! This browser's storage: the tab's (sessionStorage) and the remembered one
//! (localStorage), and the yes/no choices a user makes once and keeps in the latter.

use leptos::prelude::window;

pub fn session_storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

pub fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// Whether the choice stored under `key` is on.
pub fn remembered(key: &str) -> bool {
    local_storage().and_then(|storage| storage.get_item(key).ok().flatten()).is_some()
}

/// Remembers the choice under `key` (on), or forgets it (off).
pub fn remember(key: &str, on: bool) {
    if let Some(storage) = local_storage() {
        let _ = if on { storage.set_item(key, "1") } else { storage.remove_item(key) };
    }
}
