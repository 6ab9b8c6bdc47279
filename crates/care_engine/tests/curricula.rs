//! Curricula: the shipped ones load, broken ones point at each mistake, and a cohort's plays
//! unlock steps in order, with the stuck trainees found.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use std::path::PathBuf;
use std::sync::Arc;

use care_engine::curriculum::{
    Activity, Curriculum, Played, StepId, StepResult, StepStatus, current, load_curriculum_bytes,
    load_curriculum_paths, progress, stuck,
};
use care_engine::load::{LoadOptions, load_paths};
use care_engine::model::Scenario;
use care_engine::script::Playthroughs;
use care_engine::shift::{Shift, load_shift_paths};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios")
}

fn content() -> (Vec<Arc<Scenario>>, Vec<Arc<Shift>>) {
    let scenarios: Vec<_> = load_paths(&[root()], LoadOptions::default())
        .scenarios
        .into_iter()
        .map(|l| l.scenario)
        .collect();
    let shifts = load_shift_paths(&[root()], &scenarios)
        .shifts
        .into_iter()
        .map(|l| l.shift)
        .collect();
    (scenarios, shifts)
}

fn shipped() -> Vec<Arc<Curriculum>> {
    let (scenarios, shifts) = content();
    let report = load_curriculum_paths(&[root()], &scenarios, &shifts);
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    report.curricula
}

fn curriculum(id: &str) -> Arc<Curriculum> {
    shipped()
        .into_iter()
        .find(|c| c.id == id)
        .expect("shipped curriculum")
}

/// A play of `step`: a scenario's playthrough case (0 passes, 1 fails), or a shift's verdict.
fn play(c: &Curriculum, step: &str, pass: bool, at_ms: i64) -> StepResult {
    let step = c.steps.iter().find(|s| s.key == step).expect("step");
    match &step.activity {
        Activity::Scenario(s) => {
            let (_, plays) = Playthroughs::find(&root(), s.id.as_str()).expect("playthroughs");
            let case = &plays.cases[usize::from(!pass)];
            let run = care_engine::script::play(s, plays.seed, &case.answers).expect("plays");
            let card = care_engine::scoring::score(&s.scoring, run.transcript());
            StepResult {
                played: Played::Scenario {
                    id: s.id.clone(),
                    scores: card.scores(),
                },
                at_ms,
            }
        }
        Activity::Shift(s) => StepResult {
            played: Played::Shift {
                id: s.id.clone(),
                passed: pass,
            },
            at_ms,
        },
    }
}

const MIN: i64 = 60_000;

#[test]
fn the_shipped_curricula_load_and_end_in_a_shift_then_an_assessment() {
    let all = shipped();
    let ids: Vec<&str> = all.iter().map(|c| c.id.as_str()).collect();
    assert!(ids.contains(&"first-day-on-the-floor") && ids.contains(&"our-company-online"));
    for c in &all {
        let n = c.steps.len();
        assert!(
            matches!(c.steps[n - 2].activity, Activity::Shift(_)),
            "{}: a shift before the assessment",
            c.id
        );
        let last = &c.steps[n - 1];
        assert!(
            matches!(&last.activity, Activity::Scenario(s) if s.tags.iter().any(|t| t == "assessment")),
            "{}: ends in an assessment",
            c.id
        );
        assert_eq!(last.requires, [StepId(n - 2)], "{}: after the shift", c.id);
        assert!(c.minutes() > 20, "{}: {} min", c.id, c.minutes());
    }
}

#[test]
fn a_broken_curriculum_points_at_each_mistake() {
    let (scenarios, shifts) = content();
    let text = r#"Curriculum(
    id: "broken",
    title: "Broken",
    summary: "",
    steps: [
        (id: "a", scenario: "nobody-said-helo"),
        (id: "b", scenario: "the-bad-day", shift: "saturday-shop-floor"),
        (id: "c", scenario: "the-bad-day", requires: ["d"], pass: (speed: 60, empathy: 160, follow_through: 60)),
        (id: "d", shift: "saturday-shop-flor", requires: ["x"]),
        (id: "e", scenario: "nobody-said-hello", level: Advanced),
    ],
)"#;
    let out = load_curriculum_bytes(
        "broken.curriculum.ron",
        text.as_bytes(),
        &scenarios,
        &shifts,
    );
    assert!(out.scenario.is_none());
    let lines: Vec<(usize, &str)> = out
        .diagnostics
        .iter()
        .map(|d| (d.line, d.message.as_str()))
        .collect();
    assert_eq!(lines.len(), 7, "{lines:#?}");
    assert_eq!(lines[0].0, 6, "unknown scenario: {lines:?}");
    assert_eq!(
        out.diagnostics[0].hint.as_deref(),
        Some("did you mean `nobody-said-hello`?")
    );
    assert_eq!(lines[1].0, 7, "both a scenario and a shift: {lines:?}");
    assert!(
        lines
            .iter()
            .any(|(l, m)| *l == 8 && m.contains("comes after it")),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|(l, m)| *l == 8 && m.contains("160")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|(l, m)| *l == 9 && m.contains("saturday-shop-flor")),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|(l, m)| *l == 9 && m.contains("`x`")),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|(l, m)| *l == 10
            && m.contains("requires Advanced but `nobody-said-hello` is Beginner")),
        "a step can require a level: {lines:?}"
    );
}

