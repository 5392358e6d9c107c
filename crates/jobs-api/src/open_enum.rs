//! Enums that keep values they do not know. The API adds enum values without notice, so a
//! record with a new value must still decode; the value is kept and shown as its raw text.

/// Declares an enum with the given known variants plus `Unknown(String)`, with its wire
/// spelling, a user-facing label (its key in the catalogues), serde's `Serialize` and a reading (`FromJson`) that never rejects a string.
macro_rules! open_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $wire:literal $(or $alias:literal)*, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($variant,)+
            /// A value this version of the console does not know, kept verbatim.
            Unknown(String),
        }

        impl $name {
            /// Every value this version knows, in display order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),+];

            /// A known value in any case (DigiCert's APIs differ: `pem`, `COMPLETE`,
            /// `complete`), or one of its other spellings (`or "…"`); anything else kept verbatim.
            pub fn from_wire(text: &str) -> Self {
                const WIRES: &[&str] = &[$($wire),+];
                if let Some(index) = crate::open_enum::position_ignoring_case(WIRES, text) {
                    return Self::KNOWN[index].clone();
                }
                $($(if $alias.eq_ignore_ascii_case(text) {
                    return Self::$variant;
                })*)+
                Self::Unknown(text.to_owned())
            }

            pub fn as_wire(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)+
                    Self::Unknown(text) => text,
                }
            }

            /// What the user reads; an unknown value reads as its raw text.
            pub fn label(&self) -> &str {
                match self {
                    $(Self::$variant => crate::t!($label),)+
                    Self::Unknown(text) if text.is_empty() => crate::t!("enum.unknown"),
                    Self::Unknown(text) => text,
                }
            }

            pub fn is_known(&self) -> bool {
                !matches!(self, Self::Unknown(_))
            }
        }

        impl crate::open_enum::OpenEnum for $name {
            const KNOWN: &'static [Self] = $name::KNOWN;
            fn from_wire(text: &str) -> Self {
                $name::from_wire(text)
            }
            fn as_wire(&self) -> &str {
                $name::as_wire(self)
            }
            fn label(&self) -> &str {
                $name::label(self)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_wire())
            }
        }

        /// Never fails: a string is a value, known or not; `null` or a non-string is unknown.
        impl crate::lenient::FromJson for $name {
            fn from_json(value: &serde_json::Value) -> Result<Self, String> {
                Ok(Self::from_wire(value.as_str().unwrap_or_default()))
            }
        }
    };
}

pub(crate) use open_enum;

/// What every open enum offers, for code that works with any of them (a filter select).
pub trait OpenEnum: Clone + PartialEq + Sized + 'static {
    const KNOWN: &'static [Self];
    fn from_wire(text: &str) -> Self;
    fn as_wire(&self) -> &str;
    fn label(&self) -> &str;
}

/// Where `text` stands among `wires`, ignoring ASCII case: one function for every enum,
/// where a `match` per enum would each carry its own comparisons.
pub(crate) fn position_ignoring_case(wires: &[&str], text: &str) -> Option<usize> {
    wires.iter().position(|wire| wire.eq_ignore_ascii_case(text))
}
