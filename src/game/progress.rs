//! The progress store in the game: opening it, signing trainees in and out, and what the
//! signed-in trainee sees of their own progress.

use bevy::prelude::*;
use care_store::{
    Checkpoint, Employee, EmployeeId, OverviewRow, ScenarioResult, Store, StoreLocation,
    TraineeView,
};

use super::AppSystems;
use crate::screens::Screen;

/// Where the store is; inserted by the binary from its command line.
#[derive(Resource, Debug, Clone)]
pub struct StoreConfig(pub StoreLocation);

/// The open store, or why it could not be opened.
#[derive(Resource, Debug, Default)]
pub struct ProgressStore {
    pub store: Option<Store>,
    /// What went wrong opening it, for the sign-in screen.
    pub problem: Option<String>,
    /// Where it is, for people (never a password).
    pub location: String,
}

/// The signed-in trainee with what the library shows them.
#[derive(Resource, Debug, Clone)]
pub struct SignedIn {
    pub view: TraineeView,
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
        self.view.employee()
    }

    /// The interrupted run with this attempt id.
    pub fn interrupted_run(&self, id: care_store::AttemptId) -> Option<Checkpoint> {
        self.interrupted.iter().find(|c| c.attempt == id).cloned()
    }

    /// Re-reads progress and interrupted runs from the store.
    pub fn refresh(&mut self) {
        let read = self
            .view
            .progress()
            .and_then(|p| Ok((p, self.view.interrupted()?, self.view.scenario_results()?)));
        match read {
            Ok((p, i, r)) => {
                self.progress = Some(p);
                self.interrupted = i;
                self.results = r;
            }
            Err(e) => self.notice = Some(format!("Could not read your progress: {e}")),
        }
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
}

/// The sign-in screen's list and its last problem.
#[derive(Resource, Debug, Default)]
pub struct SignInList {
    pub employees: Vec<Employee>,
    pub teams: Vec<String>,
    pub problem: Option<String>,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ProgressStore>();
    app.init_resource::<SignInList>();
    app.add_message::<Account>();
    app.add_systems(Startup, open_store);
    app.add_systems(OnEnter(Screen::SignIn), refresh_sign_in_list);
    // The first sign-in screen can be entered before the store has opened.
    app.add_systems(
        Update,
        refresh_sign_in_list
            .in_set(AppSystems::Update)
            .run_if(in_state(Screen::SignIn).and_then(resource_changed::<ProgressStore>)),
    );
    app.add_systems(OnEnter(Screen::Library), refresh_signed_in);
    app.add_systems(Update, handle_accounts.in_set(AppSystems::RecordInput));
}

/// Opens the store named by [`StoreConfig`]; without one the game runs without saving.
pub fn open(config: Option<&StoreConfig>) -> ProgressStore {
    let Some(StoreConfig(location)) = config else {
        return ProgressStore {
            problem: Some("No progress store is configured; results are not saved.".into()),
            ..default()
        };
    };
    match Store::open(location) {
        Ok(store) => ProgressStore {
            store: Some(store),
            problem: None,
            location: location.to_string(),
        },
        Err(e) => ProgressStore {
            store: None,
            problem: Some(e.to_string()),
            location: location.to_string(),
        },
    }
}

fn open_store(config: Option<Res<StoreConfig>>, mut progress: ResMut<ProgressStore>) {
    *progress = open(config.as_deref());
    match &progress.problem {
        None => info!("progress store: {}", progress.location),
        Some(p) => warn!("progress store unavailable: {p}"),
    }
}

fn refresh_sign_in_list(progress: Res<ProgressStore>, mut list: ResMut<SignInList>) {
    let Some(store) = &progress.store else {
        return;
    };
    match (store.employees(), store.teams()) {
        (Ok(e), Ok(t)) => {
            list.employees = e;
            list.teams = t;
            list.problem = None;
        }
        (Err(e), _) | (_, Err(e)) => list.problem = Some(e.to_string()),
    }
}

fn refresh_signed_in(signed: Option<ResMut<SignedIn>>) {
    if let Some(mut s) = signed {
        s.refresh();
    }
}

/// Signs in, registers, signs out or goes on as a guest.
pub fn sign_in(store: &Store, who: EmployeeId) -> Result<SignedIn, care_store::StoreError> {
    let view = store.trainee(who)?;
    let mut signed = SignedIn {
        view,
        interrupted: Vec::new(),
        progress: None,
        results: Vec::new(),
        notice: None,
    };
    signed.refresh();
    Ok(signed)
}

fn handle_accounts(
    mut messages: MessageReader<Account>,
    progress: Res<ProgressStore>,
    mut list: ResMut<SignInList>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
) {
    for m in messages.read() {
        let result = match (m, &progress.store) {
            (Account::SignOut, _) => {
                commands.remove_resource::<SignedIn>();
                next.set(Screen::SignIn);
                continue;
            }
            (Account::Guest, _) => {
                commands.remove_resource::<SignedIn>();
                next.set(Screen::Library);
                continue;
            }
            (_, None) => continue,
            (Account::SignIn(id), Some(store)) => sign_in(store, *id),
            (Account::Register { name, team }, Some(store)) => store
                .add_employee(name, team)
                .and_then(|e| sign_in(store, e.id)),
        };
        match result {
            Ok(signed) => {
                info!("signed in: {}", signed.employee().display_name);
                commands.insert_resource(signed);
                list.problem = None;
                next.set(Screen::Library);
            }
            Err(e) => list.problem = Some(e.to_string()),
        }
    }
}
