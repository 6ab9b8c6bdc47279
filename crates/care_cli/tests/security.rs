//! Who may see what, from the command line: setting and changing the manager passphrase,
//! reports that cannot run formulas and are private to whoever wrote them, and new scenario
//! files that stay in their folder.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use std::path::{Path, PathBuf};

use care_cli::{Cli, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, Io};
use care_store::{Store, StoreLocation};
use clap::Parser;

const SCENARIOS: &str = "../../scenarios";

/// Runs `care ARGS…` with `answers` as what is typed at the terminal; (exit code, out, err).
fn care_typing(args: &[&str], answers: &str) -> (i32, String, String) {
    let cli = Cli::try_parse_from(std::iter::once("care").chain(args.iter().copied()))
        .expect("valid arguments");
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut typed = answers.as_bytes();
    let code = {
        let mut io = Io {
            out: &mut out,
            err: &mut err,
            color: false,
        };
        care_cli::run_answering(
            cli.command.expect("a command"),
            &cli.game,
            &mut io,
            Some(&mut typed),
        )
    };
    (
        code,
        String::from_utf8(out).expect("utf-8"),
        String::from_utf8(err).expect("utf-8"),
    )
}

fn store_in(dir: &Path) -> Store {
    Store::open(&StoreLocation::in_dir(dir)).expect("the store opens")
}

fn opens_with(dir: &Path, passphrase: &str) -> bool {
    store_in(dir).unlock_manager(passphrase).is_ok()
}

#[test]
fn the_manager_passphrase_is_set_asked_twice_then_changed_with_the_current_one() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().to_str().expect("utf-8");
    let (code, out, err) = care_typing(
        &["--data-dir", data, "manager-passphrase"],
        "first passphrase\nfirst passphrase\n",
    );
    assert_eq!(code, EXIT_OK, "{err}");
    assert!(out.contains("Set the manager passphrase of"), "{out}");
    assert!(err.contains("New manager passphrase: "), "{err}");
    assert!(!out.contains("first passphrase") && !err.contains("first passphrase"));
    assert!(opens_with(dir.path(), "first passphrase"));

    let (code, out, err) = care_typing(
        &["--data-dir", data, "manager-passphrase"],
        "first passphrase\nsecond passphrase\nsecond passphrase\n",
    );
    assert_eq!(code, EXIT_OK, "{err}");
    assert!(out.contains("Changed the manager passphrase"), "{out}");
    assert!(err.contains("Current manager passphrase: "), "{err}");
    assert!(opens_with(dir.path(), "second passphrase"));

    let (code, _, err) = care_typing(
        &["--data-dir", data, "manager-passphrase"],
        "second passphrase\nthird passphrase\nthird passfrase\n",
    );
    assert_eq!(code, EXIT_USAGE);
    assert!(
        err.contains("the two passphrases differ; nothing was changed"),
        "{err}"
    );

    let (code, _, err) = care_typing(
        &["--data-dir", data, "manager-passphrase"],
        "second passphrase\nshort\n",
    );
    assert_eq!(code, EXIT_USAGE);
    assert!(err.contains("use at least 8 characters"), "{err}");
    assert!(
        opens_with(dir.path(), "second passphrase"),
        "nothing changed"
    );
}

