//! How the running attempt's progress stands in the database, for the play screen: handed to
//! the saver after an answer ("saving"), written ("saved"), or waiting for a database that does
//! not answer (the saver keeps the newest checkpoint and tries again).

use bevy::prelude::*;
use care_store::{SaveEvent, SaveId};

use super::AppSystems;
use super::save_worker::{SaveReport, SaveWorker};
use super::session::ActiveRun;

/// The progress of the run in play.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq)]
pub enum CheckpointStatus {
    /// Nothing to say: not signed in, a practice run, or no answer yet.
    #[default]
    Nothing,
    Saving,
    Saved,
    /// The database did not take it; the reason, for a tooltip.
    Waiting(String),
}

/// The attempt and the number of answers last seen handed over.
#[derive(Default)]
struct Seen {
    attempt: Option<care_store::AttemptId>,
    handed: Option<usize>,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<CheckpointStatus>();
    app.add_systems(Update, follow.in_set(AppSystems::Update));
}

fn follow(
    active: Option<Res<ActiveRun>>,
    worker: Res<SaveWorker>,
    mut reports: MessageReader<SaveReport>,
    mut seen: Local<Seen>,
    mut status: ResMut<CheckpointStatus>,
) {
    let Some(active) = active.filter(|a| !a.practice && worker.saver.is_some()) else {
        reports.clear();
        status.set_if_neq(CheckpointStatus::Nothing);
        return;
    };
    if seen.attempt != Some(active.attempt) {
        *seen = Seen {
            attempt: Some(active.attempt),
            handed: None,
        };
        status.set_if_neq(CheckpointStatus::Nothing);
    }
    if active.checkpointed.is_some() && active.checkpointed != seen.handed {
        seen.handed = active.checkpointed;
        status.set_if_neq(CheckpointStatus::Saving);
    }
    let mine = SaveId::Attempt(active.attempt);
    for SaveReport(event) in reports.read() {
        match event {
            SaveEvent::CheckpointSaved { id } if *id == mine => {
                status.set_if_neq(CheckpointStatus::Saved);
            }
            SaveEvent::CheckpointWaiting { id, reason, .. } if *id == mine => {
                status.set_if_neq(CheckpointStatus::Waiting(reason.clone()));
            }
            _ => {}
        }
    }
}
