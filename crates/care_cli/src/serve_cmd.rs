//! `care serve`: the manager's reports in a browser, from the same store as the stations.

use std::net::SocketAddr;

use care_store::Store;
use care_web::{Library, ServeOptions, SessionLimits};
use clap::Args;

use crate::{CliError, EXIT_OK, GameArgs, Io};

// `care serve`'s options; its help is the command's, in `lib.rs`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on. The default answers this computer only.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    /// Mark the sign-in cookie Secure (for pages served over HTTPS by a reverse proxy).
    #[arg(long)]
    pub secure_cookies: bool,
}

pub fn run(a: &ServeArgs, game: &GameArgs, io: &mut Io<'_>) -> Result<i32, CliError> {
    let location = game.store_location();
    let store = Store::open(&location)?;
    // The curricula's steps for the onboarding page, and the customers' words at a beat.
    let library = Library::load(&game.scenario_folder()?);
    let server = care_web::start(
        store,
        ServeOptions {
            bind: a.bind,
            secure_cookies: a.secure_cookies,
            sessions: SessionLimits::default(),
            library,
        },
    )
    .map_err(|e| CliError::Failed(e.to_string()))?;
    writeln!(
        io.out,
        "Serving the manager's reports from {location} at http://{}/ (Ctrl-C stops).",
        server.addr()
    )?;
    if !server.addr().ip().is_loopback() {
        writeln!(
            io.err,
            "note: {} is reachable from other computers over plain HTTP; put it behind HTTPS (a reverse proxy)",
            server.addr()
        )?;
    }
    io.out.flush()?;
    server.wait().map_err(|e| CliError::Failed(e.to_string()))?;
    Ok(EXIT_OK)
}
