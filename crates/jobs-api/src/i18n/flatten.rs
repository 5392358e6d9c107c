//! How a catalogue file reads: one JSON object per language, each key named by meaning
//! (`jobs.heading`), each value a text or, for a text with a count, an object of its
//! plural forms by CLDR category (`{"one": "{count} job", "other": "{count} jobs"}`).
//! The key of a form is the text's key and its category: `jobs.count.one`.
//!
//! Shared by the build script (the English table), the console (the chosen language) and
//! the catalogue tests, so that all three read a file the same way.

use serde_json::{Map, Value};

/// The plural categories of CLDR (`Intl.PluralRules` answers one of them).
pub const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// Every text of a catalogue under its flat key, in the file's order.
pub fn flatten(catalogue: &Map<String, Value>) -> Result<Vec<(String, String)>, String> {
    let mut entries = Vec::with_capacity(catalogue.len());
    for (key, value) in catalogue {
        match value {
            Value::String(text) => entries.push((key.clone(), text.clone())),
            Value::Object(forms) => {
                if !forms.contains_key("other") {
                    return Err(format!("{key}: a text with plural forms needs an \"other\" form"));
                }
                for (category, text) in forms {
                    if !PLURAL_CATEGORIES.contains(&category.as_str()) {
                        return Err(format!("{key}: \"{category}\" is no plural category"));
                    }
                    let text = text.as_str().ok_or_else(|| format!("{key}.{category}: not a text"))?;
                    entries.push((format!("{key}.{category}"), text.to_owned()));
                }
            }
            _ => return Err(format!("{key}: neither a text nor plural forms")),
        }
    }
    Ok(entries)
}

/// FNV-1a, 32 bits: how a key is found at run time without its name in the bundle. Also
/// continues a hash (`hash_from(hash_of("jobs.count"), ".one")` is `hash_of("jobs.count.one")`).
pub const fn hash_from(mut hash: u32, text: &str) -> u32 {
    let bytes = text.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        hash ^= bytes[index] as u32;
        hash = hash.wrapping_mul(0x0100_0193);
        index += 1;
    }
    hash
}

pub const fn hash_of(key: &str) -> u32 {
    hash_from(0x811c_9dc5, key)
}
