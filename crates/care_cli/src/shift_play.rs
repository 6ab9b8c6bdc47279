//! `care play --shift`: a shift played from written answers (or with nobody answering), printed
//! as a timeline with each customer's scores and the triage score.

use std::path::{Path, PathBuf};

use care_engine::shift::script::{parse_steps, play_shift_with};
use care_engine::shift::{ShiftEvent, ShiftRun, result};
use serde::Serialize;

use crate::{CliError, EXIT_OK, Format, Io};

fn clock(ms: u64) -> String {
    let s = ms / 1000;
    format!("{:02}:{:02}", s / 60, s % 60)
}

/// One line of the timeline, or none for events the summary covers.
fn line(run: &ShiftRun, at_ms: u64, e: &ShiftEvent) -> Option<String> {
    let shift = run.shift();
    let who = |c: care_engine::shift::CustomerId| shift.customer(c).label.clone();
    let text = match e {
        ShiftEvent::Arrived { customer } => format!("{} arrives", who(*customer)),
        ShiftEvent::Served {
            customer,
            waited_ms,
            others,
        } => format!(
            "you answer {} after {} s{}",
            who(*customer),
            waited_ms / 1000,
            if others.is_empty() {
                String::new()
            } else {
                format!(" ({} others waiting)", others.len())
            }
        ),
        ShiftEvent::ActedAlone {
            customer,
            waited_ms,
        } => format!(
            "nobody answered {} for {} s: they act on their own",
            who(*customer),
            waited_ms / 1000
        ),
        ShiftEvent::Finished { customer, outcome } => {
            format!("{} is done: {outcome:?}", who(*customer))
        }
        ShiftEvent::Scenario { .. } => return None,
    };
    Some(format!("{}  {text}", clock(at_ms)))
}

#[derive(Serialize)]
struct CustomerOut {
    label: String,
    scenario: care_engine::ScenarioId,
    priority: &'static str,
    arrived_s: u64,
    overall: i32,
    passed: bool,
    outcome: Option<String>,
    waited_s: u64,
    longest_wait_s: u64,
    acted_alone: u32,
}

#[derive(Serialize)]
struct ReasonOut {
    at_s: u64,
    points: i32,
    text: String,
}

#[derive(Serialize)]
struct ShiftOut {
    shift: care_engine::ShiftId,
    seed: u64,
    customers: Vec<CustomerOut>,
    triage: i32,
    triage_pass_mark: i32,
    triage_passed: bool,
    triage_reasons: Vec<ReasonOut>,
}

pub fn run(
    name: &str,
    answers: Option<&PathBuf>,
    seed: Option<u64>,
    format: Format,
    folder: &Path,
    io: &mut Io<'_>,
) -> Result<i32, CliError> {
    let shift = crate::find::shift(name, folder)?;
    let steps = match answers {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| CliError::Usage(format!("cannot read {}: {e}", path.display())))?;
            parse_steps(&text).map_err(|e| CliError::Usage(format!("{}:{e}", path.display())))?
        }
        None => Vec::new(),
    };
    let seed = seed.unwrap_or(shift.seed);
    let judge = crate::judging::load(io)?;
    let run =
        play_shift_with(&shift, seed, &steps, judge.judge.as_ref()).map_err(CliError::Failed)?;
    let r = result(&run);
    let out = ShiftOut {
        shift: shift.id.clone(),
        seed,
        customers: r
            .customers
            .iter()
            .map(|c| CustomerOut {
                label: c.label.clone(),
                scenario: shift.customer(c.customer).scenario.id.clone(),
                priority: c.priority.word(),
                arrived_s: c.arrived_ms / 1000,
                overall: c.card.overall,
                passed: c.card.passed,
                outcome: c.outcome.map(|o| format!("{o:?}")),
                waited_s: c.waited_ms / 1000,
                longest_wait_s: c.longest_wait_ms / 1000,
                acted_alone: c.acted_alone,
            })
            .collect(),
        triage: r.triage.score,
        triage_pass_mark: r.triage.pass_mark,
        triage_passed: r.triage.passed,
        triage_reasons: r
            .triage
            .reasons
            .iter()
            .map(|t| ReasonOut {
                at_s: t.at_ms / 1000,
                points: t.points,
                text: t.text.clone(),
            })
            .collect(),
    };
    match format {
        Format::Json => {
            let json =
                serde_json::to_string_pretty(&out).map_err(|e| CliError::Failed(e.to_string()))?;
            writeln!(io.out, "{json}")?;
        }
        Format::Text | Format::Markdown => {
            writeln!(io.out, "{} (starts {})\n", shift.title, shift.starts)?;
            for m in run.log() {
                if let Some(l) = line(&run, m.at_ms, &m.event) {
                    writeln!(io.out, "{l}")?;
                }
            }
            writeln!(io.out)?;
            for c in &out.customers {
                writeln!(
                    io.out,
                    "{:<52} {:>8}  overall {:>3} {}  waited {:>3} s (longest {:>3} s){}",
                    c.label,
                    c.priority,
                    c.overall,
                    if c.passed { "passed" } else { "      " },
                    c.waited_s,
                    c.longest_wait_s,
                    if c.acted_alone > 0 {
                        format!(", acted alone {}×", c.acted_alone)
                    } else {
                        String::new()
                    }
                )?;
            }
            writeln!(
                io.out,
                "\nTriage {} / 100 (pass {}): {}",
                out.triage,
                out.triage_pass_mark,
                if out.triage_passed {
                    "passed"
                } else {
                    "not passed"
                }
            )?;
            for t in &out.triage_reasons {
                writeln!(
                    io.out,
                    "  {}  {:+}  {}",
                    clock(t.at_s * 1000),
                    t.points,
                    t.text
                )?;
            }
        }
    }
    Ok(EXIT_OK)
}
