//! The `care` binary: headless commands when one is given, otherwise the game window.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = care_cli::Cli::parse();
    match cli.command {
        Some(command) => {
            let (mut out, mut err) = (std::io::stdout(), std::io::stderr());
            let color = std::io::IsTerminal::is_terminal(&std::io::stdout());
            let mut io = care_cli::Io {
                out: &mut out,
                err: &mut err,
                color,
            };
            let code = care_cli::run(command, &cli.game, &mut io);
            ExitCode::from(u8::try_from(code).unwrap_or(1))
        }
        None => care::run_game(&cli.game),
    }
}
