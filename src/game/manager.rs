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
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ManagerSession>();
    app.add_systems(OnExit(Screen::Manager), lock);
}

fn lock(mut session: ResMut<ManagerSession>) {
    *session = ManagerSession::default();
}

impl ManagerSession {
    pub fn is_open(&self) -> bool {
        self.access.is_some()
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
        let loaded = access
            .team_overview(&self.filter)
            .and_then(|o| Ok((o, access.store().teams()?, access.scenarios()?)));
        match loaded {
            Ok((overview, teams, scenarios)) => {
                self.overview = overview;
                self.teams = teams;
                self.scenarios = scenarios;
            }
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
        let path = dir.join(format!("care-report-{}.csv", file_stamp()));
        let written = (|| -> Result<u64, StoreError> {
            std::fs::create_dir_all(dir)?;
            let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
            let mut csv = CsvReport::new(tmp.as_file_mut());
            csv.header()?;
            let rows = access.report(&self.report, &mut |r| csv.write(r))?;
            csv.finish()?;
            tmp.persist(&path).map_err(|e| StoreError::Io(e.error))?;
            Ok(rows)
        })();
        match written {
            Ok(rows) => {
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
        let name: String = employee
            .display_name
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect();
        let path = dir.join(format!("care-{name}-{}.json", file_stamp()));
        let written = access.export_employee_json(employee.id).and_then(|json| {
            std::fs::create_dir_all(dir)?;
            std::fs::write(&path, json)?;
            Ok(())
        });
        match written {
            Ok(()) => {
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
