//! The progress store in the game: opening it, signing trainees in and out, and what the
//! signed-in trainee sees of their own progress. Every store call runs on the persistence
//! worker; the replies update the sign-in list and [`SignedIn`].

mod own;
mod sign_in;

use bevy::prelude::*;
use care_store::{
    Checkpoint, Employee, EmployeeId, OverviewRow, ScenarioResult, Store, StoreLocation,
    TraineeView,
};

use super::persistence::Persistence;
use super::{AppSystems, Screen};
use own::{noticed, read_progress, show_progress};
use sign_in::{handle_accounts, read_sign_in_list, show_list, signed_in};

/// Where the store is; inserted by the binary from its command line.
#[derive(Resource, Debug, Clone)]
pub struct StoreConfig(pub StoreLocation);

/// The open store, or why it could not be opened. Only the game's systems hold the store.
#[derive(Resource, Debug, Default)]
pub struct ProgressStore {
    pub(in crate::game) store: Option<Store>,
    /// Whether the store has answered (opened, or said why not).
    pub opened: bool,
    /// What went wrong opening it, for the sign-in screen.
    pub problem: Option<String>,
    /// Where it is, for people (never a password).
    pub location: String,
}

impl ProgressStore {
    /// Whether results can be saved (the store is open).
    pub fn available(&self) -> bool {
        self.store.is_some()
    }
}

/// What the screens may know about the store: whether it answered, where it is, what went
/// wrong. Mirrors [`ProgressStore`], so no screen needs the store's resource at all.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct StoreStatus {
    /// Whether the store has answered (opened, or said why not).
    pub opened: bool,
    /// Whether results can be saved (the store is open).
    pub available: bool,
    /// What went wrong opening it.
    pub problem: Option<String>,
    /// Where it is, for people (never a password).
    pub location: String,
}

fn mirror_status(progress: Res<ProgressStore>, mut status: ResMut<StoreStatus>) {
    status.set_if_neq(StoreStatus {
        opened: progress.opened,
        available: progress.available(),
        problem: progress.problem.clone(),
        location: progress.location.clone(),
    });
}

/// The signed-in trainee with what the library shows them.
#[derive(Resource, Debug, Clone)]
pub struct SignedIn {
    /// The trainee's own view of the store: only the game's systems use it.
    pub(in crate::game) view: TraineeView,
    employee: Employee,
    /// Runs interrupted by a crash or a closed window, newest first.
    pub interrupted: Vec<Checkpoint>,
    pub progress: Option<OverviewRow>,
    /// Attempts, passes and best score per scenario played.
    pub results: Vec<ScenarioResult>,
    /// A message for the trainee (a run that could not be resumed, a failed save).
    pub notice: Option<String>,
}

impl SignedIn {
    pub fn employee(&self) -> &Employee {
        &self.employee
    }

    /// The interrupted run with this attempt id.
    pub fn interrupted_run(&self, id: care_store::AttemptId) -> Option<Checkpoint> {
        self.interrupted.iter().find(|c| c.attempt == id).cloned()
    }
}

/// Who is at the keyboard.
#[derive(Message, Debug, Clone)]
pub enum Account {
    SignIn(EmployeeId),
    /// A new employee adds themselves and signs in.
    Register {
        name: String,
        team: String,
    },
    SignOut,
    /// Play without saving (when there is no store, or for a demonstration).
    Guest,
    /// The PIN typed for the trainee the PIN prompt is for: checked, or chosen at a first
    /// sign-in when the store requires PINs.
    Pin(String),
    /// Close the PIN prompt.
    CancelPin,
}

/// A trainee who must type their PIN (or choose one) before signing in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinPrompt {
    pub employee: EmployeeId,
    pub name: String,
    /// No PIN yet: choose one (typed twice).
    pub choose: bool,
}

/// The sign-in screen's list and its last problem.
#[derive(Resource, Debug, Default)]
pub struct SignInList {
    pub employees: Vec<Employee>,
    pub teams: Vec<String>,
    pub problem: Option<String>,
    /// The trainee whose PIN is being asked for.
    pub pin: Option<PinPrompt>,
}

