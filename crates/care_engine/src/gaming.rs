//! Answer patterns that need no skill (always the first choice shown, always the longest, a
//! pasted template …) played across several seeds. A scenario that such a pattern passes
//! measures the pattern, not the trainee; `care check` and `care analyze` warn about it.

use std::sync::Arc;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use crate::analyze::{PathStep, snippet};
use crate::diagnostic::{Code, Problem};
use crate::judge::Judge;
use crate::model::{Beat, PerDimension, Scenario};
use crate::path::Path;
use crate::run::{Input, ScenarioRun};
use crate::scoring::score;

/// The seeds every pattern is played with. A pattern that passes on most of them passes.
pub const SEEDS: [u64; 3] = [11, 22, 33];
/// Seconds a pattern takes to answer: a trainee pressing keys without reading.
const ANSWER_MS: u64 = 1000;
/// Answers before a pattern's run is given up as going round in circles.
const MAX_ANSWERS: usize = 120;

/// A stock reply of the kind a template library holds.
pub const TEMPLATE: &str = "Dear valued customer, thank you for contacting us. I understand your \
    frustration and I sincerely apologise for any inconvenience caused. Your satisfaction is our \
    priority. We will look into this matter and get back to you in due course.";

/// The same template with the customer's first name in the greeting (`{first}`).
pub const NAMED_TEMPLATE: &str = "Hi {first}, thank you for reaching out. I understand your \
    frustration and I'm sorry for any inconvenience this may have caused. We value you as a \
    customer. We will look into this and get back to you as soon as possible.";

/// A way of answering that needs no skill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Pattern {
    /// Always the first choice shown; the template wherever a reply must be typed.
    FirstShown,
    /// Always the last choice shown; the template wherever a reply must be typed.
    LastShown,
    /// Always the longest choice; the template wherever a reply must be typed.
    Longest,
    /// Always the shortest choice; the template wherever a reply must be typed.
    Shortest,
    /// Choices at random; the template wherever a reply must be typed.
    Random,
    /// The best choice everywhere, and a stock template pasted into every typed moment.
    Template,
    /// The best choice everywhere, and a stock template that greets the customer by name.
    NamedTemplate,
}

impl Pattern {
    pub const ALL: [Pattern; 7] = [
        Pattern::FirstShown,
        Pattern::LastShown,
        Pattern::Longest,
        Pattern::Shortest,
        Pattern::Random,
        Pattern::Template,
        Pattern::NamedTemplate,
    ];

    /// How the pattern is named in warnings.
    pub fn describe(self) -> &'static str {
        match self {
            Pattern::FirstShown => "always the first choice shown",
            Pattern::LastShown => "always the last choice shown",
            Pattern::Longest => "always the longest choice",
            Pattern::Shortest => "always the shortest choice",
            Pattern::Random => "random choices",
            Pattern::Template => "a pasted stock template in every typed moment",
            Pattern::NamedTemplate => "a stock template greeting the customer by name",
        }
    }

    fn is_template(self) -> bool {
        matches!(self, Pattern::Template | Pattern::NamedTemplate)
    }
}

/// One pattern played with one seed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PatternPlay {
    pub pattern: Pattern,
    pub seed: u64,
    pub passed: bool,
    pub overall: i32,
    pub scores: PerDimension<i32>,
    pub steps: Vec<PathStep>,
    pub ending: String,
    /// Typed replies the pattern gave (a template pattern that typed nothing proves nothing).
    pub typed: usize,
}

/// A pattern that passed on most seeds, with the plays.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub pattern: Pattern,
    pub passed_on: usize,
    pub plays: Vec<PatternPlay>,
}

