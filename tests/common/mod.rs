//! Shared set-up for the game's tests.

use std::path::PathBuf;

/// A scenario folder in a temp dir holding one copy of "Nobody said hello", for edit tests.
/// Returns the folder guard, the file and its original text.
pub fn editable_scenario() -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let file = dir.path().join("nobody-said-hello.scenario.ron");
    let original = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/in-store/nobody-said-hello.scenario.ron"
    ))
    .expect("the shipped scenario");
    std::fs::write(&file, &original).expect("a writable temp dir");
    (dir, file, original)
}
