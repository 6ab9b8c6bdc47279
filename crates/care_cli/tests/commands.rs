//! The headless commands as a trainer or CI uses them: output, formats and exit codes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use care_cli::{Cli, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, Io};
use clap::{CommandFactory, Parser};

/// Runs `care ARGS…` from this crate's folder; returns (exit code, stdout, stderr).
fn care(args: &[&str]) -> (i32, String, String) {
    let cli = Cli::try_parse_from(std::iter::once("care").chain(args.iter().copied()))
        .expect("valid arguments");
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = {
        let mut io = Io {
            out: &mut out,
            err: &mut err,
            color: false,
        };
        care_cli::run(cli.command.expect("a command"), &cli.game, &mut io)
    };
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

const SCENARIOS: &str = "../../scenarios";

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
fn play_with_answers_prints_transcript_and_explained_scores() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("a.ron");
    std::fs::write(&answers, "[Wait, Wait]").unwrap();
    let (code, out, err) = care(&[
        "--scenarios",
        SCENARIOS,
        "play",
        "nobody-said-hello",
        "--answers",
        answers.to_str().unwrap(),
    ]);
    assert_eq!(code, EXIT_OK, "{err}");
    assert!(out.contains("You said nothing (30 s)."), "{out}");
    assert!(out.contains("NOT PASSED"), "{out}");
    assert!(out.contains("-20  #3   No answer for 30 s"), "{out}");

    let (code, out, _) = care(&[
        "--scenarios",
        SCENARIOS,
        "play",
        "nobody-said-hello",
        "--answers",
        answers.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code, EXIT_OK);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["scores"]["passed"], false);
    assert_eq!(v["transcript"]["scenario_id"], "nobody-said-hello");
}

#[test]
fn play_rejects_answers_that_do_not_fit() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("a.ron");
    std::fs::write(&answers, "[Choose(7, 2)]").unwrap();
    let (code, _, err) = care(&[
        "--scenarios",
        SCENARIOS,
        "play",
        "nobody-said-hello",
        "--answers",
        answers.to_str().unwrap(),
    ]);
    assert_eq!(code, EXIT_PROBLEMS);
    assert!(
        err.contains("answer 1: choice 7 is not offered here: there are 3 choices"),
        "{err}"
    );

    std::fs::write(&answers, "[Choose(1, 2)]").unwrap();
    let (code, _, err) = care(&[
        "--scenarios",
        SCENARIOS,
        "play",
        "nobody-said-hello",
        "--answers",
        answers.to_str().unwrap(),
    ]);
    assert_eq!(code, EXIT_PROBLEMS);
    assert!(
        err.contains("ran out before the scenario ended (at beat `explains`)"),
        "{err}"
    );
}

#[test]
fn an_unknown_scenario_is_a_usage_error_with_a_suggestion() {
    let (code, _, err) = care(&["--scenarios", SCENARIOS, "play", "nobody-said-helo"]);
    assert_eq!(code, EXIT_USAGE);
    assert!(err.contains("did you mean `nobody-said-hello`?"), "{err}");
}

#[test]
fn analyze_shows_best_and_worst_paths() {
    let (code, out, _) = care(&["--scenarios", SCENARIOS, "analyze", "nobody-said-hello"]);
    assert_eq!(code, EXIT_OK);
    assert!(out.contains("nobody-said-hello: 34 paths"), "{out}");
    assert!(out.contains("overall         best  97"), "{out}");
    let (_, md, _) = care(&[
        "--scenarios",
        SCENARIOS,
        "analyze",
        "nobody-said-hello",
        "--format",
        "markdown",
    ]);
    assert!(md.starts_with("## nobody-said-hello"), "{md}");
    let (_, json, _) = care(&[
        "--scenarios",
        SCENARIOS,
        "analyze",
        "nobody-said-hello",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v[0]["paths"].as_array().unwrap().len(), 34);
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
fn import_twine_writes_a_scenario_that_checks() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let (code, out, err) = care(&[
        "import-twine",
        "../../tests/fixtures/twine/returns-desk.twee",
        "--channel",
        "in-store",
        "--dir",
        d,
    ]);
    assert_eq!(code, EXIT_OK, "{err}");
    assert!(out.contains("(2 beats, 3 endings)"), "{out}");
    let (code, out, err) = care(&["check", "--no-lint", d]);
    assert_eq!(code, EXIT_OK, "{out}{err}");
}

#[test]
fn import_twine_reports_what_became_of_each_passage_and_link() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let (code, out, err) = care(&[
        "import-twine",
        "../../tests/fixtures/twine/sugarcube-hotel.twee",
        "--channel",
        "in-store",
        "--dir",
        d,
    ]);
    assert_eq!(code, EXIT_OK, "{err}");
    for expected in [
        "sugarcube-hotel.scenario.ron (5 beats, 13 endings)\n",
        "\nSugarCube 2.36.1 story: 14 passages → 4 beats and 10 endings; 19 links → 20 responses\n",
        "\nadded 1 beat for the links of passages with more than a beat offers\n",
        "\nadded 2 endings for missing passages, to write: `spa`, `pool`\n",
        "\nskipped 10 passages:\n  StoryTitle: story settings, read for the title and start\n",
        "\n  StoryMenu: shown around every passage (menu, caption, header), not a scene\n",
        "\n  Widgets: tagged `widget`: macro definitions, not a scene\n",
        "\n  Analytics: tagged `script`: code, not a scene\n",
        "\n  Spa: no link leads to it from the start passage\n",
        "\n5 warnings:\n",
        "\n  passage `Directory` links to `spa`, which does not exist (did you mean `Spa`?); it became the ending `spa` to fill in\n",
        "\nnext: add scores and feedback",
    ] {
        assert!(out.contains(expected), "{expected}\n---\n{out}");
    }
    for (file, summary) in [
        (
            "harlowe-bakery.twee",
            "Harlowe 3.3.8 story: 6 passages → 3 beats and 3 endings; 10 links → 10 responses",
        ),
        (
            "chapbook-library.twee",
            "Chapbook 2.2.0 story: 6 passages → 3 beats and 3 endings; 8 links → 8 responses",
        ),
        (
            "snowman-outage.twee",
            "Snowman 2.0.2 story: 6 passages → 2 beats and 4 endings; 6 links → 6 responses",
        ),
    ] {
        let path = format!("../../tests/fixtures/twine/{file}");
        let (code, out, err) = care(&["import-twine", &path, "--channel", "phone", "--dir", d]);
        assert_eq!(code, EXIT_OK, "{err}");
        assert!(out.contains(summary), "{out}");
    }
    let (code, out, err) = care(&["check", d]);
    assert_eq!(code, EXIT_OK, "{out}{err}");
    assert!(err.contains("4 scenarios ready, 0 errors"), "{err}");
}

