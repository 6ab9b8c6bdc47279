//! Answer patterns that need no skill must not pass any shipped scenario.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use std::path::PathBuf;
use std::sync::Arc;

use care_engine::Code;
use care_engine::gaming::{Pattern, findings, play_all, warnings};
use care_engine::judge::KeywordJudge;
use care_engine::{LoadOptions, load_paths};

fn pack() -> Vec<Arc<care_engine::Scenario>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let report = load_paths(&[dir], LoadOptions::default());
    report.scenarios.into_iter().map(|l| l.scenario).collect()
}

/// Findings of `patterns` in every shipped scenario, as lines.
fn failures(patterns: &[Pattern]) -> Vec<String> {
    let mut failures = Vec::new();
    for s in pack() {
        let found = findings(&play_all(&s, &KeywordJudge));
        for f in found.iter().filter(|f| patterns.contains(&f.pattern)) {
            let play = f.plays.iter().find(|p| p.passed).unwrap_or(&f.plays[0]);
            failures.push(format!(
                "{}: {} passes on {} of 3 seeds ({} overall)",
                s.id,
                f.pattern.describe(),
                f.passed_on,
                play.overall
            ));
        }
    }
    failures
}

#[test]
fn no_choice_pattern_passes_a_shipped_scenario() {
    let choice_patterns = [
        Pattern::FirstShown,
        Pattern::LastShown,
        Pattern::Longest,
        Pattern::Shortest,
        Pattern::Random,
    ];
    let failures = failures(&choice_patterns);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_pasted_template_fails_every_shipped_typed_moment_even_by_keywords() {
    let failures = failures(&[Pattern::Template, Pattern::NamedTemplate]);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn no_shipped_scenario_makes_its_best_choices_the_longest() {
    let flagged: Vec<care_engine::ScenarioId> = pack()
        .iter()
        .filter(|s| {
            warnings(s, &KeywordJudge)
                .iter()
                .any(|p| p.code == Code::BestIsLongest)
        })
        .map(|s| s.id.clone())
        .collect();
    assert!(
        flagged.is_empty(),
        "best choice is the longest in: {flagged:?}"
    );
}
