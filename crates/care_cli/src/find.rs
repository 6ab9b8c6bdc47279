//! Finds the scenario a command names: a file path, or an id in the scenarios folder.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use care_engine::Scenario;
use care_engine::load::{LoadOptions, load_paths};
use care_engine::report::{Style, render};
use care_engine::shift::{Shift, load_shift_paths};

use crate::CliError;

/// Loads the scenario `name` (a path, or an id found under `folder`).
pub fn scenario(name: &str, folder: &Path) -> Result<Arc<Scenario>, CliError> {
    let as_path = PathBuf::from(name);
    if as_path.is_file() {
        let report = load_paths(&[as_path], LoadOptions::default());
        if let Some(l) = report.scenarios.into_iter().next() {
            return Ok(l.scenario);
        }
        return Err(CliError::Failed(format!(
            "{name} does not load:\n{}",
            rendered(&report.diagnostics, &report.sources)
        )));
    }
    let report = load_paths(&[folder.to_path_buf()], LoadOptions::default());
    if let Some(l) = report.scenarios.iter().find(|l| l.scenario.id == name) {
        return Ok(Arc::clone(&l.scenario));
    }
    let ids: Vec<&str> = report
        .scenarios
        .iter()
        .map(|l| l.scenario.id.as_str())
        .collect();
    let hint = care_engine::suggest::did_you_mean(name, ids.iter().copied())
        .unwrap_or_else(|| format!("known ids in {}: {}", folder.display(), ids.join(", ")));
    Err(CliError::Usage(format!(
        "no scenario file or id `{name}`; {hint}"
    )))
}

/// Diagnostics rendered with their snippets, for an error message.
fn rendered(
    diagnostics: &[care_engine::Diagnostic],
    sources: &std::collections::HashMap<String, String>,
) -> String {
    diagnostics
        .iter()
        .map(|d| {
            render(
                d,
                sources.get(&d.file).map(String::as_str),
                Style::default(),
            )
        })
        .collect()
}

/// Loads the shift `name` (a path, or an id under `folder`) against the scenarios in `folder`.
pub fn shift(name: &str, folder: &Path) -> Result<Arc<Shift>, CliError> {
    let scenarios: Vec<_> = load_paths(&[folder.to_path_buf()], LoadOptions::default())
        .scenarios
        .into_iter()
        .map(|l| l.scenario)
        .collect();
    let as_path = PathBuf::from(name);
    let from = if as_path.is_file() {
        as_path
    } else {
        folder.to_path_buf()
    };
    let report = load_shift_paths(&[from], &scenarios);
    if let Some(l) = report
        .shifts
        .iter()
        .find(|l| l.shift.id == name || l.file == name)
    {
        return Ok(Arc::clone(&l.shift));
    }
    if report.errors() > 0 && PathBuf::from(name).is_file() {
        return Err(CliError::Failed(format!(
            "{name} does not load:\n{}",
            rendered(&report.diagnostics, &report.sources)
        )));
    }
    let ids: Vec<&str> = report.shifts.iter().map(|l| l.shift.id.as_str()).collect();
    let hint = care_engine::suggest::did_you_mean(name, ids.iter().copied())
        .unwrap_or_else(|| format!("shifts in {}: {}", folder.display(), ids.join(", ")));
    Err(CliError::Usage(format!(
        "no shift file or id `{name}`; {hint}"
    )))
}