#[test]
fn the_manager_passphrase_can_come_from_files_and_a_wrong_current_one_changes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().to_str().expect("utf-8");
    let write = |name: &str, text: &str| -> PathBuf {
        let file = dir.path().join(name);
        std::fs::write(&file, text).expect("write");
        file
    };
    let new = write("new.txt", "from a file\nignored second line\n");
    let short = write("short.txt", "tiny\n");
    let wrong = write("wrong.txt", "not the passphrase\n");
    let new = new.to_str().expect("utf-8");

    let (code, _, err) = care_typing(
        &[
            "--data-dir",
            data,
            "manager-passphrase",
            "--passphrase-file",
            short.to_str().expect("utf-8"),
        ],
        "",
    );
    assert_eq!(code, EXIT_USAGE);
    assert!(
        err.contains("short.txt is too short: use at least 8 characters"),
        "{err}"
    );

    let (code, out, err) = care_typing(
        &[
            "--data-dir",
            data,
            "manager-passphrase",
            "--passphrase-file",
            new,
        ],
        "",
    );
    assert_eq!(code, EXIT_OK, "{err}");
    assert!(out.contains("Set the manager passphrase"), "{out}");
    assert!(opens_with(dir.path(), "from a file"));

    let change = [
        "--data-dir",
        data,
        "manager-passphrase",
        "--passphrase-file",
        new,
        "--current-file",
        wrong.to_str().expect("utf-8"),
    ];
    let (code, _, err) = care_typing(&change, "");
    assert_eq!(code, EXIT_PROBLEMS);
    assert!(
        err.contains("the current passphrase is wrong; nothing was changed"),
        "{err}"
    );
    let (code, _, err) = care_typing(&change, "");
    assert_eq!(code, EXIT_PROBLEMS);
    assert!(
        err.contains("too many wrong passphrases were tried"),
        "{err}"
    );
    assert!(err.contains("hint: wait"), "{err}");

    let missing = dir.path().join("missing.txt");
    let (code, _, err) = care_typing(
        &[
            "--data-dir",
            data,
            "manager-passphrase",
            "--passphrase-file",
            missing.to_str().expect("utf-8"),
        ],
        "",
    );
    assert_eq!(code, EXIT_USAGE, "{err}");
}

/// A store whose only employee is called `name`, with one finished attempt, and its manager
/// passphrase in a file; returns the passphrase file.
fn store_with_one_attempt_by(dir: &Path, name: &str, team: &str) -> PathBuf {
    let store = store_in(dir);
    store
        .set_manager_passphrase("manager passphrase")
        .expect("set");
    let who = store.add_employee(name, team).expect("add");
    let root = PathBuf::from(SCENARIOS);
    let report = care_engine::load_paths(std::slice::from_ref(&root), Default::default());
    let scenario = report
        .scenarios
        .iter()
        .find(|l| l.scenario.id == "transferred-again")
        .expect("shipped")
        .scenario
        .clone();
    let (_, plays) =
        care_engine::script::Playthroughs::find(&root, "transferred-again").expect("playthroughs");
    let run =
        care_engine::script::play(&scenario, plays.seed, &plays.cases[0].answers).expect("plays");
    let transcript = run.into_transcript();
    let card = care_engine::scoring::score(&scenario.scoring, &transcript);
    let at = care_store::Timestamp::parse("2026-10-01").expect("date");
    let attempt = care_store::NewAttempt::finished(
        care_store::AttemptId::new(),
        who.id,
        &scenario,
        at.plus_ms(-60_000),
        at,
        transcript,
        card,
    );
    store
        .trainee(who.id)
        .expect("sign in")
        .record_attempt(&attempt)
        .expect("save");
    let pass = dir.join("pass.txt");
    std::fs::write(&pass, "manager passphrase\n").expect("write");
    pass
}

#[test]
fn a_formula_typed_as_a_name_comes_out_of_the_report_as_text() {
    let dir = tempfile::tempdir().expect("tmp");
    let pass = store_with_one_attempt_by(dir.path(), "=HYPERLINK(\"http://x\",\"y\")", "-Harbour");
    let (code, out, err) = care_typing(
        &[
            "--data-dir",
            dir.path().to_str().expect("utf-8"),
            "report",
            "--csv",
            "-",
            "--passphrase-file",
            pass.to_str().expect("utf-8"),
        ],
        "",
    );
    assert_eq!(code, EXIT_OK, "{err}");
    let line = out.lines().nth(1).expect("one attempt");
    assert!(
        line.starts_with("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'-Harbour,"),
        "{line}"
    );
}

