//! Loading shift files: the same checks and file:line:column diagnostics as scenarios, plus
//! that every customer's scenario exists and every arrival window makes sense.

use std::path::PathBuf;
use std::sync::Arc;

use crate::clock::{SimTime, parse_time_of_day};
use crate::diagnostic::{Code, Diagnostic, Problem, Severity};
use crate::load::{FileOutcome, load_resolved};
use crate::model::Scenario;
use crate::path::Path;
use crate::suggest::did_you_mean;

use super::model::{Arrival, Priority, Shift, ShiftCustomer, TriageRules};
use super::raw::{RawArrival, RawPriority, RawShift, RawTriage};

/// File name ending of shift files.
pub const SHIFT_SUFFIX: &str = ".shift.ron";
/// The most customers one shift may have.
pub const MAX_CUSTOMERS: usize = 200;
/// The latest a customer may arrive, in seconds after the start (two hours).
pub const MAX_ARRIVAL_SECS: u32 = 2 * 60 * 60;
/// How far a customer's scenario clock may be from the shift's clock when they arrive, in
/// minutes, before its narration ("Saturday afternoon") contradicts the shift.
pub const CLOCK_SLACK_MINUTES: u64 = 60;

/// Loads one shift; its customers' scenarios are looked up in `scenarios` by id.
pub fn load_shift_bytes(
    file: &str,
    bytes: &[u8],
    scenarios: &[Arc<Scenario>],
) -> FileOutcome<Shift> {
    load_resolved(file, bytes, "shift", |raw: &RawShift, hash| {
        resolve(raw, scenarios, hash)
    })
}

fn resolve(
    raw: &RawShift,
    scenarios: &[Arc<Scenario>],
    content_hash: String,
) -> (Option<Shift>, Vec<Problem>) {
    let root = Path::root();
    let mut problems = Vec::new();
    for (field, value) in [
        ("id", &raw.id),
        ("title", &raw.title),
        ("lesson", &raw.lesson),
    ] {
        if value.trim().is_empty() {
            problems.push(
                Problem::new(
                    Code::EmptyText,
                    root.field(field),
                    format!("`{field}` is empty"),
                )
                .hint("write what the trainee sees in the list of shifts"),
            );
        }
    }
    let start_minutes = parse_time_of_day(&raw.starts.time);
    let starts = match start_minutes {
        Some(m) => SimTime::at(raw.starts.day, m),
        None => {
            problems.push(
                Problem::new(
                    Code::BadTime,
                    root.field("starts").field("time"),
                    format!("`{}` is not a time of day", raw.starts.time),
                )
                .hint("write the time as \"HH:MM\", 24-hour, e.g. \"16:45\""),
            );
            SimTime::at(raw.starts.day, 0)
        }
    };
    if raw.customers.is_empty() {
        problems.push(
            Problem::new(
                Code::MissingField,
                root.field("customers"),
                "the shift has no customers",
            )
            .hint("add at least two: triage needs more than one customer waiting"),
        );
    }
    if raw.customers.len() > MAX_CUSTOMERS {
        problems.push(Problem::new(
            Code::OutOfRange,
            root.field("customers"),
            format!("a shift may have at most {MAX_CUSTOMERS} customers"),
        ));
    }
    if !(0..=100).contains(&raw.pass_mark) {
        problems.push(
            Problem::new(
                Code::OutOfRange,
                root.field("pass_mark"),
                format!("pass_mark is {}; use 0 to 100", raw.pass_mark),
            )
            .hint("the triage score runs from 0 to 100; 60 is usual"),
        );
    }
    let triage = triage_rules(&raw.triage, &root, &mut problems);
    let ids: Vec<&str> = scenarios.iter().map(|s| s.id.as_str()).collect();
    let mut customers = Vec::new();
    for (i, c) in raw.customers.iter().enumerate() {
        let path = root.field("customers").index(i);
        let arrives = match c.arrives {
            RawArrival::At(s) => Arrival::At(u64::from(s) * 1000),
            RawArrival::Between(a, b) => {
                if a > b {
                    problems.push(
                        Problem::new(
                            Code::OutOfRange,
                            path.field("arrives"),
                            format!("the arrival window Between({a}, {b}) ends before it starts"),
                        )
                        .hint(format!("write Between({b}, {a})")),
                    );
                }
                Arrival::Between(u64::from(a.min(b)) * 1000, u64::from(a.max(b)) * 1000)
            }
        };
        let latest = match c.arrives {
            RawArrival::At(s) => s,
            RawArrival::Between(a, b) => a.max(b),
        };
        if latest > MAX_ARRIVAL_SECS {
            problems.push(
                Problem::new(
                    Code::OutOfRange,
                    path.field("arrives"),
                    format!("an arrival {latest} s after the start is later than two hours"),
                )
                .hint("arrivals are in seconds after the shift starts"),
            );
        }
        let Some(scenario) = scenarios.iter().find(|s| s.id == c.scenario) else {
            problems.push(
                Problem::new(
                    Code::UnknownReference,
                    path.field("scenario"),
                    format!("no scenario has the id `{}`", c.scenario),
                )
                .label("unknown scenario")
                .hint_opt(
                    did_you_mean(&c.scenario, ids.iter().copied())
                        .or_else(|| Some("run `care catalog scenarios` to list the ids".into())),
                ),
            );
            continue;
        };
        if let Some(first) = raw.customers[..i]
            .iter()
            .position(|o| o.scenario == c.scenario)
        {
            problems.push(
                Problem::new(
                    Code::ShiftRepeatsScenario,
                    path.field("scenario"),
                    format!(
                        "customer {} plays `{}` again, the same script as customer {}",
                        i + 1,
                        c.scenario,
                        first + 1
                    ),
                )
                .label("played twice")
                .hint("give every customer of a shift a scenario of their own: the trainee would meet the same person twice"),
            );
        }
        let arrival_secs = match c.arrives {
            RawArrival::At(s) => u64::from(s),
            RawArrival::Between(a, b) => u64::from(a.min(b)),
        };
        let due = starts.plus_secs(arrival_secs);
        let theirs = scenario.clock.start;
        // A start time that did not parse is reported already; its clock proves nothing.
        if start_minutes.is_some() && theirs.0.abs_diff(due.0) > CLOCK_SLACK_MINUTES * 60 {
            problems.push(
                Problem::new(
                    Code::ShiftClockMismatch,
                    path.field("scenario"),
                    format!(
                        "`{}` is set on {theirs}, but this customer arrives on {due}",
                        c.scenario
                    ),
                )
                .label("another day or time")
                .hint(format!(
                    "choose or write a scenario whose clock is within {CLOCK_SLACK_MINUTES} minutes of the arrival, so its narration agrees with the shift's clock"
                )),
            );
        }
        let priority = match c.priority {
            Some(RawPriority::Urgent) => Priority::Urgent,
            Some(RawPriority::Public) => Priority::Public,
            Some(RawPriority::Routine) => Priority::Routine,
            None if scenario.channel.is_public() => Priority::Public,
            None => Priority::Routine,
        };
        customers.push(ShiftCustomer {
            scenario: Arc::clone(scenario),
            arrives,
            label: c
                .label
                .clone()
                .filter(|l| !l.trim().is_empty())
                .unwrap_or_else(|| scenario.title.clone()),
            priority,
        });
    }
    let content_hash =
        Shift::hash_with_scenarios(&content_hash, customers.iter().map(|c| &*c.scenario));
    let shift = Shift {
        id: crate::names::ShiftId::new(raw.id.clone()),
        title: raw.title.clone(),
        summary: raw.summary.clone(),
        lesson: raw.lesson.clone(),
        starts,
        seed: raw.seed,
        customers,
        pass_mark: raw.pass_mark,
        triage,
        content_hash,
    };
    (Some(shift), problems)
}

