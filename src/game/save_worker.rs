//! The save worker in the game: finished results go to `care_store`'s [`Saver`], which journals
//! them on this computer and commits them on its own thread, retrying until the database has
//! them. Each frame only reads what happened, so no frame waits on the database.

use std::path::PathBuf;

use bevy::prelude::*;
use care_store::{SaveEvent, SaveId, Saver, StoreLocation};

use super::AppSystems;
use super::learning_records::LearningRecords;
use super::progress::{ProgressStore, StoreConfig};

/// The saver, once the store is open; or why there is none.
#[derive(Resource, Default)]
pub struct SaveWorker {
    pub saver: Option<Saver>,
    pub problem: Option<String>,
}

/// Something the saver reported this frame, for the screens that wait on a save.
#[derive(Message, Debug, Clone)]
pub struct SaveReport(pub SaveEvent);

impl SaveWorker {
    /// Saves handed over and not yet in the database.
    pub fn pending(&self) -> Vec<SaveId> {
        self.saver.as_ref().map(Saver::pending).unwrap_or_default()
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<SaveWorker>();
    app.add_message::<SaveReport>();
    app.add_systems(Startup, start.after(super::progress::open_store));
    app.add_systems(Update, poll.in_set(AppSystems::TickTimers));
}

/// Where results waiting for the database are kept on this computer: beside a SQLite store, or
/// in the data folder for a database server (one folder per server, never replayed elsewhere).
pub fn journal_dir(location: &StoreLocation) -> PathBuf {
    match location {
        StoreLocation::Sqlite(file) => file
            .parent()
            .map_or_else(|| PathBuf::from("."), PathBuf::from)
            .join("pending-saves"),
        StoreLocation::Postgres(_) => {
            // FNV-1a of where the server is (the password is not part of the shown form).
            let shown = location.to_string();
            let hash = shown.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
            });
            care_store::default_data_dir().join(format!("pending-saves-{hash:016x}"))
        }
    }
}

fn start(
    progress: Res<ProgressStore>,
    config: Option<Res<StoreConfig>>,
    mut worker: ResMut<SaveWorker>,
) {
    let (Some(store), Some(config)) = (&progress.store, config) else {
        return;
    };
    let dir = journal_dir(&config.0);
    match Saver::start(store.clone(), dir.clone()) {
        Ok(saver) => {
            let waiting = saver.pending().len();
            if waiting > 0 {
                info!("{waiting} results saved on this computer before a crash are being stored");
            }
            worker.saver = Some(saver);
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
