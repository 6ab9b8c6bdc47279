//! Scenario folders read safely: links that lead out of the folder are skipped with a
//! warning, a file too large is reported without being read, and ids that would name a file
//! elsewhere are refused.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use std::path::{Path, PathBuf};

use care_engine::load::{MAX_FILE_BYTES, check_file_id};
use care_engine::twine::{TwineError, file_id, import};
use care_engine::{Channel, Code, LoadOptions, Severity, load_paths};

fn shipped(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../scenarios")
        .join(file)
}

const SCENARIO: &str = "in-store/nobody-said-hello.scenario.ron";

fn copy_scenario(to: &Path) {
    std::fs::copy(shipped(SCENARIO), to).expect("copy");
}

#[test]
#[cfg(unix)]
fn a_link_to_a_file_outside_the_folder_is_skipped_with_a_warning() {
    let dir = tempfile::tempdir().expect("tmp");
    let outside = dir.path().join("outside");
    let folder = dir.path().join("scenarios");
    std::fs::create_dir_all(outside.join("more")).expect("mkdir");
    std::fs::create_dir_all(folder.join("inner")).expect("mkdir");
    copy_scenario(&outside.join("secret.scenario.ron"));
    copy_scenario(&outside.join("more/other.scenario.ron"));
    copy_scenario(&folder.join("inner/hello.scenario.ron"));
    std::os::unix::fs::symlink(
        outside.join("secret.scenario.ron"),
        folder.join("linked.scenario.ron"),
    )
    .expect("link");
    std::os::unix::fs::symlink(outside.join("more"), folder.join("more")).expect("link");
    // A link that stays inside the folder is followed as before.
    std::os::unix::fs::symlink(folder.join("inner"), folder.join("alias")).expect("link");

    let report = load_paths(std::slice::from_ref(&folder), LoadOptions::default());
    let files: Vec<String> = report.scenarios.iter().map(|l| l.file.clone()).collect();
    assert!(
        files
            .iter()
            .all(|f| !f.contains("linked") && !f.contains("more")),
        "nothing from outside is read: {files:?}"
    );
    assert!(
        files
            .iter()
            .any(|f| f.ends_with("inner/hello.scenario.ron")
                || f.ends_with("alias/hello.scenario.ron")),
        "the file inside is read (by whichever of its two paths the walk meets first): {files:?}"
    );
    let mut skipped: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("leads out of"))
        .collect();
    skipped.sort_by(|a, b| a.file.cmp(&b.file));
    assert_eq!(skipped.len(), 2, "{:#?}", report.diagnostics);
    for d in &skipped {
        assert_eq!(d.severity, Severity::Warning);
        assert!(
            d.hint
                .as_deref()
                .is_some_and(|h| h.contains("copy the file")),
            "{d:?}"
        );
    }
    assert!(
        skipped[0].file.ends_with("linked.scenario.ron"),
        "{:?}",
        skipped[0]
    );
    assert!(skipped[1].file.ends_with("more"), "{:?}", skipped[1]);
}

#[test]
fn a_file_over_the_limit_is_reported_and_not_read() {
    let dir = tempfile::tempdir().expect("tmp");
    let big = dir.path().join("huge.scenario.ron");
    let file = std::fs::File::create(&big).expect("create");
    // Sparse: the size is there without the bytes being written.
    file.set_len(MAX_FILE_BYTES as u64 * 3).expect("size");
    copy_scenario(&dir.path().join("fine.scenario.ron"));
    let report = load_paths(&[dir.path().to_path_buf()], LoadOptions::default());
    assert_eq!(report.scenarios.len(), 1, "the other file still loads");
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.file.ends_with("huge.scenario.ron"))
        .expect("a diagnostic for the large file");
    assert_eq!(d.code, Code::TooLarge);
    assert_eq!(
        d.message,
        "the file is 3072 KiB; files in a scenarios folder may be at most 1024 KiB, so it is not read"
    );
    assert!(
        !report.sources.contains_key(&d.file),
        "its text was not kept"
    );
}

#[test]
fn ids_that_could_name_a_file_elsewhere_are_refused() {
    for bad in [
        "",
        "../x",
        "..",
        "a/b",
        "a\\b",
        ".hidden",
        "x y",
        "é",
        &"a".repeat(101),
    ] {
        let err = check_file_id(bad).expect_err(bad);
        assert!(err.contains(&format!("`{bad}`")), "{err}");
    }
    for good in ["late-delivery", "A_1", &"a".repeat(100)] {
        check_file_id(good).expect(good);
    }
    let twee = ":: Start\nHello [[Bye]]\n:: Bye\nBye.\n";
    assert!(matches!(
        import(twee, "../x", Channel::LiveChat),
        Err(TwineError::BadId(e)) if e.contains("cannot be a file name")
    ));
}

#[test]
fn an_id_made_from_a_file_name_can_always_name_a_file() {
    for (stem, id) in [
        ("Returns Desk", "returns-desk"),
        ("../../etc/passwd", "etc-passwd"),
        ("Café (v2)!", "caf-v2"),
        ("...", "imported"),
        ("", "imported"),
    ] {
        assert_eq!(file_id(stem), id, "{stem:?}");
        check_file_id(&file_id(stem)).expect(stem);
    }
    assert!(file_id(&"ab-".repeat(80)).len() <= 100);
    check_file_id(&file_id(&"ab-".repeat(80))).expect("long");
}
