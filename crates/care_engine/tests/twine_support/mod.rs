//! Helpers shared by the Twine import tests: the fixtures, and checks that a skeleton loads and
//! matches its report.

#![allow(
    dead_code,
    reason = "each test file uses a different part of this helper"
)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use care_engine::load::{LoadOptions, load_bytes};
use care_engine::raw::RawScenario;
use care_engine::twine::{Import, ImportReport, import};
use care_engine::{Channel, Severity};

pub fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../../tests/fixtures/twine/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

pub fn imported(name: &str) -> Import {
    import(&fixture(name), "imported", Channel::Phone).unwrap()
}

/// Loads the skeleton as `care check` does and returns its error diagnostics.
pub fn errors(raw: &RawScenario) -> Vec<String> {
    let text = care_engine::twine::scenario_ron(raw).expect("written as RON");
    let out = load_bytes(
        "imported.scenario.ron",
        text.as_bytes(),
        LoadOptions::linted(),
    );
    let errors: Vec<String> = out
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{}: {} ({:?})", d.code.as_str(), d.message, d.hint))
        .collect();
    assert_eq!(errors.is_empty(), out.scenario.is_some(), "{errors:#?}");
    errors
}

/// The skeleton loads, and its beats and responses are the report's passages and links.
pub fn assert_sound(i: &Import) {
    assert_eq!(errors(&i.scenario), Vec::<String>::new());
    let r = &i.report;
    assert_eq!(i.scenario.beats.len(), r.beats + r.more_beats);
    let responses: usize = i.scenario.beats.iter().map(|b| b.responses.len()).sum();
    assert_eq!(responses, r.responses());
    // Plus one: `no-answer` when anything waits for an answer, else where the start moves on to.
    assert_eq!(
        i.scenario.endings.len(),
        r.endings + r.added_endings.len() + 1
    );
}

pub fn skipped(r: &ImportReport) -> Vec<(&str, String)> {
    r.skipped
        .iter()
        .map(|s| (s.name.as_str(), s.reason.to_string()))
        .collect()
}

pub fn responses(raw: &RawScenario, beat: &str) -> Vec<(String, String)> {
    raw.beats
        .iter()
        .find(|b| b.id == beat)
        .unwrap_or_else(|| panic!("no beat {beat}"))
        .responses
        .iter()
        .map(|r| (r.text.clone(), r.next.clone()))
        .collect()
}

pub fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

pub fn narration<'a>(raw: &'a RawScenario, beat: &str) -> &'a str {
    &raw.beats.iter().find(|b| b.id == beat).unwrap().narration
}
