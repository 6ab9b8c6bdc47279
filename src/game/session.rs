//! The active run: UI messages become engine calls, engine events are kept for the screens.

use std::sync::Arc;
use std::time::Duration;

use bevy::prelude::*;
use care_engine::Scenario;
use care_engine::run::{Event as RunEvent, Input, ScenarioRun};
use care_engine::scoring::{ScoreCard, score};
use care_store::{AttemptId, Timestamp};

use super::AppSystems;
use super::judging::JudgeWorker;
use super::{Pause, Screen};

/// Start playing a scenario.
#[derive(Message, Debug, Clone)]
pub struct StartScenario {
    pub scenario: Arc<Scenario>,
    pub seed: u64,
}

/// The trainee's answer to the current beat.
#[derive(Message, Debug, Clone)]
pub struct SubmitAnswer(pub Input);

/// The run being played, with the real time spent on the current beat.
#[derive(Resource, Debug)]
pub struct ActiveRun {
    /// The run; its transcript is everything that has happened so far, for the screen to show.
    pub run: ScenarioRun,
    /// Time the trainee has had for the current beat.
    pub beat_time: Duration,
    /// This attempt's id, chosen at the start so a retried save is recognised.
    pub attempt: AttemptId,
    pub started: Timestamp,
    /// Answers already in the saved checkpoint (`None`: nothing saved yet).
    pub checkpointed: Option<usize>,
    /// Started mid-scenario from author mode: never checkpointed or saved.
    pub practice: bool,
    /// A typed reply with the judge; the customer is reading it and their patience holds.
    pub judging: Option<PendingReply>,
}

/// A typed reply waiting for its verdict.
#[derive(Debug, Clone)]
pub struct PendingReply {
    pub ticket: u64,
    pub input: Input,
    pub after_ms: u64,
}

impl ActiveRun {
    /// A run from its first beat.
    pub fn new(run: ScenarioRun) -> ActiveRun {
        ActiveRun::continued(run, AttemptId::new(), Timestamp::now())
    }

    /// A run rebuilt from a checkpoint: same attempt, same start time.
    pub fn continued(run: ScenarioRun, attempt: AttemptId, started: Timestamp) -> ActiveRun {
        ActiveRun {
            run,
            beat_time: Duration::ZERO,
            attempt,
            started,
            checkpointed: None,
            practice: false,
            judging: None,
        }
    }
}

impl ActiveRun {
    /// Seconds the customer waits at the current beat.
    pub fn wait_secs(&self) -> Option<u32> {
        self.run
            .current_beat()
            .map(|b| self.run.scenario().beat(b).wait_secs)
    }

    /// How much of the customer's patience is left at this beat, 1.0 to 0.0.
    pub fn patience_left(&self) -> f32 {
        self.wait_secs().map_or(0.0, |w| {
            1.0 - (self.beat_time.as_secs_f32() / w as f32).clamp(0.0, 1.0)
        })
    }
}

/// Whether the finished attempt is in the progress store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveStatus {
    /// Not handed over yet (the saving system picks it up).
    Pending,
    /// Kept on this computer and on its way to the database.
    Saving,
    /// The database could not take it yet (the reason); kept on this computer and tried again.
    Waiting(String),
    /// In the database.
    Saved,
    /// Played without signing in.
    NotSignedIn,
    /// Played from a chosen beat in author mode.
    Practice,
    /// The store refused; the message says why.
    Failed(String),
}

/// The finished run's result, for the debrief.
#[derive(Resource, Debug, Clone)]
pub struct LastResult {
    pub scenario: Arc<Scenario>,
    pub transcript: care_engine::run::Transcript,
    pub card: ScoreCard,
    pub attempt: AttemptId,
    pub started: Timestamp,
    pub finished: Timestamp,
    pub saved: SaveStatus,
}

pub(super) fn plugin(app: &mut App) {
    app.add_message::<StartScenario>();
    app.add_message::<StartFromBeat>();
    app.add_message::<SubmitAnswer>();
    app.add_systems(
        Update,
        (
            (start_scenario, start_from_beat).in_set(AppSystems::RecordInput),
            tick_patience
                .in_set(AppSystems::TickTimers)
                .run_if(resource_exists::<ActiveRun>),
            (apply_answers, apply_verdicts)
                .chain()
                .in_set(AppSystems::Update)
                .run_if(resource_exists::<ActiveRun>),
        ),
    );
}

