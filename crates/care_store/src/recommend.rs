//! Which scenario to suggest next (the tutorial for a newcomer, then one not passed yet that
//! practises the trainee's weakest dimension, the easiest first), and when rush hour opens.

use std::sync::Arc;

use crate::ScenarioResult;
use care_engine::model::{Channel, Dimension, Scenario};

/// The tag that marks a scenario teaching how CARE itself is played.
pub const TUTORIAL_TAG: &str = "tutorial";

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

/// The scenario to suggest, with the reason to show (it reads after "Because", as the library
/// shows it). `scenarios` is the library's order.
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
    // How CARE is played comes before any lesson, for as long as it is not passed.
    if let Some(tutorial) = open
        .iter()
        .find(|s| s.tags.iter().any(|t| t == TUTORIAL_TAG))
    {
        let why = if played(tutorial) {
            "you have not finished the tutorial yet, and it shows how CARE scores you"
        } else {
            "it is the place to start: it shows how CARE works and how you are scored"
        };
        return Some((Arc::clone(tutorial), why.to_string()));
    }
    let Some(d) = weakest else {
        // New here: the easiest scenario not played yet.
        return open.iter().find(|s| !played(s)).map(|s| {
            (
                Arc::clone(s),
                "it is the easiest you have not played yet".to_string(),
            )
        });
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

/// Whether rush hour is open to this trainee: a shift mixes channels, so it opens once the
/// trainee passed a single scenario on every channel it uses (the tutorial first). `Err` lists
/// the channels still to practise. A trainee practising without saving has no record to hold
/// them back; the caller decides that.
pub fn shift_open(
    channels: &[Channel],
    scenarios: &[Arc<Scenario>],
    results: &[ScenarioResult],
) -> Result<(), Vec<Channel>> {
    let passed_on = |c: Channel| {
        scenarios.iter().any(|s| {
            s.channel == c
                && results
                    .iter()
                    .any(|r| r.scenario_id == s.id && r.passes > 0)
        })
    };
    let mut missing: Vec<Channel> = Vec::new();
    for &c in channels {
        if !passed_on(c) && !missing.contains(&c) {
            missing.push(c);
        }
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(missing)
    }
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

        let tutorial = ScenarioResult {
            scenario_id: "first-shift-tutorial".into(),
            attempts: 1,
            passes: 1,
            best_overall: 80,
        };
        let (pick, why) = recommend(
            &scenarios,
            std::slice::from_ref(&tutorial),
            Some(Dimension::Empathy),
        )
        .expect("a pick");
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
        let (next, _) =
            recommend(&scenarios, &[tutorial, passed], Some(Dimension::Empathy)).expect("a pick");
        assert_ne!(next.id, pick.id, "a passed scenario is not suggested again");
    }

    #[test]
    fn a_newcomer_is_pointed_to_the_tutorial_until_it_is_passed() {
        let scenarios = shipped();
        let (first, why) = recommend(&scenarios, &[], None).expect("something to start with");
        assert_eq!(first.id, "first-shift-tutorial");
        assert!(why.contains("the place to start"), "{why}");
        // Weak spots do not jump the tutorial either.
        let (first, _) = recommend(&scenarios, &[], Some(Dimension::Speed)).expect("a pick");
        assert_eq!(first.id, "first-shift-tutorial");
        let tried = ScenarioResult {
            scenario_id: "first-shift-tutorial".into(),
            attempts: 1,
            passes: 0,
            best_overall: 30,
        };
        let (again, why) = recommend(&scenarios, &[tried], None).expect("a pick");
        assert_eq!(again.id, "first-shift-tutorial");
        assert!(why.contains("not finished the tutorial"), "{why}");
        let done = ScenarioResult {
            passes: 1,
            ..ScenarioResult {
                scenario_id: "first-shift-tutorial".into(),
                attempts: 2,
                passes: 0,
                best_overall: 70,
            }
        };
        let (next, why) = recommend(&scenarios, &[done], None).expect("a pick");
        assert_ne!(next.id, "first-shift-tutorial");
        assert!(why.contains("easiest you have not played"), "{why}");
    }

    #[test]
    fn rush_hour_opens_once_every_channel_it_mixes_was_passed_alone() {
        let scenarios = shipped();
        let on = |c: Channel| {
            scenarios
                .iter()
                .find(|s| s.channel == c)
                .map(|s| ScenarioResult {
                    scenario_id: s.id.clone(),
                    attempts: 1,
                    passes: 1,
                    best_overall: 80,
                })
                .expect("a scenario on the channel")
        };
        let channels = [Channel::InStore, Channel::Phone, Channel::InStore];
        assert_eq!(
            shift_open(&channels, &scenarios, &[]),
            Err(vec![Channel::InStore, Channel::Phone])
        );
        assert_eq!(
            shift_open(&channels, &scenarios, &[on(Channel::Phone)]),
            Err(vec![Channel::InStore])
        );
        let mut failed = on(Channel::InStore);
        failed.passes = 0;
        assert_eq!(
            shift_open(&channels, &scenarios, &[on(Channel::Phone), failed]),
            Err(vec![Channel::InStore]),
            "played but not passed does not count"
        );
        assert_eq!(
            shift_open(
                &channels,
                &scenarios,
                &[on(Channel::Phone), on(Channel::InStore)]
            ),
            Ok(())
        );
    }
}
