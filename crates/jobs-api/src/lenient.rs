//! Decoding that degrades one value, not the record: counts that are negative, fractional
//! or too large are kept as text, `null` in a defaulted field means its default, and a
//! list record that cannot be read at all is set aside with its reason (see `Page`).

use std::fmt;

use serde::{Serialize, Serializer};
use serde_json::Value;

/// A count as the API sent it: a whole number the console can compute with, or the text
/// of a value that is none (negative, fractional, beyond `u64`, `null`, a string).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Count {
    Known(u64),
    Odd(String),
}

impl Default for Count {
    fn default() -> Self {
        Self::Known(0)
    }
}

impl From<u64> for Count {
    fn from(value: u64) -> Self {
        Self::Known(value)
    }
}

impl Count {
    pub fn known(&self) -> Option<u64> {
        match self {
            Self::Known(value) => Some(*value),
            Self::Odd(_) => None,
        }
    }
}

/// `1,234` for a known count, the value's text for an odd one.
impl fmt::Display for Count {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Known(value) => formatter.write_str(&crate::i18n::number(*value as f64)),
            Self::Odd(text) => formatter.write_str(text),
        }
    }
}

impl Serialize for Count {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Known(value) => serializer.serialize_u64(*value),
            Self::Odd(text) => serializer.serialize_str(text),
        }
    }
}

/// A value read from its JSON by hand. Every type the console reads from the API, its
/// config and its storage implements this instead of serde's `Deserialize`: JSON text is
/// parsed once into a `serde_json::Value` (the one serde decoder in the bundle), and each
/// record is read from it field by field. A derived decoder is a visitor per record type
/// (field names, a map loop, a slot per field), about 200 bytes of the gzipped download per
/// field, and reading through `Value`'s own `Deserializer` copied every field once more.
pub trait FromJson: Sized {
    fn from_json(value: &Value) -> Result<Self, String>;
}

/// `expected text, found a number`: why a value is not of the type a field needs.
pub fn expected(what: &str, found: &Value) -> String {
    let found = match found {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    };
    format!("expected {what}, found {found}")
}

impl FromJson for Value {
    fn from_json(value: &Value) -> Result<Self, String> {
        Ok(value.clone())
    }
}

impl FromJson for String {
    fn from_json(value: &Value) -> Result<Self, String> {
        value.as_str().map(str::to_owned).ok_or_else(|| expected("text", value))
    }
}

impl FromJson for bool {
    fn from_json(value: &Value) -> Result<Self, String> {
        value.as_bool().ok_or_else(|| expected("true or false", value))
    }
}

impl FromJson for u64 {
    fn from_json(value: &Value) -> Result<Self, String> {
        value.as_u64().ok_or_else(|| expected("a whole number", value))
    }
}

/// `null` is none.
impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: &Value) -> Result<Self, String> {
        if value.is_null() {
            Ok(None)
        } else {
            T::from_json(value).map(Some)
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &Value) -> Result<Self, String> {
        value.as_array().ok_or_else(|| expected("a list", value))?.iter().map(T::from_json).collect()
    }
}

/// Never fails: a number, a numeric string, or the text of anything else.
impl FromJson for Count {
    fn from_json(value: &Value) -> Result<Self, String> {
        Ok(match value {
            Value::Number(number) => match (number.as_u64(), number.as_f64()) {
                (Some(whole), _) => Count::Known(whole),
                (None, Some(float)) if float.fract() == 0.0 && (0.0..2f64.powi(53)).contains(&float) => Count::Known(float as u64),
                _ => Count::Odd(number.to_string()),
            },
            Value::String(text) => text.parse().map(Count::Known).unwrap_or_else(|_| Count::Odd(text.clone())),
            Value::Null => Count::Odd("unknown".into()),
            other => Count::Odd(other.to_string()),
        })
    }
}

/// A JSON object a record is read from field by field (see [`FromJson`]); what reads a
/// field's value is shared by every record.
pub struct Fields<'a>(&'a serde_json::Map<String, Value>);

impl<'a> Fields<'a> {
    pub fn of(value: &'a Value) -> Result<Self, String> {
        value.as_object().map(Fields).ok_or_else(|| expected("an object", value))
    }

