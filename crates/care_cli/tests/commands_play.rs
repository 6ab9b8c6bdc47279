//! Playing and analysing from the command line: `play` with recorded answers (a scenario or a
//! shift), what it refuses, and `analyze`; output, formats and exit codes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod commands_support;

use care_cli::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE};
use commands_support::{SCENARIOS, care};

#[test]
fn play_with_answers_prints_transcript_and_explained_scores() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("a.ron");
    std::fs::write(&answers, "[Wait, Wait]").unwrap();
    let (code, out, err) = care(&[
        "--scenarios",
        SCENARIOS,
        "play",
        "nobody-said-hello",
        "--answers",
        answers.to_str().unwrap(),
    ]);
    assert_eq!(code, EXIT_OK, "{err}");
    assert!(out.contains("You said nothing (30 s)."), "{out}");
    assert!(out.contains("NOT PASSED"), "{out}");
    assert!(out.contains("-20  #3   No answer for 30 s"), "{out}");

    let (code, out, _) = care(&[
        "--scenarios",
        SCENARIOS,
        "play",
        "nobody-said-hello",
        "--answers",
        answers.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code, EXIT_OK);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["scores"]["passed"], false);
    assert_eq!(v["transcript"]["scenario_id"], "nobody-said-hello");
}

#[test]
fn play_rejects_answers_that_do_not_fit() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("a.ron");
    std::fs::write(&answers, "[Choose(7, 2)]").unwrap();
    let (code, _, err) = care(&[
        "--scenarios",
        SCENARIOS,
        "play",
        "nobody-said-hello",
        "--answers",
        answers.to_str().unwrap(),
    ]);
    assert_eq!(code, EXIT_PROBLEMS);
    assert!(
        err.contains("answer 1: choice 7 is not offered here: there are 3 choices"),
        "{err}"
    );

    std::fs::write(&answers, "[Choose(1, 2)]").unwrap();
    let (code, _, err) = care(&[
        "--scenarios",
        SCENARIOS,
        "play",
        "nobody-said-hello",
        "--answers",
        answers.to_str().unwrap(),
    ]);
    assert_eq!(code, EXIT_PROBLEMS);
    assert!(
        err.contains("ran out before the scenario ended (at beat `explains`)"),
        "{err}"
    );
}

#[test]
fn an_unknown_scenario_is_a_usage_error_with_a_suggestion() {
    let (code, _, err) = care(&["--scenarios", SCENARIOS, "play", "nobody-said-helo"]);
    assert_eq!(code, EXIT_USAGE);
    assert!(err.contains("did you mean `nobody-said-hello`?"), "{err}");
}

#[test]
fn analyze_shows_best_and_worst_paths() {
    let (code, out, _) = care(&["--scenarios", SCENARIOS, "analyze", "nobody-said-hello"]);
    assert_eq!(code, EXIT_OK);
    assert!(out.contains("nobody-said-hello: 34 paths"), "{out}");
    assert!(out.contains("overall         best  97"), "{out}");
    let (_, md, _) = care(&[
        "--scenarios",
        SCENARIOS,
        "analyze",
        "nobody-said-hello",
        "--format",
        "markdown",
    ]);
    assert!(md.starts_with("## nobody-said-hello"), "{md}");
    let (_, json, _) = care(&[
        "--scenarios",
        SCENARIOS,
        "analyze",
        "nobody-said-hello",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v[0]["paths"].as_array().unwrap().len(), 34);
}

#[test]
fn play_shift_prints_the_timeline_and_triage() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("steps.ron");
    std::fs::write(
        &answers,
        "[(at: 5, customer: 1, answer: Choose(1)), (at: 14, customer: 1, answer: Choose(1))]",
    )
    .unwrap();
    let (code, out, err) = care(&[
        "--scenarios",
        SCENARIOS,
        "play",
        "--shift",
        "weekend-after-the-outage",
        "--answers",
        answers.to_str().unwrap(),
    ]);
    assert_eq!(code, EXIT_OK, "{out}{err}");
    assert!(out.contains("00:05  you answer Angry comments"), "{out}");
    assert!(out.contains("act on their own"), "{out}");
    assert!(out.contains("Triage "), "{out}");

    let (code, json, _) = care(&[
        "--scenarios",
        SCENARIOS,
        "play",
        "--shift",
        "weekend-after-the-outage",
        "--format",
        "json",
    ]);
    assert_eq!(code, EXIT_OK);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["triage_passed"], false, "nobody answering fails triage");
    assert_eq!(v["customers"].as_array().unwrap().len(), 3);

    let (code, _, err) = care(&[
        "--scenarios",
        SCENARIOS,
        "play",
        "--shift",
        "weekend-after-the-outag",
    ]);
    assert_eq!(code, EXIT_USAGE, "{err}");
    assert!(
        err.contains("did you mean `weekend-after-the-outage`?"),
        "{err}"
    );
}
