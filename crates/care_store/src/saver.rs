//! The saver: commits results on a thread of its own so no frame waits for the database. A
//! save is journalled before `submit` returns, then committed in the background and retried
//! with a growing pause until the database has it, never dropped and never stored twice.
//! Checkpoints of runs in progress are written newest-only, never journalled.
//!
//! ```no_run
//! # fn demo(store: care_store::Store, attempt: care_store::NewAttempt) -> Result<(), care_store::StoreError> {
//! use care_store::{PendingSave, SaveEvent, SaveState, Saver};
//! let saver = Saver::start(store, "pending-saves".into())?;
//! let id = saver.submit(PendingSave::Attempt(attempt))?;
//! // Every frame: report what changed.
//! for event in saver.poll() {
//!     if let SaveEvent::Waiting { reason, .. } = event {
//!         eprintln!("not saved yet: {reason}");
//!     }
//! }
//! let saved = matches!(saver.status(id), Some(SaveState::Saved(_)));
//! # let _ = saved; Ok(()) }
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;

use crate::attempts::Saved;
use crate::connect::Store;
use crate::error::StoreError;
use crate::journal::Journal;
use crate::pending::{PendingCheckpoint, PendingSave, SaveId, only_about};
use crate::time_fmt::Timestamp;

/// At most this many events wait for [`Saver::poll`]; older ones are dropped first (the state
/// of every save stays readable with [`Saver::status`]).
const MAX_EVENTS: usize = 1_000;

/// Where one save stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Journalled; its first commit is under way or about to be.
    Queued,
    /// A commit failed; it is tried again at `next_try` (or on [`Saver::try_now`]).
    Waiting {
        reason: String,
        next_try: Timestamp,
        /// Failed tries so far.
        tries: u32,
    },
    /// In the database. [`Saved::AlreadyStored`] when an earlier try had already stored it.
    Saved(Saved),
}

/// What happened since the last [`Saver::poll`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveEvent {
    /// The save is committed: say "saved" now, not before.
    Saved { id: SaveId, outcome: Saved },
    /// A commit failed; the save waits in the journal and is tried again at `next_try`.
    Waiting {
        id: SaveId,
        reason: String,
        next_try: Timestamp,
        tries: u32,
    },
    /// The save could not be journalled (it is still being committed, but a crash before the
    /// commit would lose it).
    NotJournalled { id: SaveId, reason: String },
    /// A checkpoint of a run in progress is in the database.
    CheckpointSaved { id: SaveId },
    /// A checkpoint of a run in progress could not be written; the newest one is tried again.
    CheckpointWaiting {
        id: SaveId,
        reason: String,
        next_try: Timestamp,
    },
    /// A journal file could not be read at start and was set aside under `path`.
    SetAside { path: PathBuf, reason: String },
}

/// What the caller and the worker thread share. The lock is never held during a database call.
pub(crate) struct Shared {
    state: Mutex<State>,
    pub(crate) wake: Condvar,
}

#[derive(Default)]
pub(crate) struct State {
    /// Saves handed in and not yet taken by the worker, oldest first.
    pub(crate) incoming: Vec<PendingSave>,
    /// The newest checkpoint of each run, not yet written.
    pub(crate) checkpoints: HashMap<SaveId, PendingCheckpoint>,
    pub(crate) statuses: HashMap<SaveId, SaveState>,
    events: Vec<SaveEvent>,
    pub(crate) try_now: bool,
    pub(crate) stop: bool,
}

impl State {
    pub(crate) fn event(&mut self, e: SaveEvent) {
        if self.events.len() >= MAX_EVENTS {
            self.events.remove(0);
        }
        self.events.push(e);
    }

    /// Keeps `c` as its run's newest checkpoint, with the learning records of any it replaces.
    pub(crate) fn keep_checkpoint(&mut self, c: PendingCheckpoint, newer: bool) {
        let id = c.id();
        let merged = match (self.checkpoints.remove(&id), newer) {
            (Some(old), true) => c.replacing(old),
            (Some(kept), false) => kept.replacing(c),
            (None, _) => c,
        };
        self.checkpoints.insert(id, merged);
    }
}

impl Shared {
    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Commits saves in the background; see the module documentation.
pub struct Saver {
    shared: Arc<Shared>,
    journal: Journal,
    worker: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Saver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Saver({})", self.journal.dir().display())
    }
}

