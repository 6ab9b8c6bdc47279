//! The statements about one attempt: `attempted` when it starts, `answered` per reply (when the
//! profile asks for them), `completed` and `passed` or `failed` at the end. Their ids are derived
//! from the attempt, so the same moment always yields the same statement.

use std::collections::BTreeMap;

use care_engine::transcript::{Event, Transcript};
use care_engine::{Dimension, Scenario, ScoreCard};
use care_store::{AttemptId, EmployeeId, OutboxStatement, Timestamp};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::config::Profile;
use crate::statement::{
    Account, Activity, ActivityDefinition, ActivityType, Agent, AgentType, Context,
    ContextActivities, QUESTION, SIMULATION, Score, Statement, StatementResult, Verbs,
    iso_duration, language_map,
};

/// The namespace of CARE's statement ids (UUID v5).
const NAMESPACE: Uuid = Uuid::from_u128(0x6f0c_2a71_93c4_4d8e_b1a7_45d2_0c9e_3f18);
const COMPLETED_ORDINAL: i64 = 1_000_000;
const PLATFORM: &str = "CARE";

/// What the statements of an attempt are about.
#[derive(Debug, Clone, Copy)]
pub struct AttemptFacts<'a> {
    pub attempt: AttemptId,
    pub employee: EmployeeId,
    pub scenario: &'a Scenario,
    pub started: Timestamp,
    /// The run so far (or all of it).
    pub transcript: &'a Transcript,
}

/// The end of an attempt.
#[derive(Debug, Clone, Copy)]
pub struct Ending<'a> {
    pub card: &'a ScoreCard,
    pub finished: Timestamp,
}

fn datetime(t: Timestamp) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(t.0) * 1_000_000)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// A stable id for the `n`-th statement of `kind` about `attempt`.
pub fn statement_id(attempt: AttemptId, kind: Verbs, n: usize) -> Uuid {
    Uuid::new_v5(
        &NAMESPACE,
        format!("{}/{}/{n}", attempt.0, kind.name()).as_bytes(),
    )
}

fn join(base: &url::Url, path: &str) -> String {
    base.join(path)
        .map_or_else(|_| format!("{base}{path}"), String::from)
}

/// Path segments of ids made safe for an IRI.
fn segment(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect()
}

struct Builder<'a> {
    profile: &'a Profile,
    attempt: AttemptId,
    employee: EmployeeId,
    scenario: &'a Scenario,
    started: Timestamp,
    /// The run, when it is kept (an abandoned run's is not).
    transcript: Option<&'a Transcript>,
}

impl<'a> Builder<'a> {
    fn new(profile: &'a Profile, facts: AttemptFacts<'a>) -> Builder<'a> {
        Builder {
            profile,
            attempt: facts.attempt,
            employee: facts.employee,
            scenario: facts.scenario,
            started: facts.started,
            transcript: Some(facts.transcript),
        }
    }
}