/// Plays `pattern` once with `seed`; typed replies are judged by `judge`.
pub fn play(
    scenario: &Arc<Scenario>,
    pattern: Pattern,
    seed: u64,
    judge: &dyn Judge,
) -> PatternPlay {
    let (mut run, _) = ScenarioRun::start(Arc::clone(scenario), seed);
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x9e37_79b9_7f4a_7c15);
    let mut steps = Vec::new();
    let mut typed = 0;
    while !run.is_finished() && steps.len() < MAX_ANSWERS {
        let Some(beat_id) = run.current_beat() else {
            break;
        };
        let beat = scenario.beat(beat_id);
        let (input, label) = choose(&run, beat, pattern, &mut rng);
        typed += usize::from(matches!(input, Input::Typed(_)));
        steps.push(PathStep {
            beat: beat.key.clone(),
            answer: label,
        });
        if run.answer_with(input, ANSWER_MS, judge).is_err() {
            break;
        }
    }
    let card = score(&scenario.scoring, run.transcript());
    PatternPlay {
        pattern,
        seed,
        passed: card.passed && run.is_finished(),
        overall: card.overall,
        scores: card.scores(),
        steps,
        ending: run
            .transcript()
            .ending()
            .map_or_else(String::new, |(_, k)| k.to_owned()),
        typed,
    }
}

/// The input `pattern` gives at `beat`, and how a path listing shows it.
fn choose(
    run: &ScenarioRun,
    beat: &Beat,
    pattern: Pattern,
    rng: &mut ChaCha8Rng,
) -> (Input, String) {
    let persona = run.persona();
    let offered = run.offered_responses();
    let text = |r: usize| beat.responses[r].text.render(persona);
    let typed = beat.typed.as_ref().map(|t| {
        let reply = if pattern == Pattern::NamedTemplate {
            NAMED_TEMPLATE.replace("{first}", persona.first_name())
        } else {
            TEMPLATE.to_owned()
        };
        let reply: String = reply.chars().take(t.max_chars as usize).collect();
        (Input::Typed(reply), "typed the template".to_owned())
    });
    if offered.is_empty() || (pattern.is_template() && typed.is_some()) {
        return typed.unwrap_or((Input::Timeout, "no answer".to_owned()));
    }
    let shown = match pattern {
        Pattern::FirstShown => 0,
        Pattern::LastShown => offered.len() - 1,
        Pattern::Longest => by_length(offered, &text, true),
        Pattern::Shortest => by_length(offered, &text, false),
        Pattern::Random => usize::try_from(rng.next_u64() % offered.len() as u64).unwrap_or(0),
        Pattern::Template | Pattern::NamedTemplate => {
            let best = |&r: &usize| {
                let e = &beat.responses[r].step.effects;
                e.speed + e.empathy + e.follow_through
            };
            offered
                .iter()
                .enumerate()
                .max_by_key(|(i, r)| (best(r), std::cmp::Reverse(*i)))
                .map_or(0, |(i, _)| i)
        }
    };
    let label = format!(
        "{} \u{201c}{}\u{201d}",
        shown + 1,
        snippet(&text(offered[shown]))
    );
    (Input::Choice(shown), label)
}

fn by_length(offered: &[usize], text: &dyn Fn(usize) -> String, longest: bool) -> usize {
    let lengths = offered.iter().map(|&r| text(r).chars().count());
    let pick = if longest {
        lengths
            .enumerate()
            .max_by_key(|(i, n)| (*n, std::cmp::Reverse(*i)))
    } else {
        lengths.enumerate().min_by_key(|(i, n)| (*n, *i))
    };
    pick.map_or(0, |(i, _)| i)
}

/// Every pattern on every seed.
pub fn play_all(scenario: &Arc<Scenario>, judge: &dyn Judge) -> Vec<PatternPlay> {
    Pattern::ALL
        .iter()
        .flat_map(|&p| SEEDS.iter().map(move |&seed| (p, seed)))
        .map(|(p, seed)| play(scenario, p, seed, judge))
        .collect()
}

