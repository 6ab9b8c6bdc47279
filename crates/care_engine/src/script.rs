//! Scripted play: answers written down in advance (`care play --answers`) and playthrough files
//! that state what a path through a scenario must score.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::model::{Dimension, Scenario};
use crate::run::{Input, ScenarioRun};
use crate::scoring::{ScoreCard, score};

/// One scripted answer, as written in a file.
///
/// ```ron
/// [
///     Choose(1, 4.5),               // the first choice as shown, 4.5 s after the prompt
///     Pick(2, 6),                   // the second response as written in the file, 6 s
///     Type("Hi {first}, ...", 20),  // a typed reply, 20 s after the prompt; {first} is the
///                                   // customer's first name as drawn
///     Wait,                         // no answer: let the customer act
/// ]
/// ```
///
/// Choices are shown in an order drawn from the run's seed, so `Choose(n)` is what a trainee
/// pressing key n does, and means another response under another seed. `Pick(n)` names the
/// response by its place in the scenario file, which keeps playthroughs stable across orders.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub enum ScriptedAnswer {
    /// Choice number as shown (from 1) and seconds taken.
    Choose(usize, f64),
    /// Response number as written in the beat (from 1) and seconds taken.
    Pick(usize, f64),
    /// Typed text (`{first}` stands for the customer's first name) and seconds taken.
    Type(String, f64),
    /// Say nothing until the customer acts.
    Wait,
}

impl ScriptedAnswer {
    /// The engine input for `run`'s current beat, and the real time it took.
    pub fn to_input(&self, run: &ScenarioRun) -> Result<(Input, u64), String> {
        #[expect(
            clippy::cast_possible_truncation,
            reason = "seconds made non-negative and rounded to whole milliseconds first; a float-to-integer cast saturates"
        )]
        let ms = |s: f64| (s.max(0.0) * 1000.0).round() as u64;
        Ok(match self {
            ScriptedAnswer::Choose(0, _) | ScriptedAnswer::Pick(0, _) => {
                return Err("choices are numbered from 1".into());
            }
            ScriptedAnswer::Choose(n, s) => (Input::Choice(n - 1), ms(*s)),
            ScriptedAnswer::Pick(n, s) => {
                let shown = run.shown_position(n - 1).ok_or_else(|| {
                    let written = run.current_beat().map_or(0, |b| run.scenario().beat(b).responses.len());
                    format!("response {n} as written is not offered here (the beat has {written} responses, {} offered now)", run.choices_offered())
                })?;
                (Input::Choice(shown), ms(*s))
            }
            ScriptedAnswer::Type(t, s) => (
                Input::Typed(t.replace("{first}", run.persona().first_name())),
                ms(*s),
            ),
            ScriptedAnswer::Wait => (Input::Timeout, 0),
        })
    }
}

/// Parses an answers file.
pub fn parse_answers(text: &str) -> Result<Vec<ScriptedAnswer>, String> {
    crate::load::ron_options()
        .from_str(text)
        .map_err(|e| e.to_string())
}

/// A scripted play that stopped early, with the run as far as it got.
#[derive(Debug)]
pub struct PlayError {
    pub message: String,
    pub run: Box<ScenarioRun>,
}

impl std::fmt::Display for PlayError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Plays `answers` from the start, typed replies judged by keywords; the run must end exactly
/// when the answers do.
pub fn play(
    scenario: &Arc<Scenario>,
    seed: u64,
    answers: &[ScriptedAnswer],
) -> Result<ScenarioRun, PlayError> {
    play_with(scenario, seed, answers, &crate::judge::KeywordJudge)
}

/// Plays `answers` from the start, typed replies judged by `judge`.
pub fn play_with(
    scenario: &Arc<Scenario>,
    seed: u64,
    answers: &[ScriptedAnswer],
    judge: &dyn crate::judge::Judge,
) -> Result<ScenarioRun, PlayError> {
    let (mut run, _) = ScenarioRun::start(Arc::clone(scenario), seed);
    for (i, a) in answers.iter().enumerate() {
        let result = a.to_input(&run).and_then(|(input, after_ms)| {
            run.answer_with(input, after_ms, judge)
                .map_err(|e| e.to_string())
        });
        if let Err(e) = result {
            let message = format!("answer {}: {e}", i + 1);
            return Err(PlayError {
                message,
                run: Box::new(run),
            });
        }
    }
    if !run.is_finished() {
        let at = run
            .current_beat()
            .map_or("", |b| scenario.beat(b).key.as_str());
        let message = format!("the answers ran out before the scenario ended (at beat `{at}`)");
        return Err(PlayError {
            message,
            run: Box::new(run),
        });
    }
    Ok(run)
}

