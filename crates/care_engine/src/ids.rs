//! Typed ids: indexes into a validated scenario's tables, assigned once at load time.

use serde::{Deserialize, Serialize};

macro_rules! typed_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub struct $name(pub u32);

        impl $name {
            /// The index into the scenario's table of this kind.
            pub fn index(self) -> usize {
                self.0 as usize
            }

            /// The id of the `index`-th entry of the scenario's table of this kind. An index
            /// past `u32::MAX` (far beyond any scenario) saturates to `u32::MAX`.
            pub fn from_index(index: usize) -> Self {
                Self(u32::try_from(index).unwrap_or(u32::MAX))
            }
        }
    };
}

typed_id!(
    /// A beat of a scenario.
    BeatId
);
typed_id!(
    /// An ending of a scenario.
    EndingId
);
typed_id!(
    /// A flag a scenario sets and tests.
    FlagId
);
typed_id!(
    /// A promise a scenario can make.
    PromiseId
);
typed_id!(
    /// A rubric for typed replies.
    RubricId
);

/// Where a transition leads: another beat or an ending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NodeId {
    Beat(BeatId),
    Ending(EndingId),
}
