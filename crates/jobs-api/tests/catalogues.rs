//! Every catalogue in `locales/` says what English says: the same keys, each a text where
//! English has a text and plural forms where English has them, and no placeholder English
//! does not fill. And no two keys share the hash the bundle finds them by.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use jobs_api::i18n::{flatten, hash_of, Catalogue};
use serde_json::{Map, Value};

fn locales() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../locales")
}

fn read(path: &Path) -> Map<String, Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// Every catalogue but English, by language tag.
fn translations() -> BTreeMap<String, Map<String, Value>> {
    let mut found = BTreeMap::new();
    for entry in std::fs::read_dir(locales()).unwrap() {
        let path = entry.unwrap().path();
        let tag = path.file_name().unwrap().to_str().unwrap().strip_suffix(".json").map(str::to_owned);
        if let Some(tag) = tag.filter(|tag| tag != "en") {
            found.insert(tag, read(&path));
        }
    }
    found
}

/// The `{name}` placeholders of a text, or of all the forms of a text with plural forms.
fn placeholders(value: &Value) -> BTreeSet<String> {
    let texts: Vec<&str> = match value {
        Value::String(text) => vec![text],
        Value::Object(forms) => forms.values().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let mut names = BTreeSet::new();
    for text in texts {
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    names.insert(after[..close].to_owned());
                    rest = &after[close + 1..];
                }
                None => break,
            }
        }
    }
    names
}

/// What is wrong with `catalogue` against `english`, one line per problem.
fn problems(english: &Map<String, Value>, catalogue: &Map<String, Value>) -> Vec<String> {
    let mut found = Vec::new();
    for (key, value) in english {
        match catalogue.get(key) {
            None => found.push(format!("lacks {key}")),
            Some(translated) if value.is_object() != translated.is_object() => {
                found.push(format!("{key}: {} where English has {}", kind(translated), kind(value)))
            }
            Some(translated) => {
                let unknown: Vec<String> = placeholders(translated).difference(&placeholders(value)).cloned().collect();
                if !unknown.is_empty() {
                    found.push(format!("{key}: placeholders English does not fill: {unknown:?}"));
                }
            }
        }
    }
    found.extend(catalogue.keys().filter(|key| !english.contains_key(*key)).map(|key| format!("has {key}, which English does not")));
    if let Err(error) = flatten(catalogue) {
        found.push(error);
    }
    found
}

fn kind(value: &Value) -> &'static str {
    if value.is_object() {
        "plural forms"
    } else {
        "a text"
    }
}

#[test]
fn every_catalogue_has_exactly_the_english_keys_and_placeholders() {
    let english = read(&locales().join("en.json"));
    let translations = translations();
    assert!(translations.len() >= 5, "de, es, fr, ja and pt-BR at least: {:?}", translations.keys());
    let mut all = Vec::new();
    for (tag, catalogue) in &translations {
        all.extend(problems(&english, catalogue).into_iter().map(|problem| format!("{tag}: {problem}")));
        assert!(Catalogue::parse(tag, &serde_json::to_string(catalogue).unwrap()).is_ok(), "{tag} reads as the console reads it");
    }
    assert!(all.is_empty(), "{}", all.join("\n"));
}

#[test]
fn the_check_finds_each_kind_of_problem() {
    let english: Map<String, Value> =
        serde_json::from_str(r#"{"a": "A {name}", "b": {"one": "{count} b", "other": "{count} bs"}, "c": "C"}"#).unwrap();
    let catalogue: Map<String, Value> = serde_json::from_str(r#"{"a": "A {nom}", "b": "b", "d": "D"}"#).unwrap();
    let found = problems(&english, &catalogue);
    assert_eq!(
        found,
        [
            "a: placeholders English does not fill: [\"nom\"]",
            "b: a text where English has plural forms",
            "lacks c",
            "has d, which English does not"
        ]
    );
    let bad_category: Map<String, Value> = serde_json::from_str(r#"{"b": {"several": "x", "other": "y"}}"#).unwrap();
    assert!(flatten(&bad_category).unwrap_err().contains("several"));
}

#[test]
fn no_two_keys_share_a_hash() {
    let mut keys = BTreeSet::new();
    for catalogue in std::iter::once(read(&locales().join("en.json"))).chain(translations().into_values()) {
        keys.extend(flatten(&catalogue).unwrap().into_iter().map(|(key, _)| key));
    }
    let mut seen: HashMap<u32, &String> = HashMap::new();
    for key in &keys {
        if let Some(other) = seen.insert(hash_of(key), key) {
            panic!("{key} and {other} share a hash");
        }
    }
}
