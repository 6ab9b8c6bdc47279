//! Scoring that explains itself: each dimension 0-100 with the moments that earned or cost points.

use serde::{Deserialize, Serialize};

use crate::model::{Dimension, Outcome, PerDimension, Scoring};
use crate::texts;
use crate::transcript::{MarkKind, Transcript};

/// Why a dimension moved, tied to a moment of the transcript.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    pub dimension: Dimension,
    /// Points added (negative: taken away). Zero for a rubric entry missed or an answer on time.
    pub points: i32,
    /// Index into the transcript's moments.
    pub moment: usize,
    pub text: String,
    /// What would have been better, when there is advice to give.
    pub advice: Option<String>,
}

/// One dimension's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DimensionScore {
    pub score: i32,
    pub baseline: i32,
    pub pass_mark: i32,
    pub passed: bool,
    /// The reasons took the score past 0 or 100 and it was capped.
    pub capped: bool,
    pub reasons: Vec<Reason>,
}

/// The whole result of a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreCard {
    pub dimensions: PerDimension<DimensionScore>,
    pub overall: i32,
    pub pass_overall: i32,
    pub passed: bool,
    pub outcome: Option<Outcome>,
}

impl ScoreCard {
    pub fn get(&self, d: Dimension) -> &DimensionScore {
        self.dimensions.get_ref(d)
    }

    /// Scores as a triple, for quick comparisons.
    pub fn scores(&self) -> PerDimension<i32> {
        PerDimension {
            speed: self.dimensions.speed.score,
            empathy: self.dimensions.empathy.score,
            follow_through: self.dimensions.follow_through.score,
        }
    }

    /// The moment that cost the most points overall.
    pub fn worst_moment(&self) -> Option<usize> {
        let mut totals: std::collections::BTreeMap<usize, i32> = Default::default();
        for d in Dimension::ALL {
            for r in &self.get(d).reasons {
                *totals.entry(r.moment).or_default() += r.points;
            }
        }
        totals
            .into_iter()
            .filter(|(_, p)| *p < 0)
            .min_by_key(|(m, p)| (*p, *m))
            .map(|(m, _)| m)
    }
}

fn late_points(s: &Scoring, after_ms: u64, target_secs: u32) -> i32 {
    let over_ms = after_ms.saturating_sub(u64::from(target_secs) * 1000);
    let over_secs = over_ms.div_ceil(1000);
    let points = over_secs
        .saturating_mul(u64::from(s.late_points_per_sec))
        .min(u64::from(s.max_late_points));
    -i32::try_from(points).unwrap_or(i32::MAX)
}

fn delay_points(s: &Scoring, minutes: u32) -> i32 {
    let points = (u64::from(minutes) * u64::from(s.delay_points_per_hour))
        .div_ceil(60)
        .min(u64::from(s.max_delay_points));
    -i32::try_from(points).unwrap_or(i32::MAX)
}