#[test]
fn passing_a_step_unlocks_the_next_and_a_failure_can_be_retried() {
    let c = curriculum("first-day-on-the-floor");
    let start = 1_000 * MIN;
    let fresh = progress(&c, &[], start);
    assert!(matches!(fresh[0], StepStatus::Open { tries: 0, .. }));
    assert!(fresh[1..].iter().all(|s| *s == StepStatus::Locked));

    let mut plays = vec![play(&c, "how-to-play", true, start + 3 * MIN)];
    let after = progress(&c, &plays, start);
    assert!(after[0].is_passed());
    assert!(matches!(after[1], StepStatus::Open { since_ms, .. } if since_ms == start + 3 * MIN));
    assert!(
        matches!(after[3], StepStatus::Open { .. }),
        "own-the-call only needs the tutorial"
    );
    assert_eq!(after[2], StepStatus::Locked);
    assert_eq!(current(&after), Some(StepId(1)));

    plays.push(play(&c, "greet", false, start + 8 * MIN));
    let failed = progress(&c, &plays, start);
    assert!(
        matches!(failed[1], StepStatus::Open { tries: 1, .. }),
        "retry allowed"
    );
    plays.push(play(&c, "greet", true, start + 12 * MIN));
    let passed = progress(&c, &plays, start);
    assert_eq!(
        passed[1],
        StepStatus::Passed {
            tries: 2,
            at_ms: start + 12 * MIN
        }
    );
    assert!(matches!(passed[2], StepStatus::Open { .. }));

    // A step counts plays made once it is open, not before.
    let early = vec![
        play(&c, "greet", true, start + MIN),
        play(&c, "how-to-play", true, start + 3 * MIN),
    ];
    assert!(matches!(
        progress(&c, &early, start)[1],
        StepStatus::Open { tries: 0, .. }
    ));

    // Plays from before the session do not count.
    let before = vec![play(&c, "how-to-play", true, start - MIN)];
    assert!(!progress(&c, &before, start)[0].is_passed());
}

#[test]
fn a_cohort_of_twelve_moves_through_at_its_own_pace_and_the_stuck_are_found() {
    let c = curriculum("first-day-on-the-floor");
    let start = 0;
    let now = 30 * MIN;
    // 0–7 pass every step first time (the odd ones fail the Saturday shift); 8–9 fail
    // "colleagues" twice; 10–11 fail "greet" once and then sit on it.
    let mut cohort: Vec<Vec<StepResult>> = Vec::new();
    for t in 0..12 {
        let mut plays = vec![play(&c, "how-to-play", true, 2 * MIN)];
        match t {
            0..=7 => {
                plays.push(play(&c, "greet", true, 7 * MIN));
                plays.push(play(&c, "own-the-call", true, 13 * MIN));
                plays.push(play(&c, "colleagues", true, 18 * MIN));
                plays.push(play(&c, "say-no", true, 21 * MIN));
                plays.push(play(&c, "your-limits", true, 24 * MIN));
                plays.push(play(&c, "saturday", t % 2 == 0, 26 * MIN));
                plays.push(play(&c, "assessment", true, 28 * MIN));
            }
            8 | 9 => {
                plays.push(play(&c, "greet", true, 7 * MIN));
                plays.push(play(&c, "colleagues", false, 12 * MIN));
                plays.push(play(&c, "colleagues", false, 17 * MIN));
            }
            _ => plays.push(play(&c, "greet", false, 10 * MIN)),
        }
        cohort.push(plays);
    }
    let statuses: Vec<Vec<StepStatus>> = cohort.iter().map(|p| progress(&c, p, start)).collect();
    let on_step = |k: usize| {
        statuses
            .iter()
            .filter(|s| current(s) == Some(StepId(k)))
            .count()
    };
    assert_eq!(
        on_step(6),
        4,
        "the four who failed the Saturday shift are on it"
    );
    assert_eq!(on_step(1), 2, "two are still on greeting");
    assert_eq!(on_step(2), 2, "8 and 9 are on the colleagues step");
    let finished = statuses
        .iter()
        .filter(|s| s.iter().all(|x| x.is_passed()))
        .count();
    assert_eq!(finished, 4);
    let stuck_now: Vec<(usize, String)> = statuses
        .iter()
        .enumerate()
        .filter_map(|(t, s)| {
            let k = current(s)?;
            stuck(c.step(k), s[k.0], now).map(|why| (t, why))
        })
        .collect();
    let who: Vec<usize> = stuck_now.iter().map(|(t, _)| *t).collect();
    assert_eq!(who, [8, 9, 10, 11], "{stuck_now:?}");
    assert_eq!(stuck_now[0].1, "2 tries without passing");
    assert_eq!(stuck_now[2].1, "28 min on a step estimated at 4 min");
}
