//! When the sentence model cannot load, replies are judged by keywords and every verdict, and
//! the debrief built from it, says so and why.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use std::path::PathBuf;

use care_engine::labelled::judge_at;
use care_engine::rubric::JudgedBy;
use care_engine::scoring::score;
use care_engine::{LoadOptions, load_paths};
use care_judge::{JudgeStatus, SentenceModel, from_model};

#[test]
fn a_broken_model_hands_over_to_the_keyword_judge_and_the_debrief_says_so() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("model.onnx"), b"not a model").expect("write");
    std::fs::write(dir.path().join("tokenizer.json"), b"{}").expect("write");
    let loaded = from_model(SentenceModel::load_dir(dir.path()));
    let JudgeStatus::KeywordsInstead(reason) = &loaded.status else {
        panic!(
            "a broken model must not judge by meaning: {:?}",
            loaded.status
        );
    };
    assert!(!reason.is_empty());
    assert!(loaded.meaning.is_none());

    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let s = load_paths(&[folder], LoadOptions::default())
        .scenarios
        .into_iter()
        .map(|l| l.scenario)
        .find(|s| s.id == "the-refund-policy")
        .expect("shipped");
    let judged = judge_at(
        &s,
        "reply",
        1,
        "Sorry Yuki, a new pair goes out today.",
        loaded.judge.as_ref(),
    )
    .expect("judged");
    assert!(matches!(
        judged.verdict.judged_by,
        JudgedBy::KeywordsInstead { .. }
    ));
    assert!(
        judged.verdict.total() > 0,
        "the keyword judge still scores the reply"
    );

    // Played through a run, the note reaches the score card the debrief shows.
    let (mut run, _) = care_engine::ScenarioRun::start(s.clone(), 1);
    let first = run.shown_position(0).expect("offered");
    run.answer(care_engine::Input::Choice(first), 3000)
        .expect("answered");
    run.answer_with(
        care_engine::Input::Typed(judged.reply.clone()),
        20_000,
        loaded.judge.as_ref(),
    )
    .expect("answered");
    let card = score(&s.scoring, run.transcript());
    assert!(
        card.get(care_engine::Dimension::Empathy)
            .reasons
            .iter()
            .any(|r| r.text.contains("judged by keywords")),
        "{card:#?}"
    );
}

#[test]
fn a_missing_model_folder_is_named_in_the_reason() {
    let loaded = from_model(SentenceModel::load_dir(std::path::Path::new(
        "no-such-folder",
    )));
    match loaded.status {
        JudgeStatus::KeywordsInstead(reason) => {
            assert!(reason.contains("no-such-folder"), "{reason}")
        }
        JudgeStatus::Meaning => panic!("there is no model there"),
    }
}
