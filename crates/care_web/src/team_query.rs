//! The team page's query parameters (`?team=…&name=…&sort=…&desc=1`): filters and sorting
//! without JavaScript, and the links that change them.

use care_engine::Dimension;
use care_store::{SortKey, TeamFilter};
use serde::{Deserialize, Serialize};

/// The team page's parameters as they come in a URL.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub(crate) struct TeamQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desc: Option<String>,
}

const DIMENSIONS: [(Dimension, &str); 3] = [
    (Dimension::Speed, "speed"),
    (Dimension::Empathy, "empathy"),
    (Dimension::FollowThrough, "follow-through"),
];

/// A sort key's name in URLs.
pub(crate) fn slug(key: SortKey) -> String {
    let dim = |d: Dimension| {
        DIMENSIONS
            .iter()
            .find(|(x, _)| *x == d)
            .map_or("speed", |(_, s)| *s)
    };
    match key {
        SortKey::Name => "name".into(),
        SortKey::Team => "team".into(),
        SortKey::Attempts => "attempts".into(),
        SortKey::Latest(d) => format!("latest-{}", dim(d)),
        SortKey::Best(d) => format!("best-{}", dim(d)),
        SortKey::ScenariosPassed => "passed".into(),
        SortKey::Trend => "trend".into(),
        SortKey::Weakest => "weakest".into(),
        SortKey::LastActive => "last-active".into(),
    }
}

fn parse_sort(text: &str) -> Option<SortKey> {
    let simple = match text {
        "name" => Some(SortKey::Name),
        "team" => Some(SortKey::Team),
        "attempts" => Some(SortKey::Attempts),
        "passed" => Some(SortKey::ScenariosPassed),
        "trend" => Some(SortKey::Trend),
        "weakest" => Some(SortKey::Weakest),
        "last-active" => Some(SortKey::LastActive),
        _ => None,
    };
    simple.or_else(|| {
        let (which, dim) = text.split_once('-')?;
        let d = DIMENSIONS.iter().find(|(_, s)| *s == dim)?.0;
        match which {
            "latest" => Some(SortKey::Latest(d)),
            "best" => Some(SortKey::Best(d)),
            _ => None,
        }
    })
}

fn filled(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

impl TeamQuery {
    /// The store's filter for these parameters (unknown sort keys sort by name).
    pub(crate) fn filter(&self) -> TeamFilter {
        TeamFilter {
            team: filled(&self.team),
            name_contains: filled(&self.name).unwrap_or_default(),
            sort: self
                .sort
                .as_deref()
                .and_then(parse_sort)
                .unwrap_or_default(),
            descending: self.desc.as_deref().is_some_and(|d| d == "1"),
        }
    }

    /// The link that sorts by `key`: ascending, or the other way when already sorted by it.
    pub(crate) fn sort_link(&self, key: SortKey) -> String {
        let f = self.filter();
        let descending = f.sort == key && !f.descending;
        let q = TeamQuery {
            team: f.team,
            name: Some(f.name_contains).filter(|n| !n.is_empty()),
            sort: Some(slug(key)),
            desc: descending.then(|| "1".to_string()),
        };
        format!(
            "/team?{}",
            serde_urlencoded::to_string(&q).unwrap_or_default()
        )
    }

    /// ` ▲` or ` ▼` after the column the page is sorted by.
    pub(crate) fn arrow(&self, key: SortKey) -> &'static str {
        let f = self.filter();
        match (f.sort == key, f.descending) {
            (true, false) => " ▲",
            (true, true) => " ▼",
            _ => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sort_key_round_trips_through_its_slug() {
        let mut keys = vec![
            SortKey::Name,
            SortKey::Team,
            SortKey::Attempts,
            SortKey::ScenariosPassed,
            SortKey::Trend,
            SortKey::Weakest,
            SortKey::LastActive,
        ];
        for (d, _) in DIMENSIONS {
            keys.push(SortKey::Latest(d));
            keys.push(SortKey::Best(d));
        }
        for k in keys {
            assert_eq!(parse_sort(&slug(k)), Some(k));
        }
    }

    #[test]
    fn a_second_click_on_a_column_reverses_it_and_filters_stay() {
        let q = TeamQuery {
            team: Some("Harbour branch".into()),
            name: Some("ana".into()),
            sort: Some("best-empathy".into()),
            desc: None,
        };
        assert_eq!(
            q.sort_link(SortKey::Best(Dimension::Empathy)),
            "/team?team=Harbour+branch&name=ana&sort=best-empathy&desc=1"
        );
        assert_eq!(
            q.sort_link(SortKey::Name),
            "/team?team=Harbour+branch&name=ana&sort=name"
        );
    }
}
