//! The complete example in docs/scenario-format.md is a valid scenario, so the docs cannot drift.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use care_engine::load::{LoadOptions, load_bytes};

#[test]
fn the_documented_example_loads() {
    let doc = include_str!("../../../docs/scenario-format.md");
    let start = doc.find("## A complete example").expect("section exists");
    let block = &doc[start..];
    let code = block
        .split("```ron\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("a ron block");
    let out = load_bytes(
        "docs/scenario-format.md",
        code.as_bytes(),
        LoadOptions::linted(),
    );
    assert!(out.diagnostics.is_empty(), "{:#?}", out.diagnostics);
    let s = out.scenario.expect("loads");
    assert_eq!(s.id, "late-parcel");
    assert_eq!(s.beats.len(), 5);
}
