//! Rush hour in the game: the shifts beside the scenarios, the shift being played (a `ShiftRun`
//! on the real clock, paused with the game), and its result for the debrief. No rules here: the
//! engine decides who arrives, waits and acts alone.

use std::sync::Arc;
use std::time::Duration;

use bevy::prelude::*;
use care_engine::run::Input;
use care_engine::shift::{
    CustomerId, CustomerState, Shift, ShiftMoment, ShiftResult, ShiftRun, load_shift_paths, result,
};

use care_engine::last_good::LastGood;
use care_engine::scoring::score;
use care_engine::{Diagnostic, ShiftId};
use care_store::{AttemptId, NewAttempt, ShiftRunId, Timestamp};
use care_xapi::{AttemptFacts, Ending};

use super::AppSystems;
use super::id_index::IdIndex;
use super::judging::JudgeWorker;
use super::learning_records::LearningRecords;
use super::library::{ScenarioFolder, ScenarioLibrary, still_there};
use super::progress::SignedIn;
use super::save_worker::SaveWorker;
use super::session::SaveStatus;
use super::{Pause, Screen};

/// Shifts found in the scenarios folder (`*.shift.ron`), checked against the loaded scenarios.
/// A shift file whose edit breaks it keeps its last good version; its problems are listed.
#[derive(Resource, Default)]
pub struct ShiftLibrary {
    pub shifts: Vec<Arc<Shift>>,
    pub problems: Vec<Diagnostic>,
    files: LastGood<Shift>,
    /// Where each id sits in `shifts`, rebuilt with it.
    index: IdIndex<ShiftId>,
}

impl ShiftLibrary {
    /// The playable shift with this id.
    pub fn get(&self, id: &ShiftId) -> Option<&Arc<Shift>> {
        self.index.position(id).map(|i| &self.shifts[i])
    }
}

/// Start a shift.
#[derive(Message, Debug, Clone)]
pub struct StartShift(pub Arc<Shift>);

/// The trainee's answer to one customer.
#[derive(Message, Debug, Clone)]
pub struct ShiftAnswer {
    pub customer: CustomerId,
    pub input: Input,
}

/// Look at one customer's conversation.
#[derive(Message, Debug, Clone, Copy)]
pub struct FocusCustomer(pub CustomerId);

/// Look at the next customer in the queue (Tab).
#[derive(Message, Debug, Clone, Copy)]
pub struct CycleFocus;

/// The shift being played.
#[derive(Resource)]
pub struct ActiveShift {
    pub run: ShiftRun,
    /// Whose conversation is shown.
    pub focus: Option<CustomerId>,
    pub elapsed: Duration,
    /// Why the last answer was not taken.
    pub notice: Option<String>,
    /// The wall-clock time the shift started.
    pub started: Timestamp,
    /// A typed reply with the judge: its ticket, the customer and the reply.
    pub judging: Option<(u64, CustomerId, Input)>,
    /// Chosen at the start: the id of its checkpoints and of its save.
    pub id: ShiftRunId,
    /// Answers in the last checkpoint handed to the save worker.
    pub checkpointed: usize,
}

/// A finished shift, for the debrief.
#[derive(Resource)]
pub struct ShiftOutcome {
    pub shift: Arc<Shift>,
    pub result: ShiftResult,
    pub log: Vec<ShiftMoment>,
    pub length_ms: u64,
    /// The shift run, whose save [`ShiftOutcome::saved`] follows.
    pub id: ShiftRunId,
    /// Conversations saved with it, each counting in the trainee's progress.
    pub conversations: usize,
    /// Where the shift's save stands: "saved" only once the database has it.
    pub saved: SaveStatus,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ShiftLibrary>();
    app.add_message::<StartShift>();
    app.add_message::<ShiftAnswer>();
    app.add_message::<FocusCustomer>();
    app.add_message::<CycleFocus>();
    app.add_systems(
        Update,
        (
            load_shifts.run_if(resource_changed::<ScenarioLibrary>),
            start_shift.in_set(AppSystems::RecordInput),
            (answer, apply_verdict, change_focus)
                .in_set(AppSystems::RecordInput)
                .run_if(resource_exists::<ActiveShift>),
            tick.in_set(AppSystems::TickTimers)
                .run_if(resource_exists::<ActiveShift>),
            end_shift
                .in_set(AppSystems::Update)
                .run_if(resource_exists::<ActiveShift>),
        ),
    );
}

fn load_shifts(
    folder: Res<ScenarioFolder>,
    library: Res<ScenarioLibrary>,
    mut shifts: ResMut<ShiftLibrary>,
) {
    let report = load_shift_paths(std::slice::from_ref(&folder.0), &library.scenarios);
    let shifts = &mut *shifts;
    shifts.files.update(
        report.shifts.into_iter().map(|l| (l.file, l.shift)),
        &report.diagnostics,
        still_there,
    );
    shifts.problems = report.diagnostics;
    shifts.shifts = shifts.files.items().cloned().collect();
    shifts.index = IdIndex::build(&shifts.shifts, |s| &s.id);
}

fn start_shift(
    mut starts: MessageReader<StartShift>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
) {
    let Some(StartShift(shift)) = starts.read().last() else {
        return;
    };
    let (run, _) = ShiftRun::start(Arc::clone(shift), shift.seed);
    let focus = most_pressing(&run);
    commands.insert_resource(ActiveShift {
        run,
        focus,
        elapsed: Duration::ZERO,
        notice: None,
        started: Timestamp::now(),
        judging: None,
        id: ShiftRunId::new(),
        checkpointed: 0,
    });
    commands.remove_resource::<ShiftOutcome>();
    next.set(Screen::Shift);
}

