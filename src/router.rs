//! The console's router: four pages, a query string and the browser's history.
//!
//! It replaces leptos_router, which cost the bundle about 20 KB gzip for what the console
//! uses, and whose route views stayed listed in their parent owner after they were left
//! (about 150 bytes per navigation, for as long as the tab is open). Here the page is
//! built inside one reactive closure that re-runs when the route changes, so the page
//! left is disposed of entirely.
//!
//! Links are plain `<a>` elements with hrefs from [`Route::href`]: one click
//! listener on the document turns a plain click on a same-origin link under the app's
//! base into a history entry (past the browser's limit on entries, the page shows and the
//! entry follows: [`Location::navigate`]); modified clicks, downloads, other targets and
//! in-page anchors are left to the browser.

use jobs_api::t;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Which page a path shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Jobs,
    JobDetails { id: String },
    Approvals,
    Settings,
    NotFound,
}

impl Route {
    /// `path` is the URL's path below the app's base, still percent-encoded.
    fn of(path: &str) -> Self {
        let segments: Vec<&str> = path.split('/').filter(|segment| !segment.is_empty()).collect();
        match segments.as_slice() {
            [] | ["jobs"] => Self::Jobs,
            ["jobs", id] => Self::JobDetails { id: decode_component(id) },
            ["approvals"] => Self::Approvals,
            ["settings"] => Self::Settings,
            _ => Self::NotFound,
        }
    }
}

impl Route {
    /// This route's address under the console's base (the path it is served under, e.g.
    /// `/console`), with `query` (`""` or `?…`) after it: the one place in-app addresses
    /// are written, beside [`Route::of`] that reads them.
    pub fn href_with(&self, query: &str) -> String {
        let base = use_context::<Location>().map(|location| location.base.get_value()).unwrap_or_default();
        let path = match self {
            Self::Jobs | Self::NotFound => "/jobs".to_owned(),
            Self::JobDetails { id } => format!("/jobs/{}", jobs_api::url_encoding::encode_component(id)),
            Self::Approvals => "/approvals".to_owned(),
            Self::Settings => "/settings".to_owned(),
        };
        format!("{base}{path}{query}")
    }

    pub fn href(&self) -> String {
        self.href_with("")
    }

    /// The page's name, for the tab's title.
    pub fn title(&self) -> String {
        match self {
            Self::Jobs => t!("nav.jobs").into(),
            Self::JobDetails { id } => t!("title.job", job = id),
            Self::Approvals => t!("nav.approvals").into(),
            Self::Settings => t!("nav.settings").into(),
            Self::NotFound => t!("title.not_found").into(),
        }
    }
}

fn decode_component(text: &str) -> String {
    js_sys::decode_uri_component(text).map(String::from).unwrap_or_else(|_| text.to_owned())
}

/// The current location, as the pages read it.
#[derive(Clone, Copy)]
pub struct Location {
    base: StoredValue<String>,
    /// Path below the base and query string (with its `?`), as in the address bar.
    current: RwSignal<(String, String)>,
    pub route: Memo<Route>,
    /// The query's pairs, decoded, in order.
    pub query: Memo<Vec<(String, String)>>,
    /// An address shown but not yet in the address bar: the browser refused its entry.
    unrecorded: StoredValue<Option<String>>,
}

impl Location {
    /// The path below `base` and the query of an address.
    fn parts(base: &str, path: String, search: String) -> (String, String) {
        (path.strip_prefix(base).map(str::to_owned).unwrap_or(path), search)
    }

    fn read(base: &str) -> (String, String) {
        let location = window().location();
        Self::parts(base, location.pathname().unwrap_or_default(), location.search().unwrap_or_default())
    }

    fn show(&self, now: (String, String)) {
        if self.current.with_untracked(|current| *current != now) {
            self.current.set(now);
        }
    }

    fn sync(&self) {
        self.show(self.base.with_value(|base| Self::read(base)));
    }

