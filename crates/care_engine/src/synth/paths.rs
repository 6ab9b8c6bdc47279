//! Where a synthetic scenario's steps lead, and on what: conditions, the chain of beats, forward
//! jumps, endings and back-edges.

use rand::RngExt;

use super::words::*;
use super::{Gen, beat_id};
use crate::raw::{RawBranch, RawCond};

impl Gen {
    /// A condition; mostly flags and mood, sometimes the rest, rarely nested.
    pub(super) fn cond(&mut self, depth: u32) -> RawCond {
        let kind = self.rng.random_range(0..if depth < 2 { 12 } else { 9 });
        match kind {
            0..=2 => {
                let i = self.rng.random_range(0..FLAGS.len());
                self.tested[i] = true;
                let name = FLAGS[i].to_owned();
                if kind == 2 {
                    RawCond::NotFlag(name)
                } else {
                    RawCond::Flag(name)
                }
            }
            3 | 4 => RawCond::MoodAtLeast(self.rng.random_range(-60..=60)),
            5 => RawCond::MoodBelow(self.rng.random_range(-60..=60)),
            6 => match self.rng.random_range(0..3) {
                0 => RawCond::PromiseOpen(self.promise()),
                1 => RawCond::AnyPromiseOpen,
                _ => RawCond::NoPromiseOpen,
            },
            7 if self.has_clock => {
                if self.chance(0.5) {
                    RawCond::OpenHours
                } else {
                    RawCond::OutsideHours
                }
            }
            7 if self.public => RawCond::AudienceAtLeast(self.rng.random_range(-50..=50)),
            7 | 8 => RawCond::ReplyAtLeast(self.rng.random_range(-10..=30)),
            9 => RawCond::All(vec![self.cond(depth + 1), self.cond(depth + 1)]),
            10 => RawCond::Any(vec![self.cond(depth + 1), self.cond(depth + 1)]),
            _ => RawCond::Not(Box::new(self.cond(depth + 1))),
        }
    }

    fn ending(&mut self) -> String {
        self.pick(&self.endings.clone()).to_owned()
    }

    /// The beat after `i` along the chain, or an ending after the last beat.
    pub(super) fn chain(&mut self, i: usize, n: usize) -> String {
        if i + 1 < n {
            beat_id(i + 1)
        } else {
            self.ending()
        }
    }

    /// Where a step from beat `i` of `n` leads: mostly on, sometimes further, to an ending, or
    /// (when `back` allows it) back to this beat or an earlier one.
    pub(super) fn target(&mut self, i: usize, n: usize, back: bool) -> String {
        let r = self.rng.random_range(0..100);
        match r {
            0..60 => self.chain(i, n),
            60..75 if i + 2 < n => beat_id(self.rng.random_range(i + 2..n.min(i + 7))),
            60..87 => self.ending(),
            _ if back => beat_id(self.rng.random_range(i.saturating_sub(8)..=i)),
            _ => self.chain(i, n),
        }
    }

    pub(super) fn branches(&mut self, p: f64, i: usize, n: usize, back: bool) -> Vec<RawBranch> {
        if !self.chance(p) {
            return Vec::new();
        }
        let count = self.rng.random_range(1..=2);
        (0..count)
            .map(|_| RawBranch {
                when: self.cond(0),
                next: self.target(i, n, back),
            })
            .collect()
    }
}