/// The patterns that pass on most seeds.
pub fn findings(plays: &[PatternPlay]) -> Vec<Finding> {
    Pattern::ALL
        .iter()
        .filter_map(|&pattern| {
            let mine: Vec<PatternPlay> = plays
                .iter()
                .filter(|p| p.pattern == pattern && (p.typed > 0 || !pattern.is_template()))
                .cloned()
                .collect();
            let passed_on = mine.iter().filter(|p| p.passed).count();
            (!mine.is_empty() && passed_on * 2 > mine.len()).then_some(Finding {
                pattern,
                passed_on,
                plays: mine,
            })
        })
        .collect()
}

/// Warnings for answer patterns that pass, and for best choices that are systematically the
/// longest.
pub fn warnings(s: &Scenario, judge: &dyn Judge) -> Vec<Problem> {
    let scenario = Arc::new(s.clone());
    let mut out: Vec<Problem> = findings(&play_all(&scenario, judge))
        .into_iter()
        .map(|f| {
            let play = f.plays.iter().find(|p| p.passed).unwrap_or(&f.plays[0]);
            let path: Vec<String> = play
                .steps
                .iter()
                .map(|st| format!("{}: {}", st.beat, st.answer))
                .collect();
            Problem::new(
                Code::PatternPasses,
                Path::root().field("id"),
                format!(
                    "{} passes on {} of {} seeds ({} overall with seed {}, ending `{}`); path: {}",
                    f.pattern.describe(),
                    f.passed_on,
                    f.plays.len(),
                    play.overall,
                    play.seed,
                    play.ending,
                    path.join(" → ")
                ),
            )
            .label("passes without the skill")
            .hint(hint(f.pattern))
        })
        .collect();
    out.extend(longest_is_best(s));
    out
}

fn hint(p: Pattern) -> &'static str {
    match p {
        Pattern::Template | Pattern::NamedTemplate => {
            "make the typed moment count: reward what a good reply does (criteria with examples), \
             penalise stock phrases, and branch on what was written (`Met(\"…\")`)"
        }
        Pattern::Longest | Pattern::Shortest => {
            "vary the length of the choices, so the best one is not the longest (or shortest) \
             and a poor one is as long and as polite as a good one"
        }
        _ => {
            "make poor choices cost more, or give more beats a plausible wrong choice, so that \
             answering without reading fails"
        }
    }
}

/// A warning when, at most beats with choices, the best choice is also the longest.
fn longest_is_best(s: &Scenario) -> Option<Problem> {
    let persona = crate::persona::Persona::draw(s, 0);
    let mut beats = 0;
    let mut longest_best = Vec::new();
    for (b, beat) in s.beats.iter().enumerate() {
        if beat.responses.len() < 2 {
            continue;
        }
        beats += 1;
        let sum = |i: usize| {
            let e = &beat.responses[i].step.effects;
            e.speed + e.empathy + e.follow_through
        };
        let len = |i: usize| beat.responses[i].text.render(&persona).chars().count();
        let n = beat.responses.len();
        let best = (0..n).max_by_key(|&i| (sum(i), std::cmp::Reverse(i)));
        let longest = (0..n).max_by_key(|&i| (len(i), std::cmp::Reverse(i)));
        if let (Some(best), Some(longest)) = (best, longest)
            && best == longest
            && (0..n).filter(|&i| sum(i) == sum(best)).count() == 1
        {
            longest_best.push((b, best));
        }
    }
    if longest_best.len() < 2 || longest_best.len() * 2 <= beats {
        return None;
    }
    let (b, r) = longest_best[0];
    Some(
        Problem::new(
            Code::BestIsLongest,
            Path::root().field("beats").index(b).field("responses").index(r).field("text"),
            format!(
                "the best choice is also the longest at {} of {} beats with choices",
                longest_best.len(),
                beats
            ),
        )
        .label("best and longest")
        .hint("a trainee learns to pick the longest answer; write a short best answer, or a long, polite wrong one"),
    )
}
