//! The built-in pack unpacks to a folder that holds every scenario and sprite of the checkout,
//! once per version, and a folder a trainer names wins over it. The trainer's own copy of the
//! scenarios keeps their edits and deletions across new versions (tests/own_copy.rs).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use std::path::{Path, PathBuf};

use care_pack::{Bundle, scenario_folder, unpack_into};

fn checkout(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(name)
}

fn files(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_path_buf();
                out.push((rel, std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn the_unpacked_pack_is_the_checkouts_scenarios_and_art_byte_for_byte() {
    let cache = tempfile::tempdir().unwrap();
    for bundle in [Bundle::Scenarios, Bundle::Assets] {
        let unpacked = unpack_into(bundle, cache.path()).unwrap();
        let got = files(&unpacked);
        assert_eq!(got, files(&checkout(bundle.name())), "{bundle:?}");
        assert_eq!(got.len(), bundle.file_count());
    }
    assert!(
        files(&unpack_into(Bundle::Scenarios, cache.path()).unwrap())
            .iter()
            .any(|(p, _)| p.ends_with("nobody-said-hello.scenario.ron"))
    );
}

#[test]
fn unpacking_twice_reuses_the_folder_and_leaves_no_staging_behind() {
    let cache = tempfile::tempdir().unwrap();
    let first = unpack_into(Bundle::Scenarios, cache.path()).unwrap();
    let marker = first.join("touched-by-a-trainer.txt");
    std::fs::write(&marker, "kept").unwrap();
    let second = unpack_into(Bundle::Scenarios, cache.path()).unwrap();
    assert_eq!(first, second);
    assert!(marker.exists(), "an unpacked copy is not rewritten");
    let entries: Vec<_> = std::fs::read_dir(cache.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(entries.len(), 1, "{entries:?}");
}

#[test]
fn a_cache_that_cannot_be_written_is_an_error_that_says_how_to_go_on() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").unwrap();
    let err = unpack_into(Bundle::Assets, &file).unwrap_err().to_string();
    assert!(err.contains("cannot unpack the built-in assets"), "{err}");
    assert!(err.contains("--scenarios"), "{err}");
}

#[test]
fn a_named_folder_wins_over_the_built_in_pack() {
    let data = tempfile::tempdir().unwrap();
    let named = Path::new("/somewhere/the/trainer/chose");
    assert_eq!(scenario_folder(Some(named), data.path()).unwrap(), named);
    assert_eq!(
        std::fs::read_dir(data.path()).unwrap().count(),
        0,
        "the data folder is not touched"
    );
}