/// The shift's triage costs, each checked against a sensible range.
fn triage_rules(raw: &RawTriage, root: &Path, problems: &mut Vec<Problem>) -> TriageRules {
    let path = root.field("triage");
    let mut points = |field: &str, value: i32| {
        if !(0..=100).contains(&value) {
            problems.push(
                Problem::new(
                    Code::OutOfRange,
                    path.field(field),
                    format!("{field} is {value}; use 0 to 100"),
                )
                .hint("a cost is the number of triage points lost, out of 100"),
            );
        }
        value.clamp(0, 100)
    };
    let rules = TriageRules {
        routine_alone: points("routine_alone", raw.routine_alone),
        public_alone: points("public_alone", raw.public_alone),
        urgent_alone: points("urgent_alone", raw.urgent_alone),
        passed_over: points("passed_over", raw.passed_over),
        longest_ignored: points("longest_ignored", raw.longest_ignored),
        collision: points("collision", raw.collision),
        notice_ms: u64::from(raw.notice_secs) * 1000,
        collision_minutes: u64::from(raw.collision_minutes),
    };
    for (field, value, max) in [
        ("notice_secs", raw.notice_secs, 600),
        ("collision_minutes", raw.collision_minutes, 24 * 60),
    ] {
        if !(1..=max).contains(&value) {
            problems.push(
                Problem::new(
                    Code::OutOfRange,
                    path.field(field),
                    format!("{field} is {value}; use 1 to {max}"),
                )
                .hint("leave `triage` out to use the usual values"),
            );
        }
    }
    rules
}

/// A shift loaded from a file.
#[derive(Debug, Clone)]
pub struct LoadedShift {
    pub file: String,
    pub shift: Arc<Shift>,
}

/// Every shift under some paths, with every problem found.
#[derive(Debug, Default)]
pub struct ShiftReport {
    pub shifts: Vec<LoadedShift>,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: std::collections::HashMap<String, String>,
    /// Shift files found.
    pub files: usize,
}

impl ShiftReport {
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }
}

/// Shift files under `paths`: files as given, folders searched for `*.shift.ron`.
pub fn discover_shifts(paths: &[PathBuf]) -> Vec<PathBuf> {
    crate::load::discover_suffix(paths, SHIFT_SUFFIX)
}

/// Loads every shift under `paths` against `scenarios`.
pub fn load_shift_paths(paths: &[PathBuf], scenarios: &[Arc<Scenario>]) -> ShiftReport {
    let files = discover_shifts(paths);
    let mut report = ShiftReport {
        files: files.len(),
        ..ShiftReport::default()
    };
    let loaded = crate::load::load_each(
        &files,
        |name, bytes| load_shift_bytes(name, bytes, scenarios),
        &mut report.diagnostics,
        &mut report.sources,
    );
    report.shifts = loaded
        .into_iter()
        .map(|(file, shift)| LoadedShift {
            file,
            shift: Arc::new(shift),
        })
        .collect();
    report
}
