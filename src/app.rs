//! The application shell: contexts, the top bar, the connection banner and the routes.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use crate::connection::{provide_connection, RuntimeConfig};
use crate::notifications::{provide_notifications, Announcements};
use crate::pages::job_details_page::JobDetailsPage;
use crate::pages::jobs_page::JobsPage;
use crate::pages::not_found_page::NotFoundPage;
use crate::pages::settings_page::SettingsPage;

/// Tells the user to set up the connection while no request can be sent.
#[component]
fn ConnectionBanner() -> impl IntoView {
    let connection = crate::connection::use_connection();
    view! {
        <Show when=move || !connection.settings.with(|settings| settings.is_complete())>
            <div class="banner" role="note">
                "Not connected: no API key is set. "
                <A href="/settings">"Open Settings"</A>
                " to enter one."
            </div>
        </Show>
    }
}

#[component]
pub fn App(config: RuntimeConfig, #[prop(optional, into)] base: Option<String>) -> impl IntoView {
    provide_connection(config);
    provide_notifications();
    view! {
        <Router base=base.unwrap_or_default()>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <header class="topbar">
                <A href="/jobs" attr:class="brand">"Jobs console"</A>
                <nav aria-label="Main">
                    <A href="/jobs">"Jobs"</A>
                    <A href="/settings">"Settings"</A>
                </nav>
            </header>
            <ConnectionBanner />
            <Announcements />
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFoundPage /> }>
                    <Route path=path!("/") view=JobsPage />
                    <Route path=path!("/jobs") view=JobsPage />
                    <Route path=path!("/jobs/:id") view=JobDetailsPage />
                    <Route path=path!("/settings") view=SettingsPage />
                </Routes>
            </main>
        </Router>
    }
}
