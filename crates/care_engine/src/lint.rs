//! Warnings about scenarios that load but cannot teach: nobody can pass, everybody passes, or a
//! dimension nothing moves.

use std::sync::Arc;

use crate::analyze::{analyze, exercises};
use crate::diagnostic::{Code, Problem};
use crate::model::{Dimension, Scenario};
use crate::path::Path;
use crate::texts;

/// Paths explored when checking a scenario's score range.
pub const LINT_PATH_LIMIT: usize = 1000;

/// Every warning for `s`, typed replies judged by keywords.
pub fn lint(s: &Scenario) -> Vec<Problem> {
    lint_with(s, &crate::judge::KeywordJudge)
}

/// Every warning for `s`, answer patterns' typed replies judged by `judge`.
pub fn lint_with(s: &Scenario, judge: &dyn crate::judge::Judge) -> Vec<Problem> {
    let mut out = crate::gaming::warnings(s, judge);
    let here = Path::root().field("scoring");
    for d in Dimension::ALL {
        if s.scoring.weights.get(d) > 0.0 && !exercises(s, d) {
            out.push(
                Problem::new(Code::UnusedDimension, Path::root().field("id"), format!("nothing in this scenario moves {}", texts::dimension(d)))
                    .label("dimension never exercised")
                    .hint(format!("give some responses `{0}: …` in their `effects`, or set `{0}: 0.0` under `scoring.weights`", dim_field(d))),
            );
        }
    }
    let a = analyze(&Arc::new(s.clone()), LINT_PATH_LIMIT);
    if a.paths.is_empty() || a.truncated {
        // Too many paths to explore them all: no claim about every path can be made.
        return out;
    }
    if !a.paths.iter().any(|p| p.fast_passed) {
        let best = &a.paths[a.best_overall.path];
        out.push(
            Problem::new(
                Code::BestBelowPass,
                here.clone(),
                below_pass(s, best.fast_overall, &a),
            )
            .at_key()
            .label("unreachable pass mark")
            .hint("raise the effects of the exemplary responses, or lower the pass marks; `care analyze` shows every path"),
        );
    }
    if a.paths.iter().all(|p| p.slow_passed) {
        let worst = &a.paths[a.worst_overall.path];
        out.push(
            Problem::new(
                Code::WorstPasses,
                here,
                format!("every path passes, even the worst ({} overall, ending `{}`)", worst.slow_overall, worst.ending),
            )
            .at_key()
            .label("nothing to fail")
            .hint("give the poor responses negative effects, or raise the pass marks, so the lesson can be failed"),
        );
    }
    out
}

/// "no path passes: the best reaches only 88 overall (pass mark 90), empathy 80 (pass mark 90)".
fn below_pass(s: &Scenario, best_overall: i32, a: &crate::analyze::Analysis) -> String {
    let (best, pass) = (&a.best, &s.scoring.pass);
    let short: Vec<String> = [
        ("overall", best_overall, s.scoring.pass_overall),
        ("speed", best.speed.score, pass.speed),
        ("empathy", best.empathy.score, pass.empathy),
        (
            "follow-through",
            best.follow_through.score,
            pass.follow_through,
        ),
    ]
    .into_iter()
    .filter(|(_, got, mark)| got < mark)
    .map(|(name, got, mark)| format!("{got} {name} (pass mark {mark})"))
    .collect();
    if short.is_empty() {
        "no path passes: each pass mark is reached on some path, but never all on the same one"
            .into()
    } else {
        format!("no path passes: the best reaches only {}", short.join(", "))
    }
}

fn dim_field(d: Dimension) -> &'static str {
    match d {
        Dimension::Speed => "speed",
        Dimension::Empathy => "empathy",
        Dimension::FollowThrough => "follow_through",
    }
}
