//! Warnings about scenarios that load but cannot teach: nobody can pass, everybody passes, or a
//! dimension nothing moves.

use std::sync::Arc;

use crate::analyze::{analyze, exercises};
use crate::diagnostic::{Code, Problem};
use crate::model::{Dimension, Scenario};
use crate::path::Path;
use crate::texts;

/// Paths explored when checking a scenario's score range.
pub const LINT_PATH_LIMIT: usize = 2000;

/// Every warning for `s`.
pub fn lint(s: &Scenario) -> Vec<Problem> {
    let mut out = Vec::new();
    let here = Path::root().field("scoring");
    for d in Dimension::ALL {
        if s.scoring.weights.get(d) > 0.0 && !exercises(s, d) {
            out.push(
                Problem::new(Code::UnusedDimension, Path::root().field("id"), format!("nothing in this scenario moves {}", texts::dimension(d)))
                    .label("dimension never exercised")
                    .hint(format!("give some responses a `{}` effect, or set its weight to 0 under `scoring.weights`", dim_field(d))),
            );
        }
    }
    let a = analyze(&Arc::new(s.clone()), LINT_PATH_LIMIT);
    if a.paths.is_empty() {
        return out;
    }
    if !a.paths.iter().any(|p| p.fast_passed) {
        let best = &a.paths[a.best_overall.path];
        out.push(
            Problem::new(
                Code::BestBelowPass,
                here.clone(),
                format!(
                    "no path passes: the best reaches {} overall (speed {}, empathy {}, follow-through {}); pass marks are {} overall and {}/{}/{}",
                    best.fast_overall, a.best.speed.score, a.best.empathy.score, a.best.follow_through.score,
                    s.scoring.pass_overall, s.scoring.pass.speed, s.scoring.pass.empathy, s.scoring.pass.follow_through
                ),
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

fn dim_field(d: Dimension) -> &'static str {
    match d {
        Dimension::Speed => "speed",
        Dimension::Empathy => "empathy",
        Dimension::FollowThrough => "follow_through",
    }
}
