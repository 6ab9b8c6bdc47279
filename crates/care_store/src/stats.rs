//! Small judgements over stored numbers: the trend arrow and the weakest dimension.

use care_engine::Dimension;
use care_engine::model::PerDimension;
use serde::{Deserialize, Serialize};

/// Which way an employee's scores are going.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Trend {
    Down,
    Flat,
    Up,
    /// Fewer attempts than a trend needs.
    TooFew,
}

/// Attempts before a trend is shown.
pub const TREND_MIN_ATTEMPTS: i64 = 3;
/// Points the recent average must move past the long one to count as a change.
const TREND_DEADBAND: f64 = 2.5;

impl Trend {
    /// Compares the fast-moving average of recent attempts with the slow one.
    pub fn from_averages(attempts: i64, fast: f64, slow: f64) -> Trend {
        if attempts < TREND_MIN_ATTEMPTS {
            Trend::TooFew
        } else if fast - slow > TREND_DEADBAND {
            Trend::Up
        } else if slow - fast > TREND_DEADBAND {
            Trend::Down
        } else {
            Trend::Flat
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Trend::Up => "improving",
            Trend::Down => "slipping",
            Trend::Flat => "steady",
            Trend::TooFew => "too few attempts",
        }
    }
}

/// The dimension with the lowest average (the first of equals, in speed, empathy,
/// follow-through order).
pub fn weakest(average: &PerDimension<f64>) -> Dimension {
    let mut best = Dimension::Speed;
    for d in Dimension::ALL {
        if average.get(d) < average.get(best) {
            best = d;
        }
    }
    best
}

/// A dimension's name for people.
pub fn dimension_name(d: Dimension) -> &'static str {
    match d {
        Dimension::Speed => "speed",
        Dimension::Empathy => "empathy",
        Dimension::FollowThrough => "follow-through",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trend_needs_attempts_and_a_real_change() {
        assert_eq!(Trend::from_averages(2, 90.0, 10.0), Trend::TooFew);
        assert_eq!(Trend::from_averages(5, 71.0, 70.0), Trend::Flat);
        assert_eq!(Trend::from_averages(5, 80.0, 70.0), Trend::Up);
        assert_eq!(Trend::from_averages(5, 60.0, 70.0), Trend::Down);
    }

    #[test]
    fn weakest_is_the_lowest_average() {
        let a = PerDimension {
            speed: 80.0,
            empathy: 55.0,
            follow_through: 60.0,
        };
        assert_eq!(weakest(&a), Dimension::Empathy);
    }
}
