//! Finds the scenario a command names: a file path, or an id in the scenarios folder.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use care_engine::Scenario;
use care_engine::load::{LoadOptions, load_paths};
use care_engine::report::{Style, render};

use crate::CliError;

/// Loads the scenario `name` (a path, or an id found under `folder`).
pub fn scenario(name: &str, folder: &Path) -> Result<Arc<Scenario>, CliError> {
    let as_path = PathBuf::from(name);
    if as_path.is_file() {
        let report = load_paths(&[as_path], LoadOptions::default());
        if let Some(l) = report.scenarios.into_iter().next() {
            return Ok(l.scenario);
        }
        let shown: String = report
            .diagnostics
            .iter()
            .map(|d| {
                render(
                    d,
                    report.sources.get(&d.file).map(String::as_str),
                    Style::default(),
                )
            })
            .collect();
        return Err(CliError::Failed(format!("{name} does not load:\n{shown}")));
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
