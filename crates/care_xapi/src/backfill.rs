//! Backfill: the statements of results saved before learning records were set up, rebuilt from
//! each attempt's stored transcript and score card and the scenario it was played on, and queued
//! once. Statement ids come from the attempt, and queueing skips ids already queued, so running
//! it again (even after it stopped halfway) queues nothing twice.

use std::sync::Arc;

use care_engine::Scenario;
use care_store::{AttemptRow, AttemptStatus, ManagerAccess, Outbox, OutboxStatement, StoreError};

use crate::config::Profile;
use crate::records::{self, AttemptFacts, Ending};

/// An attempt whose statements were rebuilt.
#[derive(Debug, Clone)]
pub struct Rebuilt {
    pub attempt: AttemptRow,
    pub statements: Vec<OutboxStatement>,
}

/// An attempt whose statements cannot be rebuilt, and why.
#[derive(Debug, Clone)]
pub struct NotRebuilt {
    pub attempt: AttemptRow,
    pub reason: String,
}

/// What a backfill would queue.
#[derive(Debug, Clone, Default)]
pub struct Backfill {
    pub ready: Vec<Rebuilt>,
    pub not_rebuilt: Vec<NotRebuilt>,
}

impl Backfill {
    /// How many statements [`Backfill::queue`] would queue.
    pub fn statements(&self) -> usize {
        self.ready.iter().map(|r| r.statements.len()).sum()
    }

    /// Queues the rebuilt statements, each attempt's in one transaction. `progress` hears how
    /// many attempts are queued so far. Returns the number of attempts queued.
    pub fn queue(
        &self,
        outbox: &Outbox,
        progress: &mut dyn FnMut(usize),
    ) -> Result<usize, StoreError> {
        for (n, r) in self.ready.iter().enumerate() {
            outbox.enqueue(&r.statements)?;
            progress(n + 1);
        }
        Ok(self.ready.len())
    }
}

/// Rebuilds the statements of every saved attempt that has none queued: all of a finished
/// attempt's, and an abandoned attempt's `attempted`. `scenarios` are the scenarios they may have
/// been played on; an attempt whose scenario is missing or has changed since is not rebuilt (its
/// statements would describe another scenario), and is listed with the reason.
pub fn plan(
    manager: &ManagerAccess,
    profile: &Profile,
    scenarios: &[Arc<Scenario>],
) -> Result<Backfill, StoreError> {
    let mut out = Backfill::default();
    for row in manager.attempts_without_statements()? {
        match rebuild(manager, profile, scenarios, &row) {
            Ok(statements) => out.ready.push(Rebuilt {
                attempt: row,
                statements,
            }),
            Err(reason) => out.not_rebuilt.push(NotRebuilt {
                attempt: row,
                reason,
            }),
        }
    }
    Ok(out)
}

fn rebuild(
    manager: &ManagerAccess,
    profile: &Profile,
    scenarios: &[Arc<Scenario>],
    row: &AttemptRow,
) -> Result<Vec<OutboxStatement>, String> {
    // A record that cannot be read is this attempt's problem, not the backfill's.
    let detail = manager.attempt(row.id).map_err(|e| e.to_string())?;
    let scenario = scenarios
        .iter()
        .find(|s| s.id == row.scenario_id)
        .ok_or_else(|| format!("the scenario `{}` is not there", row.scenario_id))?;
    if scenario.content_hash != detail.content_hash {
        return Err(format!(
            "the scenario `{}` has changed since it was played",
            row.scenario_id
        ));
    }
    match row.status {
        AttemptStatus::Abandoned => Ok(records::abandoned(
            profile,
            row.id,
            row.employee,
            scenario,
            row.started,
        )),
        AttemptStatus::Finished => {
            let (Some(card), Some(transcript)) = (&detail.card, &detail.transcript) else {
                return Err("its saved record has no score card or transcript".into());
            };
            let facts = AttemptFacts {
                attempt: row.id,
                employee: row.employee,
                scenario,
                started: row.started,
                transcript,
            };
            let ending = Ending {
                card,
                finished: row.finished,
            };
            Ok(records::finished(profile, facts, ending))
        }
    }
}
