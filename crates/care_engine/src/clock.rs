//! The simulated clock: day of the week and time of day, opening hours.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::Weekday;

const DAY: u64 = 24 * 60 * 60;
const WEEK: u64 = 7 * DAY;

/// Seconds since Monday 00:00 of the scenario's first week.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct SimTime(pub u64);

impl SimTime {
    /// The time `minutes_of_day` minutes after midnight on `day` of the first week.
    pub fn at(day: Weekday, minutes_of_day: u32) -> SimTime {
        SimTime(day.index() as u64 * DAY + u64::from(minutes_of_day) * 60)
    }

    pub fn weekday(self) -> Weekday {
        Weekday::ALL[((self.0 % WEEK) / DAY) as usize]
    }

    /// Minutes since midnight.
    pub fn minutes_of_day(self) -> u32 {
        ((self.0 % DAY) / 60) as u32
    }

    pub fn plus_secs(self, secs: u64) -> SimTime {
        SimTime(self.0.saturating_add(secs))
    }

    pub fn plus_minutes(self, minutes: u32) -> SimTime {
        self.plus_secs(u64::from(minutes) * 60)
    }
}

impl fmt::Display for SimTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = self.minutes_of_day();
        write!(
            f,
            "{} {:02}:{:02}",
            crate::texts::weekday(self.weekday()),
            m / 60,
            m % 60
        )
    }
}

/// When the business answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpeningHours {
    pub opens: u32,
    pub closes: u32,
    pub days: [bool; 7],
}

impl OpeningHours {
    pub fn is_open(&self, t: SimTime) -> bool {
        let m = t.minutes_of_day();
        self.days[t.weekday().index()] && m >= self.opens && m < self.closes
    }
}

/// A scenario's clock settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    pub start: SimTime,
    pub hours: Option<OpeningHours>,
}

impl Clock {
    /// Whether the business is open at `t`; always open when no hours are set.
    pub fn is_open(&self, t: SimTime) -> bool {
        self.hours.is_none_or(|h| h.is_open(t))
    }
}

impl Default for Clock {
    fn default() -> Self {
        Clock {
            start: SimTime::at(Weekday::Tuesday, 10 * 60),
            hours: None,
        }
    }
}

/// Parses "HH:MM" (24-hour) into minutes after midnight.
pub fn parse_time_of_day(s: &str) -> Option<u32> {
    let format = time::macros::format_description!("[hour]:[minute]");
    let t = time::Time::parse(s.trim(), &format).ok()?;
    Some(u32::from(t.hour()) * 60 + u32::from(t.minute()))
}

/// Parses a simulated delay such as "45m", "2h" or "2days 15h" into whole minutes.
pub fn parse_delay(s: &str) -> Result<u32, String> {
    let d = humantime::parse_duration(s.trim()).map_err(|e| e.to_string())?;
    u32::try_from(d.as_secs() / 60).map_err(|_| "too long".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_weekday_and_time() {
        let t = SimTime::at(Weekday::Friday, 17 * 60 + 5);
        assert_eq!(t.to_string(), "Fri 17:05");
        assert_eq!(t.plus_minutes(7 * 60).to_string(), "Sat 00:05");
    }

    #[test]
    fn opening_hours_close_at_five_on_friday() {
        let h = OpeningHours {
            opens: 9 * 60,
            closes: 17 * 60,
            days: [true, true, true, true, true, false, false],
        };
        assert!(h.is_open(SimTime::at(Weekday::Friday, 16 * 60 + 59)));
        assert!(!h.is_open(SimTime::at(Weekday::Friday, 17 * 60)));
        assert!(!h.is_open(SimTime::at(Weekday::Saturday, 12 * 60)));
        let monday_next_week = SimTime::at(Weekday::Monday, 10 * 60).plus_secs(WEEK);
        assert!(h.is_open(monday_next_week));
    }

    #[test]
    fn parses_times_and_delays() {
        assert_eq!(parse_time_of_day("09:30"), Some(570));
        assert_eq!(parse_time_of_day("25:00"), None);
        assert_eq!(parse_delay("2h"), Ok(120));
        assert_eq!(parse_delay("2days 15h"), Ok(63 * 60));
        assert!(parse_delay("soon").is_err());
    }
}
