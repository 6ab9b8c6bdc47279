//! Explores every path through a scenario (bounded) and reports the score range of each.

use std::sync::Arc;

use serde::Serialize;

use crate::model::{Dimension, Matcher, Outcome, PerDimension, Rubric, Scenario};
use crate::order::ChoiceOrder;
use crate::persona::Persona;
use crate::run::{Input, ScenarioRun};
use crate::scoring::score;

/// Answers per path before exploration stops following a loop.
pub const MAX_PATH_ANSWERS: usize = 60;
/// Beats explored per path allowed by `limit`: bounds the work on large scenarios with loops,
/// whose paths multiply without ending.
pub const EXPANSIONS_PER_PATH: usize = 5;

/// One choice along a path, as shown to a trainer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathStep {
    pub beat: String,
    /// "2: I'm sorry, Jo…", "typed (exemplary)", "typed (poor)" or "no answer".
    pub answer: String,
}

/// Scores of one path: answering on target (`fast`) and at the last second (`slow`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathResult {
    pub steps: Vec<PathStep>,
    pub ending: String,
    pub outcome: Option<Outcome>,
    pub fast: PerDimension<i32>,
    pub fast_overall: i32,
    pub fast_passed: bool,
    pub slow: PerDimension<i32>,
    pub slow_overall: i32,
    pub slow_passed: bool,
}

/// The extreme of one dimension and the path that reaches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Extreme {
    pub score: i32,
    pub path: usize,
}

/// Every explored path with the best and worst per dimension.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    pub scenario: crate::names::ScenarioId,
    pub paths: Vec<PathResult>,
    /// More paths exist than were explored.
    pub truncated: bool,
    pub best: PerDimension<Extreme>,
    pub worst: PerDimension<Extreme>,
    pub best_overall: Extreme,
    pub worst_overall: Extreme,
}

#[derive(Clone)]
enum Probe {
    Choice(usize),
    TypedBest,
    TypedWorst,
    Timeout,
}

/// A reply that hits every rewarding entry of `rubric`: each entry's first phrase (for the
/// keyword judge) and first example (for the meaning judge).
pub fn exemplary_reply(rubric: &Rubric, persona: &Persona) -> String {
    rubric
        .entries
        .iter()
        .filter(|e| e.points > 0)
        .flat_map(|e| {
            let exact = match &e.matcher {
                Matcher::CustomerName => Some(persona.first_name().to_owned()),
                Matcher::Phrases(p) => p.first().map(|p| p.text.clone()),
                Matcher::When => Some("today".to_owned()),
                Matcher::Shouting => None,
            };
            exact.into_iter().chain(e.examples.first().cloned())
        })
        .collect::<Vec<_>>()
        .join(". ")
}

/// A reply that hits every penalised entry of `rubric` and no rewarding one.
pub fn poor_reply(rubric: &Rubric) -> String {
    rubric
        .entries
        .iter()
        .filter(|e| e.points < 0)
        .flat_map(|e| {
            let exact = match &e.matcher {
                Matcher::Phrases(p) => p.first().map(|p| p.text.clone()),
                Matcher::Shouting => Some("NOT OUR PROBLEM HERE".to_owned()),
                Matcher::CustomerName | Matcher::When => None,
            };
            exact.into_iter().chain(e.examples.first().cloned())
        })
        .collect::<Vec<_>>()
        .join(". ")
}

/// The first few words of a choice, for path listings.
pub(crate) fn snippet(text: &str) -> String {
    const MAX: usize = 32;
    let mut out: String = text.chars().take(MAX).collect();
    if text.chars().count() > MAX {
        out.push('…');
    }
    out
}

fn fit(text: String, max: u32) -> String {
    text.chars().take(max as usize).collect()
}

/// Explores up to `limit` paths of `scenario`.
pub fn analyze(scenario: &Arc<Scenario>, limit: usize) -> Analysis {
    let mut paths = Vec::new();
    let mut truncated = false;
    let (root, _) = ScenarioRun::start_in_order(Arc::clone(scenario), 0, ChoiceOrder::Written);
    let mut stack: Vec<(ScenarioRun, Vec<(Probe, PathStep)>)> = vec![(root, Vec::new())];
    let mut budget = limit.saturating_mul(EXPANSIONS_PER_PATH);
    while let Some((run, trail)) = stack.pop() {
        if budget == 0 {
            truncated = true;
            break;
        }
        budget -= 1;
        if run.is_finished() {
            if paths.len() >= limit {
                truncated = true;
                break;
            }
            paths.push(finish(scenario, &run, trail));
            continue;
        }
        if trail.len() >= MAX_PATH_ANSWERS {
            truncated = true;
            continue;
        }
        let Some(beat_id) = run.current_beat() else {
            continue;
        };
        let beat = scenario.beat(beat_id);
        let persona = run.persona();
        let mut probes: Vec<(Probe, String)> = run
            .offered_responses()
            .iter()
            .enumerate()
            .map(|(i, &r)| {
                (
                    Probe::Choice(i),
                    format!(
                        "{} \u{201c}{}\u{201d}",
                        i + 1,
                        snippet(&beat.responses[r].text.render(persona))
                    ),
                )
            })
            .collect();
        if beat.typed.is_some() {
            probes.push((Probe::TypedBest, "typed (exemplary)".into()));
            probes.push((Probe::TypedWorst, "typed (poor)".into()));
        }
        probes.push((Probe::Timeout, "no answer".into()));
        for (probe, label) in probes.into_iter().rev() {
            let mut next = run.clone();
            let (input, after) = input_for(scenario, &next, &probe, true);
            if next.answer(input, after).is_ok() {
                let mut t = trail.clone();
                t.push((
                    probe,
                    PathStep {
                        beat: beat.key.clone(),
                        answer: label,
                    },
                ));
                stack.push((next, t));
            }
        }
    }
    summarise(scenario, paths, truncated)
}

