//! The saver's thread: takes saves and checkpoints as they come, commits each due one, and after
//! a failure waits 1 s, then 2, 4, … up to a minute before that one's next try.

use std::time::{Duration, Instant};

use crate::connect::Store;
use crate::journal::Journal;
use crate::pending::{PendingCheckpoint, PendingSave};
use crate::saver::{SaveEvent, SaveState, Shared, State};
use crate::time_fmt::Timestamp;

/// The pause after the first failure; it doubles with each further one.
const FIRST_PAUSE: Duration = Duration::from_secs(1);
/// The longest pause between tries.
const LONGEST_PAUSE: Duration = Duration::from_secs(60);

/// The pause after `failures` failed tries in a row, with a little spread (from `salt`) so
/// stations that lost the same server do not all come back at the same instant.
pub(crate) fn pause_after(failures: u32, salt: u128) -> Duration {
    let doubled = FIRST_PAUSE.saturating_mul(1 << failures.saturating_sub(1).min(16));
    let base = doubled.min(LONGEST_PAUSE);
    let spread = u32::try_from(salt % 100).unwrap_or(0);
    base + base * spread / 1_000
}

/// A save waiting for its commit.
struct Item {
    save: PendingSave,
    failures: u32,
    due: Instant,
}

/// When checkpoints may next be written (after failures, later).
struct CheckpointTries {
    failures: u32,
    due: Instant,
}

/// What the loop does next.
struct Work {
    checkpoints: Vec<PendingCheckpoint>,
    save: Option<usize>,
}

pub(crate) fn run(store: &Store, journal: &Journal, shared: &Shared) {
    let mut queue: Vec<Item> = Vec::new();
    let mut tries = CheckpointTries {
        failures: 0,
        due: Instant::now(),
    };
    // Whether the database answered the latest call: at a stop, checkpoints are written once
    // more only then, so closing the game never waits on a server that is gone.
    let mut answering = true;
    loop {
        let Some(work) = next_work(shared, &mut queue, &mut tries) else {
            let last = if answering {
                std::mem::take(&mut shared.lock().checkpoints)
            } else {
                Default::default()
            };
            for c in last.into_values() {
                let _ = store.write_checkpoint(&c);
            }
            return;
        };
        for c in work.checkpoints {
            match store.write_checkpoint(&c) {
                Ok(()) => {
                    tries.failures = 0;
                    answering = true;
                    shared
                        .lock()
                        .event(SaveEvent::CheckpointSaved { id: c.id() });
                }
                Err(e) => {
                    answering = false;
                    tries.failures += 1;
                    let pause = pause_after(tries.failures, c.id().uuid().as_u128());
                    tries.due = Instant::now() + pause;
                    let mut state = shared.lock();
                    state.event(SaveEvent::CheckpointWaiting {
                        id: c.id(),
                        reason: e.to_string(),
                        next_try: later(pause),
                    });
                    state.keep_checkpoint(c, false);
                }
            }
        }
        let Some(index) = work.save else { continue };
        if shared.lock().stop {
            continue;
        }
        answering = commit(store, journal, shared, &mut queue, index);
    }
}

/// Commits `queue[index]` once and reports how it went. Returns whether the database answered.
fn commit(
    store: &Store,
    journal: &Journal,
    shared: &Shared,
    queue: &mut Vec<Item>,
    index: usize,
) -> bool {
    let item = &mut queue[index];
    let id = item.save.id();
    match store.commit_pending(&item.save, false) {
        Ok(outcome) => {
            queue.remove(index);
            if let Err(e) = journal.remove(id) {
                // Left behind, it is committed again at the next start: that stores nothing.
                tracing::warn!(%id, error = %e, "a committed save stays in the journal");
            }
            let mut state = shared.lock();
            // A newer copy submitted during the commit is still queued: it stays pending.
            if !state.incoming.iter().any(|s| s.id() == id) {
                state.statuses.insert(id, SaveState::Saved(outcome));
            }
            state.event(SaveEvent::Saved { id, outcome });
            true
        }
        Err(e) => {
            item.failures += 1;
            let pause = pause_after(item.failures, id.uuid().as_u128());
            item.due = Instant::now() + pause;
            let reason = e.to_string();
            tracing::warn!(%id, %reason, "a save is waiting for the database");
            let waiting = SaveState::Waiting {
                reason: reason.clone(),
                next_try: later(pause),
                tries: item.failures,
            };
            let mut state = shared.lock();
            if !state.incoming.iter().any(|s| s.id() == id) {
                state.statuses.insert(id, waiting);
            }
            state.event(SaveEvent::Waiting {
                id,
                reason,
                next_try: later(pause),
                tries: item.failures,
            });
            false
        }
    }
}

fn later(pause: Duration) -> Timestamp {
    Timestamp::now().plus_ms(i64::try_from(pause.as_millis()).unwrap_or(i64::MAX))
}

/// Waits until a save or the checkpoints are due and takes them; `None` when stopping.
fn next_work(shared: &Shared, queue: &mut Vec<Item>, tries: &mut CheckpointTries) -> Option<Work> {
    let mut state = shared.lock();
    loop {
        take_incoming(&mut state, queue);
        let now = Instant::now();
        if state.try_now {
            state.try_now = false;
            for item in queue.iter_mut() {
                item.due = now;
            }
            tries.due = now;
        }
        if state.stop {
            return None;
        }
        let checkpoints_due = (!state.checkpoints.is_empty()).then_some(tries.due);
        let save_due = queue.iter().map(|i| i.due).min();
        let next = match (checkpoints_due, save_due) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        match next {
            Some(t) if t <= now => break,
            Some(t) => {
                state = shared
                    .wake
                    .wait_timeout(state, t - now)
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .0;
            }
            None => {
                state = shared
                    .wake
                    .wait(state)
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
            }
        }
    }
    let now = Instant::now();
    let checkpoints = if tries.due <= now {
        std::mem::take(&mut state.checkpoints)
            .into_values()
            .collect()
    } else {
        Vec::new()
    };
    // The due save that has waited longest in the queue (saves are kept in arrival order).
    let save = queue.iter().position(|i| i.due <= now);
    Some(Work { checkpoints, save })
}

/// Moves saves handed in into the queue; a save already queued is replaced by its newer copy.
fn take_incoming(state: &mut State, queue: &mut Vec<Item>) {
    for save in state.incoming.drain(..) {
        let id = save.id();
        match queue.iter_mut().find(|i| i.save.id() == id) {
            Some(item) => {
                item.save = save;
                item.due = Instant::now();
            }
            None => queue.push(Item {
                save,
                failures: 0,
                due: Instant::now(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pause_doubles_from_a_second_to_a_minute() {
        let secs = |n| pause_after(n, 0).as_secs();
        assert_eq!(
            [1, 2, 3, 4, 5, 6, 7, 50].map(secs),
            [1, 2, 4, 8, 16, 32, 60, 60]
        );
        let spread = pause_after(1, 99);
        assert!(spread > Duration::from_secs(1) && spread < Duration::from_millis(1_100));
    }
}
