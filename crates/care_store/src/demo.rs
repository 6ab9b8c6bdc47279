//! Demo data: employees who learn at different rates, playing the real scenarios, so the
//! manager area can be tried and benchmarked on a store that looks lived in.

use std::sync::Arc;

use care_engine::transcript::Input;
use care_engine::{Scenario, ScenarioRun};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::attempts::NewAttempt;
use crate::connect::Store;
use crate::employees::Employee;
use crate::error::StoreError;
use crate::ids::{AttemptId, EmployeeId};
use crate::time_fmt::Timestamp;

const FIRST: [&str; 24] = [
    "Amira", "Ben", "Chloé", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi",
    "Liam", "Maya", "Nikolai", "Olu", "Priya", "Quinn", "Rosa", "Sami", "Tess", "Umar", "Vera",
    "Wen", "Yusuf",
];
const LAST: [&str; 16] = [
    "Adeyemi",
    "Brennan",
    "Costa",
    "Dubois",
    "Eriksen",
    "Fischer",
    "García",
    "Haddad",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Novak",
    "Okafor",
    "Patel",
];
const TEAMS: [&str; 5] = [
    "Downtown store",
    "Harbour branch",
    "Online support",
    "Phone team",
    "Riverside branch",
];

const GOOD_REPLY: &str = "I'm so sorry about this, I understand how frustrating it is. I'll sort it out today and call you back by 5pm with an update.";
const POOR_REPLY: &str = "ok";
/// Answers after which a run that has not ended is given up (a loop in a scenario).
const MAX_ANSWERS: usize = 80;
/// Attempts written per transaction.
const BATCH: usize = 250;
/// The demo history spans this many days up to now.
const HISTORY_DAYS: i64 = 120;

/// What to generate.
#[derive(Debug, Clone)]
pub struct DemoPlan {
    pub employees: usize,
    pub attempts_per_employee: usize,
    pub seed: u64,
}

/// How a demo trainee plays.
#[derive(Debug, Clone, Copy)]
struct Learner {
    start: f64,
    ceiling: f64,
    /// Attempts to get most of the way from start to ceiling.
    pace: f64,
}

impl Learner {
    fn skill(&self, attempt: usize) -> f64 {
        let t = 1.0 - (-(attempt as f64) / self.pace).exp();
        self.start + (self.ceiling - self.start) * t
    }
}

/// Plays one run of `scenario` at `skill` (0 = careless, 1 = exemplary). Returns `None` when
/// the run did not end.
pub fn play_at_skill(
    scenario: &Arc<Scenario>,
    seed: u64,
    skill: f64,
    rng: &mut ChaCha8Rng,
) -> Option<(care_engine::transcript::Transcript, care_engine::ScoreCard)> {
    let (mut run, _) = ScenarioRun::start(scenario.clone(), seed);
    for _ in 0..MAX_ANSWERS {
        let beat_id = run.current_beat()?;
        let beat = scenario.beat(beat_id);
        let careful = rng.random_bool(skill.clamp(0.0, 1.0));
        let pace = 0.35 + (1.0 - skill) * 1.3 + rng.random_range(-0.15..0.25);
        #[expect(
            clippy::cast_possible_truncation,
            reason = "floored to whole milliseconds, at least 400, first; a float-to-integer cast saturates"
        )]
        let after_ms = (f64::from(beat.target_secs.max(1)) * 1000.0 * pace)
            .max(400.0)
            .floor() as u64;
        let input = if !careful && rng.random_bool(0.12) {
            Input::Timeout
        } else if run.choices_offered() > 0 {
            let offered = run.offered_responses();
            let value = |i: usize| {
                let e = &beat.responses[offered[i]].step.effects;
                e.speed + e.empathy + e.follow_through
            };
            let pick = if careful {
                (0..offered.len()).max_by_key(|&i| value(i)).unwrap_or(0)
            } else {
                rng.random_range(0..offered.len())
            };
            Input::Choice(pick)
        } else if run.takes_typed() {
            Input::Typed(if careful { GOOD_REPLY } else { POOR_REPLY }.to_string())
        } else {
            Input::Timeout
        };
        let after_ms = if input == Input::Timeout {
            u64::from(beat.wait_secs.max(1)) * 1000
        } else {
            after_ms
        };
        if run.answer(input, after_ms).is_err() {
            return None;
        }
        if run.is_finished() {
            let transcript = run.into_transcript();
            let card = care_engine::scoring::score(&scenario.scoring, &transcript);
            return Some((transcript, card));
        }
    }
    None
}

impl Store {
    /// Fills the store with `plan`. `progress(done, total)` is called after every batch.
    pub fn fill_demo(
        &self,
        scenarios: &[Arc<Scenario>],
        plan: &DemoPlan,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<u64, StoreError> {
        if scenarios.is_empty() {
            return Err(StoreError::Invalid(
                "no scenarios to play: point --scenarios at a folder of scenario files".into(),
            ));
        }
        let mut rng = ChaCha8Rng::seed_from_u64(plan.seed);
        let total = (plan.employees * plan.attempts_per_employee) as u64;
        let now = Timestamp::now();
        let span_ms = HISTORY_DAYS * 86_400_000;
        let mut batch = Vec::with_capacity(BATCH);
        let mut done = 0u64;
        progress(0, total);
        for e in 0..plan.employees {
            let employee = Employee {
                id: EmployeeId::new(),
                display_name: format!(
                    "{} {}",
                    FIRST[rng.random_range(0..FIRST.len())],
                    LAST[rng.random_range(0..LAST.len())]
                ),
                team: TEAMS[e % TEAMS.len()].to_string(),
                created: now.plus_ms(-span_ms - 86_400_000),
            };
            self.insert_employee(&employee)?;
            let learner = Learner {
                start: rng.random_range(0.15..0.6),
                ceiling: rng.random_range(0.55..0.98),
                pace: rng.random_range(3.0..40.0),
            };
            let step = span_ms / (plan.attempts_per_employee.max(1) as i64 + 1);
            for k in 0..plan.attempts_per_employee {
                let scenario = &scenarios[rng.random_range(0..scenarios.len())];
                let seed = rng.random::<u64>();
                let skill = (learner.skill(k) + rng.random_range(-0.1..0.1)).clamp(0.02, 0.99);
                let Some((transcript, card)) = play_at_skill(scenario, seed, skill, &mut rng)
                else {
                    continue;
                };
                let started =
                    now.plus_ms(-span_ms + step * k as i64 + rng.random_range(0..step.max(1)));
                let finished =
                    started.plus_ms(i64::try_from(transcript.duration_ms()).unwrap_or(0));
                batch.push(NewAttempt::finished(
                    AttemptId::new(),
                    employee.id,
                    scenario,
                    started,
                    finished,
                    transcript,
                    card,
                ));
                if batch.len() >= BATCH {
                    self.record_batch(&batch)?;
                    done += batch.len() as u64;
                    batch.clear();
                    progress(done, total);
                }
            }
        }
        if !batch.is_empty() {
            self.record_batch(&batch)?;
            done += batch.len() as u64;
        }
        progress(total, total);
        Ok(done)
    }
}