fn input_for(s: &Scenario, run: &ScenarioRun, probe: &Probe, fast: bool) -> (Input, u64) {
    let Some(beat) = run.current_beat().map(|b| s.beat(b)) else {
        return (Input::Timeout, 0);
    };
    let after = u64::from(if fast {
        beat.target_secs
    } else {
        beat.wait_secs
    }) * 1000;
    let typed = beat.typed.as_ref();
    let input = match (probe, typed) {
        (Probe::Choice(i), _) => Input::Choice(*i),
        (Probe::TypedBest, Some(t)) => Input::Typed(fit(
            exemplary_reply(s.rubric(t.rubric), run.persona()),
            t.max_chars,
        )),
        (Probe::TypedWorst, Some(t)) => {
            Input::Typed(fit(poor_reply(s.rubric(t.rubric)), t.max_chars))
        }
        _ => Input::Timeout,
    };
    (input, after)
}

fn finish(s: &Arc<Scenario>, run: &ScenarioRun, trail: Vec<(Probe, PathStep)>) -> PathResult {
    let fast = score(&s.scoring, run.transcript());
    let (mut slow_run, _) = ScenarioRun::start_in_order(Arc::clone(s), 0, ChoiceOrder::Written);
    for (probe, _) in &trail {
        let (input, after) = input_for(s, &slow_run, probe, false);
        if slow_run.answer(input, after).is_err() {
            break;
        }
    }
    let slow = score(&s.scoring, slow_run.transcript());
    let (outcome, ending) = run
        .transcript()
        .ending()
        .map_or((None, String::new()), |(o, k)| (Some(o), k.to_owned()));
    PathResult {
        steps: trail.into_iter().map(|(_, s)| s).collect(),
        ending,
        outcome,
        fast: fast.scores(),
        fast_overall: fast.overall,
        fast_passed: fast.passed,
        slow: slow.scores(),
        slow_overall: slow.overall,
        slow_passed: slow.passed,
    }
}

fn summarise(s: &Scenario, paths: Vec<PathResult>, truncated: bool) -> Analysis {
    let zero = Extreme { score: 0, path: 0 };
    let pick = |key: &dyn Fn(&PathResult) -> i32, best: bool| -> Extreme {
        paths
            .iter()
            .enumerate()
            .map(|(i, p)| Extreme {
                score: key(p),
                path: i,
            })
            .reduce(|a, b| {
                if (best && b.score > a.score) || (!best && b.score < a.score) {
                    b
                } else {
                    a
                }
            })
            .unwrap_or(zero)
    };
    let per = |best: bool| PerDimension {
        speed: pick(&|p| if best { p.fast.speed } else { p.slow.speed }, best),
        empathy: pick(
            &|p| if best { p.fast.empathy } else { p.slow.empathy },
            best,
        ),
        follow_through: pick(
            &|p| {
                if best {
                    p.fast.follow_through
                } else {
                    p.slow.follow_through
                }
            },
            best,
        ),
    };
    Analysis {
        scenario: s.id.clone(),
        best: per(true),
        worst: per(false),
        best_overall: pick(&|p| p.fast_overall, true),
        worst_overall: pick(&|p| p.slow_overall, false),
        paths,
        truncated,
    }
}

/// Whether any step, ending, promise or rubric in `s` can move dimension `d`.
pub fn exercises(s: &Scenario, d: Dimension) -> bool {
    if d == Dimension::Speed {
        return true;
    }
    let steps = || s.beats.iter().flat_map(|b| b.steps());
    let by_effect = steps().any(|st| st.effects.dimension(d) != 0)
        || s.endings.iter().any(|e| e.effects.dimension(d) != 0);
    let by_rubric = s
        .beats
        .iter()
        .filter_map(|b| b.typed.as_ref())
        .any(|t| s.rubric(t.rubric).entries.iter().any(|e| e.dimension == d));
    let by_promise = d == Dimension::FollowThrough && steps().any(|st| !st.makes.is_empty());
    by_effect || by_rubric || by_promise
}