/// The waiting customer to look at first: the most urgent, then the longest waiting.
pub fn most_pressing(run: &ShiftRun) -> Option<CustomerId> {
    run.waiting()
        .into_iter()
        .max_by_key(|w| (w.priority, w.waited_ms))
        .map(|w| w.customer)
}

/// Customers who have arrived and are not done, in queue order.
pub fn present(run: &ShiftRun) -> Vec<CustomerId> {
    run.shift()
        .ids()
        .filter(|c| matches!(run.state(*c), CustomerState::Waiting(_)))
        .collect()
}

/// The customer after `from` among those present (wrapping), or the first.
pub fn next_in_queue(run: &ShiftRun, from: Option<CustomerId>) -> Option<CustomerId> {
    let here = present(run);
    match from.and_then(|f| here.iter().position(|c| *c == f)) {
        Some(i) => here.get((i + 1) % here.len()).copied(),
        None => here.first().copied(),
    }
}

fn tick(time: Res<Time>, pause: Res<State<Pause>>, mut active: ResMut<ActiveShift>) {
    if *pause.get() == Pause::Paused {
        return;
    }
    active.elapsed += time.delta();
    let ms = u64::try_from(active.elapsed.as_millis()).unwrap_or(u64::MAX);
    active.run.advance_to(ms);
    // Keep the trainee's choice; only move on when their customer is gone.
    let gone = active
        .focus
        .is_none_or(|c| !matches!(active.run.state(c), CustomerState::Waiting(_)));
    if gone {
        active.focus = most_pressing(&active.run);
    }
}

/// Choices go to the shift at once; a typed reply goes to the judge first (the shift's clock
/// runs on meanwhile: the other customers keep waiting).
fn answer(
    mut answers: MessageReader<ShiftAnswer>,
    pause: Res<State<Pause>>,
    mut active: ResMut<ActiveShift>,
    mut worker: ResMut<JudgeWorker>,
) {
    for a in answers.read() {
        if *pause.get() == Pause::Paused || active.judging.is_some() {
            continue;
        }
        if let Input::Typed(text) = &a.input
            && let Some(request) = active.run.run(a.customer).and_then(|r| r.reply_request())
        {
            let ticket = worker.submit(request, text.clone());
            active.judging = Some((ticket, a.customer, a.input.clone()));
            continue;
        }
        match active.run.answer(a.customer, a.input.clone()) {
            Ok(_) => active.notice = None,
            Err(e) => active.notice = Some(e.to_string()),
        }
    }
}

/// A typed reply's verdict has come back: the customer gets the reply with it.
fn apply_verdict(mut active: ResMut<ActiveShift>, mut worker: ResMut<JudgeWorker>) {
    let Some((ticket, customer, input)) = active.judging.clone() else {
        return;
    };
    let Some(verdict) = worker.take(ticket) else {
        return;
    };
    active.judging = None;
    match active.run.answer_judged(customer, input, verdict) {
        Ok(_) => active.notice = None,
        Err(e) => active.notice = Some(e.to_string()),
    }
}

fn change_focus(
    mut focus: MessageReader<FocusCustomer>,
    mut cycle: MessageReader<CycleFocus>,
    mut active: ResMut<ActiveShift>,
) {
    for FocusCustomer(c) in focus.read() {
        active.focus = Some(*c);
    }
    for _ in cycle.read() {
        active.focus = next_in_queue(&active.run, active.focus);
    }
}

/// Each customer's conversation as an attempt of its scenario, with its learning records.
pub fn attempts_of(
    active: &ActiveShift,
    signed: &SignedIn,
    records: &LearningRecords,
) -> Vec<NewAttempt> {
    let run = &active.run;
    let employee = signed.employee().id;
    let shift_started = active.started;
    run.shift()
        .ids()
        .filter_map(|c| {
            let transcript = run.transcript(c)?.clone();
            let scenario = &run.shift().customer(c).scenario;
            let card = score(&scenario.scoring, &transcript);
            let started = shift_started.plus_ms(i64::try_from(run.arrival_ms(c)).unwrap_or(0));
            let finished = started.plus_ms(i64::try_from(transcript.duration_ms()).unwrap_or(0));
            let id = AttemptId::new();
            let statements = records.profile.as_ref().map(|profile| {
                let facts = AttemptFacts {
                    attempt: id,
                    employee,
                    scenario,
                    started,
                    transcript: &transcript,
                };
                let ending = Ending {
                    card: &card,
                    finished,
                };
                care_xapi::records::finished(profile, facts, ending)
            });
            Some(
                NewAttempt::finished(id, employee, scenario, started, finished, transcript, card)
                    .with_statements(statements.unwrap_or_default()),
            )
        })
        .collect()
}

fn end_shift(
    active: Res<ActiveShift>,
    signed: Option<Res<SignedIn>>,
    records: Res<LearningRecords>,
    worker: Res<SaveWorker>,
    mut persistence: ResMut<super::persistence::Persistence>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
) {
    if !active.run.is_finished() {
        return;
    }
    let saved = super::shift_saving::hand_over_shift(
        &active,
        signed.as_deref(),
        &records,
        &worker,
        &mut persistence,
    );
    if let SaveStatus::Failed(e) = &saved {
        warn!("shift not saved: {e}");
    }
    commands.insert_resource(ShiftOutcome {
        shift: Arc::clone(active.run.shift()),
        result: result(&active.run),
        log: active.run.log().to_vec(),
        length_ms: active.run.now_ms(),
        id: active.id,
        conversations: active.run.shift().ids().count(),
        saved,
    });
    commands.remove_resource::<ActiveShift>();
    next.set(Screen::ShiftDebrief);
}
