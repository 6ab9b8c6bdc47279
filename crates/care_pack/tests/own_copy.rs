//! The trainer's own copy of the starter pack: written whole the first time, then kept: a file
//! they changed stays theirs, a file they deleted stays deleted, a file of their own is never
//! touched, and an untouched file follows each new version of CARE.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use std::path::{Path, PathBuf};

use care_pack::{Bundle, own_copy};

const SCENARIO: &str = "in-store/nobody-said-hello.scenario.ron";
const OTHER: &str = "email/dear-valued-customer.scenario.ron";

fn built_in(rel: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../scenarios")
            .join(rel),
    )
    .unwrap()
}

fn manifest(data: &Path) -> PathBuf {
    data.join("scenarios.built-in")
}

#[test]
fn the_first_start_writes_the_whole_pack_and_a_second_changes_nothing() {
    let data = tempfile::tempdir().unwrap();
    let first = own_copy(data.path()).unwrap();
    assert_eq!(first.folder, data.path().join("scenarios"));
    assert_eq!(first.added.len(), Bundle::Scenarios.file_count());
    assert_eq!(
        std::fs::read(first.folder.join(SCENARIO)).unwrap(),
        built_in(SCENARIO)
    );
    let written = std::fs::metadata(manifest(data.path()))
        .unwrap()
        .modified()
        .unwrap();
    let second = own_copy(data.path()).unwrap();
    assert!(second.added.is_empty() && second.updated.is_empty() && second.kept.is_empty());
    assert_eq!(
        std::fs::metadata(manifest(data.path()))
            .unwrap()
            .modified()
            .unwrap(),
        written,
        "nothing to do writes nothing"
    );
}

#[test]
fn a_file_the_trainer_changed_or_deleted_or_added_is_kept_as_they_left_it() {
    let data = tempfile::tempdir().unwrap();
    let folder = own_copy(data.path()).unwrap().folder;
    let mine = b"// my version\n".to_vec();
    std::fs::write(folder.join(SCENARIO), &mine).unwrap();
    std::fs::remove_file(folder.join(OTHER)).unwrap();
    std::fs::write(folder.join("in-store/my-own.scenario.ron"), "(mine)").unwrap();
    let again = own_copy(data.path()).unwrap();
    assert_eq!(again.kept, vec![PathBuf::from(SCENARIO)]);
    assert!(again.added.is_empty(), "{:?}", again.added);
    assert_eq!(std::fs::read(folder.join(SCENARIO)).unwrap(), mine);
    assert!(!folder.join(OTHER).exists(), "a deleted file stays deleted");
    assert_eq!(
        std::fs::read_to_string(folder.join("in-store/my-own.scenario.ron")).unwrap(),
        "(mine)"
    );
}

#[test]
fn an_untouched_file_follows_a_new_version_and_an_edited_one_does_not() {
    let data = tempfile::tempdir().unwrap();
    let folder = own_copy(data.path()).unwrap().folder;
    // What an older version wrote: the files as they were then, and the manifest saying so.
    let old = b"(old version of the pack)".to_vec();
    let old_hash = blake3::hash(&old).to_hex().to_string();
    let text = std::fs::read_to_string(manifest(data.path())).unwrap();
    let text: String = text
        .lines()
        .map(|line| {
            let (hash, path) = line.split_once("  ").unwrap();
            let hash = if path == SCENARIO || path == OTHER {
                old_hash.as_str()
            } else {
                hash
            };
            format!("{hash}  {path}\n")
        })
        .collect();
    std::fs::write(manifest(data.path()), text).unwrap();
    std::fs::write(folder.join(SCENARIO), &old).unwrap();
    let edited = b"(old version, edited by the trainer)".to_vec();
    std::fs::write(folder.join(OTHER), &edited).unwrap();
    let upgraded = own_copy(data.path()).unwrap();
    assert_eq!(upgraded.updated, vec![PathBuf::from(SCENARIO)]);
    assert_eq!(upgraded.kept, vec![PathBuf::from(OTHER)]);
    assert_eq!(
        std::fs::read(folder.join(SCENARIO)).unwrap(),
        built_in(SCENARIO)
    );
    assert_eq!(std::fs::read(folder.join(OTHER)).unwrap(), edited);
}

#[test]
fn a_lost_manifest_only_means_missing_files_come_back() {
    let data = tempfile::tempdir().unwrap();
    let folder = own_copy(data.path()).unwrap().folder;
    std::fs::remove_file(folder.join(OTHER)).unwrap();
    std::fs::write(manifest(data.path()), "garbled\n").unwrap();
    let again = own_copy(data.path()).unwrap();
    assert_eq!(again.added, vec![PathBuf::from(OTHER)]);
    assert!(again.kept.is_empty(), "{:?}", again.kept);
}

#[test]
fn a_data_folder_that_cannot_be_written_is_an_error_that_says_how_to_go_on() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").unwrap();
    let err = own_copy(&file).unwrap_err().to_string();
    assert!(
        err.contains("cannot unpack the built-in scenarios"),
        "{err}"
    );
    assert!(err.contains("--scenarios"), "{err}");
}
