//! The cast: who the customers and colleagues look like. `assets/people/cast.ron` names a look
//! for every first name in the pack and a pool for the rest; it is read once into a [`Cast`]
//! with typed look ids, so a play asks "which look for Rosa?" and gets an answer, never a miss.

use std::collections::HashMap;

use serde::Deserialize;

use crate::persona::Persona;

/// The mood bands a portrait is drawn for, worst to best (the words of [`crate::texts::mood`]).
pub const MOOD_BANDS: [&str; 7] = [
    "furious",
    "angry",
    "upset",
    "neutral",
    "content",
    "pleased",
    "delighted",
];

/// A look's index in [`Cast::looks`]: valid for the cast it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LookId(usize);

/// How a look stands on the shop floor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Body {
    Standing,
    Wheelchair,
}

/// Whether a look is a customer or one of your colleagues (in uniform).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Role {
    Customer,
    Colleague,
}

/// One person's look: the folder of their pictures and a description for screen readers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Look {
    /// The folder under `people/` holding `<band>.png` and `body.png`.
    pub folder: String,
    pub alt: String,
    pub body: Body,
    pub role: Role,
}

impl Look {
    /// The portrait for a mood, relative to the asset folder.
    pub fn portrait(&self, mood: i32) -> String {
        format!("people/{}/{}.png", self.folder, crate::texts::mood(mood))
    }

    /// The full body (head not included), relative to the asset folder.
    pub fn body_image(&self) -> String {
        format!("people/{}/body.png", self.folder)
    }
}

/// Every look, and who wears which.
#[derive(Debug, Clone)]
pub struct Cast {
    pub looks: Vec<Look>,
    /// Portrait size in pixels (square).
    pub portrait_size: u32,
    /// Where a portrait's bottom centre goes on a body, in body pixels from the top left.
    pub head_anchor: (u32, u32),
    names: HashMap<String, LookId>,
    colleagues: HashMap<String, LookId>,
    pool: Vec<LookId>,
}

/// What is wrong with a cast file.
#[derive(Debug, thiserror::Error)]
pub enum CastError {
    #[error("people/cast.ron does not parse: {0}\n  hint: run scripts/make-people again")]
    Parse(#[from] ron::error::SpannedError),
    #[error("people/cast.ron: {place} names the look `{look}`, which is not among its looks")]
    UnknownLook { place: String, look: String },
    #[error("people/cast.ron: two looks have the id `{0}`")]
    DuplicateLook(String),
    #[error("people/cast.ron: the pool is empty, so an unknown customer would have no look")]
    EmptyPool,
}

#[derive(Deserialize)]
#[serde(rename = "Cast")]
struct RawCast {
    portrait_size: u32,
    head_anchor: (u32, u32),
    looks: Vec<RawLook>,
    names: HashMap<String, String>,
    colleagues: HashMap<String, String>,
    pool: Vec<String>,
}

#[derive(Deserialize)]
struct RawLook {
    id: String,
    alt: String,
    body: Body,
    role: Role,
}

impl Cast {
    /// Reads a cast file's text; extra fields (how each look was drawn) are ignored.
    pub fn parse(text: &str) -> Result<Cast, CastError> {
        let options = ron::Options::default();
        let raw: RawCast = options.from_str(text)?;
        let mut index = HashMap::new();
        let mut looks = Vec::new();
        for l in raw.looks {
            if index.insert(l.id.clone(), LookId(looks.len())).is_some() {
                return Err(CastError::DuplicateLook(l.id));
            }
            looks.push(Look {
                folder: l.id,
                alt: l.alt,
                body: l.body,
                role: l.role,
            });
        }
        let find = |place: String, look: &str| {
            index.get(look).copied().ok_or(CastError::UnknownLook {
                place,
                look: look.to_owned(),
            })
        };
        let map = |from: HashMap<String, String>, what: &str| {
            from.into_iter()
                .map(|(name, look)| Ok((name.clone(), find(format!("{what} `{name}`"), &look)?)))
                .collect::<Result<HashMap<_, _>, CastError>>()
        };
        let names = map(raw.names, "the name")?;
        let colleagues = map(raw.colleagues, "the colleague")?;
        let pool = raw
            .pool
            .iter()
            .enumerate()
            .map(|(i, look)| find(format!("pool[{i}]"), look))
            .collect::<Result<Vec<_>, _>>()?;
        if pool.is_empty() {
            return Err(CastError::EmptyPool);
        }
        Ok(Cast {
            looks,
            portrait_size: raw.portrait_size,
            head_anchor: raw.head_anchor,
            names,
            colleagues,
            pool,
        })
    }

    pub fn look(&self, id: LookId) -> &Look {
        &self.looks[id.0]
    }

    /// The look of the customer drawn for a play: the one the cast names for their first
    /// name, else one from the pool chosen by the name (the same name always looks the same).
    pub fn customer(&self, persona: &Persona) -> LookId {
        let first = persona.first_name();
        self.named(first).unwrap_or_else(|| self.pool_look(first))
    }

    /// The look the cast names for a customer's first name, if it names one.
    pub fn named(&self, first_name: &str) -> Option<LookId> {
        self.names.get(first_name).copied()
    }

    /// A colleague's look by first name, or one from the pool.
    pub fn colleague(&self, first_name: &str) -> LookId {
        self.colleagues
            .get(first_name)
            .copied()
            .unwrap_or_else(|| self.pool_look(first_name))
    }

    /// The colleagues' looks, in a stable order (for the people behind the till).
    pub fn colleague_looks(&self) -> Vec<LookId> {
        let mut ids: Vec<LookId> = self.colleagues.values().copied().collect();
        ids.sort_by_key(|id| id.0);
        ids.dedup();
        ids
    }

    fn pool_look(&self, name: &str) -> LookId {
        // FNV-1a: stable across runs and platforms, unlike the standard hasher.
        let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        let len = u64::try_from(self.pool.len()).unwrap_or(1).max(1);
        let at = usize::try_from(hash % len).unwrap_or(0);
        self.pool[at]
    }
}
