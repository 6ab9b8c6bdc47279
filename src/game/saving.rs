//! Saving play as it happens: a checkpoint after every beat, the attempt when the run ends (both
//! handed to the save worker, so no frame waits on the database), and resuming or abandoning a
//! run a crash interrupted.

use std::sync::Arc;

use bevy::prelude::*;
use care_engine::ScenarioRun;
use care_store::{
    AttemptId, Checkpoint, NewAttempt, OutboxStatement, PendingCheckpoint, PendingSave, SaveEvent,
    SaveId, Timestamp,
};
use care_xapi::{AttemptFacts, Ending};

use super::AppSystems;
use super::Screen;
use super::learning_records::LearningRecords;
use super::library::ScenarioLibrary;
use super::persistence::Persistence;
use super::progress::{SignedIn, TraineeNotice};
use super::save_worker::{HandedOver, SaveReport, SaveWorker, hand_over};
use super::session::{ActiveRun, LastResult, SaveStatus};

/// Continue an interrupted run where it stopped.
#[derive(Message, Debug, Clone)]
pub struct ResumeRun(pub AttemptId);

/// Record an interrupted run as abandoned.
#[derive(Message, Debug, Clone)]
pub struct AbandonRun(pub AttemptId);

pub(super) fn plugin(app: &mut App) {
    app.add_message::<ResumeRun>();
    app.add_message::<AbandonRun>();
    app.add_systems(
        Update,
        (
            (resume_runs, abandon_runs).in_set(AppSystems::RecordInput),
            checkpoint_run
                .in_set(AppSystems::Update)
                .run_if(resource_exists::<ActiveRun>),
            (save_result, follow_result_save)
                .chain()
                .in_set(AppSystems::Update)
                .run_if(resource_exists::<LastResult>),
        ),
    );
}

/// The checkpoint of `active` for `signed`'s employee.
pub fn checkpoint_of(active: &ActiveRun, signed: &SignedIn) -> Checkpoint {
    let t = active.run.transcript();
    let scenario = active.run.scenario();
    Checkpoint {
        attempt: active.attempt,
        employee: signed.employee().id,
        scenario_id: scenario.id.clone(),
        scenario_title: scenario.title.clone(),
        content_hash: t.content_hash.clone(),
        seed: t.seed,
        started: active.started,
        updated: Timestamp::now(),
        answers: t.answers.clone(),
    }
}

/// The learning records to queue with a checkpoint of `active` (none when they are off).
fn statements_in_progress(
    active: &ActiveRun,
    signed: &SignedIn,
    records: &LearningRecords,
) -> Vec<OutboxStatement> {
    let Some(profile) = &records.profile else {
        return Vec::new();
    };
    let facts = AttemptFacts {
        attempt: active.attempt,
        employee: signed.employee().id,
        scenario: active.run.scenario(),
        started: active.started,
        transcript: active.run.transcript(),
    };
    care_xapi::records::in_progress(profile, facts)
}

/// Hands the run to the save worker whenever it has answers the last checkpoint does not.
fn checkpoint_run(
    mut active: ResMut<ActiveRun>,
    signed: Option<ResMut<SignedIn>>,
    records: Res<LearningRecords>,
    worker: Res<SaveWorker>,
    mut persistence: ResMut<Persistence>,
) {
    let Some(mut signed) = signed else { return };
    let answers = active.run.transcript().answers.len();
    if active.practice || active.run.is_finished() || active.checkpointed == Some(answers) {
        return;
    }
    let statements = statements_in_progress(&active, &signed, &records);
    let checkpoint = checkpoint_of(&active, &signed);
    let handed = match &worker.saver {
        Some(saver) => saver.checkpoint(PendingCheckpoint::Run {
            checkpoint,
            statements,
        }),
        // No journal folder could be made: write it directly, on the persistence worker.
        None => {
            let view = signed.view.clone();
            persistence.send("saving your progress", move || {
                TraineeNotice(
                    view.save_checkpoint_with(&checkpoint, &statements)
                        .err()
                        .map(|e| format!("Your progress in this run could not be saved: {e}")),
                )
            });
            Ok(())
        }
    };
    active.checkpointed = Some(answers);
    if let Err(e) = handed {
        warn!("checkpoint not saved: {e}");
        signed.notice = Some(format!("Your progress in this run could not be saved: {e}"));
    }
}

