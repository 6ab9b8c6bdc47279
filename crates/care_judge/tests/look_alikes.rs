//! Replies that use a criterion's words without doing what it means: "sorry you feel…" is not an
//! apology, and naming the refund policy is not offering a refund.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use std::path::PathBuf;
use std::sync::Arc;

use care_engine::labelled::judge_at;
use care_engine::{LoadOptions, Scenario, load_paths};
use care_judge::MeaningJudge;

fn refund_policy() -> Arc<Scenario> {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    load_paths(&[folder], LoadOptions::default())
        .scenarios
        .into_iter()
        .map(|l| l.scenario)
        .find(|s| s.id == "the-refund-policy")
        .expect("the shipped scenario")
}

/// The criteria `reply` met at the refund scenario's typed moment.
fn met(judge: &MeaningJudge, scenario: &Arc<Scenario>, reply: &str) -> Vec<String> {
    let j = judge_at(scenario, "reply", 1, reply, judge).expect("judged");
    let rubric = j.request.rubric();
    j.verdict
        .hits
        .iter()
        .map(|h| rubric.entries[h.entry].key.clone())
        .collect()
}

#[test]
fn sorry_you_feel_is_not_an_apology_and_a_policy_named_is_not_a_remedy() {
    let judge = MeaningJudge::embedded().expect("the built-in model loads");
    let scenario = refund_policy();
    for reply in [
        "I'm sorry you feel that way about our refund policy.",
        "We're sorry you feel the wait was too long, but returns take 30 days.",
        "Sorry you feel let down. Our policy is clear about this.",
    ] {
        let met = met(&judge, &scenario, reply);
        assert!(!met.iter().any(|k| k == "apology"), "{reply}: {met:?}");
        assert!(!met.iter().any(|k| k == "next_step"), "{reply}: {met:?}");
    }
    let real = met(
        &judge,
        &scenario,
        "I'm sorry, we sent the wrong size. A new pair is in the post today.",
    );
    assert!(real.iter().any(|k| k == "apology"), "{real:?}");
    assert!(real.iter().any(|k| k == "next_step"), "{real:?}");
}
