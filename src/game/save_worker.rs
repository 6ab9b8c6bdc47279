//! The save worker in the game: finished results go to `care_store`'s [`Saver`], which journals
//! them on this computer and commits them on its own thread, retrying until the database has
//! them. Each frame only reads what happened, so no frame waits on the database.

use std::sync::Arc;

use bevy::prelude::*;
use care_store::{PendingSave, SaveEvent, SaveId, Saver, TraineeView};

use super::AppSystems;
use super::learning_records::LearningRecords;
use super::persistence::Persistence;
use super::progress::{ProgressStore, StoreConfig};
use super::session::SaveStatus;

/// The saver, once the store is open; or why there is none.
#[derive(Resource, Default)]
pub struct SaveWorker {
    pub(in crate::game) saver: Option<Arc<Saver>>,
    pub problem: Option<String>,
}

/// Where this station keeps results waiting for the database, when not the store's own choice
/// (beside a SQLite file; this computer's data folder for a database server).
#[derive(Resource, Debug, Clone)]
pub struct JournalDir(pub std::path::PathBuf);

/// Something the saver reported this frame, for the screens that wait on a save.
#[derive(Message, Debug, Clone)]
pub struct SaveReport(pub SaveEvent);

/// A finished result handed over: journalled (`Ok(false)`: the saver commits it), saved
/// directly (`Ok(true)`: there is no journal), or refused.
#[derive(Message, Debug, Clone)]
pub struct HandedOver {
    pub id: SaveId,
    pub result: Result<bool, String>,
}

impl HandedOver {
    /// How the save stands now.
    pub fn status(&self) -> SaveStatus {
        match &self.result {
            Ok(true) => SaveStatus::Saved,
            Ok(false) => SaveStatus::Saving,
            Err(e) => SaveStatus::Failed(e.clone()),
        }
    }
}

/// Hands a finished result over on the persistence worker (journalling it means a file sync,
/// which can take tens of milliseconds): to the saver, or, without one, straight to the store as
/// the only way left. The answer comes back as [`HandedOver`].
pub fn hand_over(
    save: PendingSave,
    saves: &SaveWorker,
    view: &TraineeView,
    persistence: &mut Persistence,
) -> SaveStatus {
    let id = save.id();
    let saver = saves.saver.clone();
    let view = view.clone();
    persistence.send("keeping your result safe", move || {
        let result = match saver {
            Some(saver) => saver.submit(save).map(|_| false),
            None => match save {
                PendingSave::Attempt(attempt) => view.record_attempt(&attempt).map(|_| true),
                PendingSave::Shift(shift) => view.record_shift_save(&shift).map(|_| true),
            },
        };
        HandedOver {
            id,
            result: result.map_err(|e| e.to_string()),
        }
    });
    SaveStatus::Saving
}

impl SaveWorker {
    /// Saves handed over and not yet in the database.
    pub fn pending(&self) -> Vec<SaveId> {
        self.saver.as_ref().map(|s| s.pending()).unwrap_or_default()
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<SaveWorker>();
    app.add_message::<SaveReport>();
    app.add_message::<HandedOver>();
    app.add_systems(
        Update,
        (
            start.run_if(resource_changed::<ProgressStore>),
            poll,
            wake_on_direct_save,
        )
            .chain()
            .in_set(AppSystems::Update),
    );
}

/// A result saved directly has its learning records in the database: send them.
fn wake_on_direct_save(mut handed: MessageReader<HandedOver>, records: Res<LearningRecords>) {
    if handed.read().any(|h| h.result == Ok(true)) {
        records.wake(false);
    }
}

fn start(
    progress: Res<ProgressStore>,
    config: Option<Res<StoreConfig>>,
    journal: Option<Res<JournalDir>>,
    mut worker: ResMut<SaveWorker>,
) {
    let (Some(store), Some(config)) = (&progress.store, config) else {
        return;
    };
    if worker.saver.is_some() {
        return;
    }
    let dir = journal.map_or_else(|| config.0.pending_saves_dir(), |j| j.0.clone());
    match Saver::start(store.clone(), dir.clone()) {
        Ok(saver) => {
            let waiting = saver.pending().len();
            if waiting > 0 {
                info!("{waiting} results saved on this computer before a crash are being stored");
            }
            worker.saver = Some(Arc::new(saver));
        }
        Err(e) => {
            warn!(
                "cannot keep results on this computer in {}: {e}",
                dir.display()
            );
            worker.problem = Some(format!(
                "Results cannot be kept safe on this computer ({}): {e}",
                dir.display()
            ));
        }
    }
}

/// Hands the saver's news to whoever waits on it; wakes the learning-record sender when a
/// result (and its records) reached the database.
fn poll(
    worker: Res<SaveWorker>,
    records: Res<LearningRecords>,
    mut reports: MessageWriter<SaveReport>,
) {
    let Some(saver) = &worker.saver else { return };
    for event in saver.poll() {
        match &event {
            SaveEvent::Saved { id, .. } => {
                debug!("{id} saved");
                records.wake(false);
            }
            SaveEvent::Waiting { id, reason, .. } => warn!("{id} not saved yet: {reason}"),
            SaveEvent::NotJournalled { id, reason } => {
                warn!("{id} could not be kept on this computer: {reason}");
            }
            SaveEvent::CheckpointWaiting { id, reason, .. } => {
                warn!("progress of {id} not saved yet: {reason}");
            }
            SaveEvent::CheckpointSaved { id } => debug!("progress of {id} saved"),
            SaveEvent::SetAside { path, reason } => {
                warn!(
                    "a pending save was set aside in {}: {reason}",
                    path.display()
                );
            }
        }
        reports.write(SaveReport(event));
    }
}