/// The store, opened on the worker.
#[derive(Message, Debug)]
pub struct StoreOpened(ProgressStore);

/// Who can sign in, as read from the store.
#[derive(Message, Debug)]
struct ListRead(Result<(Vec<Employee>, Vec<String>), String>);

/// A sign-in's answer: a PIN to ask for, the trainee signed in, or why not.
#[derive(Message, Debug)]
enum SignInReply {
    AskPin(PinPrompt),
    SignedIn(Box<SignedIn>),
    Refused(String),
}

/// The signed-in trainee's progress, as read from the store.
#[derive(Message, Debug)]
pub struct ProgressRead {
    employee: EmployeeId,
    read: Result<(OverviewRow, Vec<Checkpoint>, Vec<ScenarioResult>), String>,
}

/// Something done for the signed-in trainee on the worker, and what went wrong if anything:
/// their progress is read again, and the problem shown.
#[derive(Message, Debug, Clone)]
pub struct TraineeNotice(pub Option<String>);

/// Ask for the signed-in trainee's progress to be read again.
#[derive(Message, Debug, Clone, Copy)]
pub struct ReadProgress;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ProgressStore>();
    app.init_resource::<StoreStatus>();
    app.add_systems(
        Update,
        mirror_status
            .in_set(AppSystems::Update)
            .run_if(resource_changed::<ProgressStore>),
    );
    app.init_resource::<SignInList>();
    app.add_message::<Account>();
    app.add_message::<StoreOpened>();
    app.add_message::<ListRead>();
    app.add_message::<SignInReply>();
    app.add_message::<ProgressRead>();
    app.add_message::<ReadProgress>();
    app.add_message::<TraineeNotice>();
    app.add_systems(Startup, open_store);
    app.add_systems(OnEnter(Screen::SignIn), read_sign_in_list);
    app.add_systems(
        OnEnter(Screen::Library),
        |mut w: MessageWriter<ReadProgress>| {
            w.write(ReadProgress);
        },
    );
    app.add_systems(
        Update,
        (
            (handle_accounts, read_progress).in_set(AppSystems::RecordInput),
            (
                opened,
                read_sign_in_list
                    .run_if(in_state(Screen::SignIn).and_then(on_message::<StoreOpened>)),
                show_list,
                signed_in,
                noticed,
                show_progress,
            )
                .chain()
                .in_set(AppSystems::Update),
            // A result that reaches the database after the library opened shows at once.
            (|mut w: MessageWriter<ReadProgress>| {
                w.write(ReadProgress);
            })
            .in_set(AppSystems::Update)
            .run_if(
                in_state(Screen::Library).and_eager(on_message::<super::save_worker::SaveReport>),
            ),
        ),
    );
}

/// Opens the store named by [`StoreConfig`] (on the worker: a database server may be slow to
/// answer); without one the game runs without saving.
pub fn open(config: Option<&StoreConfig>) -> ProgressStore {
    let Some(StoreConfig(location)) = config else {
        return ProgressStore {
            opened: true,
            problem: Some("No progress store is configured; results are not saved.".into()),
            ..default()
        };
    };
    match Store::open(location) {
        Ok(store) => ProgressStore {
            store: Some(store),
            opened: true,
            problem: None,
            location: location.to_string(),
        },
        Err(e) => ProgressStore {
            store: None,
            opened: true,
            problem: Some(e.to_string()),
            location: location.to_string(),
        },
    }
}

fn open_store(config: Option<Res<StoreConfig>>, mut worker: ResMut<Persistence>) {
    let config = config.map(|c| c.clone());
    worker.send("opening the progress store", move || {
        StoreOpened(open(config.as_ref()))
    });
}

fn opened(mut messages: MessageReader<StoreOpened>, mut progress: ResMut<ProgressStore>) {
    for StoreOpened(p) in messages.read() {
        match &p.problem {
            None => info!("progress store: {}", p.location),
            Some(problem) => warn!("progress store unavailable: {problem}"),
        }
        *progress = ProgressStore {
            store: p.store.clone(),
            opened: p.opened,
            problem: p.problem.clone(),
            location: p.location.clone(),
        };
    }
}
