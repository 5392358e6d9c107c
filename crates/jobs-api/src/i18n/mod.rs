//! Every text the operator reads, in their language: `t!("key")` for a text,
//! `t!("key", name = value)` to fill its `{name}` placeholders, `tn!("key", count)` for
//! a text with plural forms (its `{count}` filled with the count as the language writes
//! numbers). The English catalogue is built in (`build.rs`): a key it lacks is a compile
//! error, and its text is what shows wherever the chosen language lacks one. Another
//! language is a catalogue installed at start-up (see `Catalogue::parse`), with the
//! browser's plural rules and number format (`install`); without them, as in native
//! tests, English shows, numbers are grouped by commas and every count takes the
//! `other` form.

mod flatten;

use std::cell::{Cell, RefCell};
use std::fmt::Display;

pub use flatten::{flatten, hash_from, hash_of, PLURAL_CATEGORIES};

include!(concat!(env!("OUT_DIR"), "/english.rs"));

/// The English text of a flat key, found at compile time.
const fn english(key: &str) -> Option<&'static str> {
    find(key, "")
}

/// The English text of one plural form of a key (`key.category`).
const fn english_form(key: &str, category: &str) -> Option<&'static str> {
    find(key, category)
}

/// Binary search of the English table for `key`, or for `key.suffix` when `suffix` is not
/// empty (joined byte by byte: a const fn cannot build the joined key).
const fn find(key: &str, suffix: &str) -> Option<&'static str> {
    let (mut low, mut high) = (0, ENGLISH.len());
    while low < high {
        let middle = (low + high) / 2;
        let order = compare_joined(ENGLISH[middle].0.as_bytes(), key.as_bytes(), suffix.as_bytes());
        if order == 0 {
            return Some(ENGLISH[middle].1);
        }
        if order < 0 {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    None
}

/// How `entry` sorts against `key`, or `key.suffix` when `suffix` is not empty.
const fn compare_joined(entry: &[u8], key: &[u8], suffix: &[u8]) -> i32 {
    let length = if suffix.is_empty() { key.len() } else { key.len() + 1 + suffix.len() };
    let mut index = 0;
    while index < entry.len() && index < length {
        let byte = if index < key.len() {
            key[index]
        } else if index == key.len() {
            b'.'
        } else {
            suffix[index - key.len() - 1]
        };
        if entry[index] != byte {
            return entry[index] as i32 - byte as i32;
        }
        index += 1;
    }
    entry.len() as i32 - length as i32
}

/// A text's key as the bundle keeps it: its hash and its English.
#[derive(Clone, Copy)]
pub struct Key {
    hash: u32,
    english: &'static str,
}

impl Key {
    pub const fn new(key: &'static str) -> Self {
        match english(key) {
            Some(english) => Self { hash: hash_of(key), english },
            None => panic!("no such text in locales/en.json (a text with plural forms takes tn!)"),
        }
    }

    /// Its English text, whatever the installed language.
    pub const fn english(self) -> &'static str {
        self.english
    }
}

/// A text with plural forms: the hash of its key and its English forms.
#[derive(Clone, Copy)]
pub struct PluralKey {
    hash: u32,
    one: &'static str,
    other: &'static str,
}

impl PluralKey {
    pub const fn new(key: &'static str) -> Self {
        let hash = hash_of(key);
        let Some(other) = english_form(key, "other") else {
            panic!("no such text with plural forms in locales/en.json");
        };
        let one = match english_form(key, "one") {
            Some(one) => one,
            None => other,
        };
        Self { hash, one, other }
    }
}

/// One language's texts, by the hash of their flat key.
pub struct Catalogue {
    language: String,
    texts: Vec<(u32, String)>,
}

impl Catalogue {
    /// Reads a catalogue file. Texts that are not texts are an error for the whole file:
    /// a catalogue is the project's own file, not the API's.
    pub fn parse(language: &str, json: &str) -> Result<Self, String> {
        // As a `Value` (whose decoder the bundle has anyway), not as a map type.
        let value = crate::lenient::parse_value(json)?;
        let object = value.as_object().ok_or("a catalogue is a JSON object")?;
        let mut texts: Vec<(u32, String)> = Vec::with_capacity(object.len());
        for (key, text) in flatten(object)? {
            // Kept sorted as it is built (no sort routine in the bundle for one use).
            let hash = hash_of(&key);
            let at = texts.partition_point(|(other, _)| *other < hash);
            texts.insert(at, (hash, text));
        }
        Ok(Self { language: language.to_owned(), texts })
    }

