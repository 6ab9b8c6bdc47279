//! Saving rush hour as it happens: the shift's inputs after every answer (so a crash resumes
//! it), the whole shift in one transaction at the end (every conversation and the triage, never
//! half), both through the save worker; and resuming or abandoning an interrupted shift.

use std::sync::Arc;
use std::time::Duration;

use bevy::prelude::*;
use care_engine::shift::{ShiftInput, ShiftRun};
use care_store::{
    PendingCheckpoint, PendingSave, SaveEvent, SaveId, ShiftCheckpoint, ShiftRunId, ShiftSave,
    Timestamp,
};

use super::AppSystems;
use super::Screen;
use super::learning_records::LearningRecords;
use super::persistence::Persistence;
use super::progress::{SignedIn, TraineeNotice};
use super::save_worker::{HandedOver, SaveReport, SaveWorker, hand_over};
use super::session::SaveStatus;
use super::shifts::{ActiveShift, ShiftLibrary, ShiftOutcome, attempts_of, most_pressing};

/// The signed-in trainee's shifts a crash or a closed window interrupted, newest first.
#[derive(Resource, Debug, Default)]
pub struct InterruptedShifts(pub Vec<ShiftCheckpoint>);

/// Continue an interrupted shift where its last answer left it.
#[derive(Message, Debug, Clone, Copy)]
pub struct ResumeShift(pub ShiftRunId);

/// Forget an interrupted shift.
#[derive(Message, Debug, Clone, Copy)]
pub struct AbandonShift(pub ShiftRunId);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<InterruptedShifts>();
    app.add_message::<ResumeShift>();
    app.add_message::<AbandonShift>();
    app.add_message::<InterruptedRead>();
    app.add_systems(OnEnter(Screen::Library), refresh_interrupted);
    app.add_systems(
        Update,
        (
            (resume_shifts, abandon_shifts).in_set(AppSystems::RecordInput),
            checkpoint_shift
                .in_set(AppSystems::Update)
                .run_if(resource_exists::<ActiveShift>),
            show_interrupted.in_set(AppSystems::Update),
            follow_shift_save
                .in_set(AppSystems::Update)
                .run_if(resource_exists::<ShiftOutcome>),
        ),
    );
}

fn answers_in(run: &ShiftRun) -> usize {
    run.inputs()
        .iter()
        .filter(|i| matches!(i, ShiftInput::Answer { .. }))
        .count()
}

/// The checkpoint of `active` for `signed`'s employee.
pub fn shift_checkpoint(active: &ActiveShift, signed: &SignedIn) -> ShiftCheckpoint {
    let shift = active.run.shift();
    ShiftCheckpoint {
        id: active.id,
        employee: signed.employee().id,
        shift_id: shift.id.clone(),
        shift_title: shift.title.clone(),
        content_hash: shift.content_hash.clone(),
        seed: active.run.seed(),
        started: active.started,
        updated: Timestamp::now(),
        // Serialising plain enums of numbers and strings cannot fail.
        inputs_json: serde_json::to_string(active.run.inputs()).unwrap_or_default(),
    }
}

/// Hands the shift to the save worker after every answer it took.
fn checkpoint_shift(
    mut active: ResMut<ActiveShift>,
    signed: Option<Res<SignedIn>>,
    worker: Res<SaveWorker>,
) {
    let (Some(signed), Some(saver)) = (signed, &worker.saver) else {
        return;
    };
    let answers = answers_in(&active.run);
    if answers == active.checkpointed || active.run.is_finished() {
        return;
    }
    active.checkpointed = answers;
    if let Err(e) = saver.checkpoint(PendingCheckpoint::Shift(shift_checkpoint(&active, &signed))) {
        warn!("shift progress not saved: {e}");
        active.notice = Some(format!(
            "Your progress in this shift could not be saved: {e}"
        ));
    }
}

/// Hands the finished shift over to be saved in one transaction; how it stands.
pub fn hand_over_shift(
    active: &ActiveShift,
    signed: Option<&SignedIn>,
    records: &LearningRecords,
    worker: &SaveWorker,
    persistence: &mut Persistence,
) -> SaveStatus {
    let Some(signed) = signed else {
        return SaveStatus::NotSignedIn;
    };
    let triage = care_engine::shift::triage::triage(&active.run);
    let save = ShiftSave {
        id: active.id,
        employee: signed.employee().id,
        shift_id: active.run.shift().id.clone(),
        attempts: attempts_of(active, signed, records),
        triage: triage.score,
        passed: triage.passed,
        finished: Timestamp::now(),
    };
    hand_over(PendingSave::Shift(save), worker, &signed.view, persistence)
}

