//! What a facilitator sees of a session, live: each member's step (and who is stuck), how many
//! are on each step, and the cohort's most common mistakes with the better response, for the
//! group debrief (no names there).

use care_engine::curriculum::Activity;
use care_engine::curriculum::{
    Curriculum, StepId, StepResult, StepStatus, current, progress, stuck,
};

use crate::employees::Employee;
use crate::error::StoreError;
use crate::manager::ManagerAccess;
use crate::onboarding::{PlayResult, TrainingSession};
use crate::time_fmt::Timestamp;

/// One member of the cohort.
#[derive(Debug, Clone)]
pub struct MemberProgress {
    pub employee: Employee,
    pub statuses: Vec<StepStatus>,
    /// The first open step.
    pub current: Option<StepId>,
    /// Why they look stuck there, if they do.
    pub stuck: Option<String>,
    pub passed: usize,
}

/// A common mistake, for the group debrief: where, what the customer said, and what works better.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistake {
    pub scenario_title: String,
    pub beat_key: String,
    pub customer_said: String,
    pub better: Option<String>,
    /// Attempts that lost points there, and how many points in all.
    pub attempts: i64,
    pub points: i64,
}

#[derive(Debug, Clone)]
pub struct SessionView {
    pub members: Vec<MemberProgress>,
    /// Members whose current step is each step (done members are not counted).
    pub on_step: Vec<usize>,
    pub finished: usize,
    pub mistakes: Vec<Mistake>,
}

/// A play as the curriculum counts it.
pub fn step_result(p: &PlayResult) -> StepResult {
    StepResult {
        played: p.played.clone(),
        at_ms: p.at.0,
    }
}

/// The group debrief's list: the beats where the cohort lost most, with the customer's line and
/// the better response. Beats of scenarios outside the curriculum are left out.
fn mistakes(curriculum: &Curriculum, losses: &[crate::onboarding::CohortLoss]) -> Vec<Mistake> {
    losses
        .iter()
        .filter_map(|l| {
            let scenario = curriculum.steps.iter().find_map(|s| match &s.activity {
                Activity::Scenario(x) if x.id == l.scenario_id => Some(x.clone()),
                Activity::Shift(sh) => sh
                    .customers
                    .iter()
                    .find(|c| c.scenario.id == l.scenario_id)
                    .map(|c| c.scenario.clone()),
                _ => None,
            })?;
            let beat = scenario.beat_by_key(&l.beat_key)?;
            let persona = care_engine::persona::Persona::draw(&scenario, 1);
            let said = if beat.says.is_empty() {
                beat.narration.render(&persona)
            } else {
                beat.says.render(&persona)
            };
            Some(Mistake {
                scenario_title: scenario.title.clone(),
                beat_key: l.beat_key.clone(),
                customer_said: said,
                better: beat.best_response().map(|r| r.text.render(&persona)),
                attempts: l.attempts,
                points: l.points,
            })
        })
        .collect()
}

impl ManagerAccess {
    /// The session as a facilitator sees it at `now`.
    pub fn session_view(
        &self,
        session: &TrainingSession,
        curriculum: &Curriculum,
        now: Timestamp,
    ) -> Result<SessionView, StoreError> {
        let everyone = self.store().employees()?;
        let mut members = Vec::new();
        let mut on_step = vec![0; curriculum.steps.len()];
        let mut finished = 0;
        for id in &session.members {
            let Some(employee) = everyone.iter().find(|e| e.id == *id).cloned() else {
                continue;
            };
            let plays: Vec<StepResult> = self
                .plays_of(*id, session.started)?
                .iter()
                .map(step_result)
                .collect();
            let statuses = progress(curriculum, &plays, session.started.0);
            let here = current(&statuses);
            let passed = statuses.iter().filter(|s| s.is_passed()).count();
            if passed == statuses.len() {
                finished += 1;
            }
            if let Some(k) = here {
                on_step[k.0] += 1;
            }
            let why = here.and_then(|k| stuck(curriculum.step(k), statuses[k.0], now.0));
            members.push(MemberProgress {
                employee,
                statuses,
                current: here,
                stuck: why,
                passed,
            });
        }
        members.sort_by(|a, b| a.employee.display_name.cmp(&b.employee.display_name));
        let scenario_ids: Vec<care_engine::ScenarioId> = curriculum
            .steps
            .iter()
            .flat_map(|s| match &s.activity {
                Activity::Scenario(x) => vec![x.id.clone()],
                Activity::Shift(sh) => sh.customers.iter().map(|c| c.scenario.id.clone()).collect(),
            })
            .collect();
        let losses = self.cohort_losses(&session.members, &scenario_ids, session.started, 8)?;
        Ok(SessionView {
            members,
            on_step,
            finished,
            mistakes: mistakes(curriculum, &losses),
        })
    }
}
