//! The pages a cold load of the Jobs page does not need: a job's details, the approvals
//! inbox and the settings. In a release build (`--features split`, cut by wasm-split-cli in
//! scripts/build-release) each comes in a wasm module of its own, with chunks for the code
//! only they share, fetched the first time one of its pages is opened; the shell's module
//! keeps the Jobs page and everything more than one place needs. Elsewhere (tests, `trunk
//! serve`) there is one module, and "loading" one is done at once.
//!
//! While a page's module is fetched the page says so; if it cannot be fetched (offline, a
//! deployment replaced under an open tab), the page says that, with a way to try again:
//! wasm_split_helpers 0.2.3 forgets a failed load, so a second try fetches anew.

use futures::FutureExt;
use jobs_api::t;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use std::future::Future;

use crate::pages::approvals_page::ApprovalsPage;
use crate::pages::job_details::JobDetailsPage;
use crate::pages::settings_page::SettingsPage;

/// `lazy_page!(module, load, fn page(args) { view })`: `page(args)` builds the view, from
/// the wasm module `module` in a split build; `load()` fetches that module.
macro_rules! lazy_page {
    ($module:ident, $load:ident, fn $page:ident($($arg:ident: $ty:ty),*) $body:block) => {
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible, preload($load))]
        fn $page($($arg: $ty),*) -> Result<AnyView, SplitLoaderError> {
            Ok($body.into_any())
        }
        #[cfg(not(feature = "split"))]
        async fn $page($($arg: $ty),*) -> Result<AnyView, SplitLoaderError> {
            Ok($body.into_any())
        }
        #[cfg(not(feature = "split"))]
        async fn $load() -> Result<(), SplitLoaderError> {
            Ok(())
        }
    };
}

lazy_page!(
    job_details,
    load_job_details,
    fn job_details_page(id: String) {
        view! { <JobDetailsPage id /> }
    }
);
lazy_page!(
    approvals,
    load_approvals,
    fn approvals_page() {
        view! { <ApprovalsPage /> }
    }
);
lazy_page!(
    settings,
    load_settings,
    fn settings_page() {
        view! { <SettingsPage /> }
    }
);

/// A page in a module of its own.
#[derive(Clone, Copy)]
enum LazyPage {
    JobDetails,
    Approvals,
    Settings,
}

impl LazyPage {
    async fn load(self) -> Result<(), SplitLoaderError> {
        match self {
            Self::JobDetails => load_job_details().await,
            Self::Approvals => load_approvals().await,
            Self::Settings => load_settings().await,
        }
    }
}

/// The job's details page for `id`.
pub fn job_details(id: String) -> AnyView {
    lazy_view(LazyPage::JobDetails, move || job_details_page(id.clone()))
}

pub fn approvals() -> AnyView {
    lazy_view(LazyPage::Approvals, approvals_page)
}

pub fn settings() -> AnyView {
    lazy_view(LazyPage::Settings, settings_page)
}

/// `page()` once `module` is loaded (its future is then ready when first polled). Until
/// then the page says it is loading (also while a try again is under way).
fn lazy_view<Page, Building>(module: LazyPage, page: Page) -> AnyView
where
    Page: Fn() -> Building + Send + Sync + 'static,
    Building: Future<Output = Result<AnyView, SplitLoaderError>>,
{
    // None while the module is fetched, then whether it came.
    let loaded = RwSignal::new(None::<bool>);
    let load = move || {
        loaded.set(None);
        leptos::task::spawn_local(async move {
            let came = module.load().await.is_ok();
            loaded.try_set(Some(came));
        });
    };
    load();
    (move || match loaded.get() {
        None => view! {
            <p class="page-loading muted" role="status">
                <span class="spinner" aria-hidden="true"></span>
                " "
                {t!("page.loading")}
            </p>
        }
        .into_any(),
        Some(true) => page().now_or_never().and_then(Result::ok).unwrap_or_else(|| not_loaded(load)),
        Some(false) => not_loaded(load),
    })
    .into_any()
}

fn not_loaded(load: impl Fn() + Send + Sync + 'static) -> AnyView {
    view! {
        <div class="error-panel" role="alert">
            <strong class="error-title">{t!("page.load_failed.title")}</strong>
            <p>{t!("page.load_failed.message")}</p>
            <div class="actions">
                <button type="button" class="button" on:click=move |_| load()>
                    {t!("action.try_again")}
                </button>
            </div>
        </div>
    }
    .into_any()
}