fn follow_shift_save(
    mut outcome: ResMut<ShiftOutcome>,
    mut handed: MessageReader<HandedOver>,
    mut reports: MessageReader<SaveReport>,
) {
    let mine = SaveId::Shift(outcome.id);
    for h in handed.read() {
        if h.id == mine && outcome.saved == SaveStatus::Saving {
            outcome.saved = h.status();
        }
    }
    for SaveReport(event) in reports.read() {
        match event {
            SaveEvent::Saved { id, .. } if *id == mine => outcome.saved = SaveStatus::Saved,
            SaveEvent::Waiting { id, reason, .. } if *id == mine => {
                outcome.saved = SaveStatus::Waiting(reason.clone());
            }
            _ => {}
        }
    }
}

/// The trainee's interrupted shifts, as read on the worker.
#[derive(Message)]
struct InterruptedRead {
    employee: care_store::EmployeeId,
    read: Result<Vec<ShiftCheckpoint>, String>,
}

fn refresh_interrupted(
    signed: Option<Res<SignedIn>>,
    mut interrupted: ResMut<InterruptedShifts>,
    mut persistence: ResMut<Persistence>,
) {
    let Some(signed) = signed else {
        interrupted.0.clear();
        return;
    };
    let view = signed.view.clone();
    persistence.send("reading your interrupted shifts", move || InterruptedRead {
        employee: view.employee().id,
        read: view.interrupted_shifts().map_err(|e| e.to_string()),
    });
}

fn show_interrupted(
    mut reads: MessageReader<InterruptedRead>,
    signed: Option<Res<SignedIn>>,
    worker: Res<SaveWorker>,
    mut interrupted: ResMut<InterruptedShifts>,
) {
    for InterruptedRead { employee, read } in reads.read() {
        if signed.as_ref().is_none_or(|s| s.employee().id != *employee) {
            continue;
        }
        match read {
            Ok(list) => {
                let pending = worker.pending();
                interrupted.0 = list
                    .iter()
                    .filter(|c| !pending.contains(&SaveId::Shift(c.id)))
                    .cloned()
                    .collect();
            }
            Err(e) => warn!("cannot read interrupted shifts: {e}"),
        }
    }
}

pub fn rebuild(checkpoint: &ShiftCheckpoint, shifts: &ShiftLibrary) -> Result<ShiftRun, String> {
    let Some(shift) = shifts.get(&checkpoint.shift_id) else {
        return Err(format!(
            "“{}” is no longer in the library, so this shift cannot be resumed.",
            checkpoint.shift_title
        ));
    };
    let inputs: Vec<ShiftInput> = serde_json::from_str(&checkpoint.inputs_json).map_err(|e| {
        format!(
            "The saved progress of “{}” is damaged: {e}",
            checkpoint.shift_title
        )
    })?;
    ShiftRun::resume(
        Arc::clone(shift),
        &checkpoint.content_hash,
        checkpoint.seed,
        &inputs,
    )
    .map_err(|e| format!("“{}” cannot be resumed: {e}", checkpoint.shift_title))
}

fn resume_shifts(
    mut messages: MessageReader<ResumeShift>,
    signed: Option<ResMut<SignedIn>>,
    shifts: Res<ShiftLibrary>,
    interrupted: Res<InterruptedShifts>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
) {
    let Some(mut signed) = signed else { return };
    for ResumeShift(id) in messages.read() {
        let Some(c) = interrupted.0.iter().find(|c| c.id == *id) else {
            continue;
        };
        match rebuild(c, &shifts) {
            Ok(run) => {
                let focus = most_pressing(&run);
                let elapsed = Duration::from_millis(run.now_ms());
                let checkpointed = answers_in(&run);
                commands.insert_resource(ActiveShift {
                    run,
                    focus,
                    elapsed,
                    notice: None,
                    started: c.started,
                    judging: None,
                    id: c.id,
                    checkpointed,
                });
                commands.remove_resource::<ShiftOutcome>();
                next.set(Screen::Shift);
                return;
            }
            Err(why) => signed.notice = Some(why),
        }
    }
}

fn abandon_shifts(
    mut messages: MessageReader<AbandonShift>,
    signed: Option<Res<SignedIn>>,
    mut interrupted: ResMut<InterruptedShifts>,
    mut persistence: ResMut<Persistence>,
) {
    let Some(signed) = signed else { return };
    for AbandonShift(id) in messages.read() {
        interrupted.0.retain(|c| c.id != *id);
        let (view, id) = (signed.view.clone(), *id);
        persistence.send("forgetting a shift", move || {
            TraineeNotice(
                view.abandon_shift(id)
                    .err()
                    .map(|e| format!("Could not forget the shift: {e}")),
            )
        });
    }
}
