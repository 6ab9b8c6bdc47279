//! `care sync`: send queued learning records to the learning record store now, show where they
//! stand, or queue those of results saved before learning records were set up (backfill);
//! `care lrs-setup`: write the learning-record settings file.

use std::io::{BufRead, IsTerminal};
use std::path::{Path, PathBuf};

use care_engine::load::{LoadOptions, load_paths};
use care_store::{OutboxSummary, Store, Timestamp};
use care_xapi::{LrsClient, LrsConfig, RawConfig, Secret, SyncOptions};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use crate::report_cmd::PASSPHRASE_ENV;
use crate::{CliError, EXIT_OK, EXIT_PROBLEMS, GameArgs, Io};

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Only show how many statements are pending, sent and rejected, and the latest problems.
    #[arg(long, conflicts_with = "backfill")]
    pub status: bool,
    /// Send now even if statements are waiting out a back-off after a failure.
    #[arg(long, conflicts_with = "backfill")]
    pub now: bool,
    /// Queue the learning records of results saved before learning records were set up (each
    /// once; running it again queues nothing twice). Needs the manager passphrase and the
    /// scenarios the results were played on (--scenarios). `care sync` then sends them.
    #[arg(long)]
    pub backfill: bool,
    /// With --backfill: queue without asking first.
    #[arg(long, requires = "backfill")]
    pub yes: bool,
    /// With --backfill: read the manager passphrase from the first line of FILE.
    #[arg(long, value_name = "FILE", requires = "backfill")]
    pub passphrase_file: Option<PathBuf>,
    /// Read the learning-record settings from FILE instead of the platform's config folder.
    #[arg(long, value_name = "FILE")]
    pub settings: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SetupArgs {
    /// The learning record store's xAPI endpoint, e.g. https://lrs.example.com/xAPI/
    #[arg(long)]
    pub endpoint: String,
    /// The organisation's web address; employees are sent as accounts on it.
    #[arg(long)]
    pub homepage: String,
    /// The LRS user name (HTTP basic authentication).
    #[arg(long)]
    pub username: String,
    /// A file holding the password (otherwise it is asked for, or CARE_LRS_PASSWORD).
    #[arg(long)]
    pub password_file: Option<PathBuf>,
    /// The base of the IRIs naming scenarios and score extensions (default: HOMEPAGE/care/).
    #[arg(long)]
    pub activity_base: Option<String>,
    /// Also send an `answered` statement for every reply.
    #[arg(long)]
    pub send_answered: bool,
    /// Write the settings here instead of the platform's config folder.
    #[arg(long)]
    pub file: Option<PathBuf>,
}

fn summary_lines(s: &OutboxSummary) -> Vec<String> {
    let mut out = vec![format!(
        "{} pending, {} sent, {} rejected",
        s.pending, s.sent, s.rejected
    )];
    if let Some(next) = s.next_try.filter(|t| *t > Timestamp::now()) {
        out.push(format!("next try at {} UTC", next.short()));
    }
    if let Some(e) = &s.last_error {
        out.push(format!("last problem: {e}"));
    }
    for r in s.recent_rejections.iter().take(5) {
        out.push(format!(
            "rejected {} ({}, attempt {}): {}",
            r.id, r.verb, r.registration, r.reason
        ));
    }
    out
}

fn not_configured() -> CliError {
    CliError::Usage(
        "learning records are not set up on this computer\n  hint: run `care lrs-setup --endpoint URL --homepage URL --username NAME`, or set CARE_LRS_ENDPOINT and CARE_LRS_HOMEPAGE".into(),
    )
}

fn load_config(file: Option<&Path>) -> Result<LrsConfig, CliError> {
    LrsConfig::load_from(file)
        .map_err(|e| CliError::Failed(e.to_string()))?
        .ok_or_else(not_configured)
}