    fn read<T: FromJson>(name: &str, value: &Value) -> Result<T, String> {
        T::from_json(value).map_err(|error| format!("{name}: {error}"))
    }

    pub fn has(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }

    /// A page's `records`, read one by one by [`records`]; none if it is not a list.
    pub fn records(&self) -> &'a [Value] {
        self.0.get("records").and_then(Value::as_array).map_or(&[], Vec::as_slice)
    }

    /// A field that must be there (`null` is passed on: an open enum reads it as unknown).
    pub fn required<T: FromJson>(&self, name: &str) -> Result<T, String> {
        Self::read(name, self.0.get(name).ok_or_else(|| format!("missing field `{name}`"))?)
    }

    /// A field of a wire record that may be absent, `null` or of a type that cannot be
    /// read: then its default. One odd value degrades itself, not its record.
    pub fn lenient<T: FromJson + Default>(&self, name: &str) -> T {
        self.0.get(name).and_then(|value| T::from_json(value).ok()).unwrap_or_default()
    }

    /// A setting that may be absent or `null` (then its default), but not of another type.
    pub fn optional<T: FromJson + Default>(&self, name: &str) -> Result<T, String> {
        match self.0.get(name) {
            None | Some(Value::Null) => Ok(T::default()),
            Some(value) => Self::read(name, value),
        }
    }
}

/// [`FromJson`] for a record read from [`Fields`] with `$read`.
#[macro_export]
macro_rules! read_by_hand {
    ($type:ty, $read:expr) => {
        impl $crate::lenient::FromJson for $type {
            fn from_json(value: &serde_json::Value) -> Result<Self, String> {
                $crate::lenient::Fields::of(value).and_then($read)
            }
        }
    };
}

pub use read_by_hand;

/// Reads JSON text into `T`: parsed once into a `serde_json::Value`, then read by hand.
pub fn from_json_text<T: FromJson>(text: &str) -> Result<T, String> {
    T::from_json(&parse_value(text)?)
}

/// JSON text as a `Value`, or why it is not JSON. Every reader of JSON text calls this one
/// copy: inlined, the parse was repeated in each type's `from_json_text` (7.8 KB of wasm).
#[inline(never)]
pub fn parse_value(text: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|error| error.to_string())
}

/// A list record that could not be read; the rest of its page still shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnreadableRecord {
    /// The record's `id`, when it has a readable one.
    pub id: Option<String>,
    pub reason: String,
}

/// Reads each record on its own, so one that does not fit `T` is set aside, not fatal.
pub(crate) fn records<T: FromJson>(values: &[Value]) -> (Vec<T>, Vec<UnreadableRecord>) {
    let mut records = Vec::with_capacity(values.len());
    let mut unreadable = Vec::new();
    for value in values {
        match T::from_json(value) {
            Ok(record) => records.push(record),
            Err(reason) => unreadable.push(UnreadableRecord { id: record_id(value), reason }),
        }
    }
    (records, unreadable)
}

/// A record's `id` as text, to name it when it cannot be read (not generic: one copy).
fn record_id(value: &serde_json::Value) -> Option<String> {
    value.get("id").and_then(json_text)
}

/// A JSON value read as text where the API may send either: a string as sent, a number
/// as written (ids, error codes); anything else none.
pub fn json_text(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(text) => Some(text.clone()),
        serde_json::Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_keep_what_they_cannot_compute_with() {
        let read = |json: &str| from_json_text::<Count>(json).unwrap();
        assert_eq!(read("1200"), Count::Known(1200));
        assert_eq!(read("1200.0"), Count::Known(1200));
        assert_eq!(read("-3"), Count::Odd("-3".into()));
        assert_eq!(read("2.5"), Count::Odd("2.5".into()));
        assert_eq!(read("\"77\""), Count::Known(77));
        assert_eq!(read("\"many\""), Count::Odd("many".into()));
        assert_eq!(read("null"), Count::Odd("unknown".into()));
        let huge = read("123456789012345678901234567890");
        assert_eq!(huge.known(), None);
        assert_eq!(huge.to_string(), "1.2345678901234568e+29");
        assert_eq!(read("18446744073709551615"), Count::Known(u64::MAX));
        assert_eq!(Count::Known(1_234_567).to_string(), "1,234,567");
    }
}
