//! Every scenario shipped in `scenarios/` loads with no error or warning, and has a playthroughs
//! file whose exemplary and failure paths score the way the scenario teaches.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use care_engine::load::{LoadOptions, load_paths};
use care_engine::script::{Expect, Playthroughs, check_case};

fn scenarios_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios")
}

fn render_all(report: &care_engine::LoadReport) -> String {
    report
        .diagnostics
        .iter()
        .map(|d| {
            care_engine::report::render(
                d,
                report.sources.get(&d.file).map(String::as_str),
                Default::default(),
            )
        })
        .collect()
}

#[test]
fn every_shipped_scenario_is_clean() {
    let report = load_paths(&[scenarios_dir()], LoadOptions::linted());
    assert!(report.files > 0, "no scenarios found");
    assert!(
        report.diagnostics.is_empty(),
        "problems in shipped scenarios:\n{}",
        render_all(&report)
    );
    assert_eq!(report.scenarios.len(), report.files);
}

#[test]
fn every_scenario_has_playthroughs_that_teach_its_lesson() {
    let report = load_paths(&[scenarios_dir()], LoadOptions::default());
    let mut failures = Vec::new();
    for loaded in &report.scenarios {
        let file = PathBuf::from(&loaded.file);
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let plays = file.with_file_name(name.replace(".scenario.ron", ".playthroughs.ron"));
        let text = match std::fs::read_to_string(&plays) {
            Ok(t) => t,
            Err(_) => {
                failures.push(format!(
                    "{}: no playthroughs file {}",
                    loaded.scenario.id,
                    plays.display()
                ));
                continue;
            }
        };
        let p: Playthroughs = care_engine::load::ron_options()
            .from_str(&text)
            .unwrap_or_else(|e| panic!("{}: {e}", plays.display()));
        assert_eq!(
            loaded.scenario.id,
            p.scenario,
            "{} names the wrong scenario",
            plays.display()
        );
        let passes = p
            .cases
            .iter()
            .filter(|c| matches!(c.expect, Expect::Pass { min } if min >= 80))
            .count();
        let fails = p
            .cases
            .iter()
            .filter(|c| matches!(&c.expect, Expect::Fail(d) if !d.is_empty()))
            .count();
        if passes < 1 || fails < 2 {
            failures.push(format!("{}: needs an exemplary path passing at 80+ and two failure paths naming the dimension they fail", p.scenario));
        }
        for case in &p.cases {
            if let Err(e) = check_case(&Arc::clone(&loaded.scenario), p.seed, case) {
                failures.push(format!("{} / {}: {e}", p.scenario, case.name));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
