//! The manager's session: unlocking with the passphrase, the pages' data, exports and deletion.
//! Plain functions over [`ManagerSession`], so tests drive them without a window.

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use care_store::report::{CsvReport, ReportFilter};
use care_store::{
    AttemptDetail, AttemptId, EmployeeId, EmployeePage, ManagerAccess, ManagerLock, OverviewRow,
    ScenarioPage, Store, StoreError, TeamFilter, Timestamp,
};

use crate::screens::Screen;

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

/// The unlocked manager area and what its pages show. Locked again on leaving the area.
#[derive(Resource, Default)]
pub struct ManagerSession {
    pub access: Option<ManagerAccess>,
    pub tab: ManagerTab,
    pub filter: TeamFilter,
    pub overview: Vec<OverviewRow>,
    pub teams: Vec<String>,
    pub employee: Option<EmployeePage>,
    pub attempt: Option<AttemptDetail>,
    pub scenarios: Vec<(String, String)>,
    pub scenario: Option<ScenarioPage>,
    pub report: ReportFilter,
    /// The last thing done or gone wrong, shown at the bottom.
    pub status: Option<String>,
    /// The employee whose deletion awaits confirmation.
    pub confirm_delete: Option<EmployeeId>,
    /// Where the learning records stand, as last read.
    pub records: Option<care_store::OutboxSummary>,
    /// The lock as last read from the store, and when (read again after each try).
    lock: Option<(ManagerLock, std::time::Instant)>,
    /// Open Author mode once the passphrase is given (it was asked for at sign-in).
    pub then_author: bool,
    /// The last time someone used the unlocked area.
    last_used: Option<std::time::Instant>,
    /// Whether trainees sign in with a PIN, as last read.
    pub pins_required: bool,
}

/// The manager area and Author mode lock themselves after this long without input.
pub const IDLE_LOCK: std::time::Duration = std::time::Duration::from_secs(5 * 60);

/// Go to the manager area's lock screen; with `then_author`, on to Author mode once unlocked.
#[derive(Message, Debug, Clone, Copy)]
pub struct OpenManagerArea {
    pub then_author: bool,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ManagerSession>();
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
) {
    for m in moves.read() {
        if m.entered.is_some_and(|s| !behind_passphrase(s)) {
            *session = ManagerSession::default();
        }
    }
}

/// Any key, click, scroll or pointer movement counts as use.
fn note_use(
    keys: Option<Res<ButtonInput<KeyCode>>>,
    buttons: Option<Res<ButtonInput<MouseButton>>>,
    moved: Option<MessageReader<bevy::input::mouse::MouseMotion>>,
    wheel: Option<MessageReader<bevy::input::mouse::MouseWheel>>,
    mut session: ResMut<ManagerSession>,
) {
    let keyed = keys.is_some_and(|k| k.get_pressed().next().is_some());
    let clicked = buttons.is_some_and(|b| b.get_pressed().next().is_some());
    let moved =
        moved.map_or(0, |mut m| m.read().count()) + wheel.map_or(0, |mut w| w.read().count()) > 0;
    if keyed || clicked || moved {
        session.used_at(std::time::Instant::now());
    }
}

