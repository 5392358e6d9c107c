//! Where the console sends its requests and how it authenticates: the runtime
//! `config.json` gives the deployment's defaults, the user's settings (kept in
//! sessionStorage, or localStorage when they opt in) override them.

use jobs_api::client_error::clamp_wait_ms;
use jobs_api::credentials::{origin_of, validate_api_key};
use jobs_api::endpoints::ApiMapping;
use jobs_api::lenient::{Fields, FromJson};
use jobs_api::paths::normalize_base_url;
use jobs_api::t;
use leptos::prelude::*;
use serde::Serialize;

use crate::browser::storage::{local_storage, session_storage};

const STORAGE_KEY: &str = "jobs-console.connection";

/// How requests are authenticated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AuthMode {
    /// The browser sends `x-api-key` with the user's key.
    #[default]
    ApiKey,
    /// A same-origin reverse proxy adds the key; the browser holds none.
    Proxy,
}

impl FromJson for AuthMode {
    fn from_json(value: &serde_json::Value) -> Result<Self, String> {
        match value.as_str() {
            Some("api-key") => Ok(Self::ApiKey),
            Some("proxy") => Ok(Self::Proxy),
            _ => Err(format!("{value} is not an authentication mode: use \"api-key\" or \"proxy\"")),
        }
    }
}

/// The deployment's settings, from `config.json` beside `index.html`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuntimeConfig {
    pub api_base_url: String,
    pub auth_mode: AuthMode,
    /// How often a job that is still moving is refetched; see [`RuntimeConfig::poll_interval_ms`].
    pub poll_interval_ms: u64,
    /// How long an approval or rejection may go unanswered before the console gives up
    /// waiting and reports it as uncertain.
    pub decision_timeout_ms: u64,
    /// Where the tenant serves Device Trust Manager (default `/devicetrustmanager/api/v4`).
    pub dtm_api_base: Option<String>,
    /// Where the tenant serves IoT Trust Manager (default `/iot/api/v1`).
    pub iot_api_base: Option<String>,
    /// Sent as `account_id` on every Device Trust Manager request when set.
    pub account_id: Option<String>,
    /// Optional endpoints by name (`who_am_i`, `activity`, `failures`): `false` switches
    /// one off, for a tenant that lacks it.
    /// (Read as a `Value`, whose decoder the bundle has anyway, not as a map type.)
    pub optional_endpoints: serde_json::Value,
}

// Every setting may be absent: then its default.
jobs_api::read_by_hand!(RuntimeConfig, |fields: Fields| {
    let defaults = RuntimeConfig::default();
    let or = |name, default: u64| fields.optional::<Option<u64>>(name).map(|value| value.unwrap_or(default));
    Ok(RuntimeConfig {
        api_base_url: fields.optional("api_base_url")?,
        auth_mode: fields.optional("auth_mode")?,
        poll_interval_ms: or("poll_interval_ms", defaults.poll_interval_ms)?,
        decision_timeout_ms: or("decision_timeout_ms", defaults.decision_timeout_ms)?,
        dtm_api_base: fields.optional("dtm_api_base")?,
        iot_api_base: fields.optional("iot_api_base")?,
        account_id: fields.optional("account_id")?,
        optional_endpoints: fields.optional("optional_endpoints")?,
    })
});

fn default_poll_interval_ms() -> u64 {
    5_000
}

fn default_decision_timeout_ms() -> u64 {
    30_000
}

impl Default for RuntimeConfig {
    fn default() -> Self {
        Self {
            api_base_url: String::new(),
            auth_mode: AuthMode::default(),
            poll_interval_ms: default_poll_interval_ms(),
            decision_timeout_ms: default_decision_timeout_ms(),
            dtm_api_base: None,
            iot_api_base: None,
            account_id: None,
            optional_endpoints: serde_json::Value::Null,
        }
    }
}

impl RuntimeConfig {
    /// The poll interval within sane bounds: 0 would hammer the API, a day would look dead.
    pub fn poll_interval_ms(&self) -> u64 {
        clamp_wait_ms(self.poll_interval_ms)
    }

    pub fn decision_timeout_ms(&self) -> u64 {
        clamp_wait_ms(self.decision_timeout_ms)
    }

    /// Where the tenant serves each endpoint, or what in `config.json` is not usable.
    pub fn api_mapping(&self) -> Result<ApiMapping, String> {
        let switches = self.optional_endpoints.as_object().into_iter().flatten();
        let off: Vec<&str> = switches.filter(|(_, on)| on.as_bool() == Some(false)).map(|(name, _)| name.as_str()).collect();
        ApiMapping::new(self.dtm_api_base.as_deref(), self.iot_api_base.as_deref(), self.account_id.as_deref(), &off)
    }
}

/// The deployment's runtime settings from `config.json` beside `index.html`: the defaults
/// when there is none, and with them a message for the page when it cannot be read.
pub async fn load_runtime_config(url: &str) -> (RuntimeConfig, Option<String>) {
    let response = match gloo_net::http::Request::get(url).send().await {
        Ok(response) if response.status() == 404 => return (RuntimeConfig::default(), None),
        Ok(response) if response.ok() => response,
        Ok(response) => return (RuntimeConfig::default(), Some(t!("config.status", status = response.status()))),
        Err(error) => return (RuntimeConfig::default(), Some(t!("config.unreachable", error = error))),
    };
    let text = response.text().await.unwrap_or_default();
    match jobs_api::lenient::from_json_text::<RuntimeConfig>(&text) {
        Ok(config) => {
            let error = config.api_mapping().err().map(|error| t!("config.paths", error = error));
            (config, error)
        }
        Err(error) => (RuntimeConfig::default(), Some(t!("config.invalid", error = error))),
    }
}

