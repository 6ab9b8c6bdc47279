//! The meaning judge against the replies trainers labelled for every typed moment of the pack:
//! good replies rank above poor ones, no poor reply reaches a moment's best branch and no good
//! reply its worst; and every shipped scenario's playthroughs hold when judged by meaning.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use care_engine::gaming::{findings, play_all};
use care_engine::labelled::{Branch, LabelledReplies, agreement, judge_at};
use care_engine::rubric::JudgedBy;
use care_engine::script::{Playthroughs, check_case_with};
use care_engine::{LoadOptions, Scenario, load_paths};
use care_judge::MeaningJudge;

const MIN_AGREEMENT: f64 = 0.95;

fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios")
}

fn pack() -> Vec<Arc<Scenario>> {
    let report = load_paths(&[folder()], LoadOptions::default());
    assert!(
        report
            .diagnostics
            .iter()
            .all(|d| d.severity != care_engine::Severity::Error)
    );
    report.scenarios.into_iter().map(|l| l.scenario).collect()
}

fn judge() -> &'static MeaningJudge {
    static JUDGE: OnceLock<MeaningJudge> = OnceLock::new();
    JUDGE.get_or_init(|| MeaningJudge::embedded().expect("the built-in model loads"))
}

#[test]
fn every_typed_moment_has_labelled_replies_the_judge_agrees_with() {
    let mut failures = Vec::new();
    let mut moments = 0;
    for s in pack() {
        let typed: Vec<&str> = s
            .beats
            .iter()
            .filter(|b| b.typed.is_some())
            .map(|b| b.key.as_str())
            .collect();
        if typed.is_empty() {
            continue;
        }
        let (_, labelled) = LabelledReplies::find(&folder(), s.id.as_str())
            .unwrap_or_else(|e| panic!("{}: typed moments need labelled replies: {e}", s.id));
        for beat in typed {
            let m = labelled
                .moments
                .iter()
                .find(|m| m.beat == beat)
                .unwrap_or_else(|| panic!("{} / {beat}: no labelled replies", s.id));
            assert!(
                m.good.len() >= 6 && m.poor.len() >= 6,
                "{} / {beat}: at least 6 good and 6 poor",
                s.id
            );
            moments += 1;
            let mut good = Vec::new();
            let mut poor = Vec::new();
            for (reply, is_good) in m
                .good
                .iter()
                .map(|r| (r, true))
                .chain(m.poor.iter().map(|r| (r, false)))
            {
                let j = judge_at(&s, beat, 1, reply, judge()).expect("judged");
                assert_eq!(
                    j.verdict.judged_by,
                    JudgedBy::Meaning,
                    "judged by meaning, not by the fallback"
                );
                let points = j.verdict.total();
                if is_good {
                    good.push(points);
                    if j.branch == Branch::Worst {
                        failures.push(format!("{} / {beat}: good reply reaches the worst branch ({points:+}): {reply}", s.id));
                    }
                } else {
                    poor.push(points);
                    if j.branch == Branch::Best {
                        failures.push(format!(
                            "{} / {beat}: poor reply reaches the best branch ({points:+}): {reply}",
                            s.id
                        ));
                    }
                }
            }
            let a = agreement(&good, &poor);
            if a < MIN_AGREEMENT {
                failures.push(format!(
                    "{} / {beat}: agreement {a:.3} (good {good:?}, poor {poor:?})",
                    s.id
                ));
            }
        }
    }
    assert!(moments >= 4, "typed moments checked: {moments}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_playthrough_holds_when_replies_are_judged_by_meaning() {
    let mut failures = Vec::new();
    for s in pack() {
        let (_, plays) = Playthroughs::find(&folder(), s.id.as_str()).expect("playthroughs");
        for case in &plays.cases {
            if let Err(e) = check_case_with(&s, plays.seed, case, judge()) {
                failures.push(format!("{} / {}: {e}", s.id, case.name));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn no_answer_pattern_passes_when_replies_are_judged_by_meaning() {
    let mut failures = Vec::new();
    for s in pack() {
        for f in findings(&play_all(&s, judge())) {
            failures.push(format!(
                "{}: {} passes on {} of 3 seeds",
                s.id,
                f.pattern.describe(),
                f.passed_on
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
