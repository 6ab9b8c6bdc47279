//! `care sync`: send queued learning records to the learning record store now, or show where
//! they stand; `care lrs-setup`: write the learning-record settings file.

use std::path::PathBuf;

use care_store::{OutboxSummary, Store, StoreLocation, Timestamp};
use care_xapi::{LrsClient, LrsConfig, RawConfig, Secret, SyncOptions};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use crate::{CliError, EXIT_OK, EXIT_PROBLEMS, Io};

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Only show how many statements are pending, sent and rejected, and the latest problems.
    #[arg(long)]
    pub status: bool,
    /// Send now even if statements are waiting out a back-off after a failure.
    #[arg(long)]
    pub now: bool,
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

pub fn run(a: &SyncArgs, location: &StoreLocation, io: &mut Io<'_>) -> Result<i32, CliError> {
    let store = Store::open(location)?;
    let outbox = store.outbox();
    if a.status {
        for line in summary_lines(&outbox.summary()?) {
            writeln!(io.out, "{line}")?;
        }
        return Ok(EXIT_OK);
    }
    let config = LrsConfig::load()
        .map_err(|e| CliError::Failed(e.to_string()))?
        .ok_or_else(not_configured)?;
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
