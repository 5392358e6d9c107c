//! The application shell: contexts, the top bar, the connection banner and the routes.

use jobs_api::{t, tn};
use leptos::prelude::*;

use crate::lazy_pages;
use crate::pages::jobs_page::JobsPage;
use crate::pages::not_found_page::NotFoundPage;
use crate::reactive::effect::effect;
use crate::router::{provide_location, Route};
use crate::state::current_user::provide_current_user;
use crate::state::notifications::{provide_notifications, Announcements};
use crate::state::waiting_jobs::{provide_waiting_jobs, set_title};
use crate::transport::connection::{provide_connection, RuntimeConfig};

/// Tells the user to set up the connection while no request can be sent, and when the
/// deployment's `config.json` could not be used.
#[component]
fn ConnectionBanner() -> impl IntoView {
    let connection = crate::transport::connection::use_connection();
    let unconnected = Memo::new(move |_| !connection.settings.with(|settings| settings.is_complete()));
    view! {
        {connection
            .config_error
            .get_value()
            .map(|error| {
                view! {
                    <div class="banner banner-failure" role="alert">
                        {t!("banner.config_failed", error = error)}
                    </div>
                }
            })}
        {move || {
            unconnected
                .get()
                .then(|| {
                    view! {
                        <div class="banner" role="note">
                            {t!("banner.not_connected")}
                            " "
                            <a href=Route::Settings.href()>{t!("banner.enter_key")}</a>
                            <SandboxDemoOffer />
                        </div>
                    }
                })
        }}
    }
}

/// On a first visit to the project's sandbox (and only there: the offer needs the demo key
/// the sandbox names when it refuses a request without one), connects in one click.
#[component]
fn SandboxDemoOffer() -> impl IntoView {
    let connection = crate::transport::connection::use_connection();
    let base_url = connection.settings.with_untracked(|settings| settings.base_url.clone());
    let demo_key = RwSignal::new(None);
    leptos::task::spawn_local(async move {
        let key = crate::transport::api::sandbox_demo_key(&base_url).await;
        demo_key.try_set(key);
    });
    move || {
        demo_key.get().map(|key: String| {
            view! {
                " "
                {t!("banner.sandbox")}
                " "
                <button type="button" class="button button-primary" on:click=move |_| connection.connect_with_key(key.clone())>
                    {t!("banner.use_demo")}
                </button>
            }
        })
    }
}

#[component]
pub fn App(
    config: RuntimeConfig,
    /// Why `config.json` could not be used, if it could not.
    #[prop(default = None)]
    config_error: Option<String>,
    /// Why the operator's language could not be loaded (the console then shows English).
    #[prop(default = None)]
    language_error: Option<String>,
    #[prop(optional, into)] base: Option<String>,
) -> impl IntoView {
    let base = base.unwrap_or_default();
    let connection = provide_connection(config, config_error);
    provide_notifications();
    let location = provide_location(base);
    provide_current_user();
    let waiting = provide_waiting_jobs();
    effect(move || location.route.with(|route| set_title(&route.title(), waiting.count.get())));
    // A section is current on its pages: Jobs on the list and on a job's details.
    let nav_link = move |to: Route, label: &'static str, section: fn(&Route) -> bool| {
        let current = move || location.route.with(section).then_some("page");
        view! {
            <a href=to.href() aria-current=current>
                {label}
            </a>
        }
    };
    view! {
        <a class="skip-link" href="#main">
            {t!("nav.skip")}
        </a>
        <header class="topbar">
            <a href=Route::Jobs.href() class="brand">
                {t!("app.name")}
            </a>
            <nav aria-label=t!(
                "nav.label"
            )>
                {nav_link(Route::Jobs, t!("nav.jobs"), |route| matches!(route, Route::Jobs | Route::JobDetails { .. }))}
                <a
                    href=Route::Approvals.href()
                    aria-current=move || location.route.with(|route| *route == Route::Approvals).then_some("page")
                >
                    {t!("nav.approvals")}
                    {move || {
                        waiting
                            .count
                            .get()
                            .filter(|count| *count > 0)
                            .map(|count| {
                                view! {
                                    " "
                                    <span class="count-badge" aria-label=tn!("nav.waiting", count)>
                                        {count}
                                    </span>
                                }
                            })
                    }}
                </a> {nav_link(Route::Settings, t!("nav.settings"), |route| *route == Route::Settings)}
            </nav>
        </header>
        {language_error
            .map(|error| {
                view! {
                    <div class="banner banner-failure" role="alert">
                        {t!("banner.language_failed", error = error)}
                    </div>
                }
            })}
        <ConnectionBanner />
        <Announcements />
        <main id="main" tabindex="-1">
            // The page is built anew when the route changes (the page left is disposed of
            // whole) and when the connection changes (pages read it once).
            {move || {
                connection.epoch.track();
                match location.route.get() {
                    Route::Jobs => view! { <JobsPage /> }.into_any(),
                    Route::JobDetails { id } => lazy_pages::job_details(id),
                    Route::Approvals => lazy_pages::approvals(),
                    Route::Settings => lazy_pages::settings(),
                    Route::NotFound => view! { <NotFoundPage /> }.into_any(),
                }
            }}
        </main>
    }
}
