//! Ids that name a scenario, a shift or a curriculum: the `id` written in its file, kept in the
//! store and sent in learning records. Each kind is a type of its own, so a shift's id can never
//! be looked up among scenarios, and a map keyed by one is read with a plain `&str`.

use std::borrow::Borrow;
use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! name_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// The id as written in the file.
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            /// The id as text (for the store, file names and messages).
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                Self(id)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_string())
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}

name_id!(
    /// A scenario's id (`nobody-said-hello`).
    ScenarioId
);
name_id!(
    /// A rush-hour shift's id (`friday-evening`).
    ShiftId
);
name_id!(
    /// A curriculum's id (`first-week`).
    CurriculumId
);

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[test]
    fn an_id_reads_and_writes_as_its_text_and_finds_its_entry_by_text() {
        let id = ScenarioId::new("nobody-said-hello");
        assert_eq!(id.to_string(), "nobody-said-hello");
        assert_eq!(
            serde_json::to_string(&id).unwrap_or_default(),
            "\"nobody-said-hello\""
        );
        let back: Result<ScenarioId, _> = serde_json::from_str("\"nobody-said-hello\"");
        assert_eq!(back.ok(), Some(id.clone()));
        let map = HashMap::from([(id, 1)]);
        assert_eq!(map.get("nobody-said-hello"), Some(&1));
        assert_eq!(map.get("somebody-said-hello"), None);
    }
}
