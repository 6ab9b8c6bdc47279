//! CARE's command line: the `care` binary's arguments and its headless commands (check, play,
//! analyze). None of them opens a window.

mod analyze_cmd;
mod analyze_replies;
mod catalog;
pub mod check;
mod demo_cmd;
mod find;
mod graph_cmd;
mod import_cmd;
mod judging;
mod manager_passphrase_cmd;
mod new;
mod play;
mod print;
mod report_cmd;
mod serve_cmd;
mod shift_play;
mod sync_cmd;
mod watch;

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Exit code: all clean.
pub const EXIT_OK: i32 = 0;
/// Exit code: problems found (invalid scenario, failed run).
pub const EXIT_PROBLEMS: i32 = 1;
/// Exit code: the command line itself was wrong.
pub const EXIT_USAGE: i32 = 2;

/// CARE (Customers Are Really Everything): practise customer service on scripted customer
/// moments and get scored on speed, empathy and follow-through.
///
/// Run without a command to open the game window.
#[derive(Debug, Parser)]
#[command(name = "care", version, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub game: GameArgs,
}

/// Options for the game window (used when no command is given).
#[derive(Debug, Clone, Args)]
pub struct GameArgs {
    /// Folder of scenarios to offer and to write new ones into [default: `scenarios` in the
    /// current folder when there is one, else your own copy of the starter pack in the data
    /// folder, which new versions of CARE update wherever you have not changed a file].
    #[arg(
        long = "scenarios",
        id = "scenario_dir",
        value_name = "DIR",
        global = true
    )]
    pub scenarios: Option<PathBuf>,
    /// Folder for the embedded progress store [default: the platform's data folder, for example
    /// ~/.local/share/care; or CARE_DATA_DIR].
    #[arg(long, value_name = "DIR", global = true)]
    pub data_dir: Option<PathBuf>,
    /// A PostgreSQL database for a store shared by many stations, for example
    /// postgres://care:secret@db.example/care [or CARE_DATABASE_URL]. Wins over --data-dir.
    #[arg(long, value_name = "URL", global = true)]
    pub database: Option<String>,
    /// Size of the game window in pixels, for example 1920x1080 [default: 1280x800].
    #[arg(long, value_name = "WIDTHxHEIGHT", value_parser = parse_window_size, global = true)]
    pub window_size: Option<(u32, u32)>,
    /// Developer tool: play this scenario's exemplary path by itself in the window (signing in
    /// as a sample trainee, then opening the manager area), then close. It only runs on a fresh
    /// store: --data-dir must name an empty or missing folder (or is left out for a throwaway
    /// one), and it never sends learning records.
    #[cfg(feature = "dev")]
    #[arg(long, value_name = "SCENARIO")]
    pub autoplay: Option<String>,
    /// Developer tool: open Author mode at once, on a fresh store as --autoplay uses, for
    /// driving the editor with real clicks and keys. With --screenshots, F12 saves the window.
    #[cfg(feature = "dev")]
    #[arg(long, conflicts_with = "autoplay")]
    pub author: bool,
    /// With --autoplay: save a PNG of each screen into DIR; with --author: where F12 saves the
    /// window, and where the named controls are (marks.txt).
    #[cfg(feature = "dev")]
    #[arg(long, value_name = "DIR")]
    pub screenshots: Option<PathBuf>,
}

/// Reads `1920x1080` as a window size; sizes under 640x480 or over 7680x4320 are refused.
fn parse_window_size(text: &str) -> Result<(u32, u32), String> {
    let (w, h) = text
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("`{text}` is not WIDTHxHEIGHT, for example 1920x1080"))?;
    let number = |s: &str| {
        s.trim()
            .parse::<u32>()
            .map_err(|_| format!("`{s}` in `{text}` is not a whole number of pixels"))
    };
    let (w, h) = (number(w)?, number(h)?);
    if !(640..=7680).contains(&w) || !(480..=4320).contains(&h) {
        return Err(format!(
            "{w}x{h} is outside 640x480 to 7680x4320: choose a size your screen can show"
        ));
    }
    Ok((w, h))
}

impl GameArgs {
    /// The scenarios to read, and where new ones are written: the folder named with
    /// --scenarios, else `scenarios` here, else the trainer's own copy of the starter pack in
    /// the data folder (written the first time, then kept up to date for every file they have
    /// not changed).
    pub fn scenario_folder(&self) -> Result<PathBuf, care_pack::PackError> {
        care_pack::scenario_folder(self.scenarios.as_deref(), &self.data_folder())
    }

    /// This computer's data folder: --data-dir, else CARE_DATA_DIR, else the platform's.
    pub fn data_folder(&self) -> PathBuf {
        care_store::local_data_dir(self.data_dir.as_deref())
    }