/// Play a scenario from one of its beats with a chosen state (author mode; nothing is saved).
#[derive(Message, Debug, Clone)]
pub struct StartFromBeat {
    pub scenario: Arc<Scenario>,
    pub beat: care_engine::BeatId,
    pub state: care_engine::run::StartState,
}

fn start_from_beat(
    mut starts: MessageReader<StartFromBeat>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
) {
    let Some(start) = starts.read().last() else {
        return;
    };
    let (run, _) = ScenarioRun::start_at(
        Arc::clone(&start.scenario),
        1,
        start.beat,
        start.state.clone(),
    );
    let mut active = ActiveRun::new(run);
    active.practice = true;
    commands.insert_resource(active);
    next.set(Screen::Play);
}

fn start_scenario(
    mut starts: MessageReader<StartScenario>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
) {
    let Some(start) = starts.read().last() else {
        return;
    };
    let (run, _) = ScenarioRun::start(Arc::clone(&start.scenario), start.seed);
    commands.insert_resource(ActiveRun::new(run));
    next.set(Screen::Play);
}

/// Real time passes while the customer waits; when their patience runs out, they act.
fn tick_patience(
    time: Res<Time>,
    pause: Res<State<Pause>>,
    mut active: ResMut<ActiveRun>,
    mut answers: MessageWriter<SubmitAnswer>,
) {
    if *pause.get() == Pause::Paused || active.judging.is_some() || active.run.is_finished() {
        return;
    }
    active.beat_time += time.delta();
    if active
        .wait_secs()
        .is_some_and(|w| active.beat_time >= Duration::from_secs(u64::from(w)))
    {
        answers.write(SubmitAnswer(Input::Timeout));
    }
}

/// Choices and timeouts go to the run at once; a typed reply goes to the judge first.
fn apply_answers(
    mut answers: MessageReader<SubmitAnswer>,
    mut active: ResMut<ActiveRun>,
    mut worker: ResMut<JudgeWorker>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
) {
    for SubmitAnswer(input) in answers.read() {
        if active.judging.is_some() {
            continue;
        }
        let after_ms = u64::try_from(active.beat_time.as_millis()).unwrap_or(u64::MAX);
        if let Input::Typed(text) = input
            && let Some(request) = active.run.reply_request()
        {
            let ticket = worker.submit(request, text.clone());
            active.judging = Some(PendingReply {
                ticket,
                input: input.clone(),
                after_ms,
            });
            continue;
        }
        let taken = active.run.answer(input.clone(), after_ms);
        if took(taken, &mut active, &mut commands, &mut next) {
            break;
        }
    }
}

/// A typed reply's verdict has come back: the run takes the reply with it.
fn apply_verdicts(
    active: Option<ResMut<ActiveRun>>,
    mut worker: ResMut<JudgeWorker>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
) {
    // The run may have ended this frame (its last answer was a choice).
    let Some(mut active) = active else {
        return;
    };
    let Some(pending) = active.judging.clone() else {
        return;
    };
    let Some(verdict) = worker.take(pending.ticket) else {
        return;
    };
    active.judging = None;
    let taken = active
        .run
        .answer_judged(pending.input, pending.after_ms, verdict);
    took(taken, &mut active, &mut commands, &mut next);
}

/// Keeps the events of an answer the run took; at the end, the result for the debrief.
/// Returns whether the run has finished.
fn took(
    taken: Result<Vec<RunEvent>, care_engine::RunError>,
    active: &mut ActiveRun,
    commands: &mut Commands,
    next: &mut NextState<Screen>,
) -> bool {
    match taken {
        Ok(_) => active.beat_time = Duration::ZERO,
        Err(e) => warn!("answer not taken: {e}"),
    }
    if !active.run.is_finished() {
        return false;
    }
    let scenario = Arc::clone(active.run.scenario());
    let transcript = active.run.transcript().clone();
    let card = score(&scenario.scoring, &transcript);
    commands.insert_resource(LastResult {
        scenario,
        transcript,
        card,
        attempt: active.attempt,
        started: active.started,
        finished: Timestamp::now(),
        saved: if active.practice {
            SaveStatus::Practice
        } else {
            SaveStatus::Pending
        },
    });
    commands.remove_resource::<ActiveRun>();
    next.set(Screen::Debrief);
    true
}
