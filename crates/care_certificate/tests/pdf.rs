//! The certificate opens as a PDF and holds the trainee's name and the curriculum, read back
//! with a real text extractor (`pdftotext`, from poppler-utils; `.ci/run` installs it).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use std::process::Command;

use care_certificate::{Certificate, certificate_pdf};

#[test]
fn the_certificate_holds_the_name_and_the_curriculum() {
    let c = Certificate {
        name: "Nikolai García".into(),
        team: "Downtown store".into(),
        curriculum: "First day on the floor".into(),
        completed: "23 November 2026".into(),
        steps: vec![
            ("Nobody said hello".into(), "passed with 92".into()),
            ("Saturday on the shop floor".into(), "triage 80".into()),
        ],
    };
    let bytes = certificate_pdf(&c).expect("a PDF");
    assert!(bytes.starts_with(b"%PDF-"));
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("certificate.pdf");
    std::fs::write(&file, &bytes).expect("write");
    let out = Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .unwrap_or_else(|e| {
            panic!("pdftotext runs ({e})\n  hint: install poppler-utils (Debian: apt-get install poppler-utils)")
        });
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for expected in [
        "Nikolai García",
        "First day on the floor",
        "Certificate of completion",
        "23 November 2026",
        "Nobody said hello: passed with 92",
    ] {
        assert!(text.contains(expected), "{expected:?} in:\n{text}");
    }
}
