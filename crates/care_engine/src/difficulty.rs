//! What a scenario's difficulty changes in play. Timers are written for a realistic
//! (Intermediate) player: a Beginner scenario gives half as long again to answer and shows
//! hints; an Advanced one starts the customer angrier, runs their patience out sooner and
//! shows no hints. Applied once when a scenario is resolved, so play, analysis and the
//! debrief all see the same numbers.

use crate::model::{Difficulty, Scenario};

/// The adjustments of one difficulty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tuning {
    /// Answer-by times (`target_secs`), in percent of what is written.
    pub target_percent: u32,
    /// How long the customer waits (`wait_secs`, `patience_secs`), in percent of what is written.
    pub wait_percent: u32,
    /// Added to the customer's starting mood.
    pub mood_offset: i32,
    /// Whether the play screen shows the scenario's objectives as hints.
    pub hints: bool,
}

impl Tuning {
    /// The tuning of a difficulty.
    pub fn of(d: Difficulty) -> Tuning {
        match d {
            Difficulty::Beginner => Tuning {
                target_percent: 150,
                wait_percent: 150,
                mood_offset: 0,
                hints: true,
            },
            Difficulty::Intermediate => Tuning {
                target_percent: 100,
                wait_percent: 100,
                mood_offset: 0,
                hints: false,
            },
            Difficulty::Advanced => Tuning {
                target_percent: 100,
                wait_percent: 80,
                mood_offset: -15,
                hints: false,
            },
        }
    }

    /// One sentence for the library and the play screen.
    pub fn describe(d: Difficulty) -> &'static str {
        match d {
            Difficulty::Beginner => "Hints on screen and half as long again to answer.",
            Difficulty::Intermediate => "Realistic timers, no hints.",
            Difficulty::Advanced => {
                "The customer starts out angrier and runs out of patience sooner; no hints."
            }
        }
    }
}

fn percent(secs: u32, p: u32) -> u32 {
    let scaled = u64::from(secs) * u64::from(p) / 100;
    u32::try_from(scaled).unwrap_or(u32::MAX)
}

/// Adjusts a resolved scenario's timers and starting mood to its difficulty. A wait never
/// ends before its answer is due.
pub fn tune(s: &mut Scenario) {
    let t = Tuning::of(s.difficulty);
    s.customer.mood = (s.customer.mood + t.mood_offset).clamp(-100, 100);
    s.customer.patience_secs = percent(s.customer.patience_secs, t.wait_percent);
    for b in &mut s.beats {
        b.target_secs = percent(b.target_secs, t.target_percent);
        b.wait_secs = percent(b.wait_secs, t.wait_percent).max(b.target_secs);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beginners_get_more_time_and_advanced_players_an_angrier_customer() {
        let b = Tuning::of(Difficulty::Beginner);
        let i = Tuning::of(Difficulty::Intermediate);
        let a = Tuning::of(Difficulty::Advanced);
        assert!(b.target_percent > i.target_percent && b.wait_percent > i.wait_percent);
        assert!(a.wait_percent < i.wait_percent);
        assert!(a.mood_offset < i.mood_offset);
        assert!(b.hints && !i.hints && !a.hints);
        assert_eq!(percent(20, 150), 30);
        assert_eq!(percent(20, 80), 16);
    }
}
