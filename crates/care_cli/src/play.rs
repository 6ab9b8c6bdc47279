//! `care play`: a scripted run from an answers file, or an interactive run in the terminal.

use std::io::BufRead;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use care_engine::judge::Judge;
use care_engine::run::{Event, Input, ScenarioRun};
use care_engine::scoring::score;
use clap::Args;
use serde::Serialize;

use crate::{CliError, EXIT_OK, EXIT_PROBLEMS, Format, Io, print};
use care_engine::script::parse_answers;

#[derive(Debug, Args)]
pub struct PlayArgs {
    /// A scenario file, or the id of a scenario in the scenarios folder (with --shift: a shift).
    pub scenario: String,
    /// Play these answers instead of asking (a RON list: Choose(n, secs) for the n-th choice as
    /// shown, Pick(n, secs) for the n-th response as written in the scenario, Type("…", secs),
    /// Wait; for a shift: (at: SECS, customer: N, answer: Choose(n) or Type("…"))). Choices are
    /// shown in an order drawn from --seed, so Choose(n) depends on the seed and Pick(n) does not.
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// Play a shift (several customers at once) from --answers; without them nobody answers and
    /// every customer acts on their own. Prints the timeline and the triage score.
    #[arg(long)]
    pub shift: bool,
    /// Seed for personas (and a shift's arrivals); the same seed and answers give the same run.
    /// Default: 1, or the shift's own seed.
    #[arg(long)]
    pub seed: Option<u64>,
    /// `text` for people, `json` for machines (transcript and scores).
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Serialize)]
struct PlayOutput<'a> {
    transcript: &'a care_engine::run::Transcript,
    scores: &'a care_engine::ScoreCard,
}

pub fn run(a: &PlayArgs, folder: &std::path::Path, io: &mut Io<'_>) -> Result<i32, CliError> {
    if a.shift {
        return crate::shift_play::run(
            &a.scenario,
            a.answers.as_ref(),
            a.seed,
            a.format,
            folder,
            io,
        );
    }
    let scenario = crate::find::scenario(&a.scenario, folder)?;
    let seed = a.seed.unwrap_or(1);
    let judge = crate::judging::load(io)?;
    let run = match &a.answers {
        Some(path) => scripted(&scenario, seed, path, judge.judge.as_ref())?,
        None => interactive(&scenario, seed, judge.judge.as_ref(), io)?,
    };
    let card = score(&scenario.scoring, run.transcript());
    match a.format {
        Format::Json => {
            let out = PlayOutput {
                transcript: run.transcript(),
                scores: &card,
            };
            let json =
                serde_json::to_string_pretty(&out).map_err(|e| CliError::Failed(e.to_string()))?;
            writeln!(io.out, "{json}")?;
        }
        Format::Text | Format::Markdown => {
            if a.answers.is_some() {
                writeln!(io.out, "{}: {}\n", scenario.id, scenario.title)?;
                write!(io.out, "{}", print::transcript(run.transcript()))?;
            }
            writeln!(io.out, "\n{}", print::score_card(&card))?;
        }
    }
    Ok(if run.is_finished() {
        EXIT_OK
    } else {
        EXIT_PROBLEMS
    })
}

fn scripted(
    scenario: &Arc<care_engine::Scenario>,
    seed: u64,
    path: &PathBuf,
    judge: &dyn Judge,
) -> Result<ScenarioRun, CliError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::Usage(format!("cannot read {}: {e}", path.display())))?;
    let script =
        parse_answers(&text).map_err(|e| CliError::Usage(format!("{}:{e}", path.display())))?;
    care_engine::script::play_with(scenario, seed, &script, judge).map_err(|e| {
        CliError::Failed(format!(
            "{}: {}\nthe run so far:\n{}",
            path.display(),
            e.message,
            print::transcript(e.run.transcript())
        ))
    })
}

fn interactive(
    scenario: &Arc<care_engine::Scenario>,
    seed: u64,
    judge: &dyn Judge,
    io: &mut Io<'_>,
) -> Result<ScenarioRun, CliError> {
    writeln!(io.out, "{}\n{}\n", scenario.title, scenario.summary)?;
    writeln!(
        io.out,
        "Type a number to choose, any other text to reply in your own words, or an empty line to stay silent.\n"
    )?;
    let (mut run, events) = ScenarioRun::start(Arc::clone(scenario), seed);
    show(&events, io)?;
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    while !run.is_finished() {
        let asked = Instant::now();
        write!(io.out, "> ")?;
        io.out.flush()?;
        let Some(line) = lines.next().transpose()? else {
            break;
        };
        let after_ms = u64::try_from(asked.elapsed().as_millis()).unwrap_or(u64::MAX);
        let line = line.trim();
        let input = match line.parse::<usize>() {
            _ if line.is_empty() => Input::Timeout,
            Ok(n) if n >= 1 && run.choices_offered() > 0 => Input::Choice(n - 1),
            _ => Input::Typed(line.to_owned()),
        };
        match run.answer_with(input, after_ms, judge) {
            Ok(events) => show(&events, io)?,
            Err(e) => writeln!(io.out, "  {e}")?,
        }
    }
    Ok(run)
}

fn show(events: &[Event], io: &mut Io<'_>) -> Result<(), CliError> {
    for e in events {
        if let Some(line) = print::event_line(e) {
            writeln!(io.out, "{line}")?;
        }
    }
    Ok(())
}
