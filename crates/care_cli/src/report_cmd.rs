//! `care report`: the results report as CSV, filtered by team, scenario and date.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use care_store::report::{CsvReport, ReportFilter};
use care_store::{ManagerAccess, Store, StoreError, StoreLocation, Timestamp};
use clap::Args;

use crate::{CliError, EXIT_OK, Io};

/// Environment variable holding the manager passphrase for commands run without a terminal.
pub const PASSPHRASE_ENV: &str = "CARE_MANAGER_PASSPHRASE";

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Write CSV to FILE (`-` for standard output).
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

/// Opens the manager area with the passphrase from the environment or typed at the terminal.
pub fn unlock(store: &Store, file: Option<&std::path::Path>) -> Result<ManagerAccess, CliError> {
    let from_file = file
        .map(|f| {
            std::fs::read_to_string(f)
                .map(|t| t.lines().next().unwrap_or_default().to_string())
                .map_err(|e| CliError::Usage(format!("cannot read {}: {e}", f.display())))
        })
        .transpose()?;
    let passphrase = match (from_file, std::env::var(PASSPHRASE_ENV)) {
        (Some(p), _) => p,
        (None, Ok(p)) if !p.is_empty() => p,
        _ if std::io::stdin().is_terminal() => rpassword::prompt_password("Manager passphrase: ")?,
        _ => {
            return Err(CliError::Usage(format!(
                "the report needs the manager passphrase: run it in a terminal to be asked, set {PASSPHRASE_ENV}, or use --passphrase-file"
            )));
        }
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

pub fn run(a: &ReportArgs, location: &StoreLocation, io: &mut Io<'_>) -> Result<i32, CliError> {
    let filter = ReportFilter {
        team: a.team.clone(),
        scenario: a.scenario.clone(),
        since: date("since", a.since.as_deref())?,
        until: date("until", a.until.as_deref())?,
    };
    let store = Store::open(location)?;
    let manager = unlock(&store, a.passphrase_file.as_deref())?;
    if a.csv.as_os_str() == "-" {
        let rows = write_report(&manager, &filter, &mut *io.out)?;
        writeln!(io.err, "{rows} attempts")?;
        return Ok(EXIT_OK);
    }
    // Write beside the target and rename, so a failed run never leaves half a report.
    let dir = a
        .csv
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    let rows = write_report(&manager, &filter, tmp.as_file_mut())?;
    tmp.persist(&a.csv).map_err(|e| e.error)?;
    writeln!(
        io.out,
        "Wrote {rows} attempts to {} (from {location}).",
        a.csv.display()
    )?;
    Ok(EXIT_OK)
}

fn write_report(
    manager: &ManagerAccess,
    filter: &ReportFilter,
    out: &mut dyn Write,
) -> Result<u64, CliError> {
    let mut csv = CsvReport::new(out);
    csv.header()?;
    let rows = manager.report(filter, &mut |r| csv.write(r))?;
    csv.finish()?;
    Ok(rows)
}
