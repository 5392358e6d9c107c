//! Connection settings: base URL, how to authenticate, the API key and where it is kept,
//! a connection test that says what it found, and a check of every endpoint the console reads.

mod api_check;

use jobs_api::credentials::{origin_of, validate_api_key};
use jobs_api::paths::normalize_base_url;
use jobs_api::query::JobListQuery;
use jobs_api::{i18n, t, tn};
use leptos::prelude::*;

use api_check::ApiCheck;

use crate::browser::dates::{browser_time_zone, set_times_in_utc, times_in_utc};
use crate::browser::language;
use crate::browser::storage::{self, remembered};
use crate::components::csv_export::ENGLISH_HEADERS_KEY;
use crate::state::notifications::{use_notifications, Tone};
use crate::transport::connection::{self, page_origin, use_connection, AuthMode, ConnectionSettings};

#[derive(Clone, Debug, PartialEq)]
enum TestOutcome {
    Connected(u64),
    Failed(String),
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let connection = use_connection();
    let notifications = use_notifications();
    let current = connection.settings.get_untracked();
    let base_url = RwSignal::new(current.base_url.clone());
    let auth_mode = RwSignal::new(current.auth_mode);
    let api_key = RwSignal::new(current.api_key.clone());
    let remember = RwSignal::new(current.remember);
    let shows_key = Memo::new(move |_| auth_mode.get() == AuthMode::ApiKey);
    let show_key = RwSignal::new(false);
    let form_error = RwSignal::new(None::<String>);
    // A key belongs to the origin it was entered for: one typed here is entered for the
    // origin in the form; the saved one goes elsewhere only once the user confirms it.
    let key_typed = RwSignal::new(false);
    let confirm_origin = RwSignal::new(false);
    let origin_to_confirm = Memo::new(move |_| {
        let saved_for = connection.settings.with(|settings| (!settings.api_key.is_empty()).then(|| settings.key_origin.clone()))?;
        let target = origin_of(&normalize_base_url(&base_url.get()).ok()?, &page_origin());
        (auth_mode.get() == AuthMode::ApiKey && !key_typed.get() && saved_for != target).then_some((saved_for, target))
    });

