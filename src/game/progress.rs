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
    // A result that reaches the database after the library opened shows at once.
    app.add_systems(
        Update,
        refresh_signed_in.in_set(AppSystems::Update).run_if(
            in_state(Screen::Library).and_eager(on_message::<super::save_worker::SaveReport>),
        ),
    );
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

pub(super) fn open_store(config: Option<Res<StoreConfig>>, mut progress: ResMut<ProgressStore>) {
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

fn refresh_signed_in(
    signed: Option<ResMut<SignedIn>>,
    worker: Option<Res<super::save_worker::SaveWorker>>,
) {
    if let Some(mut s) = signed {
        s.refresh();
        // A finished run still on its way to the database is not interrupted.
        let pending = worker.map(|w| w.pending()).unwrap_or_default();
        s.interrupted
            .retain(|c| !pending.contains(&care_store::SaveId::Attempt(c.attempt)));
    }
}

/// Whether `who` must type a PIN (or choose one) first, because the store requires PINs.
pub fn pin_prompt(
    store: &Store,
    who: EmployeeId,
) -> Result<Option<PinPrompt>, care_store::StoreError> {
    if !store.pins_required()? {
        return Ok(None);
    }
    Ok(Some(PinPrompt {
        employee: who,
        name: store.employee(who)?.display_name,
        choose: !store.has_pin(who)?,
    }))
}

/// Signs in, registers, signs out or goes on as a guest.
pub fn sign_in(store: &Store, who: EmployeeId) -> Result<SignedIn, care_store::StoreError> {
    store.trainee(who).map(signed_in)
}

/// What the library shows `view`'s trainee.
fn signed_in(view: TraineeView) -> SignedIn {
    let mut signed = SignedIn {
        view,
        interrupted: Vec::new(),
        progress: None,
        results: Vec::new(),
        notice: None,
    };
    signed.refresh();
    signed
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
            (Account::CancelPin, _) => {
                list.pin = None;
                continue;
            }
            (_, None) => continue,
            (Account::SignIn(id), Some(store)) => match pin_prompt(store, *id) {
                Ok(Some(prompt)) => {
                    list.pin = Some(prompt);
                    list.problem = None;
                    continue;
                }
                Ok(None) => sign_in(store, *id),
                Err(e) => Err(e),
            },
            (Account::Register { name, team }, Some(store)) => {
                match store.add_employee(name, team).and_then(|e| {
                    let prompt = pin_prompt(store, e.id)?;
                    Ok((e, prompt))
                }) {
                    Ok((_, Some(prompt))) => {
                        list.pin = Some(prompt);
                        list.problem = None;
                        continue;
                    }
                    Ok((e, None)) => sign_in(store, e.id),
                    Err(e) => Err(e),
                }
            }
            (Account::Pin(pin), Some(store)) => {
                let Some(prompt) = list.pin.clone() else {
                    continue;
                };
                let view = if prompt.choose {
                    store.set_pin(prompt.employee, pin)
                } else {
                    store.trainee_with_pin(prompt.employee, pin)
                };
                view.map(|v| {
                    list.pin = None;
                    signed_in(v)
                })
            }
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