/// What a playthrough must score.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub enum Expect {
    /// Passes, with every dimension at `min` or more.
    Pass { min: i32 },
    /// Does not pass, and each listed dimension is below its pass mark.
    Fail(Vec<Dimension>),
}

/// One path through a scenario and what it must score.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Case {
    pub name: String,
    pub answers: Vec<ScriptedAnswer>,
    pub expect: Expect,
}

/// A scenario's playthroughs file (`NAME.playthroughs.ron` beside `NAME.scenario.ron`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename = "Playthroughs")]
pub struct Playthroughs {
    pub scenario: String,
    #[serde(default = "one")]
    pub seed: u64,
    pub cases: Vec<Case>,
}

fn one() -> u64 {
    1
}

impl Playthroughs {
    /// Finds and reads `ID.playthroughs.ron` anywhere under `folder`.
    pub fn find(folder: &Path, id: &str) -> Result<(PathBuf, Playthroughs), String> {
        let name = format!("{id}.playthroughs.ron");
        let file = find_file(folder, &name)
            .ok_or_else(|| format!("no {name} under {}", folder.display()))?;
        let text = crate::load_files::read_text_capped(&file)?;
        let plays = ron::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
        Ok((file, plays))
    }
}

/// The first file called `name` under `dir`, searching folders in name order. Links are
/// followed only while they stay inside `dir`.
pub(crate) fn find_file(dir: &Path, name: &str) -> Option<PathBuf> {
    let root = std::fs::canonicalize(dir).ok()?;
    find_inside(&root, dir, name, 0)
}

/// Deepest folder [`find_file`] searches (links inside the folder may make loops).
const MAX_FIND_DEPTH: usize = 32;

fn find_inside(root: &Path, dir: &Path, name: &str, depth: usize) -> Option<PathBuf> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| !p.is_symlink() || crate::load_files::stays_inside(root, p))
        .collect();
    entries.sort();
    entries
        .iter()
        .find(|p| p.is_file() && p.file_name().is_some_and(|n| n == name))
        .cloned()
        .or_else(|| {
            entries
                .iter()
                .filter(|p| p.is_dir() && depth < MAX_FIND_DEPTH)
                .find_map(|p| find_inside(root, p, name, depth + 1))
        })
}

/// Plays `case` and checks its expectation; the score card on success, what went wrong otherwise.
pub fn check_case(scenario: &Arc<Scenario>, seed: u64, case: &Case) -> Result<ScoreCard, String> {
    check_case_with(scenario, seed, case, &crate::judge::KeywordJudge)
}

/// [`check_case`] with typed replies judged by `judge`.
pub fn check_case_with(
    scenario: &Arc<Scenario>,
    seed: u64,
    case: &Case,
    judge: &dyn crate::judge::Judge,
) -> Result<ScoreCard, String> {
    let run = play_with(scenario, seed, &case.answers, judge).map_err(|e| e.message)?;
    let card = score(&scenario.scoring, run.transcript());
    let scores = card.scores();
    match &case.expect {
        Expect::Pass { min } => {
            let low: Vec<String> = Dimension::ALL
                .iter()
                .filter(|d| scores.get(**d) < *min)
                .map(|d| format!("{} {}", crate::texts::dimension(*d), scores.get(*d)))
                .collect();
            if !card.passed || !low.is_empty() {
                return Err(format!(
                    "expected a pass with every dimension ≥ {min}; got overall {} ({}), low: {}",
                    card.overall,
                    if card.passed { "passed" } else { "not passed" },
                    low.join(", ")
                ));
            }
        }
        Expect::Fail(dims) => {
            if card.passed {
                return Err(format!(
                    "expected a fail; it passed with {} overall",
                    card.overall
                ));
            }
            for d in dims {
                let ds = card.get(*d);
                if ds.passed {
                    return Err(format!(
                        "expected {} below its pass mark {}; got {}",
                        crate::texts::dimension(*d),
                        ds.pass_mark,
                        ds.score
                    ));
                }
            }
        }
    }
    Ok(card)
}