    let draft = move || -> Result<ConnectionSettings, String> {
        let auth_mode = auth_mode.get_untracked();
        let api_key = match auth_mode {
            AuthMode::ApiKey => validate_api_key(&api_key.get_untracked())?.to_owned(),
            AuthMode::Proxy => String::new(),
        };
        let base_url = normalize_base_url(&base_url.get_untracked())?;
        if let (Some((saved_for, target)), false) = (origin_to_confirm.get_untracked(), confirm_origin.get_untracked()) {
            return Err(t!("settings.confirm_needed", saved_for = saved_for, send = t!("settings.send_key", target = target)));
        }
        let key_origin = origin_of(&base_url, &page_origin());
        Ok(ConnectionSettings { base_url, auth_mode, api_key, remember: remember.get_untracked(), key_origin })
    };
    // The outcome of the latest test only: a test started meanwhile (by Save, say) wins.
    let testing = RwSignal::new(false);
    let tested = RwSignal::new(None::<TestOutcome>);
    let test_runs = StoredValue::new(0u64);
    let test = move |settings: ConnectionSettings| {
        let run = test_runs.get_value() + 1;
        test_runs.set_value(run);
        testing.set(true);
        leptos::task::spawn_local(async move {
            let probe = JobListQuery { limit: 1, ..Default::default() };
            let page = crate::transport::api::get_text(&settings, &jobs_api::paths::job_list(&probe.to_query_string()), None).await;
            let outcome = match page.and_then(|text| crate::transport::api::decode::<jobs_api::Page<jobs_api::JobSummary>>(&text)) {
                Ok(page) => TestOutcome::Connected(page.total),
                Err(error) => TestOutcome::Failed(t!("settings.error", title = error.title(), message = error.message())),
            };
            if test_runs.try_get_value() == Some(run) {
                tested.try_set(Some(outcome));
                testing.try_set(false);
            }
        });
    };
    let on_save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match draft() {
            Err(message) => form_error.set(Some(message)),
            Ok(settings) if !settings.is_complete() => form_error.set(Some(t!("settings.incomplete").into())),
            Ok(settings) => {
                form_error.set(None);
                key_typed.set(false);
                confirm_origin.set(false);
                if let Err(message) = connection::save(&settings) {
                    notifications.announce(Tone::Failure, t!("settings.tab_only", reason = message));
                } else {
                    notifications.announce(Tone::Success, t!("settings.saved"));
                }
                connection.settings.set(settings.clone());
                test(settings);
            }
        }
    };
    let on_test = move |_| match draft() {
        Ok(settings) => {
            form_error.set(None);
            test(settings);
        }
        Err(message) => form_error.set(Some(message)),
    };
    let on_forget = move |_| {
        connection::forget();
        api_key.set(String::new());
        key_typed.set(false);
        confirm_origin.set(false);
        remember.set(false);
        let defaults = ConnectionSettings::from_config(&connection.config.get_value());
        base_url.set(defaults.base_url.clone());
        auth_mode.set(defaults.auth_mode);
        connection.settings.set(defaults);
        notifications.announce(Tone::Success, t!("settings.forgotten"));
    };

    view! {
        <div class="page page-narrow">
            <h1>{t!("nav.settings")}</h1>
            <form class="card settings-form" on:submit=on_save novalidate>
                <h2>{t!("settings.connection")}</h2>
                <div class="field">
                    <label for="base-url">{t!("settings.base_url")}</label>
                    <input
                        id="base-url"
                        type="url"
                        inputmode="url"
                        autocomplete="url"
                        placeholder="https://one.digicert.com"
                        aria-describedby="base-url-help"
                        prop:value=base_url
                        on:input:target=move |event| base_url.set(event.target().value())
                    />
                    <p id="base-url-help" class="help">
                        {t!("settings.base_url_help")}
                    </p>
                </div>
                <fieldset class="field">
                    <legend>{t!("settings.authentication")}</legend>
                    <label class="radio">
                        <input
                            type="radio"
                            name="auth-mode"
                            prop:checked=move || auth_mode.get() == AuthMode::ApiKey
                            on:change=move |_| auth_mode.set(AuthMode::ApiKey)
                        />
                        {t!("settings.mode_key")}
                    </label>
                    <label class="radio">
                        <input
                            type="radio"
                            name="auth-mode"
                            prop:checked=move || auth_mode.get() == AuthMode::Proxy
                            on:change=move |_| auth_mode.set(AuthMode::Proxy)
                        />
                        {t!("settings.mode_proxy")}
                    </label>
                </fieldset>
                {move || {
                    shows_key
                        .get()
                        .then(|| {
                            view! {
                                <div class="field">
                                    <label for="api-key">{t!("settings.api_key")}</label>
                                    <div class="search-row">
                                        <input
                                            id="api-key"
                                            type=move || if show_key.get() { "text" } else { "password" }
                                            autocomplete="off"
                                            spellcheck="false"
                                            prop:value=api_key
                                            on:input:target=move |event| {
                                                api_key.set(event.target().value());
                                                key_typed.set(true);
                                            }
                                        />
                                        <button
                                            type="button"
                                            class="button button-quiet"
                                            aria-pressed=move || show_key.get().to_string()
                                            on:click=move |_| show_key.update(|shown| *shown = !*shown)
                                        >
                                            {move || if show_key.get() { t!("settings.hide") } else { t!("settings.show") }}
                                        </button>
                                    </div>
                                </div>
                                {move || {
                                    origin_to_confirm
                                        .get()
                                        .map(|(saved_for, target)| {
                                            view! {
                                                <div class="field field-checkbox warning" role="note">
                                                    <input
                                                        id="confirm-origin"
                                                        type="checkbox"
                                                        prop:checked=confirm_origin
                                                        on:change:target=move |event| confirm_origin.set(event.target().checked())
                                                    />
                                                    <label for="confirm-origin">
                                                        {t!("settings.send_key", target = target)} " "
                                                        <span class="muted small">{t!("settings.entered_for", saved_for = saved_for)}</span>
                                                    </label>
                                                </div>
                                            }
                                        })
                                }}
                                <div class="field field-checkbox">
                                    <input
                                        id="remember"
                                        type="checkbox"
                                        prop:checked=remember
                                        on:change:target=move |event| remember.set(event.target().checked())
                                    />
                                    <label for="remember">{t!("settings.remember")}</label>
                                </div>
                                {move || {
                                    remember
                                        .get()
                                        .then(|| {
                                            view! {
                                                <p class="warning" role="note">
                                                    {t!("settings.remember_warning")}
                                                </p>
                                            }
                                        })
                                }}
                            }
                        })
                }}
                {move || {
                    form_error
                        .get()
                        .map(|message| {
                            view! {
                                <p class="form-error" role="alert">
                                    {message}
                                </p>
                            }
                        })
                }}
                <div class="actions">
                    <button type="submit" class="button button-primary">
                        {t!("settings.save")}
                    </button>
                    <button type="button" class="button" disabled=testing on:click=on_test>
                        {t!("settings.test")}
                    </button>
                    <button type="button" class="button button-quiet" on:click=on_forget>
                        {t!("settings.forget")}
                    </button>
                </div>
                <div class="test-result" role="status" aria-live="polite">
                    {move || {
                        if testing.get() {
                            return Some(
                                view! {
                                    <p>
                                        <span class="spinner" aria-hidden="true"></span>
                                        " "
                                        {t!("settings.testing")}
                                    </p>
                                }
                                    .into_any(),
                            );
                        }
                        tested
                            .get()
                            .map(|outcome| match outcome {
                                TestOutcome::Connected(total) => {
                                    view! { <p class="success">{tn!("settings.connected", total)}</p> }.into_any()
                                }
                                TestOutcome::Failed(message) => {
                                    view! { <p class="form-error">{t!("settings.failed", message = message)}</p> }.into_any()
                                }
                            })
                    }}
                </div>
            </form>
            <ApiCheck />
            <section class="card" aria-labelledby="display-heading">
                <h2 id="display-heading">{t!("settings.display")}</h2>
                <div class="field field-checkbox">
                    <input
                        id="times-in-utc"
                        type="checkbox"
                        prop:checked=times_in_utc()
                        on:change:target=move |event| {
                            set_times_in_utc(event.target().checked());
                            notifications.announce(Tone::Success, t!("settings.times_chosen"));
                        }
                    />
                    <label for="times-in-utc">{t!("settings.utc")}</label>
                </div>
                <p class="help">{t!("settings.utc_help", zone = browser_time_zone())}</p>
                <div class="field">
                    <label for="language">{t!("settings.language")}</label>
                    <select id="language" on:change:target=move |event| language::choose(&event.target().value())>
                        {language::languages()
                            .map(|(tag, name)| {
                                view! {
                                    <option value=tag lang=tag translate="no" selected=tag == i18n::language()>
                                        {name}
                                    </option>
                                }
                                    .into_any()
                            })
                            .collect_view()}
                    </select>
                    <p class="help">{t!("settings.language_help")}</p>
                </div>
                <div class="field field-checkbox">
                    <input
                        id="csv-english"
                        type="checkbox"
                        prop:checked=remembered(ENGLISH_HEADERS_KEY)
                        on:change:target=move |event| storage::remember(ENGLISH_HEADERS_KEY, event.target().checked())
                    />
                    <label for="csv-english">{t!("settings.csv_english")}</label>
                </div>
            </section>
        </div>
    }
}
