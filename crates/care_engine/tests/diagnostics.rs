//! Snapshots of the diagnostics for every broken scenario in `tests/fixtures/invalid/`: one file per
//! problem kind, each named after the code it must produce.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use std::path::PathBuf;

use care_engine::diagnostic::{Code, Diagnostic, Severity};
use care_engine::load::{LoadOptions, MAX_FILE_BYTES, SCENARIO_SUFFIX, load_bytes, load_paths};
use care_engine::report::{Style, json_lines, render};

/// Every code that must have a fixture: all but `Io` (needs an unreadable file) and `TooLarge`
/// (generated at runtime so no megabyte file is committed).
const FIXTURE_CODES: [Code; 32] = [
    Code::NotUtf8,
    Code::EmptyFile,
    Code::TooDeep,
    Code::Syntax,
    Code::UnknownField,
    Code::MissingField,
    Code::UnknownVariant,
    Code::WrongType,
    Code::DuplicateId,
    Code::UnknownBeat,
    Code::UnknownReference,
    Code::UnknownPlaceholder,
    Code::UnknownLanguage,
    Code::Unreachable,
    Code::NoEndingReachable,
    Code::EndlessCycle,
    Code::NoEnding,
    Code::EmptyText,
    Code::OutOfRange,
    Code::BadTime,
    Code::BadDelay,
    Code::RubricNeverMatches,
    Code::MissingTimeout,
    Code::DeadEnd,
    Code::ConflictingSteps,
    Code::AudienceOnPrivateChannel,
    Code::BestBelowPass,
    Code::WorstPasses,
    Code::UnusedDimension,
    Code::PatternPasses,
    Code::BestIsLongest,
    Code::UnknownPronouns,
];

/// Whether `code` needs a fixture. Exhaustive on purpose: a new `Code` variant does not compile
/// here until it is given a fixture (and a place in `FIXTURE_CODES`) or excused.
fn needs_fixture(code: Code) -> bool {
    match code {
        // Shift files are checked in tests/shifts.rs, not with scenario fixtures.
        Code::Io | Code::TooLarge | Code::ShiftRepeatsScenario | Code::ShiftClockMismatch => false,
        Code::NotUtf8
        | Code::EmptyFile
        | Code::TooDeep
        | Code::Syntax
        | Code::UnknownField
        | Code::MissingField
        | Code::UnknownVariant
        | Code::WrongType
        | Code::DuplicateId
        | Code::UnknownBeat
        | Code::UnknownReference
        | Code::UnknownPlaceholder
        | Code::UnknownLanguage
        | Code::Unreachable
        | Code::NoEndingReachable
        | Code::EndlessCycle
        | Code::NoEnding
        | Code::EmptyText
        | Code::OutOfRange
        | Code::BadTime
        | Code::BadDelay
        | Code::RubricNeverMatches
        | Code::MissingTimeout
        | Code::DeadEnd
        | Code::ConflictingSteps
        | Code::AudienceOnPrivateChannel
        | Code::BestBelowPass
        | Code::WorstPasses
        | Code::UnusedDimension
        | Code::PatternPasses
        | Code::BestIsLongest
        | Code::UnknownPronouns => true,
    }
}

/// How many diagnostics a fixture yields: one, except where a second follows unavoidably (a beat
/// that cannot reach an ending always leads into a loop, which is reported too; when every path
/// passes, so does every answer pattern).
fn expected_count(name: &str) -> usize {
    match name {
        "no-ending-reachable" => 2,
        "worst-passes" => 6,
        _ => 1,
    }
}

fn opts() -> LoadOptions {
    LoadOptions::linted()
}
const STYLE: Style = Style {
    color: false,
    width: 100,
};

fn fixtures_dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/invalid"
    ))
}

/// The fixture stems (`unknown-beat`, …), sorted.
fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixtures_dir())
        .expect("tests/fixtures/invalid exists")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(SCENARIO_SUFFIX).map(str::to_owned))
        .collect();
    names.sort();
    names
}

/// The display name used in diagnostics: relative, so snapshots hold no machine paths.
fn display_name(name: &str) -> String {
    format!("tests/fixtures/invalid/{name}{SCENARIO_SUFFIX}")
}

/// Loads one fixture; returns its diagnostics and the rendered text of all of them.
fn load_fixture(name: &str) -> (Vec<Diagnostic>, String) {
    let bytes = std::fs::read(fixtures_dir().join(format!("{name}{SCENARIO_SUFFIX}"))).unwrap();
    let out = load_bytes(&display_name(name), &bytes, opts());
    let rendered = out
        .diagnostics
        .iter()
        .map(|d| render(d, out.text.as_deref(), STYLE))
        .collect::<Vec<_>>()
        .join("\n");
    (out.diagnostics, rendered)
}

