//! The headless commands as a trainer or CI uses them: the argument parser and help, `check`
//! (of scenarios and shifts, once or watching), `catalog`, `new` and `graph`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod commands_support;

use care_cli::{Cli, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, Io};
use clap::{CommandFactory, Parser};
use commands_support::{SCENARIOS, care};

#[test]
fn the_argument_parser_is_consistent() {
    Cli::command().debug_assert();
}

#[test]
fn help_explains_every_command() {
    let help = Cli::command().render_long_help().to_string();
    for cmd in ["check", "play", "analyze"] {
        assert!(help.contains(cmd), "{help}");
    }
    let e = Cli::try_parse_from(["care", "chek"]).unwrap_err();
    assert_eq!(e.exit_code(), EXIT_USAGE);
    assert!(
        e.to_string().contains("check"),
        "suggests the right command: {e}"
    );
}

#[test]
fn check_is_clean_on_the_shipped_scenarios() {
    let (code, out, err) = care(&["check", SCENARIOS]);
    assert_eq!(code, EXIT_OK, "{out}{err}");
    assert!(err.contains("0 errors, 0 warnings"), "{err}");
}

#[test]
fn check_reports_errors_with_location_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("typo.scenario.ron");
    let good = std::fs::read_to_string(format!(
        "{SCENARIOS}/in-store/nobody-said-hello.scenario.ron"
    ))
    .unwrap();
    let broken = good.replacen("next: \"explains\"", "next: \"explain\"", 1);
    let line_no = broken
        .lines()
        .position(|l| l.contains("\"explain\""))
        .unwrap()
        + 1;
    std::fs::write(&file, broken).unwrap();
    let (code, out, _) = care(&["check", file.to_str().unwrap()]);
    assert_eq!(code, EXIT_PROBLEMS);
    assert!(out.contains("care::unknown-beat"), "{out}");
    assert!(
        out.contains(&format!("typo.scenario.ron:{line_no}:27]")),
        "{out}"
    );
    assert!(out.contains("did you mean `explains`?"), "{out}");

    let (code, out, _) = care(&["check", "--format", "json", file.to_str().unwrap()]);
    assert_eq!(code, EXIT_PROBLEMS);
    let first: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(first["code"], "care::unknown-beat");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["line"], line_no);
}

#[test]
fn check_of_a_missing_path_says_so() {
    let (code, out, _) = care(&["check", "no/such/folder"]);
    assert_eq!(code, EXIT_PROBLEMS);
    assert!(out.contains("no such file or folder"), "{out}");
}

#[test]
fn the_scenarios_readme_is_up_to_date() {
    let (code, _, err) = care(&["catalog", SCENARIOS, "--check"]);
    assert_eq!(code, EXIT_OK, "{err}");
}

#[test]
fn new_writes_a_clean_scenario_for_every_channel() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    for channel in [
        "in-store",
        "phone",
        "email",
        "live-chat",
        "social-post",
        "direct-message",
        "review-site",
    ] {
        let name = format!("try-{channel}");
        let (code, out, err) = care(&["new", &name, "--channel", channel, "--dir", d]);
        assert_eq!(code, EXIT_OK, "{err}");
        assert!(out.contains("wrote"), "{out}");
    }
    let (code, out, err) = care(&["check", d]);
    assert_eq!(code, EXIT_OK, "{out}");
    assert!(
        err.contains("7 scenarios ready, 0 errors, 0 warnings"),
        "{err}"
    );
    let (code, _, err) = care(&["new", "try-phone", "--channel", "phone", "--dir", d]);
    assert_eq!(code, EXIT_USAGE, "{err}");
    assert!(err.contains("already exists"));
}

#[test]
fn graph_draws_every_beat_answer_and_ending() {
    let (code, dot, _) = care(&["--scenarios", SCENARIOS, "graph", "nobody-said-hello"]);
    assert_eq!(code, EXIT_OK);
    insta::assert_snapshot!("graph_dot", dot);
    let (code, mermaid, _) = care(&[
        "--scenarios",
        SCENARIOS,
        "graph",
        "nobody-said-hello",
        "--format",
        "mermaid",
    ]);
    assert_eq!(code, EXIT_OK);
    assert!(mermaid.starts_with("flowchart LR"), "{mermaid}");
    assert!(
        mermaid.contains("b_enters -->|\"no answer (S-30 E-15)\"| b_drifts"),
        "{mermaid}"
    );
}

#[test]
fn check_watch_checks_again_when_a_file_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.scenario.ron");
    let good = std::fs::read_to_string(format!(
        "{SCENARIOS}/in-store/nobody-said-hello.scenario.ron"
    ))
    .unwrap();
    std::fs::write(&file, &good).unwrap();
    let broken = good.replacen("next: \"explains\"", "next: \"explain\"", 1);
    let writer = {
        let file = file.clone();
        std::thread::spawn(move || {
            // Give the watcher time to start and check once (generously: a loaded machine is
            // slow to start it), then save a mistake.
            std::thread::sleep(std::time::Duration::from_millis(4000));
            std::fs::write(&file, broken).unwrap();
        })
    };
    let cli =
        Cli::try_parse_from(["care", "check", "--watch", dir.path().to_str().unwrap()]).unwrap();
    let Some(care_cli::Command::Check(args)) = cli.command else {
        panic!("a check command")
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut io = Io {
        out: &mut out,
        err: &mut err,
        color: false,
    };
    care_cli::watch_rounds(&args, &mut io, 2).unwrap();
    writer.join().unwrap();
    let (out, err) = (
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    );
    assert!(err.contains("1 scenario ready, 0 errors"), "{err}\n{out}");
    assert!(err.contains("checking again"), "{err}");
    assert!(
        out.contains("did you mean `explains`?"),
        "out: {out}\nerr: {err}"
    );
}

#[test]
fn check_also_validates_the_shifts() {
    let (code, out, err) = care(&["check", SCENARIOS]);
    assert_eq!(code, EXIT_OK, "{out}{err}");
    assert!(err.contains("3 shifts ready, 4 curricula ready"), "{err}");

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.shift.ron");
    std::fs::write(
        &file,
        r#"Shift(
    id: "broken",
    title: "Broken",
    summary: "",
    lesson: "Triage.",
    starts: (day: Friday, time: "16:45"),
    customers: [
        (scenario: "pause-the-promotion", arrives: At(0)),
    ],
)"#,
    )
    .unwrap();
    let shifts_and_scenarios = dir.path().to_str().unwrap();
    std::fs::copy(
        format!("{SCENARIOS}/social/pause-the-promotions.scenario.ron"),
        dir.path().join("pause-the-promotions.scenario.ron"),
    )
    .unwrap();
    let (code, out, _) = care(&["check", shifts_and_scenarios]);
    assert_eq!(code, EXIT_PROBLEMS);
    assert!(
        out.contains("broken.shift.ron:8:"),
        "file:line of the scenario: {out}"
    );
    assert!(
        out.contains("did you mean `pause-the-promotions`?"),
        "{out}"
    );
}