    fn get(&'static self, hash: u32) -> Option<&'static str> {
        let index = self.texts.binary_search_by_key(&hash, |(hash, _)| *hash).ok()?;
        Some(&self.texts[index].1)
    }
}

/// What a language needs from outside the catalogue: which plural form a count takes and
/// how it writes a number (the browser's `Intl.PluralRules` and `Intl.NumberFormat`).
pub struct Rules {
    pub plural_category: Box<dyn Fn(f64) -> String>,
    /// A number with this many digits after the decimal separator.
    pub number: Box<dyn Fn(f64, u8) -> String>,
}

thread_local! {
    /// Installed once per page load (a test may install another: the old one is kept,
    /// as the texts it lent out may still be shown).
    static CATALOGUE: Cell<Option<&'static Catalogue>> = const { Cell::new(None) };
    static RULES: RefCell<Option<Rules>> = const { RefCell::new(None) };
}

/// Makes `catalogue` (or English, for `None`) the language of every text from now on.
pub fn install(catalogue: Option<Catalogue>, rules: Rules) {
    CATALOGUE.with(|cell| cell.set(catalogue.map(|catalogue| &*Box::leak(Box::new(catalogue)))));
    RULES.with(|cell| *cell.borrow_mut() = Some(rules));
}

/// English's own name for itself (the one language without a catalogue file of its own
/// to fetch).
/// (A constant: `Key::new` called at run time would put the whole English table in the
/// bundle.)
pub const ENGLISH_NAME: &str = Key::new("language.name").english;

/// The language texts are in: its tag (`en` when none was installed).
pub fn language() -> &'static str {
    CATALOGUE.with(Cell::get).map_or("en", |catalogue| catalogue.language.as_str())
}

fn translated(hash: u32) -> Option<&'static str> {
    CATALOGUE.with(Cell::get)?.get(hash)
}

/// The text of a key in the installed language, or its English.
#[inline(never)]
pub fn text(key: &'static Key) -> &'static str {
    translated(key.hash).unwrap_or(key.english)
}

/// The form of a text with plural forms that `count` takes in the installed language.
#[inline(never)]
pub fn plural(key: &'static PluralKey, count: f64) -> &'static str {
    let category = RULES.with(|rules| rules.borrow().as_ref().map(|rules| (rules.plural_category)(count)));
    let category = category.as_deref().unwrap_or("other");
    let form = |category: &str| translated(hash_from(hash_from(key.hash, "."), category));
    form(category).or_else(|| form("other")).unwrap_or(if category == "one" { key.one } else { key.other })
}

/// `text` with its placeholders filled: one call for a `t!` with values.
#[inline(never)]
pub fn text_with(key: &'static Key, values: &[(&str, &dyn Display)]) -> String {
    fill(text(key), values)
}

/// `plural` with `{count}` and the other placeholders filled: one call for a `tn!`.
#[inline(never)]
pub fn counted(key: &'static PluralKey, count: f64, values: &[(&str, &dyn Display)]) -> String {
    let number = number(count);
    let mut all: Vec<(&str, &dyn Display)> = Vec::with_capacity(values.len() + 1);
    all.push(("count", &number));
    all.extend_from_slice(values);
    fill(plural(key, count), &all)
}

/// A number as the installed language writes it (`1,234`, `1.234`, `1 234`).
#[inline(never)]
pub fn number(value: f64) -> String {
    RULES
        .with(|rules| rules.borrow().as_ref().map(|rules| (rules.number)(value, 0)))
        .unwrap_or_else(|| crate::format::grouped(value as u64))
}

/// A count of tenths as a number with one decimal (`4708` reads `470.8`, or `470,8`).
pub fn tenths(tenths: u64) -> String {
    RULES
        .with(|rules| rules.borrow().as_ref().map(|rules| (rules.number)(tenths as f64 / 10.0, 1)))
        .unwrap_or_else(|| format!("{}.{}", tenths / 10, tenths % 10))
}

/// A text with its `{name}` placeholders filled; a placeholder without a value stays.
#[inline(never)]
pub fn fill(text: &str, values: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value =
            after.find('}').and_then(|close| values.iter().find(|(name, _)| *name == &after[..close]).map(|found| (close, found.1)));
        match value {
            Some((close, value)) => {
                use std::fmt::Write;
                let _ = write!(out, "{value}");
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A text of the installed language: `t!("key")` is a `&'static str`; with values,
/// `t!("key", name = value, …)` is a `String` with `{name}` filled.
#[macro_export]
macro_rules! t {
    ($key:literal) => {
        $crate::i18n::text(const { &$crate::i18n::Key::new($key) })
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::text_with(
            const { &$crate::i18n::Key::new($key) },
            &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),+],
        )
    };
}

/// A text with plural forms: `tn!("key", count)` picks the form `count` takes and fills
/// `{count}` with it as the language writes numbers; more values as in `t!`.
#[macro_export]
macro_rules! tn {
    ($key:literal, $count:expr $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::counted(
            const { &$crate::i18n::PluralKey::new($key) },
            $count as f64,
            &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),*],
        )
    };
}
