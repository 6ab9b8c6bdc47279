//! Wall-clock timestamps as stored (milliseconds since the Unix epoch) and shown (UTC).

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::macros::format_description;

/// A moment in milliseconds since 1970-01-01 UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub fn now() -> Timestamp {
        let ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
        Timestamp(ms)
    }

    pub fn plus_ms(self, ms: i64) -> Timestamp {
        Timestamp(self.0.saturating_add(ms))
    }

    fn to_datetime(self) -> Option<OffsetDateTime> {
        OffsetDateTime::from_unix_timestamp_nanos(i128::from(self.0) * 1_000_000).ok()
    }

    /// `2026-11-23 14:05` (UTC), for tables.
    pub fn short(self) -> String {
        let f = format_description!("[year]-[month]-[day] [hour]:[minute]");
        self.to_datetime()
            .and_then(|d| d.format(f).ok())
            .unwrap_or_else(|| self.0.to_string())
    }

    /// RFC 3339, for exports and learning records.
    pub fn rfc3339(self) -> String {
        self.to_datetime()
            .and_then(|d| {
                d.format(&time::format_description::well_known::Rfc3339)
                    .ok()
            })
            .unwrap_or_else(|| self.0.to_string())
    }

    /// `23 November 2026` (UTC), for certificates and due dates.
    pub fn date_words(self) -> String {
        let f = format_description!("[day padding:none] [month repr:long] [year]");
        self.to_datetime()
            .and_then(|d| d.format(f).ok())
            .unwrap_or_else(|| self.short())
    }

    /// Days since the epoch, for plots.
    pub fn days(self) -> f64 {
        self.0 as f64 / 86_400_000.0
    }

    /// Parses `YYYY-MM-DD` (start of that day, UTC) or a full RFC 3339 time.
    pub fn parse(text: &str) -> Option<Timestamp> {
        let text = text.trim();
        if let Ok(d) = OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339) {
            return i64::try_from(d.unix_timestamp_nanos() / 1_000_000)
                .ok()
                .map(Timestamp);
        }
        let f = format_description!("[year]-[month]-[day]");
        let date = time::Date::parse(text, f).ok()?;
        let d = date.midnight().assume_utc();
        i64::try_from(d.unix_timestamp_nanos() / 1_000_000)
            .ok()
            .map(Timestamp)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.short())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_to_midnight_utc_and_print_back() {
        let t = Timestamp::parse("2026-11-23").expect("a date");
        assert_eq!(t.short(), "2026-11-23 00:00");
        assert_eq!(t.rfc3339(), "2026-11-23T00:00:00Z");
        let u = Timestamp::parse("2026-11-23T14:05:00Z").expect("a time");
        assert_eq!(u.0 - t.0, (14 * 60 + 5) * 60_000);
        assert_eq!(Timestamp::parse("23/11/2026"), None);
    }
}
