//! `care manager-passphrase`: sets or changes the manager passphrase without the game (for
//! example for a shared PostgreSQL store on a server), asked twice without showing it, or read
//! from a file; changing it needs the current one.

use std::io::{BufRead, IsTerminal};
use std::path::{Path, PathBuf};

use care_store::{MIN_PASSPHRASE_CHARS, ManagerLock, Store, StoreError, StoreLocation};
use clap::Args;

use crate::{CliError, EXIT_OK, Io};

#[derive(Debug, Args)]
pub struct ManagerPassphraseArgs {
    /// Read the new passphrase from the first line of FILE instead of asking for it.
    #[arg(long, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,
    /// Read the current passphrase (needed to change it) from the first line of FILE instead of
    /// asking for it.
    #[arg(long, value_name = "FILE")]
    pub current_file: Option<PathBuf>,
}

/// The first line of `file`, for a secret kept in a file.
pub(crate) fn first_line(file: &Path) -> Result<String, CliError> {
    std::fs::read_to_string(file)
        .map(|t| t.lines().next().unwrap_or_default().to_string())
        .map_err(|e| {
            CliError::Usage(format!(
                "cannot read {}: {e}\n  hint: give a file whose first line is the passphrase",
                file.display()
            ))
        })
}

/// Asks for a secret without showing it: read from `answers` when given (tests, scripts), else
/// typed at the terminal. None when there is neither.
pub(crate) fn ask_secret<'d>(
    question: &str,
    io: &mut Io<'_>,
    answers: Option<&mut (dyn BufRead + 'd)>,
) -> Result<Option<String>, CliError> {
    match answers {
        Some(input) => {
            write!(io.err, "{question}")?;
            io.err.flush()?;
            let mut line = String::new();
            input.read_line(&mut line)?;
            Ok(Some(line.trim_end_matches(['\n', '\r']).to_string()))
        }
        None if std::io::stdin().is_terminal() => Ok(Some(rpassword::prompt_password(question)?)),
        None => Ok(None),
    }
}

fn no_terminal(flag: &str) -> CliError {
    CliError::Usage(format!(
        "there is no terminal to type the passphrase in\n  hint: run it in a terminal, or pass {flag} FILE"
    ))
}

fn long_enough(passphrase: &str, source: &str) -> Result<(), CliError> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(CliError::Usage(format!(
            "{source} is too short: use at least {MIN_PASSPHRASE_CHARS} characters; nothing was changed"
        )));
    }
    Ok(())
}

/// The new passphrase: from `--passphrase-file`, or asked twice.
fn new_passphrase(
    a: &ManagerPassphraseArgs,
    io: &mut Io<'_>,
    mut answers: Option<&mut dyn BufRead>,
) -> Result<String, CliError> {
    if let Some(file) = &a.passphrase_file {
        let passphrase = first_line(file)?;
        long_enough(
            &passphrase,
            &format!("the passphrase in {}", file.display()),
        )?;
        return Ok(passphrase);
    }
    let first = ask_secret("New manager passphrase: ", io, answers.as_deref_mut())?
        .ok_or_else(|| no_terminal("--passphrase-file"))?;
    long_enough(&first, "the new passphrase")?;
    let again = ask_secret("The same passphrase again: ", io, answers)?
        .ok_or_else(|| no_terminal("--passphrase-file"))?;
    if first != again {
        return Err(CliError::Usage(
            "the two passphrases differ; nothing was changed\n  hint: run `care manager-passphrase` again and type the same passphrase twice".into(),
        ));
    }
    Ok(first)
}

/// The error of a refused change, said so that the person knows nothing changed.
fn refused(e: StoreError) -> CliError {
    match e {
        StoreError::WrongPassphrase { wait } => CliError::Failed(format!(
            "the current passphrase is wrong; nothing was changed\n  hint: wait {} s, then try again",
            wait.as_secs().max(1)
        )),
        StoreError::TooSoon { wait } => too_soon(wait),
        other => other.into(),
    }
}

fn too_soon(wait: std::time::Duration) -> CliError {
    CliError::Failed(format!(
        "too many wrong passphrases were tried; nothing was changed\n  hint: wait {} s, then try again",
        wait.as_secs().max(1)
    ))
}

pub fn run(
    a: &ManagerPassphraseArgs,
    location: &StoreLocation,
    io: &mut Io<'_>,
    mut answers: Option<&mut dyn BufRead>,
) -> Result<i32, CliError> {
    // Files named on the command line are read first: a missing or short one is a mistake in the
    // command, whatever the store would say.
    let new_from_file = match &a.passphrase_file {
        Some(_) => Some(new_passphrase(a, io, None)?),
        None => None,
    };
    let current_from_file = a.current_file.as_deref().map(first_line).transpose()?;
    let store = Store::open(location)?;
    let current = match store.manager_lock()? {
        ManagerLock::NotSet => None,
        ManagerLock::Wait(wait) => return Err(too_soon(wait)),
        ManagerLock::Ready => Some(match current_from_file {
            Some(current) => current,
            None => ask_secret("Current manager passphrase: ", io, answers.as_deref_mut())?
                .ok_or_else(|| no_terminal("--current-file"))?,
        }),
    };
    let new = match new_from_file {
        Some(new) => new,
        None => new_passphrase(a, io, answers)?,
    };
    let done = match current {
        None => match store.set_manager_passphrase(&new) {
            Ok(_) => "Set",
            Err(StoreError::PassphraseAlreadySet) => {
                return Err(CliError::Failed(
                    "someone set the manager passphrase meanwhile; nothing was changed\n  hint: run `care manager-passphrase` again to change it".into(),
                ));
            }
            Err(e) => return Err(e.into()),
        },
        Some(current) => {
            store
                .change_manager_passphrase(&current, &new)
                .map_err(refused)?;
            "Changed"
        }
    };
    writeln!(io.out, "{done} the manager passphrase of {location}.")?;
    Ok(EXIT_OK)
}
