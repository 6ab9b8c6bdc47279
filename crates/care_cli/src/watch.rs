//! `care check --watch`: check again every time a scenario file is saved.

use std::sync::mpsc;
use std::time::Duration;

use notify_debouncer_full::new_debouncer;
use notify_debouncer_full::notify::RecursiveMode;

use crate::check::{CheckArgs, check_once, paths};
use crate::{CliError, EXIT_OK, Io};

/// How long the files must be quiet before checking (editors save in several steps).
const SETTLE: Duration = Duration::from_millis(250);
/// Longest wait for a change when only a fixed number of checks was asked for.
const BOUNDED_WAIT: Duration = Duration::from_secs(60);

/// Checks now and after every change; stops after `rounds` checks when given (for tests).
pub fn watch(a: &CheckArgs, io: &mut Io<'_>, rounds: Option<usize>) -> Result<i32, CliError> {
    let (tx, rx) = mpsc::channel();
    let mut debouncer = new_debouncer(SETTLE, None, tx)
        .map_err(|e| CliError::Failed(format!("cannot watch for changes: {e}")))?;
    for p in paths(a) {
        debouncer
            .watch(&p, RecursiveMode::Recursive)
            .map_err(|e| CliError::Usage(format!("cannot watch {}: {e}", p.display())))?;
    }
    let mut done = 0;
    loop {
        check_once(a, io)?;
        done += 1;
        if rounds.is_some_and(|r| done >= r) {
            return Ok(EXIT_OK);
        }
        writeln!(io.err, "watching for changes (Ctrl+C to stop)…")?;
        io.err.flush()?;
        // Wait for a change to a scenario file; other files (editor swap files) are ignored.
        loop {
            // A bounded run (tests) must not wait forever for a change that never comes.
            let next = match rounds {
                Some(_) => rx.recv_timeout(BOUNDED_WAIT).map_err(|_| ()),
                None => rx.recv().map_err(|_| ()),
            };
            match next {
                Ok(Ok(events)) if events.iter().any(is_scenario_change) => break,
                Ok(_) => continue,
                Err(()) if rounds.is_some() => {
                    return Err(CliError::Failed("no change was seen while watching".into()));
                }
                Err(()) => return Ok(EXIT_OK),
            }
        }
        writeln!(io.err, "\n— a file changed; checking again —\n")?;
    }
}

/// A `.ron` file written, created or removed (reading a file, as the check itself does, is not a change).
fn is_scenario_change(e: &notify_debouncer_full::DebouncedEvent) -> bool {
    let k = e.kind;
    (k.is_modify() || k.is_create() || k.is_remove())
        && e.paths
            .iter()
            .any(|p| p.extension().is_some_and(|x| x == "ron"))
}
