//! Helpers shared by the command tests: running `care` in-process, and where the shipped
//! scenarios are.

#![allow(
    dead_code,
    reason = "each test file uses a different part of this helper"
)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use care_cli::{Cli, Io};
use clap::Parser;

/// Runs `care ARGS…` from this crate's folder; returns (exit code, stdout, stderr).
pub fn care(args: &[&str]) -> (i32, String, String) {
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

pub const SCENARIOS: &str = "../../scenarios";