impl Saver {
    /// Starts the saver on `store`, keeping pending saves in `journal_dir` (created, readable
    /// only by its owner). Every save left there by an earlier run (a crash or power cut before
    /// its commit) is committed first. Files that cannot be read are set aside and reported as
    /// [`SaveEvent::SetAside`].
    pub fn start(store: Store, journal_dir: PathBuf) -> Result<Saver, StoreError> {
        let journal = Journal::open(journal_dir)?;
        let contents = journal.read()?;
        let mut state = State::default();
        for aside in contents.set_aside {
            state.event(SaveEvent::SetAside {
                path: aside.path,
                reason: aside.reason,
            });
        }
        for save in contents.saves {
            state.statuses.insert(save.id(), SaveState::Queued);
            state.incoming.push(save);
        }
        let shared = Arc::new(Shared {
            state: Mutex::new(state),
            wake: Condvar::new(),
        });
        let worker = std::thread::Builder::new()
            .name("care-saver".into())
            .spawn({
                let shared = Arc::clone(&shared);
                let journal = journal.clone();
                move || crate::saver_worker::run(&store, &journal, &shared)
            })?;
        Ok(Saver {
            shared,
            journal,
            worker: Some(worker),
        })
    }

    /// Hands a finished result over: it is written to the journal (and synced) before this
    /// returns, then committed in the background. Refused (and not kept) only when it could
    /// never be stored, such as learning records about someone else. If the journal cannot be
    /// written the save is still committed, and [`SaveEvent::NotJournalled`] says so.
    /// Submitting the same id again replaces a save not yet committed and stores nothing twice.
    pub fn submit(&self, save: PendingSave) -> Result<SaveId, StoreError> {
        save.check()?;
        let id = save.id();
        let journalled = self.journal.write(&save);
        let mut state = self.shared.lock();
        if let Err(e) = journalled {
            tracing::warn!(%id, error = %e, "a save could not be journalled");
            state.event(SaveEvent::NotJournalled {
                id,
                reason: e.to_string(),
            });
        }
        state.statuses.insert(id, SaveState::Queued);
        state.incoming.push(save);
        drop(state);
        self.shared.wake.notify_one();
        Ok(id)
    }

    /// Hands over the newest checkpoint of a run in progress. Never waits: only the newest one
    /// of each run is written (with the learning records of any it replaced), in the
    /// background; it is not journalled.
    pub fn checkpoint(&self, checkpoint: PendingCheckpoint) -> Result<(), StoreError> {
        if let PendingCheckpoint::Run {
            checkpoint,
            statements,
        } = &checkpoint
        {
            only_about(checkpoint.employee, statements)?;
        }
        self.shared.lock().keep_checkpoint(checkpoint, true);
        self.shared.wake.notify_one();
        Ok(())
    }

    /// What happened since the last call, oldest first. Never waits.
    pub fn poll(&self) -> Vec<SaveEvent> {
        std::mem::take(&mut self.shared.lock().events)
    }

    /// Where save `id` stands, if this saver has it (submitted, or found in the journal).
    pub fn status(&self, id: SaveId) -> Option<SaveState> {
        self.shared.lock().statuses.get(&id).cloned()
    }

    /// Saves not committed yet (a run among them must not be offered for resuming).
    pub fn pending(&self) -> Vec<SaveId> {
        let state = self.shared.lock();
        let mut ids: Vec<SaveId> = state
            .statuses
            .iter()
            .filter(|(_, s)| !matches!(s, SaveState::Saved(_)))
            .map(|(id, _)| *id)
            .collect();
        ids.sort_by_key(|id| id.uuid());
        ids
    }

    /// Tries every waiting save and checkpoint now instead of at its next try.
    pub fn try_now(&self) {
        self.shared.lock().try_now = true;
        self.shared.wake.notify_one();
    }

    /// The journal folder.
    pub fn journal_dir(&self) -> &Path {
        self.journal.dir()
    }
}

impl Drop for Saver {
    /// Finishes the commit under way and stops; anything not committed stays in the journal
    /// for the next start.
    fn drop(&mut self) {
        self.shared.lock().stop = true;
        self.shared.wake.notify_all();
        if let Some(worker) = self.worker.take()
            && worker.join().is_err()
        {
            tracing::error!("the saver thread panicked; pending saves stay in the journal");
        }
    }
}
