//! `care report`: the results report as CSV, filtered by team, scenario and date.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use care_store::files::write_private_with;
use care_store::report::{ReportFilter, write_csv};
use care_store::{ManagerAccess, Store, StoreError, StoreLocation, Timestamp};
use clap::Args;

use crate::manager_passphrase_cmd::{ask_secret, first_line};
use crate::{CliError, EXIT_OK, Io};

/// Environment variable holding the manager passphrase for commands run without a terminal.
pub const PASSPHRASE_ENV: &str = "CARE_MANAGER_PASSPHRASE";

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Write CSV to FILE (`-` for standard output). The file is readable by you only and never
    /// replaces another: when FILE exists, FILE-2, FILE-3, … is written (the output says which).
    #[arg(long, value_name = "FILE")]
    pub csv: PathBuf,
    /// Only this team or branch.
    #[arg(long)]
    pub team: Option<String>,
    /// Only this scenario id.
    #[arg(long)]
    pub scenario: Option<String>,
    /// Only attempts finished on or after this day (YYYY-MM-DD, UTC) or time (RFC 3339).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only attempts finished before this day (YYYY-MM-DD, UTC) or time (RFC 3339).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Read the manager passphrase from the first line of FILE (for scheduled exports).
    #[arg(long, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,
}

fn date(flag: &str, text: Option<&str>) -> Result<Option<Timestamp>, CliError> {
    text.map(|t| {
        Timestamp::parse(t).ok_or_else(|| {
            CliError::Usage(format!(
                "--{flag} {t:?} is not a date; write it as YYYY-MM-DD, for example 2026-11-01"
            ))
        })
    })
    .transpose()
}

/// Opens the manager area with the passphrase from `file`, the environment or typed at the
/// terminal.
pub fn unlock(store: &Store, file: Option<&Path>) -> Result<ManagerAccess, CliError> {
    let (mut out, mut err) = (std::io::sink(), std::io::sink());
    let mut io = Io {
        out: &mut out,
        err: &mut err,
        color: false,
    };
    unlock_answering(store, file, &mut io, None)
}

/// [`unlock`], a passphrase to be typed read from `answers` when given.
pub(crate) fn unlock_answering(
    store: &Store,
    file: Option<&Path>,
    io: &mut Io<'_>,
    answers: Option<&mut dyn BufRead>,
) -> Result<ManagerAccess, CliError> {
    let from_file = file.map(first_line).transpose()?;
    let asked = |io: &mut Io<'_>| ask_secret("Manager passphrase: ", io, answers);
    let passphrase = match (from_file, std::env::var(PASSPHRASE_ENV)) {
        (Some(p), _) => p,
        (None, Ok(p)) if !p.is_empty() => p,
        _ => asked(io)?.ok_or_else(|| {
            CliError::Usage(format!(
                "the report needs the manager passphrase: run it in a terminal to be asked, set {PASSPHRASE_ENV}, or use --passphrase-file"
            ))
        })?,
    };
    store.unlock_manager(&passphrase).map_err(|e| {
        match e {
        StoreError::PassphraseNotSet => CliError::Failed(
            "no manager passphrase is set yet: open the manager area in the game once to choose one"
                .into(),
        ),
        other => other.into(),
    }
    })
}

pub fn run(
    a: &ReportArgs,
    location: &StoreLocation,
    io: &mut Io<'_>,
    answers: Option<&mut dyn BufRead>,
) -> Result<i32, CliError> {
    let filter = ReportFilter {
        team: a.team.clone(),
        scenario: a.scenario.clone().map(care_engine::ScenarioId::from),
        since: date("since", a.since.as_deref())?,
        until: date("until", a.until.as_deref())?,
    };
    let store = Store::open(location)?;
    let manager = unlock_answering(&store, a.passphrase_file.as_deref(), io, answers)?;
    if a.csv.as_os_str() == "-" {
        let rows = write_report(&manager, &filter, &mut *io.out)?;
        writeln!(io.err, "{rows} attempts")?;
        return Ok(EXIT_OK);
    }
    // Owner-only, whole or not at all, never over another file (see care_store::files).
    let dir = a
        .csv
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = a
        .csv
        .file_name()
        .map_or_else(|| "care-report.csv".into(), |n| n.to_string_lossy());
    let (file, rows) =
        write_private_with(dir, &name, |file| write_report(&manager, &filter, file))?;
    writeln!(
        io.out,
        "Wrote {rows} attempts to {} (from {location}).",
        file.display()
    )?;
    Ok(EXIT_OK)
}

fn write_report(
    manager: &ManagerAccess,
    filter: &ReportFilter,
    out: &mut dyn Write,
) -> Result<u64, CliError> {
    Ok(write_csv(manager, filter, out)?)
}
