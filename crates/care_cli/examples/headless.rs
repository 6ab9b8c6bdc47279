//! The `care` command line without the game: `cargo run -p care_cli --example headless -- check`.
//! Handy while working on the rules, since it builds in seconds.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use clap::Parser;

fn main() {
    let cli = care_cli::Cli::parse();
    let Some(command) = cli.command else {
        eprintln!("this build has no game window; give a command (see --help)");
        std::process::exit(care_cli::EXIT_USAGE);
    };
    let (mut out, mut err) = (std::io::stdout(), std::io::stderr());
    let mut io = care_cli::Io {
        out: &mut out,
        err: &mut err,
        color: false,
    };
    std::process::exit(care_cli::run(command, &cli.game, &mut io));
}
