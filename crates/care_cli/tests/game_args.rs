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
    let cli = Cli::try_parse_from(["care", "--scenarios", "my-pack"]).unwrap();
    assert_eq!(
        cli.game.scenario_folder().unwrap(),
        std::path::Path::new("my-pack")
    );
    assert_eq!(
        cli.game.writable_scenario_folder(),
        std::path::Path::new("my-pack")
    );
    let cli = Cli::try_parse_from(["care"]).unwrap();
    assert_eq!(
        cli.game.writable_scenario_folder(),
        std::path::Path::new("scenarios"),
        "new scenarios never go into the unpacked built-in pack"
    );
}
