//! Which scenario to suggest next: one not passed yet that practises the trainee's weakest
//! dimension, the easiest first.

use std::sync::Arc;

use crate::ScenarioResult;
use care_engine::model::{Dimension, Scenario};

/// How much a scenario's answers move each dimension (summed size of their effects), a measure
/// of what it practises.
pub fn emphasis(s: &Scenario) -> [i64; 3] {
    let mut out = [0i64; 3];
    for step in s.beats.iter().flat_map(|b| b.steps()) {
        for d in Dimension::ALL {
            out[d.index()] += i64::from(step.effects.dimension(d).abs());
        }
    }
    out
}

/// Share of a scenario's effects that fall on `d` (0 to 1).
fn share(s: &Scenario, d: Dimension) -> f64 {
    let e = emphasis(s);
    let total: i64 = e.iter().sum();
    if total == 0 {
        0.0
    } else {
        e[d.index()] as f64 / total as f64
    }
}

/// The scenario to suggest, with the reason to show. `scenarios` is the library's order.
pub fn recommend(
    scenarios: &[Arc<Scenario>],
    results: &[ScenarioResult],
    weakest: Option<Dimension>,
) -> Option<(Arc<Scenario>, String)> {
    let passed = |s: &Scenario| {
        results
            .iter()
            .any(|r| r.scenario_id == s.id && r.passes > 0)
    };
    let played = |s: &Scenario| results.iter().any(|r| r.scenario_id == s.id);
    let open: Vec<&Arc<Scenario>> = scenarios.iter().filter(|s| !passed(s)).collect();
    let Some(d) = weakest else {
        // New here: the easiest scenario not played yet.
        return open
            .iter()
            .find(|s| !played(s))
            .map(|s| (Arc::clone(s), "a good place to start".to_string()));
    };
    let name = crate::dimension_name(d);
    open.iter()
        .max_by(|a, b| {
            share(a, d)
                .total_cmp(&share(b, d))
                // Equal emphasis: the easier (earlier in the library) wins.
                .then_with(|| b.difficulty.cmp(&a.difficulty))
        })
        .map(|s| {
            (
                Arc::clone(s),
                format!("it practises {name}, your weakest so far"),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use care_engine::{LoadOptions, load_paths};

    fn shipped() -> Vec<Arc<Scenario>> {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scenarios");
        load_paths(&[root.into()], LoadOptions::default())
            .scenarios
            .into_iter()
            .map(|l| l.scenario)
            .collect()
    }

    #[test]
    fn the_recommendation_practises_the_weakest_dimension_and_skips_what_is_passed() {
        let scenarios = shipped();
        let share = |s: &Scenario, d: Dimension| {
            let e = emphasis(s);
            e[d.index()] as f64 / e.iter().sum::<i64>() as f64
        };

        let (first, why) = recommend(&scenarios, &[], None).expect("something to start with");
        assert_eq!(
            first.id, scenarios[0].id,
            "a newcomer starts at the top of the list"
        );
        assert!(why.contains("start"));

        let (pick, why) = recommend(&scenarios, &[], Some(Dimension::Empathy)).expect("a pick");
        assert!(why.contains("empathy"), "{why}");
        for s in &scenarios {
            assert!(
                share(&pick, Dimension::Empathy) >= share(s, Dimension::Empathy),
                "{} practises empathy more than {}",
                s.id,
                pick.id
            );
        }

        let passed = ScenarioResult {
            scenario_id: pick.id.clone(),
            attempts: 2,
            passes: 1,
            best_overall: 90,
        };
        let (next, _) = recommend(&scenarios, &[passed], Some(Dimension::Empathy)).expect("a pick");
        assert_ne!(next.id, pick.id, "a passed scenario is not suggested again");
    }
}
