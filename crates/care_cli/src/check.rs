//! `care check`: validate scenario files and print diagnostics for people or machines.

use std::path::PathBuf;

use care_engine::load::{LoadOptions, load_paths};
use care_engine::report::{Style, json_lines, render};
use clap::Args;

use crate::{CliError, EXIT_OK, EXIT_PROBLEMS, Format, Io};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Scenario and shift files or folders (searched for *.scenario.ron and *.shift.ron).
    /// Default: scenarios
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// `text` for people, `json` for editors and CI (one object per line).
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Treat warnings as errors (exit 1).
    #[arg(long)]
    pub deny_warnings: bool,
    /// Skip the score-range and answer-pattern warnings (faster on huge scenarios).
    #[arg(long)]
    pub no_lint: bool,
    /// Keep running and check again every time a file is saved (Ctrl+C to stop).
    #[arg(long)]
    pub watch: bool,
}

pub fn run(a: &CheckArgs, io: &mut Io<'_>) -> Result<i32, CliError> {
    if a.watch {
        return crate::watch::watch(a, io, None);
    }
    check_once(a, io)
}

/// Checks the paths once and prints the report; the exit code says whether it was clean.
pub fn check_once(a: &CheckArgs, io: &mut Io<'_>) -> Result<i32, CliError> {
    let paths = paths(a);
    // Shift and curriculum files named one by one are not checked as scenarios.
    let scenario_paths: Vec<PathBuf> = paths
        .iter()
        .filter(|p| {
            let name = p.to_string_lossy();
            !name.ends_with(care_engine::shift::SHIFT_SUFFIX)
                && !name.ends_with(care_engine::curriculum::CURRICULUM_SUFFIX)
        })
        .cloned()
        .collect();
    // Answer patterns' typed replies are judged as trainees' replies are, by meaning.
    let judge = (!a.no_lint).then(|| crate::judging::load(io)).transpose()?;
    let options = LoadOptions {
        lint: !a.no_lint,
        judge: judge.map(|j| j.judge),
    };
    let mut report = load_paths(&scenario_paths, options);
    let shifts = check_shifts(&paths, &report);
    report.files += shifts.files;
    report
        .diagnostics
        .extend(shifts.diagnostics.iter().cloned());
    report.sources.extend(shifts.sources.clone());
    let curricula = check_curricula(&paths, &report, &shifts);
    report.files += curricula.files;
    report
        .diagnostics
        .extend(curricula.diagnostics.iter().cloned());
    report.sources.extend(curricula.sources.clone());
    match a.format {
        Format::Json => write!(io.out, "{}", json_lines(&report.diagnostics))?,
        Format::Text | Format::Markdown => {
            let style = Style {
                color: io.color,
                ..Style::default()
            };
            for d in &report.diagnostics {
                let text = report.sources.get(&d.file).map(String::as_str);
                writeln!(io.out, "{}", render(d, text, style))?;
            }
            let (e, w) = (report.errors(), report.warnings());
            let mut shifts_ready = String::new();
            if shifts.files > 0 {
                let n = shifts.shifts.len();
                shifts_ready.push_str(&format!(", {n} shift{} ready", plural(n)));
            }
            if curricula.files > 0 {
                let n = curricula.curricula.len();
                let word = if n == 1 { "curriculum" } else { "curricula" };
                shifts_ready.push_str(&format!(", {n} {word} ready"));
            }
            writeln!(
                io.err,
                "checked {} file{}: {} scenario{} ready{shifts_ready}, {e} error{}, {w} warning{}",
                report.files,
                plural(report.files),
                report.scenarios.len(),
                plural(report.scenarios.len()),
                plural(e),
                plural(w)
            )?;
        }
    }
    let failed = report.errors() > 0 || (a.deny_warnings && report.warnings() > 0);
    Ok(if failed { EXIT_PROBLEMS } else { EXIT_OK })
}

/// The scenarios found under the paths or, when they hold none (a shift or curriculum file
/// checked on its own), the scenarios folder's.
fn scenario_pool(report: &care_engine::LoadReport) -> Vec<std::sync::Arc<care_engine::Scenario>> {
    let mut pool: Vec<_> = report
        .scenarios
        .iter()
        .map(|l| l.scenario.clone())
        .collect();
    if pool.is_empty() {
        let folder = load_paths(&[PathBuf::from("scenarios")], LoadOptions::default());
        pool = folder.scenarios.into_iter().map(|l| l.scenario).collect();
    }
    pool
}

/// Shifts under `paths`, checked against the scenarios.
fn check_shifts(
    paths: &[PathBuf],
    report: &care_engine::LoadReport,
) -> care_engine::shift::ShiftReport {
    care_engine::shift::load_shift_paths(paths, &scenario_pool(report))
}

/// Curricula under `paths`, checked against the scenarios and shifts (the scenarios folder's
/// when the paths hold none).
fn check_curricula(
    paths: &[PathBuf],
    report: &care_engine::LoadReport,
    shifts: &care_engine::shift::ShiftReport,
) -> care_engine::curriculum::CurriculumReport {
    let scenarios = scenario_pool(report);
    let mut shift_pool: Vec<_> = shifts.shifts.iter().map(|l| l.shift.clone()).collect();
    if shift_pool.is_empty() {
        let folder =
            care_engine::shift::load_shift_paths(&[PathBuf::from("scenarios")], &scenarios);
        shift_pool = folder.shifts.into_iter().map(|l| l.shift).collect();
    }
    care_engine::curriculum::load_curriculum_paths(paths, &scenarios, &shift_pool)
}

/// The paths to check: as given, or the scenarios folder.
pub fn paths(a: &CheckArgs) -> Vec<PathBuf> {
    if a.paths.is_empty() {
        vec![PathBuf::from("scenarios")]
    } else {
        a.paths.clone()
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
