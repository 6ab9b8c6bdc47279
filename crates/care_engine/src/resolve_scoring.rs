//! Resolving the scoring rules: weights, pass marks, baselines and constants, each checked against
//! its range.

use crate::diagnostic::{Code, Problem};
use crate::model::{PerDimension, Scoring};
use crate::path::Path;
use crate::resolve::Ctx;

impl Ctx<'_> {
    pub(crate) fn scoring(&mut self) -> Scoring {
        let s = &self.raw.scoring;
        let path = Path::root().field("scoring");
        let w = s.weights;
        for (name, v) in [
            ("speed", w.speed),
            ("empathy", w.empathy),
            ("follow_through", w.follow_through),
        ] {
            if !(0.0..=10.0).contains(&v) {
                self.push(
                    Problem::new(Code::OutOfRange, path.field("weights").field(name), format!("weight {v} is outside 0..=10"))
                        .label("out of range")
                        .hint("weights are relative: 1.0 each counts the dimensions equally; 0 leaves one out of the overall score"),
                );
            }
        }
        if w.speed + w.empathy + w.follow_through <= 0.0 {
            self.push(
                Problem::new(
                    Code::OutOfRange,
                    path.field("weights"),
                    "every weight is zero, so there is no overall score",
                )
                .label("all zero")
                .hint("give at least one dimension a weight above 0"),
            );
        }
        let p = s.pass;
        let b = s.baseline;
        for (group, vals) in [
            (
                "pass",
                [
                    ("overall", p.overall),
                    ("speed", p.speed),
                    ("empathy", p.empathy),
                    ("follow_through", p.follow_through),
                ],
            ),
            (
                "baseline",
                [
                    ("speed", b.speed),
                    ("empathy", b.empathy),
                    ("follow_through", b.follow_through),
                    ("", 0),
                ],
            ),
        ] {
            for (name, v) in vals.into_iter().filter(|(n, _)| !n.is_empty()) {
                self.range(
                    i64::from(v),
                    0,
                    100,
                    path.field(group).field(name),
                    &format!("{group}.{name}"),
                );
            }
        }
        self.range(
            i64::from(s.target_secs),
            1,
            3600,
            path.field("target_secs"),
            "target_secs",
        );
        self.range(
            i64::from(s.max_late_points),
            0,
            100,
            path.field("max_late_points"),
            "max_late_points",
        );
        self.range(
            i64::from(s.max_delay_points),
            0,
            100,
            path.field("max_delay_points"),
            "max_delay_points",
        );
        for (name, v) in [
            ("promise_kept", s.promise_kept),
            ("promise_broken", s.promise_broken),
            ("promise_open_at_end", s.promise_open_at_end),
            ("public_loop_closed", s.public_loop_closed),
            ("public_loop_open", s.public_loop_open),
        ] {
            self.range(i64::from(v), -100, 100, path.field(name), name);
        }
        Scoring {
            weights: PerDimension {
                speed: w.speed,
                empathy: w.empathy,
                follow_through: w.follow_through,
            },
            pass_overall: p.overall,
            pass: PerDimension {
                speed: p.speed,
                empathy: p.empathy,
                follow_through: p.follow_through,
            },
            baseline: PerDimension {
                speed: b.speed,
                empathy: b.empathy,
                follow_through: b.follow_through,
            },
            late_points_per_sec: s.late_points_per_sec,
            max_late_points: s.max_late_points,
            delay_points_per_hour: s.delay_points_per_hour,
            max_delay_points: s.max_delay_points,
            promise_kept: s.promise_kept,
            promise_broken: s.promise_broken,
            promise_open_at_end: s.promise_open_at_end,
            public_loop_closed: s.public_loop_closed,
            public_loop_open: s.public_loop_open,
        }
    }
}
