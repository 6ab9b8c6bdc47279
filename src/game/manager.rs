//! The manager's area: opening it with the passphrase, locking it on leaving or when idle, and
//! what its pages show. The screens read [`ManagerSession`] and send [`ManagerAction`]s; the
//! store calls run on the persistence worker (`manager_calls`), and only the game holds the
//! proof that the passphrase was given.

use std::time::{Duration, Instant};

use bevy::prelude::*;
use care_store::report::ReportFilter;
use care_store::{
    AttemptDetail, EmployeeId, EmployeePage, ManagerAccess, ManagerLock, OutboxSummary,
    OverviewRow, ScenarioPage, TeamFilter,
};

use super::Screen;
pub use super::manager_calls::ManagerAction;

/// The manager area's pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ManagerTab {
    #[default]
    Team,
    Employee,
    Scenarios,
    Export,
    LearningRecords,
    Onboarding,
}

/// Proof that the manager passphrase was given, and when the area was last used. Only the game's
/// systems read it; it goes when the area locks.
#[derive(Resource, Default)]
pub struct ManagerKey {
    pub(in crate::game) access: Option<ManagerAccess>,
    last_used: Option<Instant>,
    /// Counts the times the area locked, so an answer to a call made before is dropped.
    pub(in crate::game) epoch: u64,
}

/// What the manager area shows. Emptied when the area locks.
#[derive(Resource, Default)]
pub struct ManagerSession {
    /// Whether the passphrase was given (the proof itself stays with the game).
    pub(in crate::game) open: bool,
    pub tab: ManagerTab,
    pub team: TeamTab,
    pub employee: EmployeeTab,
    pub scenarios: ScenariosTab,
    pub report: ReportFilter,
    /// Where the learning records stand, as last read.
    pub records: Option<OutboxSummary>,
    /// Whether the learning records are being read.
    pub(in crate::game) records_asked: bool,
    pub onboarding: super::manager_onboarding::OnboardingTab,
    /// The last thing done or gone wrong, shown at the bottom.
    pub status: Option<String>,
    /// The lock as last read from the store, and when (read again after each try).
    pub(in crate::game) lock: Option<(ManagerLock, Instant)>,
    /// Open Author mode once the passphrase is given (it was asked for at sign-in).
    pub then_author: bool,
}

/// The team page: everyone, filtered and sorted.
#[derive(Debug, Default)]
pub struct TeamTab {
    pub filter: TeamFilter,
    pub overview: Vec<OverviewRow>,
    pub teams: Vec<String>,
    /// Whether trainees sign in with a PIN, as last read.
    pub pins_required: bool,
    /// Whom a curriculum can be assigned to, with the picker's labels (from the same reading).
    pub assignees: Vec<(care_store::Assignee, String)>,
}

/// One employee's page.
#[derive(Debug, Default)]
pub struct EmployeeTab {
    pub page: Option<EmployeePage>,
    pub attempt: Option<AttemptDetail>,
    /// The employee whose deletion awaits confirmation.
    pub confirm_delete: Option<EmployeeId>,
}

/// The scenarios with results, and the one open.
#[derive(Debug, Default)]
pub struct ScenariosTab {
    /// (id, title) of every scenario with attempts.
    pub list: Vec<(care_engine::ScenarioId, String)>,
    pub page: Option<ScenarioPage>,
}

/// The manager area and Author mode lock themselves after this long without input.
pub const IDLE_LOCK: Duration = Duration::from_secs(5 * 60);

/// Go to the manager area's lock screen; with `then_author`, on to Author mode once unlocked.
#[derive(Message, Debug, Clone, Copy)]
pub struct OpenManagerArea {
    pub then_author: bool,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ManagerSession>();
    app.init_resource::<ManagerKey>();
    app.add_message::<OpenManagerArea>();
    app.add_systems(Update, open_area.in_set(super::AppSystems::RecordInput));
    app.add_systems(
        Update,
        (
            lock_on_leaving,
            (note_use, lock_when_idle)
                .chain()
                .run_if(in_state(Screen::Manager).or_else(in_state(Screen::Author))),
            author_needs_passphrase.run_if(in_state(Screen::Author)),
            open_author_after_unlock.run_if(in_state(Screen::Manager)),
        )
            .in_set(super::AppSystems::Update),
    );
}

fn open_area(
    mut messages: MessageReader<OpenManagerArea>,
    mut session: ResMut<ManagerSession>,
    mut next: ResMut<NextState<Screen>>,
) {
    for m in messages.read() {
        session.then_author |= m.then_author;
        next.set(Screen::Manager);
    }
}