#[test]
fn every_code_has_a_fixture() {
    assert!(FIXTURE_CODES.iter().all(|c| needs_fixture(*c)));
    let mut sorted = FIXTURE_CODES.to_vec();
    sorted.sort();
    sorted.dedup();
    assert_eq!(
        sorted.len(),
        FIXTURE_CODES.len(),
        "FIXTURE_CODES lists a code twice"
    );
    let names = fixture_names();
    let missing: Vec<&str> = FIXTURE_CODES
        .iter()
        .map(|c| c.as_str().trim_start_matches("care::"))
        .filter(|c| !names.iter().any(|n| n == c))
        .collect();
    assert!(
        missing.is_empty(),
        "no fixture in tests/fixtures/invalid for: {missing:?}"
    );
    let strays: Vec<&String> = names
        .iter()
        .filter(|n| {
            !FIXTURE_CODES
                .iter()
                .any(|c| c.as_str() == format!("care::{n}"))
        })
        .collect();
    assert!(
        strays.is_empty(),
        "fixtures not named after a code in FIXTURE_CODES: {strays:?}"
    );
}

#[test]
fn each_fixture_reports_its_code() {
    let mut wrong = Vec::new();
    for name in fixture_names() {
        let (diagnostics, rendered) = load_fixture(&name);
        insta::assert_snapshot!(name.clone(), rendered);
        let expected = format!("care::{name}");
        let codes: Vec<&str> = diagnostics.iter().map(|d| d.code.as_str()).collect();
        if !codes.contains(&expected.as_str()) || codes.len() != expected_count(&name) {
            wrong.push(format!(
                "{name}: expected {expected} (and {} diagnostic(s) in all), got {codes:?}",
                expected_count(&name)
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "fixtures without their code, or with extra diagnostics:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn load_paths_agrees_with_load_bytes() {
    for name in fixture_names() {
        let report = load_paths(
            &[fixtures_dir().join(format!("{name}{SCENARIO_SUFFIX}"))],
            opts(),
        );
        let (diagnostics, _) = load_fixture(&name);
        let codes = |ds: &[Diagnostic]| {
            ds.iter()
                .map(|d| (d.code, d.line, d.column))
                .collect::<Vec<_>>()
        };
        assert_eq!(codes(&report.diagnostics), codes(&diagnostics), "{name}");
        let warnings_only = diagnostics.iter().all(|d| d.severity == Severity::Warning);
        assert_eq!(
            report.scenarios.len(),
            usize::from(warnings_only),
            "{name}: loads only if it merely warns"
        );
    }
}

#[test]
fn too_large_file_is_refused_before_parsing() {
    let mut bytes = b"// Wrong: far too long.\nScenario(\n".to_vec();
    bytes.resize(MAX_FILE_BYTES + 1, b' ');
    let out = load_bytes(&display_name("too-large"), &bytes, opts());
    assert!(out.scenario.is_none());
    assert_eq!(out.diagnostics.len(), 1);
    assert_eq!(out.diagnostics[0].code, Code::TooLarge);
    let rendered = out
        .diagnostics
        .iter()
        .map(|d| render(d, out.text.as_deref(), STYLE))
        .collect::<String>();
    insta::assert_snapshot!("too-large", rendered);
}

/// A warning about `scoring` in a file that leaves `scoring` out points at `Scenario(`, not at
/// the whole file.
#[test]
fn warning_about_default_scoring_points_at_the_scenario() {
    let bytes =
        std::fs::read(fixtures_dir().join(format!("unused-dimension{SCENARIO_SUFFIX}"))).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let without = text.replace("    scoring: (\n        pass: (empathy: 0),\n    ),\n", "");
    assert_ne!(
        without, text,
        "the unused-dimension fixture sets `scoring.pass.empathy`"
    );
    let out = load_bytes(
        &display_name("unused-dimension"),
        without.as_bytes(),
        opts(),
    );
    let d = out
        .diagnostics
        .iter()
        .find(|d| d.code == Code::BestBelowPass)
        .expect("nobody can pass empathy");
    let span = d.span.clone().unwrap();
    assert_eq!(&without[span], "Scenario(");
    insta::assert_snapshot!("default-scoring", render(d, out.text.as_deref(), STYLE));
}

#[test]
fn json_lines_have_every_key() {
    for name in ["unknown-beat", "not-utf8", "best-is-longest"] {
        let (diagnostics, _) = load_fixture(name);
        let json = json_lines(&diagnostics);
        assert_eq!(json.lines().count(), diagnostics.len(), "{name}");
        for line in json.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let obj = v.as_object().unwrap();
            for key in [
                "file", "line", "column", "severity", "code", "message", "hint",
            ] {
                assert!(obj.contains_key(key), "{name}: `{key}` missing in {line}");
            }
            assert_eq!(obj["file"], display_name(name));
            assert_eq!(obj["code"], format!("care::{name}"));
        }
    }
}
