//! In the operator's language: each catalogue's console, driven through the Jobs page, a
//! job awaiting approval with its dialog open, the inbox after a bulk approval and
//! Settings, shows no English word of the English catalogue that the language does not
//! use itself. Values from the API are marked `translate="no"` (or are `<code>`) and left
//! out: they are never translated.

use std::collections::BTreeSet;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

const APPROVER_KEY: &str = "demo-approver-key";
const ENGLISH: &str = include_str!("../../locales/en.json");

/// The words (three letters or more, lower case) of every text of a catalogue.
fn words_of_catalogue(json: &str) -> BTreeSet<String> {
    let catalogue: serde_json::Map<String, serde_json::Value> = serde_json::from_str(json).unwrap();
    jobs_api::i18n::flatten(&catalogue).unwrap().iter().flat_map(|(_, text)| words(text)).collect()
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphabetic()).filter(|word| word.len() >= 3).map(str::to_ascii_lowercase).collect()
}

/// The console's text as the operator reads it, without the API's values.
fn text_without_values(console: &Console) -> String {
    let copy: web_sys::Element = console.root.clone_node_with_deep(true).unwrap().unchecked_into();
    let values = copy.query_selector_all("[translate='no'], code").unwrap();
    for index in 0..values.length() {
        if let Some(value) = values.item(index).and_then(|node| node.dyn_into::<web_sys::Element>().ok()) {
            value.remove();
        }
    }
    // Text nodes of neighbouring elements would run together into one long word.
    let elements = copy.query_selector_all("*").unwrap();
    for index in 0..elements.length() {
        if let Some(element) = elements.item(index).and_then(|node| node.dyn_into::<web_sys::Element>().ok()) {
            element.append_with_str_1(" ").unwrap();
        }
    }
    copy.text_content().unwrap_or_default()
}

/// English words on the page that `tag`'s catalogue does not use.
fn english_left(console: &Console, english: &BTreeSet<String>, own: &BTreeSet<String>) -> BTreeSet<String> {
    words(&text_without_values(console)).into_iter().filter(|word| english.contains(word) && !own.contains(word)).collect()
}

async fn check_language(tag: &str, json: &str) {
    let (english, own) = (words_of_catalogue(ENGLISH), words_of_catalogue(json));
    let mut left = Vec::new();
    let mut look = |page: &str, console: &Console| {
        let found = english_left(console, &english, &own);
        if !found.is_empty() {
            left.push(format!("{page}: {found:?}"));
        }
    };

    let console = open_console_in(tag, json, "/jobs", APPROVER_KEY);
    console.wait_for(".data-table tbody tr .job-link").await;
    assert_eq!(document_language(), tag, "the page's lang follows the language");
    look("Jobs", &console);

    let waiting = new_job(serde_json::json!({ "total": 4 })).await;
    let console = open_console_in(tag, json, &format!("/jobs/{waiting}"), APPROVER_KEY);
    console.wait_for(".approval-buttons .button-primary").await;
    console.click(".approval-buttons .button-primary");
    console.wait_for("dialog[open]").await;
    look("a job awaiting approval, its dialog open", &console);

    let group = format!("Sprachprobe {}", (js_sys::Math::random() * 1e9) as u64);
    for _ in 0..3 {
        new_job(serde_json::json!({ "total": 2, "device_group_name": group })).await;
    }
    let console = open_console_in(tag, json, &format!("/approvals?q={}", jobs_api::url_encoding::encode_component(&group)), APPROVER_KEY);
    console.wait_until("the three jobs show", |console| console.find_all("tbody .job-link").len() == 3).await;
    console.wait_until("each row has loaded its batch file", |console| !console.text().contains('…')).await;
    console.click("#select-page");
    console
        .wait_until("the selection allows approving", |console| console.find(".bulk-bar .button-primary:not([disabled])").is_some())
        .await;
    console.click(".bulk-bar .button-primary");
    console.wait_for("dialog[open]").await;
    console.find("dialog[open] .actions button:last-child").unwrap().unchecked_into::<web_sys::HtmlElement>().click();
    console
        .wait_until("the bulk approval has finished", |console| {
            console.find(".bulk-results .button-danger").is_none() && console.find(".bulk-results").is_some()
        })
        .await;
    look("the inbox after a bulk approval", &console);

    let console = open_console_in(tag, json, "/settings", APPROVER_KEY);
    console.wait_for("#language").await;
    look("Settings", &console);

    assert!(left.is_empty(), "{tag}: English words left:\n{}", left.join("\n"));
}

fn document_language() -> String {
    leptos::prelude::document().document_element().and_then(|root| root.get_attribute("lang")).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn german_leaves_no_english_word() {
    check_language("de", include_str!("../../locales/de.json")).await;
}

#[wasm_bindgen_test]
async fn spanish_leaves_no_english_word() {
    check_language("es", include_str!("../../locales/es.json")).await;
}

#[wasm_bindgen_test]
async fn french_leaves_no_english_word() {
    check_language("fr", include_str!("../../locales/fr.json")).await;
}

#[wasm_bindgen_test]
async fn japanese_leaves_no_english_word() {
    check_language("ja", include_str!("../../locales/ja.json")).await;
}

#[wasm_bindgen_test]
async fn brazilian_portuguese_leaves_no_english_word() {
    check_language("pt-BR", include_str!("../../locales/pt-BR.json")).await;
}

#[wasm_bindgen_test]
async fn counts_take_the_languages_plural_forms_and_numbers_its_separators() {
    let french = include_str!("../../locales/fr.json");
    let console = open_console_in("fr", french, "/settings", APPROVER_KEY);
    console.wait_for("#language").await;
    // French treats 0 and 1 alike; German groups thousands with a dot, French with a space.
    assert_eq!(jobs_api::tn!("inbox.selected", 0), "0 sélectionnée");
    assert_eq!(jobs_api::tn!("inbox.selected", 2), "2 sélectionnées");
    assert_eq!(jobs_api::i18n::number(1234567.0).replace('\u{202f}', " "), "1 234 567");
    let german = include_str!("../../locales/de.json");
    let _console = open_console_in("de", german, "/settings", APPROVER_KEY);
    assert_eq!(jobs_api::i18n::number(1234567.0), "1.234.567");
    assert_eq!(jobs_api::format::human_size(482_133), "470,8 KiB");
    assert_eq!(jobs_api::tn!("inbox.waiting", 1), "1 Job wartet auf Genehmigung, älteste Anforderung zuerst.");
    let _console = open_console_in("ja", include_str!("../../locales/ja.json"), "/settings", APPROVER_KEY);
    assert_eq!(jobs_api::tn!("notify.title", 1), "1 件のジョブが承認を待っています", "Japanese has one form");
    let english = open_console("/settings", APPROVER_KEY);
    english.wait_for("#language").await;
    assert_eq!(jobs_api::tn!("inbox.selected", 1), "1 selected");
    assert_eq!(jobs_api::tn!("notify.title", 1), "1 job waits for approval");
}
