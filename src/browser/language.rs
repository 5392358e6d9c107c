//! The operator's language: the one chosen in Settings (remembered in this browser), else
//! the first of the browser's preferred languages (`navigator.languages`) the console has,
//! else English. English is built in; another language's catalogue is fetched once, before
//! the console mounts, from `locales/<tag>.json?v=<content hash>` beside `config.json` (an
//! address that changes exactly when the file does, so it can be cached for good). Plural
//! forms and numbers follow the browser's `Intl` for the language, and the page's `lang`
//! attribute follows it, so that screen readers speak it.

use jobs_api::i18n::{self, Catalogue, Rules, CATALOGUES};
use js_sys::{Array, Intl, Object, Reflect};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::browser::storage::local_storage;

const CHOICE_KEY: &str = "jobs-console.language";

/// Every language the console has: its tag and its own name for itself.
pub fn languages() -> impl Iterator<Item = (&'static str, &'static str)> {
    std::iter::once(("en", i18n::ENGLISH_NAME)).chain(CATALOGUES.iter().map(|(tag, name, _)| (*tag, *name)))
}

/// The language the console has for a tag the browser or the user gives: the same tag in
/// any case (`pt-br`), else the same language (`de-AT` reads German, `pt-PT` Brazilian
/// Portuguese).
fn supported(tag: &str) -> Option<&'static str> {
    let primary = |tag: &str| tag.split('-').next().unwrap_or_default().to_ascii_lowercase();
    languages()
        .map(|(known, _)| known)
        .find(|known| known.eq_ignore_ascii_case(tag))
        .or_else(|| languages().map(|(known, _)| known).find(|known| primary(known) == primary(tag)))
}

/// The language to show: the remembered choice, else the browser's preference, else English.
pub fn preferred() -> &'static str {
    let chosen = local_storage().and_then(|storage| storage.get_item(CHOICE_KEY).ok().flatten());
    let browser = window().navigator().languages();
    chosen.into_iter().chain(browser.iter().filter_map(|tag| tag.as_string())).find_map(|tag| supported(&tag)).unwrap_or("en")
}

/// Remembers the operator's choice in this browser and opens the console again in it
/// (every text is read when a page is built, and the catalogue before the console mounts).
pub fn choose(tag: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(CHOICE_KEY, tag);
    }
    let _ = window().location().reload();
}

fn rules(tag: &str) -> Rules {
    let locales = Array::of1(&JsValue::from_str(tag));
    let plural_rules = Intl::PluralRules::new(&locales, &Object::new());
    // Made on first use: Chromium's first `Intl.NumberFormat` of a page costs about 40 ms
    // (its locale data), which must not delay the first requests (see `warm_up`).
    let formatters = std::cell::OnceCell::new();
    Rules {
        plural_category: Box::new(move |count| String::from(plural_rules.select(count))),
        number: Box::new(move |value, digits| {
            let formatters = formatters.get_or_init(|| {
                [0u8, 1].map(|digits| {
                    let options = Object::new();
                    let _ = Reflect::set(&options, &"minimumFractionDigits".into(), &digits.into());
                    let _ = Reflect::set(&options, &"maximumFractionDigits".into(), &digits.into());
                    Intl::NumberFormat::new(&locales, &options).format()
                })
            });
            let format = &formatters[usize::from(digits.min(1))];
            // (Not Rust's float formatting, which costs the bundle about 9 KB.)
            let text = format.call1(&JsValue::NULL, &value.into()).ok().and_then(|text| text.as_string());
            text.unwrap_or_else(|| String::from(js_sys::Number::from(value).to_string_with_radix(10).unwrap_or_default()))
        }),
    }
}

/// Makes `tag` the language of every text, from its catalogue (`None` for English), and of
/// the page.
pub fn install(tag: &str, catalogue: Option<Catalogue>) {
    i18n::install(catalogue, rules(tag));
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", tag);
    }
}

/// Makes the installed language's date and number formatters. A page's first `Intl`
/// formatter loads the browser's locale data (about 50 ms in Chromium 156, whichever kind
/// comes first; the date formatter first costs least): called once the first requests
/// are sent, that time passes while they are answered, not after.
pub fn warm_up() {
    crate::browser::dates::make_formatters();
    i18n::number(0.0);
}

/// Fetches the catalogue of `tag` and installs it; English when it cannot be had, with the
/// reason to show.
pub async fn load(tag: &str) -> Option<String> {
    let Some((_, _, hash)) = CATALOGUES.iter().find(|(known, _, _)| *known == tag) else {
        install("en", None);
        return None;
    };
    let url = format!("locales/{tag}.json?v={hash}");
    let text = match gloo_net::http::Request::get(&url).send().await {
        Ok(response) if response.ok() => response.text().await.map_err(|error| error.to_string()),
        Ok(response) => Err(format!("HTTP {}", response.status())),
        Err(error) => Err(error.to_string()),
    };
    match text.and_then(|text| Catalogue::parse(tag, &text)) {
        Ok(catalogue) => {
            install(tag, Some(catalogue));
            None
        }
        Err(error) => {
            install("en", None);
            Some(format!("{url}: {error}"))
        }
    }
}