impl Builder<'_> {
    fn language(&self) -> &str {
        self.scenario.language.code
    }

    fn actor(&self) -> Agent {
        Agent {
            object_type: AgentType::Agent,
            account: Account {
                home_page: self.profile.homepage.clone(),
                name: self.employee.to_string(),
            },
        }
    }

    fn scenario_activity(&self) -> Activity {
        let s = self.scenario;
        Activity {
            object_type: ActivityType::Activity,
            id: join(
                &self.profile.activity_base,
                &format!("scenarios/{}", segment(s.id.as_str())),
            ),
            definition: Some(ActivityDefinition {
                name: language_map(self.language(), &s.title),
                description: (!s.summary.is_empty())
                    .then(|| language_map(self.language(), &s.summary)),
                kind: SIMULATION.into(),
            }),
        }
    }

    fn pack_activity(&self) -> Activity {
        Activity {
            object_type: ActivityType::Activity,
            id: join(
                &self.profile.activity_base,
                &format!("packs/{}", segment(&self.profile.pack.to_lowercase())),
            ),
            definition: Some(ActivityDefinition {
                name: language_map("en-US", &self.profile.pack),
                description: None,
                kind: "http://id.tincanapi.com/activitytype/category".into(),
            }),
        }
    }

    fn context(&self, parent: bool) -> Context {
        Context {
            registration: self.attempt.0,
            context_activities: Some(ContextActivities {
                parent: if parent {
                    vec![self.scenario_activity()]
                } else {
                    Vec::new()
                },
                category: vec![self.pack_activity()],
            }),
            platform: Some(PLATFORM.into()),
            language: Some(self.language().to_string()),
        }
    }

    fn outbox(&self, verb: Verbs, n: usize, ordinal: i64, s: &Statement) -> OutboxStatement {
        OutboxStatement {
            id: statement_id(self.attempt, verb, n),
            registration: self.attempt,
            employee: self.employee,
            ordinal,
            verb: verb.name().to_string(),
            created: Timestamp(
                i64::try_from(s.timestamp.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX),
            ),
            // Serializing these types cannot fail.
            body: serde_json::to_string(s).unwrap_or_default(),
        }
    }

    fn statement(
        &self,
        verb: Verbs,
        n: usize,
        object: Activity,
        result: Option<StatementResult>,
        parent: bool,
        at: Timestamp,
    ) -> Statement {
        Statement {
            id: statement_id(self.attempt, verb, n),
            actor: self.actor(),
            verb: verb.verb(),
            object,
            result,
            context: Some(self.context(parent)),
            timestamp: datetime(at),
        }
    }

    fn attempted(&self) -> OutboxStatement {
        let s = self.statement(
            Verbs::Attempted,
            0,
            self.scenario_activity(),
            None,
            false,
            self.started,
        );
        self.outbox(Verbs::Attempted, 0, 0, &s)
    }

    /// One `answered` statement per reply so far, about the beat it answered.
    fn answered(&self) -> Vec<OutboxStatement> {
        let mut beat = String::new();
        let mut out = Vec::new();
        for m in self.transcript.iter().flat_map(|t| &t.moments) {
            match &m.event {
                Event::BeatStarted { key, .. } => beat.clone_from(key),
                Event::Answered {
                    answer, after_ms, ..
                } => {
                    let n = out.len();
                    let object = Activity {
                        object_type: ActivityType::Activity,
                        id: join(
                            &self.profile.activity_base,
                            &format!(
                                "scenarios/{}/beats/{}",
                                segment(self.scenario.id.as_str()),
                                segment(&beat)
                            ),
                        ),
                        definition: Some(ActivityDefinition {
                            name: language_map(self.language(), &beat),
                            description: None,
                            kind: QUESTION.into(),
                        }),
                    };
                    let result = StatementResult {
                        score: None,
                        success: None,
                        completion: Some(true),
                        response: Some(answer.said().unwrap_or("").to_string()),
                        duration: Some(iso_duration(*after_ms)),
                        extensions: BTreeMap::new(),
                    };
                    let at = self.started.plus_ms(i64::try_from(m.at_ms).unwrap_or(0));
                    let s = self.statement(Verbs::Answered, n, object, Some(result), true, at);
                    out.push(self.outbox(Verbs::Answered, n, 1 + n as i64, &s));
                }
                _ => {}
            }
        }
        out
    }

    fn result(&self, ending: Ending<'_>) -> StatementResult {
        let raw = f64::from(ending.card.overall.clamp(0, 100));
        let extensions = Dimension::ALL
            .iter()
            .map(|d| {
                let key = join(&self.profile.extension_base, dimension_slug(*d));
                (key, serde_json::json!(ending.card.get(*d).score))
            })
            .collect();
        StatementResult {
            score: Some(Score {
                scaled: raw / 100.0,
                raw,
                min: 0.0,
                max: 100.0,
            }),
            success: Some(ending.card.passed),
            completion: Some(true),
            response: None,
            duration: Some(iso_duration(
                self.transcript.map_or(0, Transcript::duration_ms),
            )),
            extensions,
        }
    }

    fn ended(&self, ending: Ending<'_>) -> Vec<OutboxStatement> {
        let verdict = if ending.card.passed {
            Verbs::Passed
        } else {
            Verbs::Failed
        };
        [(Verbs::Completed, 0), (verdict, 1)]
            .into_iter()
            .map(|(verb, k)| {
                let s = self.statement(
                    verb,
                    0,
                    self.scenario_activity(),
                    Some(self.result(ending)),
                    false,
                    ending.finished,
                );
                self.outbox(verb, 0, COMPLETED_ORDINAL + k, &s)
            })
            .collect()
    }
}

