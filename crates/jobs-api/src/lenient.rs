//! Decoding that degrades one value, not the record: counts that are negative, fractional
//! or too large are kept as text, `null` in a defaulted field means its default, and a
//! list record that cannot be read at all is set aside with its reason (see `Page`).

use std::fmt;

use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::format::grouped;

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
            Self::Known(value) => formatter.write_str(&grouped(*value)),
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

struct CountVisitor;

impl<'de> Visitor<'de> for CountVisitor {
    type Value = Count;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a count")
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Count, E> {
        Ok(Count::Known(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Count, E> {
        Ok(u64::try_from(value).map(Count::Known).unwrap_or_else(|_| Count::Odd(value.to_string())))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Count, E> {
        if value.fract() == 0.0 && (0.0..=u64::MAX as f64).contains(&value) && value < 2f64.powi(53) {
            Ok(Count::Known(value as u64))
        } else {
            // serde_json's number text: `f64`'s own Display costs the bundle about 9 KB.
            Ok(Count::Odd(serde_json::Number::from_f64(value).map_or_else(|| "not a number".into(), |number| number.to_string())))
        }
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Count, E> {
        Ok(value.parse().map(Count::Known).unwrap_or_else(|_| Count::Odd(value.to_owned())))
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Count, E> {
        Ok(Count::Odd(value.to_string()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Count, E> {
        Ok(Count::Odd("unknown".into()))
    }

    fn visit_none<E: de::Error>(self) -> Result<Count, E> {
        self.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Count, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(CountVisitor)
    }
}

/// A JSON object a record is read from field by field. Records are read this way instead of
/// with `#[derive(Deserialize)]`: a derived decoder is a visitor per record type (field
/// names, a map loop, a slot per field), about 200 bytes of the gzipped download per field;
/// here each field is one call, and what decodes a field's value is shared by every record.
pub struct Fields<'a>(&'a serde_json::Map<String, serde_json::Value>);

impl<'a> Fields<'a> {
    pub fn of(value: &'a serde_json::Value) -> Result<Self, String> {
        value.as_object().map(Fields).ok_or_else(|| "expected a JSON object".to_owned())
    }

    fn read<T: DeserializeOwned>(name: &str, value: &serde_json::Value) -> Result<T, String> {
        T::deserialize(value.clone()).map_err(|error| format!("{name}: {error}"))
    }

    pub fn has(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }

    /// A field that must be there (`null` is passed on: an open enum reads it as unknown).
    pub fn required<T: DeserializeOwned>(&self, name: &str) -> Result<T, String> {
        Self::read(name, self.0.get(name).ok_or_else(|| format!("missing field `{name}`"))?)
    }

    /// A field of a wire record that may be absent, `null` or of a type that cannot be
    /// read: then its default. One odd value degrades itself, not its record.
    pub fn lenient<T: DeserializeOwned + Default>(&self, name: &str) -> T {
        self.0.get(name).and_then(|value| T::deserialize(value.clone()).ok()).unwrap_or_default()
    }

    /// A setting that may be absent or `null` (then its default), but not of another type.
    pub fn optional<T: DeserializeOwned + Default>(&self, name: &str) -> Result<T, String> {
        match self.0.get(name) {
            None | Some(serde_json::Value::Null) => Ok(T::default()),
            Some(value) => Self::read(name, value),
        }
    }
}

/// `Deserialize` for a record read by hand from [`Fields`] with `$read`.
#[macro_export]
macro_rules! read_by_hand {
    ($type:ty, $read:expr) => {
        impl<'de> serde::Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                $crate::lenient::Fields::of(&value).and_then($read).map_err(<D::Error as serde::de::Error>::custom)
            }
        }
    };
}

pub use read_by_hand;

/// Reads JSON text into `T` through a `serde_json::Value`. Every type the console reads
/// then shares one decoder (the `Value` one, which `Page` needs to read records one by
/// one) instead of carrying a second, text-driven decoder each.
pub fn from_json_text<T: DeserializeOwned>(text: &str) -> serde_json::Result<T> {
    serde_json::from_str::<serde_json::Value>(text).and_then(T::deserialize)
}

/// A list record that could not be read; the rest of its page still shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnreadableRecord {
    /// The record's `id`, when it has a readable one.
    pub id: Option<String>,
    pub reason: String,
}

/// Reads each record on its own, so one that does not fit `T` is set aside, not fatal.
pub(crate) fn records<T: DeserializeOwned>(values: Vec<serde_json::Value>) -> (Vec<T>, Vec<UnreadableRecord>) {
    let mut records = Vec::with_capacity(values.len());
    let mut unreadable = Vec::new();
    for value in values {
        let id = record_id(&value);
        match T::deserialize(value) {
            Ok(record) => records.push(record),
            Err(error) => unreadable.push(UnreadableRecord { id, reason: error.to_string() }),
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
        let read = |json: &str| serde_json::from_str::<Count>(json).unwrap();
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