pub fn run(
    a: &SyncArgs,
    game: &GameArgs,
    io: &mut Io<'_>,
    answers: Option<&mut dyn BufRead>,
) -> Result<i32, CliError> {
    let store = Store::open(&game.store_location())?;
    let outbox = store.outbox();
    if a.status {
        for line in summary_lines(&outbox.summary()?) {
            writeln!(io.out, "{line}")?;
        }
        return Ok(EXIT_OK);
    }
    let config = load_config(a.settings.as_deref())?;
    if a.backfill {
        return backfill(a, &store, &config, &game.scenario_folder()?, io, answers);
    }
    if a.now {
        outbox.retry_now(Timestamp::now())?;
    }
    let pending = outbox.summary()?.pending;
    let bar = ProgressBar::new(pending);
    bar.set_style(
        ProgressStyle::with_template("{spinner} {wide_bar} {pos}/{len} statements ({eta} left)")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let client = LrsClient::new(&config.endpoint);
    let options = SyncOptions {
        batch_size: config.endpoint.batch_size,
        ..SyncOptions::default()
    };
    let result = care_xapi::sync(&outbox, &client, options, &mut |r| {
        bar.set_position(r.sent + r.rejected);
    });
    bar.finish_and_clear();
    let after = outbox.summary()?;
    match result {
        Ok(report) => {
            writeln!(
                io.out,
                "Sent {} statements to {} ({} rejected).",
                report.sent,
                client.endpoint(),
                report.rejected
            )?;
            for line in summary_lines(&after) {
                writeln!(io.out, "{line}")?;
            }
            Ok(if report.rejected > 0 {
                EXIT_PROBLEMS
            } else {
                EXIT_OK
            })
        }
        Err(e) => {
            for line in summary_lines(&after) {
                writeln!(io.err, "{line}")?;
            }
            Err(CliError::Failed(format!(
                "{e}\n  nothing is lost: unsent statements stay queued"
            )))
        }
    }
}

/// Asks `question` and reads y or n: from `answers`, else from the terminal. Without either,
/// says to pass --yes.
fn confirm(
    question: &str,
    io: &mut Io<'_>,
    answers: Option<&mut dyn BufRead>,
) -> Result<bool, CliError> {
    let mut line = String::new();
    match answers {
        Some(input) => {
            write!(io.out, "{question} [y/N] ")?;
            io.out.flush()?;
            input.read_line(&mut line)?;
        }
        None if std::io::stdin().is_terminal() => {
            write!(io.out, "{question} [y/N] ")?;
            io.out.flush()?;
            std::io::stdin().lock().read_line(&mut line)?;
        }
        None => {
            return Err(CliError::Usage(
                "the backfill asks before queueing, and there is no terminal to answer in\n  hint: pass --yes to queue without asking".into(),
            ));
        }
    }
    Ok(matches!(line.trim().to_lowercase().as_str(), "y" | "yes"))
}

/// `care sync --backfill`: rebuilds and queues the statements of results that have none.
fn backfill(
    a: &SyncArgs,
    store: &Store,
    config: &LrsConfig,
    scenarios: &Path,
    io: &mut Io<'_>,
    answers: Option<&mut dyn BufRead>,
) -> Result<i32, CliError> {
    let from_env = std::env::var_os(PASSPHRASE_ENV).is_some_and(|p| !p.is_empty());
    if a.passphrase_file.is_none() && !from_env && !std::io::stdin().is_terminal() {
        return Err(CliError::Usage(format!(
            "the backfill reads everyone's saved results, so it needs the manager passphrase: run it in a terminal to be asked, set {PASSPHRASE_ENV}, or use --passphrase-file"
        )));
    }
    let manager = crate::report_cmd::unlock(store, a.passphrase_file.as_deref())?;
    let loaded = load_paths(&[scenarios.to_path_buf()], LoadOptions::default());
    let scenarios_found: Vec<_> = loaded.scenarios.into_iter().map(|l| l.scenario).collect();
    let plan = care_xapi::backfill::plan(&manager, &config.profile, &scenarios_found)?;
    let total = plan.ready.len() + plan.not_rebuilt.len();
    if total == 0 {
        writeln!(
            io.out,
            "Every saved result already has its learning records queued: nothing to backfill."
        )?;
        return Ok(EXIT_OK);
    }
    writeln!(
        io.out,
        "{total} saved results have no learning records; {} can be rebuilt ({} statements).",
        plan.ready.len(),
        plan.statements()
    )?;
    for n in &plan.not_rebuilt {
        writeln!(
            io.out,
            "cannot rebuild attempt {} ({}, {} UTC): {}",
            n.attempt.id,
            n.attempt.scenario_title,
            n.attempt.finished.short(),
            n.reason
        )?;
    }
    if !plan.not_rebuilt.is_empty() {
        writeln!(
            io.out,
            "  hint: a result can be rebuilt only with the scenario version it was played on; point --scenarios at the folder that has it (searched: {})",
            scenarios.display()
        )?;
    }
    let problems = if plan.not_rebuilt.is_empty() {
        EXIT_OK
    } else {
        EXIT_PROBLEMS
    };
    if plan.ready.is_empty() {
        return Ok(problems);
    }
    let question = format!(
        "Queue the learning records of {} results for {}?",
        plan.ready.len(),
        config.endpoint.base
    );
    if !a.yes && !confirm(&question, io, answers)? {
        writeln!(io.out, "Nothing queued.")?;
        return Ok(problems);
    }
    let queued = plan.queue(&store.outbox(), &mut |_| {})?;
    writeln!(
        io.out,
        "Queued {} statements of {queued} results. `care sync` sends them (the game does too).",
        plan.statements()
    )?;
    Ok(problems)
}

pub fn setup(a: &SetupArgs, io: &mut Io<'_>) -> Result<i32, CliError> {
    let path = match &a.file {
        Some(p) => p.clone(),
        None => care_xapi::default_config_path().ok_or_else(|| {
            CliError::Usage("no config folder on this system; pass --file".into())
        })?,
    };
    let mut raw = RawConfig {
        endpoint: Some(a.endpoint.clone()),
        username: Some(a.username.clone()),
        password: None,
        homepage: Some(a.homepage.clone()),
        activity_base: a.activity_base.clone(),
        send_answered: Some(a.send_answered),
        ..RawConfig::default()
    };
    // Check before asking for the password, so a typo is reported rather than saved.
    raw.clone()
        .resolve("the given options")
        .map_err(|e| CliError::Usage(e.to_string()))?;
    let password = match (&a.password_file, std::env::var(care_xapi::PASSWORD_ENV)) {
        (Some(f), _) => std::fs::read_to_string(f)
            .map_err(|e| CliError::Failed(format!("cannot read {}: {e}", f.display())))?
            .trim_end_matches(['\r', '\n'])
            .to_string(),
        (None, Ok(p)) if !p.is_empty() => p,
        (None, _) => rpassword::prompt_password("LRS password: ").map_err(|e| {
            CliError::Failed(format!(
                "cannot read the password: {e}\n  hint: pass --password-file FILE or set {}",
                care_xapi::PASSWORD_ENV
            ))
        })?,
    };
    raw.password = Some(Secret::new(password));
    care_xapi::write_config(&path, &raw).map_err(|e| CliError::Failed(e.to_string()))?;
    writeln!(
        io.out,
        "Wrote {} (readable only by you). Results are queued from now on; `care sync` sends them.",
        path.display()
    )?;
    Ok(EXIT_OK)
}
