//! The persona drawn for one play: the customer's name and one value from each pool, from a seed.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::model::Scenario;
use crate::pronouns::Pronouns;

/// Who the customer is in this play.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Persona {
    pub name: String,
    /// One drawn value per pool, in `Scenario::vars` order.
    pub values: Vec<String>,
    /// The pronouns written with the drawn name (they/them when none were written).
    #[serde(default)]
    pub pronouns: Pronouns,
}

impl Persona {
    /// Draws a persona; the same scenario and seed always give the same persona.
    pub fn draw(scenario: &Scenario, seed: u64) -> Persona {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let names = &scenario.customer.names;
        let drawn = if names.is_empty() {
            None
        } else {
            Some(rng.random_range(0..names.len()))
        };
        let values = scenario
            .vars
            .iter()
            .map(|v| pick(&mut rng, &v.values))
            .collect();
        Persona {
            name: drawn.map_or_else(String::new, |i| names[i].clone()),
            values,
            pronouns: drawn
                .and_then(|i| scenario.customer.pronouns.get(i).copied())
                .unwrap_or_default(),
        }
    }

    /// The first word of the name, as a friendly reply would use it.
    pub fn first_name(&self) -> &str {
        self.name.split_whitespace().next().unwrap_or(&self.name)
    }
}

fn pick(rng: &mut ChaCha8Rng, from: &[String]) -> String {
    if from.is_empty() {
        return String::new();
    }
    from[rng.random_range(0..from.len())].clone()
}
