//! Importing Twine stories: the skeleton keeps the story's shape and loads as a valid scenario.

use care_engine::load::{LoadOptions, load_bytes};
use care_engine::model::Outcome;
use care_engine::twine::{NO_ANSWER_ENDING, TwineError, import};
use care_engine::{Channel, Severity};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../../tests/fixtures/twine/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn passages_become_beats_and_links_become_responses() {
    let raw = import(
        &fixture("returns-desk.twee"),
        "returns-desk",
        Channel::InStore,
    )
    .unwrap();
    assert_eq!(raw.title, "The returns desk");
    assert_eq!(raw.start, "counter");
    let ids: Vec<&str> = raw.beats.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids, ["counter", "receipt"]);
    let counter = &raw.beats[0];
    assert!(
        counter
            .narration
            .starts_with("A customer puts a cracked kettle")
    );
    let choices: Vec<(&str, &str)> = counter
        .responses
        .iter()
        .map(|r| (r.text.as_str(), r.next.as_str()))
        .collect();
    assert_eq!(
        choices,
        [
            ("Apologise and offer a swap", "swap"),
            ("Ask for the receipt first", "receipt"),
            ("Policy says no returns on used items", "refused"),
        ]
    );
    assert_eq!(
        raw.beats[1].responses[1].next, "counter",
        "a bare [[Counter]] link"
    );
    let endings: Vec<(&str, Outcome)> = raw
        .endings
        .iter()
        .map(|e| (e.id.as_str(), e.outcome))
        .collect();
    assert_eq!(
        endings,
        [
            ("swap", Outcome::WonBack),
            ("refused", Outcome::Lost),
            (NO_ANSWER_ENDING, Outcome::Lost)
        ]
    );
}

#[test]
fn the_skeleton_is_a_valid_scenario() {
    let raw = import(
        &fixture("returns-desk.twee"),
        "returns-desk",
        Channel::InStore,
    )
    .unwrap();
    let text = care_engine::synth::to_ron(&raw);
    let out = load_bytes(
        "returns-desk.scenario.ron",
        text.as_bytes(),
        LoadOptions::linted(),
    );
    let errors: Vec<_> = out
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(out.scenario.is_some());
}

#[test]
fn a_link_to_a_missing_passage_is_reported() {
    let e = import(&fixture("broken-link.twee"), "x", Channel::Phone).unwrap_err();
    assert_eq!(
        e,
        TwineError::BrokenLink {
            passage: "Start".into(),
            target: "Nowhere".into()
        }
    );
    assert_eq!(
        import("no passages here", "x", Channel::Phone).unwrap_err(),
        TwineError::NoPassages
    );
}
