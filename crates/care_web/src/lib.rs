//! CARE's manager reports in a browser (`care serve`): read-only pages over the progress store,
//! behind the manager passphrase, with the same queries as the game's manager area so the
//! numbers match. HTML comes from compile-time checked templates (maud) that escape every value;
//! charts are SVG drawn on the server; nothing is fetched from elsewhere.

mod auth;
mod blocking;
mod chart;
mod error;
mod layout;
mod library;
mod pages;
mod replay;
mod server;
mod session;
mod team_query;

pub use error::WebError;
pub use library::Library;
pub use server::{RunningServer, ServeOptions, start};
pub use session::SessionLimits;