/// The IRI segment of a dimension's extension.
pub fn dimension_slug(d: Dimension) -> &'static str {
    match d {
        Dimension::Speed => "speed",
        Dimension::Empathy => "empathy",
        Dimension::FollowThrough => "follow-through",
    }
}

/// Statements to queue with a checkpoint: `attempted`, and the replies so far when the profile
/// sends `answered`.
pub fn in_progress(profile: &Profile, facts: AttemptFacts<'_>) -> Vec<OutboxStatement> {
    let b = Builder::new(profile, facts);
    let mut out = vec![b.attempted()];
    if profile.send_answered {
        out.extend(b.answered());
    }
    out
}

/// Every statement of a finished attempt, to queue with it.
pub fn finished(
    profile: &Profile,
    facts: AttemptFacts<'_>,
    ending: Ending<'_>,
) -> Vec<OutboxStatement> {
    let b = Builder::new(profile, facts);
    let mut out = in_progress(profile, facts);
    out.extend(b.ended(ending));
    out
}

/// The statement of an abandoned attempt: `attempted`, as queued when it started. Its replies
/// are not kept once it is abandoned, so there are no `answered` statements to rebuild.
pub fn abandoned(
    profile: &Profile,
    attempt: AttemptId,
    employee: EmployeeId,
    scenario: &Scenario,
    started: Timestamp,
) -> Vec<OutboxStatement> {
    let b = Builder {
        profile,
        attempt,
        employee,
        scenario,
        started,
        transcript: None,
    };
    vec![b.attempted()]
}

/// The `completed` statement for a curriculum, as a course activity. Its id is derived from the
/// employee and the curriculum, so a curriculum is completed once in the LRS.
pub fn curriculum_completed(
    profile: &Profile,
    employee: EmployeeId,
    curriculum_id: &care_engine::CurriculumId,
    title: &str,
    summary: &str,
    at: Timestamp,
) -> OutboxStatement {
    let id = Uuid::new_v5(
        &NAMESPACE,
        format!("{}/curriculum/{curriculum_id}", employee.0).as_bytes(),
    );
    let registration = Uuid::new_v5(&NAMESPACE, format!("curriculum/{curriculum_id}").as_bytes());
    let statement = Statement {
        id,
        actor: Agent {
            object_type: AgentType::Agent,
            account: Account {
                home_page: profile.homepage.clone(),
                name: employee.to_string(),
            },
        },
        verb: Verbs::Completed.verb(),
        object: Activity {
            object_type: ActivityType::Activity,
            id: join(
                &profile.activity_base,
                &format!("curricula/{}", segment(curriculum_id.as_str())),
            ),
            definition: Some(ActivityDefinition {
                name: language_map("en-US", title),
                description: (!summary.is_empty()).then(|| language_map("en-US", summary)),
                kind: crate::statement::COURSE.into(),
            }),
        },
        result: Some(StatementResult {
            score: None,
            success: Some(true),
            completion: Some(true),
            response: None,
            duration: None,
            extensions: BTreeMap::new(),
        }),
        context: Some(Context {
            registration,
            context_activities: None,
            platform: Some(PLATFORM.into()),
            language: Some("en-US".into()),
        }),
        timestamp: datetime(at),
    };
    OutboxStatement {
        id,
        registration: AttemptId(registration),
        employee,
        ordinal: 0,
        verb: Verbs::Completed.name().to_string(),
        created: at,
        body: serde_json::to_string(&statement).unwrap_or_default(),
    }
}