/// The finished attempt of `last` for `signed`, with its learning records when they are on.
fn finished_attempt(last: &LastResult, signed: &SignedIn, records: &LearningRecords) -> NewAttempt {
    let attempt = NewAttempt::finished(
        last.attempt,
        signed.employee().id,
        &last.scenario,
        last.started,
        last.finished,
        last.transcript.clone(),
        last.card.clone(),
    );
    let statements = records.profile.as_ref().map(|profile| {
        let facts = AttemptFacts {
            attempt: last.attempt,
            employee: signed.employee().id,
            scenario: &last.scenario,
            started: last.started,
            transcript: &last.transcript,
        };
        let ending = Ending {
            card: &last.card,
            finished: last.finished,
        };
        care_xapi::records::finished(profile, facts, ending)
    });
    attempt.with_statements(statements.unwrap_or_default())
}

/// Hands the finished attempt over once: journalled on this computer, committed in the
/// background, and tried again until the database has it.
fn save_result(
    mut last: ResMut<LastResult>,
    signed: Option<Res<SignedIn>>,
    records: Res<LearningRecords>,
    worker: Res<SaveWorker>,
    mut persistence: ResMut<Persistence>,
) {
    if last.saved != SaveStatus::Pending {
        return;
    }
    let Some(signed) = signed else {
        last.saved = SaveStatus::NotSignedIn;
        return;
    };
    let attempt = finished_attempt(&last, &signed, &records);
    last.saved = hand_over(
        PendingSave::Attempt(attempt),
        &worker,
        &signed.view,
        &mut persistence,
    );
}

/// Follows the attempt's save: "saved" only once the database has it.
fn follow_result_save(
    mut last: ResMut<LastResult>,
    mut handed: MessageReader<HandedOver>,
    mut reports: MessageReader<SaveReport>,
) {
    let mine = SaveId::Attempt(last.attempt);
    for h in handed.read() {
        if h.id == mine && last.saved == SaveStatus::Saving {
            last.saved = h.status();
        }
    }
    for SaveReport(event) in reports.read() {
        match event {
            SaveEvent::Saved { id, .. } if *id == mine => last.saved = SaveStatus::Saved,
            SaveEvent::Waiting { id, reason, .. } if *id == mine => {
                last.saved = SaveStatus::Waiting(reason.clone());
            }
            _ => {}
        }
    }
}

/// Why an interrupted run cannot continue, if it cannot.
pub fn resumable(
    checkpoint: &Checkpoint,
    library: &ScenarioLibrary,
) -> Result<Arc<care_engine::Scenario>, String> {
    let Some(scenario) = library.get(&checkpoint.scenario_id) else {
        return Err(format!(
            "“{}” is no longer in the library, so this run cannot be resumed.",
            checkpoint.scenario_title
        ));
    };
    if scenario.content_hash != checkpoint.content_hash {
        return Err(format!(
            "“{}” has changed since this run started, so it cannot be resumed.",
            checkpoint.scenario_title
        ));
    }
    Ok(Arc::clone(scenario))
}

fn resume_runs(
    mut messages: MessageReader<ResumeRun>,
    signed: Option<ResMut<SignedIn>>,
    library: Res<ScenarioLibrary>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
) {
    let Some(mut signed) = signed else { return };
    for ResumeRun(id) in messages.read() {
        let Some(c) = signed.interrupted_run(*id) else {
            continue;
        };
        let rebuilt = resumable(&c, &library).and_then(|scenario| {
            ScenarioRun::replay(scenario, c.seed, &c.answers).map_err(|e| e.to_string())
        });
        match rebuilt {
            Ok(run) => {
                let mut active = ActiveRun::continued(run, c.attempt, c.started);
                active.checkpointed = Some(c.answers.len());
                commands.insert_resource(active);
                next.set(Screen::Play);
                return;
            }
            Err(why) => signed.notice = Some(why),
        }
    }
}

fn abandon_runs(
    mut messages: MessageReader<AbandonRun>,
    signed: Option<Res<SignedIn>>,
    mut persistence: ResMut<Persistence>,
) {
    let Some(signed) = signed else { return };
    for AbandonRun(id) in messages.read() {
        let Some(c) = signed.interrupted_run(*id) else {
            continue;
        };
        let view = signed.view.clone();
        persistence.send("forgetting a run", move || {
            TraineeNotice(
                view.abandon(&c)
                    .err()
                    .map(|e| format!("Could not record the run as abandoned: {e}")),
            )
        });
    }
}