    /// The progress store these options name.
    pub fn store_location(&self) -> care_store::StoreLocation {
        care_store::StoreLocation::resolve(self.database.as_deref(), self.data_dir.as_deref())
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate scenario files and report every problem with file:line:column and a fix.
    ///
    /// Exits 0 when there are no errors, 1 when there are, 2 on bad usage.
    Check(check::CheckArgs),
    /// Play a scenario in the terminal, or a scripted run with --answers.
    Play(play::PlayArgs),
    /// Explore every path of a scenario and show each path's score range.
    Analyze(analyze_cmd::AnalyzeArgs),
    /// Print the table of scenarios (lesson, channel, minutes, score ranges), or update
    /// scenarios/README.md with --write.
    Catalog(catalog::CatalogArgs),
    /// Write a valid, commented starting scenario for a channel.
    New(new::NewArgs),
    /// Print a scenario's branch graph (Graphviz DOT or Mermaid): beats, answers with their
    /// score effects, endings coloured by outcome.
    Graph(graph_cmd::GraphArgs),
    /// Turn a Twine story (Twee 3) into a scenario skeleton: passages become beats, links become
    /// responses.
    ImportTwine(import_cmd::ImportArgs),
    /// Write the results report (one line per attempt) as CSV, with filters by team, scenario and
    /// date. Needs the manager passphrase (asked for, or CARE_MANAGER_PASSPHRASE).
    Report(report_cmd::ReportArgs),
    /// Set or change the manager passphrase without the game, for example for a shared
    /// PostgreSQL store. Asks twice without showing it (or reads --passphrase-file); changing
    /// it needs the current one (asked, or --current-file).
    ManagerPassphrase(manager_passphrase_cmd::ManagerPassphraseArgs),
    /// Fill the progress store with demo employees who played the scenarios, so the manager area
    /// can be tried out.
    DemoData(demo_cmd::DemoArgs),
    /// Serve the manager's reports to a browser, from the same store as the stations. Put it
    /// behind HTTPS (a reverse proxy) when it leaves this computer.
    ///
    /// Sign in at /login with the manager passphrase, checked as the game checks it (each wrong
    /// try makes the next wait longer, counted in the store). A sign-in lasts 30 minutes of
    /// inactivity and 8 hours at most; /logout ends it. Every other page needs it.
    ///
    /// Pages: /team (everyone; filter by team and name, sort by any column), /employee/ID
    /// (scores over time, every attempt, a replay with the reasons for each point), /scenarios
    /// (pass rates, averages, where attempts lose points), /onboarding (sessions, who is stuck,
    /// overdue work), /records (learning-record delivery) and /report.csv (exactly what `care
    /// report --csv` writes; filters as ?team=&scenario=&since=&until=).
    ///
    /// The pages are plain HTTP, and the default address answers this computer only. To reach
    /// them from elsewhere, keep that address and let a reverse proxy (nginx, Caddy, …) serve
    /// them over HTTPS, with --secure-cookies (or the proxy's X-Forwarded-Proto: https).
    Serve(serve_cmd::ServeArgs),
    /// Send queued learning records (xAPI statements) to the learning record store now, show
    /// where they stand with --status, or queue those of results saved before learning records
    /// were set up with --backfill. The game also sends them in the background.
    Sync(sync_cmd::SyncArgs),
    /// Set up learning records: write the LRS endpoint, the organisation's address and the
    /// credentials to a settings file only you can read.
    LrsSetup(sync_cmd::SetupArgs),
}

/// Output format for people or machines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    #[default]
    Text,
    Json,
    Markdown,
}

/// Where commands write.
pub struct Io<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
    /// Draw colours (only for a terminal).
    pub color: bool,
}

/// Runs a headless command and returns the process exit code. A command that asks a question
/// reads the answer from the terminal.
pub fn run(command: Command, game: &GameArgs, io: &mut Io<'_>) -> i32 {
    run_answering(command, game, io, None)
}

/// [`run`] with the answers to a command's questions read from `answers`, as if typed at a
/// terminal (`None`: from the terminal, when there is one).
pub fn run_answering(
    command: Command,
    game: &GameArgs,
    io: &mut Io<'_>,
    answers: Option<&mut dyn std::io::BufRead>,
) -> i32 {
    let folder = || game.scenario_folder().map_err(CliError::from);
    let result = match command {
        Command::Check(a) => check::run(&a, io),
        Command::Play(a) => folder().and_then(|f| play::run(&a, &f, io)),
        Command::Analyze(a) => folder().and_then(|f| analyze_cmd::run(&a, &f, io)),
        Command::Catalog(a) => catalog::run(&a, io),
        Command::New(a) => {
            (a.dir.clone().map_or_else(folder, Ok)).and_then(|f| new::run(&a, &f, io))
        }
        Command::Graph(a) => folder().and_then(|f| graph_cmd::run(&a, &f, io)),
        Command::ImportTwine(a) => {
            (a.dir.clone().map_or_else(folder, Ok)).and_then(|f| import_cmd::run(&a, &f, io))
        }
        Command::Report(a) => report_cmd::run(&a, &game.store_location(), io, answers),
        Command::ManagerPassphrase(a) => {
            manager_passphrase_cmd::run(&a, &game.store_location(), io, answers)
        }
        Command::DemoData(a) => demo_cmd::run(&a, game, io),
        Command::Serve(a) => serve_cmd::run(&a, game, io),
        Command::Sync(a) => sync_cmd::run(&a, game, io, answers),
        Command::LrsSetup(a) => sync_cmd::setup(&a, io),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(io.err, "error: {e}");
            e.exit_code()
        }
    }
}

/// `care check --watch` for a fixed number of checks (the command itself runs until stopped).
pub fn watch_rounds(a: &check::CheckArgs, io: &mut Io<'_>, rounds: usize) -> Result<i32, CliError> {
    watch::watch(a, io, Some(rounds))
}

/// A command that could not do its work.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Failed(String),
    #[error("cannot write output: {0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Store(#[from] care_store::StoreError),
    #[error("{0}")]
    Pack(#[from] care_pack::PackError),
}

impl CliError {
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Usage(_) => EXIT_USAGE,
            CliError::Failed(_) | CliError::Io(_) | CliError::Store(_) | CliError::Pack(_) => {
                EXIT_PROBLEMS
            }
        }
    }
}