/// This page's origin, where requests with an empty base URL go.
pub fn page_origin() -> String {
    window().location().origin().unwrap_or_default()
}

/// What the user chose on the Settings page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ConnectionSettings {
    pub base_url: String,
    pub auth_mode: AuthMode,
    pub api_key: String,
    /// Kept in localStorage (survives closing the browser) rather than sessionStorage.
    pub remember: bool,
    /// The origin the key was entered for; it is sent nowhere else.
    pub key_origin: String,
}

jobs_api::read_by_hand!(ConnectionSettings, |fields: Fields| {
    Ok(ConnectionSettings {
        base_url: fields.required("base_url")?,
        auth_mode: fields.required("auth_mode")?,
        api_key: fields.optional("api_key")?,
        remember: fields.optional("remember")?,
        key_origin: fields.optional("key_origin")?,
    })
});

impl ConnectionSettings {
    pub fn from_config(config: &RuntimeConfig) -> Self {
        Self {
            base_url: normalize_base_url(&config.api_base_url).unwrap_or_default(),
            auth_mode: config.auth_mode,
            api_key: String::new(),
            remember: false,
            key_origin: String::new(),
        }
    }

    /// Whether requests can be sent at all.
    pub fn is_complete(&self) -> bool {
        self.auth_mode == AuthMode::Proxy || !self.api_key.trim().is_empty()
    }

    /// The origin requests go to.
    pub fn target_origin(&self) -> String {
        origin_of(&self.base_url, &page_origin())
    }

    /// The `x-api-key` value to send, if any, or why the key may not be sent.
    pub fn key_header(&self) -> Result<Option<&str>, String> {
        if self.auth_mode == AuthMode::Proxy {
            return Ok(None);
        }
        let key = validate_api_key(&self.api_key)?;
        let target = self.target_origin();
        if self.key_origin != target {
            let saved_for = if self.key_origin.is_empty() { t!("api_key.another_server") } else { &self.key_origin };
            return Err(t!("api_key.other_origin", saved_for = saved_for, target = target));
        }
        Ok(Some(key))
    }
}

/// Saved settings; a key a header cannot carry is dropped, and one saved before keys
/// carried their origin belongs to the origin it was saved with.
fn read(storage: Option<web_sys::Storage>) -> Option<ConnectionSettings> {
    let text = storage?.get_item(STORAGE_KEY).ok()??;
    let mut settings: ConnectionSettings = jobs_api::lenient::from_json_text(&text).ok()?;
    if validate_api_key(&settings.api_key).is_err() {
        settings.api_key.clear();
    }
    if settings.key_origin.is_empty() {
        settings.key_origin = settings.target_origin();
    }
    Some(settings)
}

/// The saved settings, if any: this tab's first, then the remembered ones.
pub fn load_saved() -> Option<ConnectionSettings> {
    read(session_storage()).or_else(|| read(local_storage()))
}

/// Saves to sessionStorage, or to localStorage when the user asked to be remembered;
/// the other store is cleared so a key never lingers where the user did not put it.
pub fn save(settings: &ConnectionSettings) -> Result<(), String> {
    if settings.auth_mode == AuthMode::ApiKey {
        validate_api_key(&settings.api_key)?;
    }
    let text = serde_json::to_string(settings).map_err(|error| error.to_string())?;
    let (keep, clear) = if settings.remember { (local_storage(), session_storage()) } else { (session_storage(), local_storage()) };
    if let Some(clear) = clear {
        let _ = clear.remove_item(STORAGE_KEY);
    }
    keep.ok_or(t!("settings.storage_unavailable"))?.set_item(STORAGE_KEY, &text).map_err(|_| t!("settings.storage_refused").to_owned())
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
    /// Why `config.json` could not be used, shown on every page.
    pub config_error: StoredValue<Option<String>>,
    /// Bumped when the connection changes under an open page, which then is built anew.
    pub epoch: RwSignal<u64>,
}

impl Connection {
    /// Connects to the current base URL with `api_key`, for this tab, and rebuilds the page.
    pub fn connect_with_key(&self, api_key: String) {
        let base_url = self.settings.with_untracked(|settings| settings.base_url.clone());
        let key_origin = origin_of(&base_url, &page_origin());
        let settings = ConnectionSettings { base_url, auth_mode: AuthMode::ApiKey, api_key, remember: false, key_origin };
        if save(&settings).is_ok() {
            self.settings.set(settings);
            self.epoch.update(|epoch| *epoch += 1);
        }
    }
}

pub fn provide_connection(config: RuntimeConfig, config_error: Option<String>) -> Connection {
    crate::transport::api::set_api_mapping(config.api_mapping().unwrap_or_default());
    let settings = load_saved().unwrap_or_else(|| ConnectionSettings::from_config(&config));
    let connection = Connection {
        settings: RwSignal::new(settings),
        config: StoredValue::new(config),
        config_error: StoredValue::new(config_error),
        epoch: RwSignal::new(0),
    };
    provide_context(connection);
    connection
}

pub fn use_connection() -> Connection {
    expect_context::<Connection>()
}