    /// Goes to `href` (from `Route::href`) with a new history entry. Where the browser
    /// refuses or ignores the entry (see [`push_entry`]), the page shows `href` all the same
    /// and the address bar follows once the browser takes entries again.
    pub fn navigate(&self, href: &str, scroll_to_top: bool) {
        if push_entry(href) {
            self.unrecorded.set_value(None);
            self.sync();
        } else if let Some(url) = resolve(href) {
            let waiting = self.unrecorded.with_value(Option::is_some);
            self.unrecorded.set_value(Some(href.to_owned()));
            self.show(self.base.with_value(|base| Self::parts(base, url.pathname(), url.search())));
            if !waiting {
                self.record_later();
            }
        }
        if scroll_to_top {
            window().scroll_to_with_x_and_y(0.0, 0.0);
        }
    }

    /// Offers the address shown but not yet in the address bar to the browser again each
    /// second until it takes it (a Back or Forward in between drops it).
    fn record_later(self) {
        set_timeout(
            move || {
                let Some(href) = self.unrecorded.try_get_value().flatten() else { return };
                if push_entry(&href) {
                    self.unrecorded.set_value(None);
                } else {
                    self.record_later();
                }
            },
            std::time::Duration::from_secs(1),
        );
    }
}

fn resolve(href: &str) -> Option<web_sys::Url> {
    web_sys::Url::new_with_base(href, &window().location().href().ok()?).ok()
}

/// Adds a history entry for `href`: whether the browser took it. Browsers limit how often
/// a page may add entries: Chromium 156 ignores `pushState` (and `location.assign`) beyond
/// 200 within 10 seconds, saying only "Throttling navigation" in the console; WebKit
/// (Safari; WebKitGTK 2.50) throws a SecurityError beyond 100. A click past the limit must
/// still open its page.
fn push_entry(href: &str) -> bool {
    let Some(wanted) = resolve(href) else { return false };
    let pushed = window().history().and_then(|history| history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href)));
    pushed.is_ok() && window().location().href().is_ok_and(|now| now == wanted.href())
}

fn query_pairs(search: &str) -> Vec<(String, String)> {
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(search) else { return Vec::new() };
    let Ok(Some(entries)) = js_sys::try_iter(&params.entries()) else { return Vec::new() };
    entries
        .flatten()
        .filter_map(|entry| {
            let pair: js_sys::Array = entry.dyn_into().ok()?;
            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
        })
        .collect()
}

/// The parts of an address that decide whether the app follows a link to it.
struct Address {
    origin: String,
    path: String,
    search: String,
    hash: String,
}

/// A click on a link, as far as following it inside the app goes.
struct LinkClick {
    /// A primary-button click with no modifier key, not already handled.
    plain: bool,
    /// The link opens here: no `download`, no other `target`.
    opens_here: bool,
    to: Address,
    /// The page it was clicked on.
    here: Address,
}

/// The address below the app's `base` a click should go to inside the app: a plain click
/// on a same-origin link under the base that opens here and is no jump within the page.
/// Everything else is left to the browser.
fn in_app_address(click: &LinkClick, base: &str) -> Option<String> {
    let LinkClick { plain, opens_here, to, here } = click;
    if !plain || !opens_here || to.origin != here.origin {
        return None;
    }
    let under_base = base.is_empty() || to.path == base || to.path.starts_with(&format!("{base}/"));
    let same_page = to.path == here.path && to.search == here.search;
    if !under_base || (same_page && !to.hash.is_empty()) {
        return None;
    }
    Some(format!("{}{}{}", to.path, to.search, to.hash))
}

/// The address a click should navigate to inside the app, if it is one the app handles.
fn link_to_follow(event: &web_sys::MouseEvent, base: &str) -> Option<String> {
    let target: web_sys::Element = event.target()?.dyn_into().ok()?;
    let anchor: web_sys::HtmlAnchorElement = target.closest("a[href]").ok()??.dyn_into().ok()?;
    let url = web_sys::Url::new(&anchor.href()).ok()?;
    let location = window().location();
    let click = LinkClick {
        plain: !event.default_prevented()
            && event.button() == 0
            && !(event.meta_key() || event.ctrl_key() || event.shift_key() || event.alt_key()),
        opens_here: !anchor.has_attribute("download") && matches!(anchor.target().as_str(), "" | "_self"),
        to: Address { origin: url.origin(), path: url.pathname(), search: url.search(), hash: url.hash() },
        here: Address {
            origin: location.origin().ok()?,
            path: location.pathname().ok()?,
            search: location.search().ok()?,
            hash: location.hash().ok()?,
        },
    };
    in_app_address(&click, base)
}