#[test]
fn demo_data_then_a_filtered_csv_report() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let (code, out, err) = care(&[
        "--scenarios",
        SCENARIOS,
        "--data-dir",
        data,
        "demo-data",
        "--employees",
        "6",
        "--attempts",
        "5",
    ]);
    assert_eq!(code, EXIT_OK, "{err}");
    assert!(
        out.contains("Added 6 employees and 30 attempts over 32 scenarios"),
        "{out}"
    );
    assert!(out.contains("first visit sets its passphrase"), "{out}");

    let store = care_store::Store::open(&care_store::StoreLocation::in_dir(dir.path())).unwrap();
    store.set_manager_passphrase("manager passphrase").unwrap();
    drop(store);
    let pass = dir.path().join("pass.txt");
    std::fs::write(&pass, "manager passphrase\n").unwrap();
    let csv = dir.path().join("out/report.csv");
    std::fs::create_dir_all(csv.parent().unwrap()).unwrap();
    let (code, out, err) = care(&[
        "--data-dir",
        data,
        "report",
        "--csv",
        csv.to_str().unwrap(),
        "--team",
        "Downtown store",
        "--passphrase-file",
        pass.to_str().unwrap(),
    ]);
    assert_eq!(code, EXIT_OK, "{err}");
    assert!(out.contains("Wrote 10 attempts"), "{out}");
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut lines = text.lines();
    assert!(lines.next().unwrap().starts_with("employee,team,"));
    assert_eq!(lines.clone().count(), 10);
    assert!(lines.all(|l| l.contains(",Downtown store,")), "{text}");

    std::fs::write(&pass, "not the passphrase\n").unwrap();
    let (code, _, err) = care(&[
        "--data-dir",
        data,
        "report",
        "--csv",
        "-",
        "--passphrase-file",
        pass.to_str().unwrap(),
    ]);
    assert_eq!(code, EXIT_PROBLEMS);
    assert!(err.contains("wrong passphrase"), "{err}");

    let (code, _, err) = care(&[
        "--data-dir",
        data,
        "report",
        "--csv",
        "-",
        "--since",
        "yesterday",
    ]);
    assert_eq!(code, EXIT_USAGE);
    assert!(err.contains("YYYY-MM-DD"), "{err}");
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

#[test]
fn play_shift_prints_the_timeline_and_triage() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("steps.ron");
    std::fs::write(
        &answers,
        "[(at: 5, customer: 1, answer: Choose(1)), (at: 14, customer: 1, answer: Choose(1))]",
    )
    .unwrap();
    let (code, out, err) = care(&[
        "--scenarios",
        SCENARIOS,
        "play",
        "--shift",
        "weekend-after-the-outage",
        "--answers",
        answers.to_str().unwrap(),
    ]);
    assert_eq!(code, EXIT_OK, "{out}{err}");
    assert!(out.contains("00:05  you answer Angry comments"), "{out}");
    assert!(out.contains("act on their own"), "{out}");
    assert!(out.contains("Triage "), "{out}");

    let (code, json, _) = care(&[
        "--scenarios",
        SCENARIOS,
        "play",
        "--shift",
        "weekend-after-the-outage",
        "--format",
        "json",
    ]);
    assert_eq!(code, EXIT_OK);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["triage_passed"], false, "nobody answering fails triage");
    assert_eq!(v["customers"].as_array().unwrap().len(), 3);

    let (code, _, err) = care(&[
        "--scenarios",
        SCENARIOS,
        "play",
        "--shift",
        "weekend-after-the-outag",
    ]);
    assert_eq!(code, EXIT_USAGE, "{err}");
    assert!(
        err.contains("did you mean `weekend-after-the-outage`?"),
        "{err}"
    );
}