/// Screens behind the passphrase: moving between them keeps the area open.
fn behind_passphrase(screen: Screen) -> bool {
    matches!(screen, Screen::Manager | Screen::Author)
}

/// Locks the area when any other screen opens.
fn lock_on_leaving(
    mut moves: MessageReader<StateTransitionEvent<Screen>>,
    mut session: ResMut<ManagerSession>,
    mut key: ResMut<ManagerKey>,
) {
    for m in moves.read() {
        if m.entered.is_some_and(|s| !behind_passphrase(s)) {
            *session = ManagerSession::default();
            key.forget();
        }
    }
}

/// Any key, click, scroll or pointer movement counts as use.
fn note_use(
    keys: Option<Res<ButtonInput<KeyCode>>>,
    buttons: Option<Res<ButtonInput<MouseButton>>>,
    moved: Option<MessageReader<bevy::input::mouse::MouseMotion>>,
    wheel: Option<MessageReader<bevy::input::mouse::MouseWheel>>,
    mut key: ResMut<ManagerKey>,
) {
    let keyed = keys.is_some_and(|k| k.get_pressed().next().is_some());
    let clicked = buttons.is_some_and(|b| b.get_pressed().next().is_some());
    let moved =
        moved.map_or(0, |mut m| m.read().count()) + wheel.map_or(0, |mut w| w.read().count()) > 0;
    if keyed || clicked || moved {
        key.used_at(Instant::now());
    }
}

fn lock_when_idle(
    mut key: ResMut<ManagerKey>,
    mut session: ResMut<ManagerSession>,
    mut next: ResMut<NextState<Screen>>,
) {
    if key.lock_if_idle(Instant::now()) {
        *session = ManagerSession {
            status: Some(format!(
                "Locked after {} minutes without use. Enter the passphrase to carry on.",
                IDLE_LOCK.as_secs() / 60
            )),
            ..ManagerSession::default()
        };
        next.set(Screen::Manager);
    }
}

/// Author mode shows every path's score range and each answer's effects: it is for trainers and
/// managers, so without the passphrase it asks for it first.
fn author_needs_passphrase(
    mut session: ResMut<ManagerSession>,
    mut next: ResMut<NextState<Screen>>,
) {
    if !session.is_open() {
        session.then_author = true;
        next.set(Screen::Manager);
    }
}

fn open_author_after_unlock(
    mut session: ResMut<ManagerSession>,
    mut next: ResMut<NextState<Screen>>,
) {
    if session.is_open() && session.then_author {
        session.then_author = false;
        next.set(Screen::Author);
    }
}

impl ManagerKey {
    /// Holds the proof that the passphrase was given, from `now`.
    pub(in crate::game) fn open(&mut self, access: ManagerAccess, now: Instant) {
        self.access = Some(access);
        self.last_used = Some(now);
    }

    pub fn is_open(&self) -> bool {
        self.access.is_some()
    }

    /// Someone used the area at `now`.
    pub fn used_at(&mut self, now: Instant) {
        self.last_used = Some(now);
    }

    /// Forgets the proof when the area has been open and unused for [`IDLE_LOCK`]; returns
    /// whether it locked now.
    pub fn lock_if_idle(&mut self, now: Instant) -> bool {
        if !self.is_open() {
            return false;
        }
        let since = *self.last_used.get_or_insert(now);
        if now.saturating_duration_since(since) < IDLE_LOCK {
            return false;
        }
        self.forget();
        true
    }

    /// Locks: the proof goes, and answers to calls made until now are dropped.
    fn forget(&mut self) {
        *self = ManagerKey {
            epoch: self.epoch + 1,
            ..ManagerKey::default()
        };
    }
}

impl ManagerSession {
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Whether the area can be opened now, counted down from the last reading of the store;
    /// `None` until the store has answered.
    pub fn lock_state(&self) -> Option<ManagerLock> {
        let (lock, read_at) = self.lock?;
        Some(match lock {
            ManagerLock::Wait(w) => match w.checked_sub(read_at.elapsed()) {
                Some(left) if !left.is_zero() => ManagerLock::Wait(left),
                _ => ManagerLock::Ready,
            },
            other => other,
        })
    }
}

/// Where exports go: the user's documents folder, else their home, else the current folder.
pub fn export_dir() -> std::path::PathBuf {
    care_store::default_export_dir()
}