/// Starts following the address bar; `base` is the path the app is served under (`""`
/// at the root). Removes its listeners when the calling owner goes.
pub fn provide_location(base: String) -> Location {
    let base = StoredValue::new(base.trim_end_matches('/').to_owned());
    let current = RwSignal::new(base.with_value(|base| Location::read(base)));
    let location = Location {
        base,
        current,
        route: Memo::new(move |_| current.with(|(path, _)| Route::of(path))),
        query: Memo::new(move |_| current.with(|(_, search)| query_pairs(search))),
        unrecorded: StoredValue::new(None),
    };
    let popstate = window_event_listener(ev::popstate, move |_| {
        location.unrecorded.set_value(None);
        location.sync();
    });
    let clicks = window_event_listener(ev::click, move |event| {
        if let Some(href) = base.with_value(|base| link_to_follow(&event, base)) {
            event.prevent_default();
            location.navigate(&href, true);
        }
    });
    on_cleanup(move || {
        popstate.remove();
        clicks.remove();
    });
    provide_context(location);
    location
}

pub fn use_location() -> Location {
    expect_context::<Location>()
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    fn address(text: &str) -> Address {
        let (rest, hash) = text.split_once('#').map_or((text, String::new()), |(rest, hash)| (rest, format!("#{hash}")));
        let (rest, search) = rest.split_once('?').map_or((rest, String::new()), |(rest, search)| (rest, format!("?{search}")));
        let at = rest.find("//").map_or(0, |at| at + 2);
        let (origin, path) = rest.split_at(rest[at..].find('/').map_or(rest.len(), |slash| at + slash));
        Address { origin: origin.to_owned(), path: path.to_owned(), search, hash }
    }

    fn follow(to: &str, base: &str) -> Option<String> {
        let click =
            LinkClick { plain: true, opens_here: true, to: address(to), here: address("https://console.example/console/jobs?page=2") };
        in_app_address(&click, base)
    }

    #[wasm_bindgen_test]
    fn a_plain_click_on_a_link_under_the_base_stays_in_the_app() {
        assert_eq!(follow("https://console.example/console/jobs/J-1", "/console").as_deref(), Some("/console/jobs/J-1"));
        assert_eq!(
            follow("https://console.example/console/approvals?page=3#top", "/console").as_deref(),
            Some("/console/approvals?page=3#top")
        );
        assert_eq!(follow("https://console.example/console", "/console").as_deref(), Some("/console"));
        assert_eq!(follow("https://console.example/anything", "").as_deref(), Some("/anything"), "at the root every path is the app's");
    }

    #[wasm_bindgen_test]
    fn everything_else_is_left_to_the_browser() {
        assert_eq!(follow("https://other.example/console/jobs", "/console"), None, "another origin");
        assert_eq!(follow("https://console.example/consoles/jobs", "/console"), None, "beside the base, not under it");
        assert_eq!(follow("https://console.example/iot/api/v1/audit-log", "/console"), None, "outside the base");
        assert_eq!(follow("https://console.example/console/jobs?page=2#main", "/console"), None, "a jump within the page");
        assert!(follow("https://console.example/console/jobs?page=3#main", "/console").is_some(), "another page's anchor");
        let to = || address("https://console.example/console/jobs/J-1");
        let here = || address("https://console.example/console/jobs");
        let modified = LinkClick { plain: false, opens_here: true, to: to(), here: here() };
        assert_eq!(in_app_address(&modified, "/console"), None, "a modified or non-primary click");
        let elsewhere = LinkClick { plain: true, opens_here: false, to: to(), here: here() };
        assert_eq!(in_app_address(&elsewhere, "/console"), None, "a download or another target");
    }
}
