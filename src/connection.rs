//! Where the console sends its requests and how it authenticates: the runtime
//! `config.json` gives the deployment's defaults, the user's settings (kept in
//! sessionStorage, or localStorage when they opt in) override them.

use jobs_api::paths::normalize_base_url;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

const STORAGE_KEY: &str = "jobs-console.connection";

/// How requests are authenticated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AuthMode {
    /// The browser sends `x-api-key` with the user's key.
    #[default]
    ApiKey,
    /// A same-origin reverse proxy adds the key; the browser holds none.
    Proxy,
}

/// The deployment's settings, from `config.json` beside `index.html`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuntimeConfig {
    #[serde(default)]
    pub api_base_url: String,
    #[serde(default)]
    pub auth_mode: AuthMode,
    /// How often a job that is still moving is refetched.
    #[serde(default = "default_poll_interval_ms")]
    pub poll_interval_ms: u32,
}

fn default_poll_interval_ms() -> u32 {
    5_000
}

impl Default for RuntimeConfig {
    fn default() -> Self {
        Self { api_base_url: String::new(), auth_mode: AuthMode::default(), poll_interval_ms: default_poll_interval_ms() }
    }
}

/// What the user chose on the Settings page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectionSettings {
    pub base_url: String,
    pub auth_mode: AuthMode,
    #[serde(default)]
    pub api_key: String,
    /// Kept in localStorage (survives closing the browser) rather than sessionStorage.
    #[serde(default)]
    pub remember: bool,
}

impl ConnectionSettings {
    pub fn from_config(config: &RuntimeConfig) -> Self {
        Self {
            base_url: normalize_base_url(&config.api_base_url).unwrap_or_default(),
            auth_mode: config.auth_mode,
            api_key: String::new(),
            remember: false,
        }
    }

    /// Whether requests can be sent at all.
    pub fn is_complete(&self) -> bool {
        self.auth_mode == AuthMode::Proxy || !self.api_key.trim().is_empty()
    }
}

fn session_storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn read(storage: Option<web_sys::Storage>) -> Option<ConnectionSettings> {
    let text = storage?.get_item(STORAGE_KEY).ok()??;
    serde_json::from_str(&text).ok()
}

/// The saved settings, if any: this tab's first, then the remembered ones.
pub fn load_saved() -> Option<ConnectionSettings> {
    read(session_storage()).or_else(|| read(local_storage()))
}

/// Saves to sessionStorage, or to localStorage when the user asked to be remembered;
/// the other store is cleared so a key never lingers where the user did not put it.
pub fn save(settings: &ConnectionSettings) -> Result<(), String> {
    let text = serde_json::to_string(settings).map_err(|error| error.to_string())?;
    let (keep, clear) = if settings.remember { (local_storage(), session_storage()) } else { (session_storage(), local_storage()) };
    if let Some(clear) = clear {
        let _ = clear.remove_item(STORAGE_KEY);
    }
    keep.ok_or("This browser does not allow storing settings.")?
        .set_item(STORAGE_KEY, &text)
        .map_err(|_| "The browser refused to store the settings (storage full or blocked).".to_owned())
}

/// Removes the saved settings from both stores.
pub fn forget() {
    for storage in [session_storage(), local_storage()].into_iter().flatten() {
        let _ = storage.remove_item(STORAGE_KEY);
    }
}

/// The connection every page reads; changing `settings` refetches what depends on it.
#[derive(Clone, Copy)]
pub struct Connection {
    pub settings: RwSignal<ConnectionSettings>,
    pub config: StoredValue<RuntimeConfig>,
}

pub fn provide_connection(config: RuntimeConfig) -> Connection {
    let settings = load_saved().unwrap_or_else(|| ConnectionSettings::from_config(&config));
    let connection = Connection { settings: RwSignal::new(settings), config: StoredValue::new(config) };
    provide_context(connection);
    connection
}

pub fn use_connection() -> Connection {
    expect_context::<Connection>()
}