/// Scores a (finished or unfinished) run.
pub fn score(s: &Scoring, t: &Transcript) -> ScoreCard {
    let mut reasons: Vec<Reason> = Vec::with_capacity(t.marks.len() + 4);
    let mut add = |dimension, points, moment, text: String, advice: Option<String>| {
        reasons.push(Reason {
            dimension,
            points,
            moment,
            text,
            advice,
        });
    };
    let mut outcome = None;
    for mark in &t.marks {
        let m = mark.moment;
        match &mark.kind {
            MarkKind::Reaction {
                after_ms,
                target_secs,
                who,
            } => {
                let secs = *after_ms as f64 / 1000.0;
                let points = late_points(s, *after_ms, *target_secs);
                let text = if points < 0 {
                    texts::late(secs, *target_secs, who)
                } else {
                    texts::on_time(secs, *target_secs, who)
                };
                add(Dimension::Speed, points, m, text, None);
            }
            MarkKind::NoAnswer { wait_secs, who } => {
                add(
                    Dimension::Speed,
                    -(s.max_late_points as i32),
                    m,
                    texts::no_answer(*wait_secs, who),
                    None,
                );
            }
            MarkKind::Delay {
                minutes,
                unanswered,
            } => add(
                Dimension::Speed,
                delay_points(s, *minutes),
                m,
                if *unanswered {
                    texts::unanswered_wait(*minutes)
                } else {
                    texts::delay(*minutes)
                },
                None,
            ),
            MarkKind::Effect { effects, why } => {
                for d in Dimension::ALL {
                    let p = effects.dimension(d);
                    if p != 0 {
                        add(d, p, m, why.clone(), None);
                    }
                }
            }
            MarkKind::Rubric {
                dimension,
                points,
                label,
                evidence,
                advice,
                closest,
            } => {
                let text = match (evidence, closest) {
                    (Some(e), Some((example, closeness))) => {
                        texts::rubric_meant(label, e, example, *closeness)
                    }
                    (Some(e), None) => texts::rubric_hit(label, e),
                    (None, _) => texts::rubric_missed(label),
                };
                let advice = (*points <= 0 && !advice.is_empty()).then(|| advice.clone());
                add(*dimension, *points, m, text, advice);
            }
            MarkKind::PromiseKept { text } => add(
                Dimension::FollowThrough,
                s.promise_kept,
                m,
                texts::promise_kept(text),
                None,
            ),
            MarkKind::PromiseBroken { text, overdue } => {
                let t = if *overdue {
                    texts::promise_overdue(text)
                } else {
                    texts::promise_broken(text)
                };
                add(Dimension::FollowThrough, s.promise_broken, m, t, None);
            }
            MarkKind::PromiseOpen { text } => add(
                Dimension::FollowThrough,
                s.promise_open_at_end,
                m,
                texts::promise_open(text),
                None,
            ),
            MarkKind::Ending {
                outcome: o,
                effects,
            } => {
                outcome = Some(*o);
                for d in Dimension::ALL {
                    let p = effects.dimension(d);
                    if p != 0 {
                        add(d, p, m, texts::ending(*o), None);
                    }
                }
            }
            MarkKind::PublicLoop { from, to } => {
                let (points, text) = match to.cmp(from) {
                    std::cmp::Ordering::Greater => {
                        (s.public_loop_closed, texts::public_loop_closed())
                    }
                    std::cmp::Ordering::Less => (s.public_loop_open, texts::public_loop_open()),
                    std::cmp::Ordering::Equal => (0, texts::public_loop_unchanged()),
                };
                add(Dimension::FollowThrough, points, m, text.to_owned(), None);
            }
            MarkKind::JudgedByKeywords { reason } => {
                add(
                    Dimension::Empathy,
                    0,
                    m,
                    texts::judged_by_keywords(reason),
                    None,
                );
            }
            MarkKind::StepLimit => {}
        }
    }
    let dim = |d: Dimension| {
        let baseline = s.baseline.get(d);
        let own: Vec<Reason> = reasons
            .iter()
            .filter(|r| r.dimension == d)
            .cloned()
            .collect();
        let raw = baseline + own.iter().map(|r| r.points).sum::<i32>();
        let score = raw.clamp(0, 100);
        DimensionScore {
            score,
            baseline,
            pass_mark: s.pass.get(d),
            passed: score >= s.pass.get(d),
            capped: raw != score,
            reasons: own,
        }
    };
    let dimensions = PerDimension {
        speed: dim(Dimension::Speed),
        empathy: dim(Dimension::Empathy),
        follow_through: dim(Dimension::FollowThrough),
    };
    let weight_sum: f32 = Dimension::ALL.iter().map(|d| s.weights.get(*d)).sum();
    let weighted: f32 = Dimension::ALL
        .iter()
        .map(|d| s.weights.get(*d) * dimensions.get_ref(*d).score as f32)
        .sum();
    #[expect(
        clippy::cast_possible_truncation,
        reason = "a weighted mean of dimension scores, rounded first; a float-to-integer cast saturates"
    )]
    let overall = if weight_sum > 0.0 {
        (weighted / weight_sum).round() as i32
    } else {
        0
    };
    let dims_pass = Dimension::ALL
        .iter()
        .all(|d| s.weights.get(*d) == 0.0 || dimensions.get_ref(*d).passed);
    ScoreCard {
        overall,
        pass_overall: s.pass_overall,
        passed: overall >= s.pass_overall && dims_pass,
        outcome,
        dimensions,
    }
}
