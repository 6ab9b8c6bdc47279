//! Which scenario to suggest next: one not passed yet that practises the trainee's weakest
//! dimension, the easiest first.

use std::sync::Arc;

use care_engine::model::{Dimension, Scenario};
use care_store::ScenarioResult;

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
    let name = care_store::dimension_name(d);
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
