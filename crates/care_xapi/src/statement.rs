//! The parts of an xAPI 1.0.3 statement CARE sends, as typed serde structs: property names,
//! object types, language maps and ISO 8601 timestamps exactly as the specification spells them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

/// The `X-Experience-API-Version` CARE speaks.
pub const XAPI_VERSION: &str = "1.0.3";

/// Text by RFC 5646 language tag.
pub type LanguageMap = BTreeMap<String, String>;

/// A map with one entry.
pub fn language_map(tag: &str, text: &str) -> LanguageMap {
    BTreeMap::from([(tag.to_string(), text.to_string())])
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Statement {
    pub id: Uuid,
    pub actor: Agent,
    pub verb: Verb,
    pub object: Activity,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<StatementResult>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Context>,
    #[serde(with = "time::serde::rfc3339")]
    pub timestamp: OffsetDateTime,
}

/// The employee, identified by an account on the organisation's site (no e-mail needed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Agent {
    pub object_type: AgentType,
    pub account: Account,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AgentType {
    Agent,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Account {
    pub home_page: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verb {
    pub id: String,
    pub display: LanguageMap,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Activity {
    pub object_type: ActivityType,
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<ActivityDefinition>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActivityType {
    Activity,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityDefinition {
    pub name: LanguageMap,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LanguageMap>,
    #[serde(rename = "type")]
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatementResult {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<Score>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completion: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<String>,
    /// ISO 8601 duration, e.g. `PT95.25S`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extensions: BTreeMap<String, serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Score {
    pub scaled: f64,
    pub raw: f64,
    pub min: f64,
    pub max: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Context {
    pub registration: Uuid,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context_activities: Option<ContextActivities>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContextActivities {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parent: Vec<Activity>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub category: Vec<Activity>,
}

/// ADL verbs CARE uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbs {
    Attempted,
    Answered,
    Completed,
    Passed,
    Failed,
}

impl Verbs {
    pub fn name(self) -> &'static str {
        match self {
            Verbs::Attempted => "attempted",
            Verbs::Answered => "answered",
            Verbs::Completed => "completed",
            Verbs::Passed => "passed",
            Verbs::Failed => "failed",
        }
    }

    pub fn verb(self) -> Verb {
        Verb {
            id: format!("http://adlnet.gov/expapi/verbs/{}", self.name()),
            display: language_map("en-US", self.name()),
        }
    }
}

/// Activity types from the ADL vocabulary.
pub const SIMULATION: &str = "http://adlnet.gov/expapi/activities/simulation";
pub const QUESTION: &str = "http://adlnet.gov/expapi/activities/question";
pub const COURSE: &str = "http://adlnet.gov/expapi/activities/course";

/// An ISO 8601 duration for `ms` milliseconds.
pub fn iso_duration(ms: u64) -> String {
    let ms = i64::try_from(ms).unwrap_or(i64::MAX);
    chrono::TimeDelta::try_milliseconds(ms)
        .unwrap_or(chrono::TimeDelta::MAX)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_iso_8601() {
        assert_eq!(iso_duration(0), "P0D");
        assert_eq!(iso_duration(95_250), "PT95.25S");
        assert_eq!(iso_duration(3_600_000), "PT3600S");
    }

    #[test]
    fn property_names_follow_the_specification() {
        let s = Statement {
            id: Uuid::nil(),
            actor: Agent {
                object_type: AgentType::Agent,
                account: Account {
                    home_page: "https://x.example".into(),
                    name: "e1".into(),
                },
            },
            verb: Verbs::Passed.verb(),
            object: Activity {
                object_type: ActivityType::Activity,
                id: "https://x.example/care/scenarios/a".into(),
                definition: Some(ActivityDefinition {
                    name: language_map("en", "A"),
                    description: None,
                    kind: SIMULATION.into(),
                }),
            },
            result: None,
            context: Some(Context {
                registration: Uuid::nil(),
                context_activities: None,
                platform: Some("CARE".into()),
                language: None,
            }),
            timestamp: OffsetDateTime::UNIX_EPOCH,
        };
        let v = serde_json::to_value(&s).expect("json");
        assert_eq!(v["actor"]["objectType"], "Agent");
        assert_eq!(v["actor"]["account"]["homePage"], "https://x.example");
        assert_eq!(v["verb"]["id"], "http://adlnet.gov/expapi/verbs/passed");
        assert_eq!(v["verb"]["display"]["en-US"], "passed");
        assert_eq!(v["object"]["definition"]["type"], SIMULATION);
        assert_eq!(v["timestamp"], "1970-01-01T00:00:00Z");
        assert!(v.get("result").is_none());
    }
}
