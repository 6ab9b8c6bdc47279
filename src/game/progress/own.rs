//! The signed-in trainee's own progress: read on the worker (progress, interrupted runs,
//! results), shown when it comes back, and read again after something was done for them.

use bevy::prelude::*;
use care_store::TraineeView;

use super::{ProgressRead, ReadProgress, SignedIn, TraineeNotice};
use crate::game::persistence::Persistence;

impl SignedIn {
    /// Reads progress, interrupted runs and results (on the worker).
    pub(super) fn read(view: &TraineeView) -> ProgressRead {
        let read = view
            .progress()
            .and_then(|p| Ok((p, view.interrupted()?, view.scenario_results()?)))
            .map_err(|e| format!("Could not read your progress: {e}"));
        ProgressRead {
            employee: view.employee().id,
            read,
        }
    }

    pub(super) fn show(&mut self, read: &ProgressRead) {
        match &read.read {
            Ok((p, i, r)) => {
                self.progress = Some(p.clone());
                self.interrupted = i.clone();
                self.results = r.clone();
            }
            Err(e) => self.notice = Some(e.clone()),
        }
    }
}

pub(super) fn read_progress(
    mut asks: MessageReader<ReadProgress>,
    signed: Option<Res<SignedIn>>,
    mut worker: ResMut<Persistence>,
) {
    if asks.read().count() == 0 {
        return;
    }
    let Some(signed) = signed else { return };
    let view = signed.view.clone();
    worker.send("reading your progress", move || SignedIn::read(&view));
}

pub(super) fn show_progress(
    mut reads: MessageReader<ProgressRead>,
    signed: Option<ResMut<SignedIn>>,
    saves: Option<Res<crate::game::save_worker::SaveWorker>>,
) {
    let Some(mut signed) = signed else { return };
    for read in reads.read() {
        if read.employee != signed.employee.id {
            continue;
        }
        signed.show(read);
        // A finished run still on its way to the database is not interrupted.
        let pending = saves.as_ref().map(|w| w.pending()).unwrap_or_default();
        signed
            .interrupted
            .retain(|c| !pending.contains(&care_store::SaveId::Attempt(c.attempt)));
    }
}

pub(super) fn noticed(
    mut notices: MessageReader<TraineeNotice>,
    signed: Option<ResMut<SignedIn>>,
    mut read: MessageWriter<ReadProgress>,
) {
    let Some(mut signed) = signed else { return };
    for TraineeNotice(problem) in notices.read() {
        if let Some(p) = problem {
            signed.notice = Some(p.clone());
        }
        read.write(ReadProgress);
    }
}