#[test]
fn the_report_file_is_private_and_never_replaces_another() {
    let dir = tempfile::tempdir().expect("tmp");
    let pass = store_with_one_attempt_by(dir.path(), "Ana", "Harbour");
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).expect("mkdir");
    let target = out_dir.join("report.csv");
    std::fs::write(&target, "last week's report").expect("write");
    let (code, out, err) = care_typing(
        &[
            "--data-dir",
            dir.path().to_str().expect("utf-8"),
            "report",
            "--csv",
            target.to_str().expect("utf-8"),
            "--passphrase-file",
            pass.to_str().expect("utf-8"),
        ],
        "",
    );
    assert_eq!(code, EXIT_OK, "{err}");
    let written = out_dir.join("report-2.csv");
    assert!(
        out.contains(&format!("Wrote 1 attempts to {}", written.display())),
        "{out}"
    );
    assert_eq!(
        std::fs::read_to_string(&target).expect("read"),
        "last week's report"
    );
    assert!(
        std::fs::read_to_string(&written)
            .expect("read")
            .starts_with("employee,team,")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&written)
            .expect("meta")
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600, "only its owner may read the report");
    }
}

#[test]
fn the_report_asks_for_the_passphrase_when_there_is_no_file() {
    let dir = tempfile::tempdir().expect("tmp");
    store_with_one_attempt_by(dir.path(), "Ana", "Harbour");
    let (code, out, err) = care_typing(
        &[
            "--data-dir",
            dir.path().to_str().expect("utf-8"),
            "report",
            "--csv",
            "-",
        ],
        "manager passphrase\n",
    );
    assert_eq!(code, EXIT_OK, "{err}");
    assert!(err.contains("Manager passphrase: "), "{err}");
    assert_eq!(out.lines().count(), 2, "{out}");
}

#[test]
fn an_imported_id_cannot_leave_the_folder() {
    let dir = tempfile::tempdir().expect("tmp");
    let inner = dir.path().join("scenarios");
    for id in ["../x", "..", "a/b", "/tmp/x", ".hidden", "x\\y"] {
        let (code, _, err) = care_typing(
            &[
                "import-twine",
                "../../tests/fixtures/twine/returns-desk.twee",
                "--id",
                id,
                "--dir",
                inner.to_str().expect("utf-8"),
            ],
            "",
        );
        assert_eq!(code, EXIT_USAGE, "{id}: {err}");
        assert!(err.contains("--id: `"), "{id}: {err}");
        assert!(
            err.contains("cannot be a file name; use letters, digits and dashes"),
            "{err}"
        );
    }
    let left: Vec<_> = std::fs::read_dir(dir.path()).expect("list").collect();
    assert!(left.is_empty(), "nothing written anywhere: {left:?}");
}

#[test]
fn an_imported_story_named_oddly_gets_a_safe_id() {
    let dir = tempfile::tempdir().expect("tmp");
    let twee = dir.path().join("Returns Desk (v2)!.twee");
    std::fs::copy("../../tests/fixtures/twine/returns-desk.twee", &twee).expect("copy");
    let (code, out, err) = care_typing(
        &[
            "import-twine",
            twee.to_str().expect("utf-8"),
            "--dir",
            dir.path().to_str().expect("utf-8"),
        ],
        "",
    );
    assert_eq!(code, EXIT_OK, "{err}");
    assert!(
        dir.path().join("returns-desk-v2.scenario.ron").is_file(),
        "{out}"
    );
}

#[test]
#[cfg(unix)]
fn a_new_scenario_never_writes_through_a_planted_link() {
    let dir = tempfile::tempdir().expect("tmp");
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "keep me").expect("write");
    let folder = dir.path().join("scenarios");
    std::fs::create_dir(&folder).expect("mkdir");
    std::os::unix::fs::symlink(&victim, folder.join("late.scenario.ron")).expect("link");
    let (code, _, err) = care_typing(
        &[
            "new",
            "late",
            "--channel",
            "live-chat",
            "--dir",
            folder.to_str().expect("utf-8"),
        ],
        "",
    );
    assert_eq!(code, EXIT_USAGE, "{err}");
    assert!(err.contains("already exists; pick another name"), "{err}");
    assert_eq!(std::fs::read_to_string(&victim).expect("read"), "keep me");

    let (code, _, err) = care_typing(
        &[
            "new",
            "../late",
            "--channel",
            "live-chat",
            "--dir",
            folder.to_str().expect("utf-8"),
        ],
        "",
    );
    assert_eq!(code, EXIT_USAGE);
    assert!(err.contains("cannot be a file name"), "{err}");
}