fn lock_when_idle(mut session: ResMut<ManagerSession>, mut next: ResMut<NextState<Screen>>) {
    if session.lock_if_idle(std::time::Instant::now()) {
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

impl ManagerSession {
    pub fn is_open(&self) -> bool {
        self.access.is_some()
    }

    /// Someone used the area at `now`.
    pub fn used_at(&mut self, now: std::time::Instant) {
        self.last_used = Some(now);
    }

    /// Locks the area when it has been open and unused for [`IDLE_LOCK`]; returns whether it
    /// locked now. What was on screen goes; the passphrase is needed again.
    pub fn lock_if_idle(&mut self, now: std::time::Instant) -> bool {
        if !self.is_open() {
            return false;
        }
        let since = *self.last_used.get_or_insert(now);
        if now.saturating_duration_since(since) < IDLE_LOCK {
            return false;
        }
        *self = ManagerSession {
            status: Some(format!(
                "Locked after {} minutes without use. Enter the passphrase to carry on.",
                IDLE_LOCK.as_secs() / 60
            )),
            ..ManagerSession::default()
        };
        true
    }

    fn say(&mut self, text: impl Into<String>) {
        self.status = Some(text.into());
    }

    fn report_error(&mut self, e: StoreError) {
        self.say(format!("Problem: {e}"));
    }

    /// Whether the area can be opened now, read from the store once and then counted down, so the
    /// lock screen does not query the store on every frame.
    pub fn lock_state(&mut self, store: &Store) -> ManagerLock {
        let (lock, read_at) = *self.lock.get_or_insert_with(|| {
            (
                store.manager_lock().unwrap_or(ManagerLock::Ready),
                std::time::Instant::now(),
            )
        });
        match lock {
            ManagerLock::Wait(w) => match w.checked_sub(read_at.elapsed()) {
                Some(left) if !left.is_zero() => ManagerLock::Wait(left),
                _ => ManagerLock::Ready,
            },
            other => other,
        }
    }

    /// Sets the first passphrase (when none is set) or checks the given one, then loads the team.
    pub fn unlock(&mut self, store: &Store, passphrase: &str) {
        self.lock = None;
        let result = match store.manager_lock() {
            Ok(ManagerLock::NotSet) => store.set_manager_passphrase(passphrase),
            Ok(_) => store.unlock_manager(passphrase),
            Err(e) => Err(e),
        };
        match result {
            Ok(access) => {
                self.access = Some(access);
                self.last_used = Some(std::time::Instant::now());
                self.status = None;
                self.refresh();
            }
            Err(e) => self.say(e.to_string()),
        }
    }

    /// Reloads the overview, teams and scenario list.
    pub fn refresh(&mut self) {
        let Some(access) = self.access.clone() else {
            return;
        };
        let loaded = access.team_overview(&self.filter).and_then(|o| {
            self.pins_required = access.store().pins_required()?;
            Ok((o, access.store().teams()?, access.scenarios()?))
        });
        match loaded {
            Ok((overview, teams, scenarios)) => {
                self.overview = overview;
                self.teams = teams;
                self.scenarios = scenarios;
            }
            Err(e) => self.report_error(e),
        }
    }

    /// Turns trainee PINs on or off for this store.
    pub fn set_pins_required(&mut self, required: bool) {
        let Some(access) = self.access.clone() else {
            return;
        };
        match access.set_pins_required(required) {
            Ok(()) => {
                self.pins_required = required;
                self.say(if required {
                    "Trainees now sign in with a PIN; each chooses one at their next sign-in."
                } else {
                    "Trainees sign in without a PIN."
                });
            }
            Err(e) => self.report_error(e),
        }
    }

    /// Clears an employee's PIN so they choose a new one.
    pub fn reset_pin(&mut self, id: EmployeeId, name: &str) {
        let Some(access) = self.access.clone() else {
            return;
        };
        match access.reset_pin(id) {
            Ok(()) => self.say(format!("{name} chooses a new PIN at their next sign-in.")),
            Err(e) => self.report_error(e),
        }
    }

    /// Reads the learning records' status again.
    pub fn refresh_records(&mut self) {
        let Some(access) = self.access.clone() else {
            return;
        };
        match access.learning_records() {
            Ok(summary) => self.records = Some(summary),
            Err(e) => self.report_error(e),
        }
    }

    pub fn open_employee(&mut self, id: EmployeeId) {
        let Some(access) = self.access.clone() else {
            return;
        };
        match access.employee_page(id) {
            Ok(page) => {
                self.employee = Some(page);
                self.attempt = None;
                self.confirm_delete = None;
                self.tab = ManagerTab::Employee;
            }
            Err(e) => self.report_error(e),
        }
    }

    pub fn open_attempt(&mut self, id: AttemptId) {
        let Some(access) = self.access.clone() else {
            return;
        };
        match access.attempt(id) {
            Ok(a) => self.attempt = Some(a),
            Err(e) => self.report_error(e),
        }
    }

    pub fn open_scenario(&mut self, id: &str) {
        let Some(access) = self.access.clone() else {
            return;
        };
        match access.scenario_page(id) {
            Ok(p) => self.scenario = Some(p),
            Err(e) => self.report_error(e),
        }
    }

    /// Writes the report as CSV into `dir`; returns the file written.
    pub fn export_csv(&mut self, dir: &Path) -> Option<PathBuf> {
        let access = self.access.clone()?;
        let name = format!("care-report-{}.csv", file_stamp());
        // Private to whoever exports it, written whole, never over an earlier file.
        let written = care_store::files::write_private_with(dir, &name, |file| {
            let mut csv = CsvReport::new(file);
            csv.header()?;
            let rows = access.report(&self.report, &mut |r| csv.write(r))?;
            csv.finish()?;
            Ok::<_, StoreError>(rows)
        });
        match written {
            Ok((path, rows)) => {
                self.say(format!("Wrote {rows} attempts to {}", path.display()));
                Some(path)
            }
            Err(e) => {
                self.report_error(e);
                None
            }
        }
    }

    /// Writes everything stored about the open employee as JSON into `dir`.
    pub fn export_employee(&mut self, dir: &Path) -> Option<PathBuf> {
        let access = self.access.clone()?;
        let employee = self.employee.as_ref()?.summary.employee.clone();
        let name = format!("care-{}-{}.json", employee.display_name, file_stamp());
        let written = access.export_employee_json(employee.id).and_then(|json| {
            Ok(care_store::files::write_private(
                dir,
                &name,
                json.as_bytes(),
            )?)
        });
        match written {
            Ok(path) => {
                self.say(format!(
                    "Wrote {}'s data to {}",
                    employee.display_name,
                    path.display()
                ));
                Some(path)
            }
            Err(e) => {
                self.report_error(e);
                None
            }
        }
    }

    /// Deletes the employee awaiting confirmation, with all their data.
    pub fn delete_confirmed(&mut self) {
        let (Some(access), Some(id)) = (self.access.clone(), self.confirm_delete.take()) else {
            return;
        };
        match access.delete_employee(id) {
            Ok(_) => {
                let name = self
                    .employee
                    .take()
                    .map(|p| p.summary.employee.display_name)
                    .unwrap_or_default();
                self.attempt = None;
                self.tab = ManagerTab::Team;
                self.refresh();
                self.say(format!("Deleted {name} and all their results."));
            }
            Err(e) => self.report_error(e),
        }
    }
}

fn file_stamp() -> String {
    Timestamp::now().short().replace([' ', ':'], "-")
}

/// Where exports go: the user's documents folder, else their home, else the current folder.
pub fn export_dir() -> PathBuf {
    care_store::default_export_dir()
}
