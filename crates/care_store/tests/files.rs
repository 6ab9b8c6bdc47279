//! Exports written for people to take away: owner-only, whole, never over another file, and
//! under a harmless name whatever the name they were given.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use std::io::Write;

use care_store::files::{safe_file_name, write_private, write_private_with};

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

#[test]
#[cfg(unix)]
fn an_export_is_readable_by_its_owner_only() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = write_private(dir.path(), "care-Ana.json", b"{}").expect("write");
    assert_eq!(file, dir.path().join("care-Ana.json"));
    assert_eq!(mode(&file), 0o600, "{}", file.display());
    assert_eq!(std::fs::read(&file).expect("read"), b"{}");
}

#[test]
fn an_existing_file_is_never_overwritten() {
    let dir = tempfile::tempdir().expect("tmp");
    let taken = dir.path().join("report.csv");
    std::fs::write(&taken, "the manager's own notes").expect("write");
    let second = write_private(dir.path(), "report.csv", b"a").expect("write");
    let third = write_private(dir.path(), "report.csv", b"b").expect("write");
    assert_eq!(second, dir.path().join("report-2.csv"));
    assert_eq!(third, dir.path().join("report-3.csv"));
    assert_eq!(
        std::fs::read_to_string(&taken).expect("read"),
        "the manager's own notes"
    );
    assert_eq!(std::fs::read(&third).expect("read"), b"b");
}

#[test]
#[cfg(unix)]
fn a_planted_link_is_not_followed() {
    let dir = tempfile::tempdir().expect("tmp");
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "keep me").expect("write");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    std::os::unix::fs::symlink(&victim, out.join("report.csv")).expect("link");
    let written = write_private(&out, "report.csv", b"report").expect("write");
    assert_eq!(written, out.join("report-2.csv"));
    assert_eq!(std::fs::read_to_string(&victim).expect("read"), "keep me");
}

#[test]
fn a_hostile_name_stays_inside_the_folder_and_harmless() {
    let dir = tempfile::tempdir().expect("tmp");
    let inner = dir.path().join("a/b");
    for (name, expected) in [
        ("../../etc/x", "etc-x"),
        ("=cmd|' /C calc'!A0", "cmd-C-calc-A0"),
        ("..", "file"),
    ] {
        let file = write_private(&inner, name, b"x").expect("write");
        assert_eq!(file, inner.join(expected), "{name}");
        assert_eq!(safe_file_name(name), expected);
    }
    let outside: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(outside, ["a"], "nothing written beside the folder");
}

#[test]
fn a_failed_export_leaves_nothing_behind() {
    let dir = tempfile::tempdir().expect("tmp");
    let result = write_private_with(dir.path(), "half.csv", |file| {
        file.write_all(b"first half")?;
        Err::<(), _>(std::io::Error::other("the store went away"))
    });
    assert!(result.is_err());
    assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 0);
}
