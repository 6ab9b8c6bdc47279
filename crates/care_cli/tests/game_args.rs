//! The game's own options: the window size is read from WIDTHxHEIGHT and a bad one is refused
//! with a message that says what to write; no --scenarios means the built-in pack may be used.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use care_cli::Cli;
use clap::Parser;

#[test]
fn the_window_size_is_read_and_a_bad_one_says_how_to_write_it() {
    let cli = Cli::try_parse_from(["care", "--window-size", "1920x1080"]).unwrap();
    assert_eq!(cli.game.window_size, Some((1920, 1080)));
    let cli = Cli::try_parse_from(["care"]).unwrap();
    assert_eq!(cli.game.window_size, None, "the default is the game's own");
    for (bad, says) in [
        ("1920", "WIDTHxHEIGHT"),
        ("wide x 1080", "not a whole number"),
        ("100x100", "outside 640x480"),
    ] {
        let err = Cli::try_parse_from(["care", "--window-size", bad])
            .unwrap_err()
            .to_string();
        assert!(err.contains(says), "{bad}: {err}");
    }
}

#[test]
fn a_named_scenarios_folder_is_used_as_given_and_new_scenarios_go_there() {
    let data = tempfile::tempdir().unwrap();
    let data_dir = data.path().to_str().unwrap();
    let cli =
        Cli::try_parse_from(["care", "--scenarios", "my-pack", "--data-dir", data_dir]).unwrap();
    assert_eq!(
        cli.game.scenario_folder().unwrap(),
        std::path::Path::new("my-pack")
    );
    assert!(
        !data.path().join("scenarios").exists(),
        "a named folder leaves the data folder alone"
    );
}

#[test]
fn without_a_folder_care_new_writes_into_the_trainers_own_copy_that_the_game_reads() {
    let data = tempfile::tempdir().unwrap();
    let data_dir = data.path().to_str().unwrap();
    let cli = Cli::try_parse_from(["care", "--data-dir", data_dir]).unwrap();
    let folder = cli.game.scenario_folder().unwrap();
    // The test runs in the crate's folder, which has no `scenarios` of its own.
    assert_eq!(folder, data.path().join("scenarios"));
    assert!(
        folder
            .join("in-store/nobody-said-hello.scenario.ron")
            .is_file(),
        "the starter pack is there to play and edit"
    );
    let cli = Cli::try_parse_from([
        "care",
        "--data-dir",
        data_dir,
        "new",
        "late-delivery",
        "--channel",
        "email",
    ])
    .unwrap();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut io = care_cli::Io {
        out: &mut out,
        err: &mut err,
        color: false,
    };
    let code = care_cli::run(cli.command.unwrap(), &cli.game, &mut io);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
    assert!(
        folder.join("late-delivery.scenario.ron").is_file(),
        "{}",
        String::from_utf8_lossy(&out)
    );
}
