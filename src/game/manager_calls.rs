//! The manager area's store calls: each [`ManagerAction`] a screen sends becomes a call on the
//! persistence worker, and its reply updates what the pages show. A reply that comes back after
//! the area locked is dropped.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use bevy::prelude::*;
use care_engine::curriculum::Curriculum;
use care_store::report::{CsvReport, ReportFilter};
use care_store::{
    AttemptDetail, AttemptId, EmployeeId, EmployeePage, ManagerAccess, ManagerLock, OutboxSummary,
    OverviewRow, ScenarioPage, StoreError, TeamFilter, Timestamp,
};

use super::manager::{ManagerKey, ManagerSession, ManagerTab};
use super::manager_onboarding::{OnboardingRead, read_onboarding};
use super::persistence::Persistence;
use super::progress::ProgressStore;
use super::{AppSystems, Screen};

/// What the manager asks for on a page.
#[derive(Message, Debug, Clone)]
pub enum ManagerAction {
    /// Read whether the area can be opened (is a passphrase set; is there a wait after wrong
    /// tries).
    ReadLock,
    /// Set the first passphrase (when none is set) or check this one, then load the team.
    Unlock(String),
    /// Read the team page again, with its filter.
    Refresh,
    OpenEmployee(EmployeeId),
    OpenAttempt(AttemptId),
    OpenScenario(String),
    ReadRecords,
    SetPinsRequired(bool),
    /// Clear an employee's PIN so they choose a new one.
    ResetPin {
        id: EmployeeId,
        name: String,
    },
    /// Write the report, with the Export tab's filter, as CSV into the folder.
    ExportCsv(PathBuf),
    /// Write everything stored about the open employee as JSON into the folder.
    ExportEmployee(PathBuf),
    /// Delete the employee awaiting confirmation, with all their data.
    DeleteConfirmed,
    /// Read the onboarding sessions, overdue work and the live view of `selected`.
    ReadOnboarding {
        selected: Option<uuid::Uuid>,
    },
    /// Start a session of `curriculum` for everyone in `team` (everyone when `None`).
    StartSession {
        curriculum: String,
        title: String,
        team: Option<String>,
    },
    /// Assign `curriculum` to a person or a team, due by `due`.
    Assign {
        curriculum: String,
        to: care_store::Assignee,
        due: Timestamp,
    },
}

/// The team page as read from the store.
#[derive(Debug)]
pub struct TeamRead {
    overview: Vec<OverviewRow>,
    teams: Vec<String>,
    scenarios: Vec<(String, String)>,
    pins_required: bool,
}

/// A store call's answer, for the area as it was when the call was made (`epoch`).
#[derive(Message)]
pub struct ManagerReply {
    epoch: u64,
    answer: Answer,
}

enum Answer {
    Lock(ManagerLock),
    Unlocked(Box<Result<(ManagerAccess, TeamRead), String>>),
    Team(Result<TeamRead, String>),
    Employee(Box<Result<EmployeePage, String>>),
    Attempt(Box<Result<AttemptDetail, String>>),
    Scenario(Box<Result<ScenarioPage, String>>),
    Records(Result<OutboxSummary, String>),
    PinsRequired(Result<bool, String>),
    /// Something was done (or went wrong); the status line says so.
    Said(String),
    Deleted(Result<String, String>),
    Onboarding(Box<OnboardingRead>),
}

pub(super) fn plugin(app: &mut App) {
    app.add_message::<ManagerAction>();
    app.add_message::<ManagerReply>();
    app.add_systems(OnEnter(Screen::Manager), read_lock_when_closed);
    app.add_systems(
        Update,
        (
            act.in_set(AppSystems::RecordInput),
            (apply, keep_pages_fresh).chain().in_set(AppSystems::Update),
        ),
    );
}

fn read_lock_when_closed(session: Res<ManagerSession>, mut actions: MessageWriter<ManagerAction>) {
    if !session.is_open() {
        actions.write(ManagerAction::ReadLock);
    }
}

/// The learning-records and onboarding tabs show live figures: read again while they are open.
fn keep_pages_fresh(
    mut session: ResMut<ManagerSession>,
    records: Res<super::learning_records::LearningRecords>,
    mut actions: MessageWriter<ManagerAction>,
) {
    if !session.is_open() {
        return;
    }
    match session.tab {
        ManagerTab::LearningRecords
            if (records.is_changed() || session.records.is_none()) && !session.records_asked =>
        {
            session.records_asked = true;
            actions.write(ManagerAction::ReadRecords);
        }
        ManagerTab::Onboarding if session.onboarding.due() => {
            session.onboarding.asked = Some(Instant::now());
            actions.write(ManagerAction::ReadOnboarding {
                selected: session.onboarding.selected,
            });
        }
        _ => {}
    }
}

fn text(e: StoreError) -> String {
    e.to_string()
}

fn read_team(access: &ManagerAccess, filter: &TeamFilter) -> Result<TeamRead, String> {
    let store = access.store();
    Ok(TeamRead {
        overview: access.team_overview(filter).map_err(text)?,
        teams: store.teams().map_err(text)?,
        scenarios: access.scenarios().map_err(text)?,
        pins_required: store.pins_required().map_err(text)?,
    })
}

/// Turns the pages' actions into calls on the worker.
fn act(
    mut actions: MessageReader<ManagerAction>,
    key: Res<ManagerKey>,
    session: Res<ManagerSession>,
    progress: Res<ProgressStore>,
    curricula: Res<super::onboarding::Curricula>,
    mut worker: ResMut<Persistence>,
) {
    let epoch = key.epoch;
    let reply = move |answer| ManagerReply { epoch, answer };
    for action in actions.read() {
        if let ManagerAction::ReadLock | ManagerAction::Unlock(_) = action {
            let Some(store) = progress.store.clone() else {
                continue;
            };
            match action.clone() {
                ManagerAction::Unlock(pass) => {
                    let filter = session.team.filter.clone();
                    worker.send("checking the passphrase", move || {
                        let access = match store.manager_lock() {
                            Ok(ManagerLock::NotSet) => store.set_manager_passphrase(&pass),
                            Ok(_) => store.unlock_manager(&pass),
                            Err(e) => Err(e),
                        };
                        reply(Answer::Unlocked(Box::new(access.map_err(text).and_then(
                            |access| {
                                let team = read_team(&access, &filter)?;
                                Ok((access, team))
                            },
                        ))))
                    });
                }
                _ => worker.send("reading the manager lock", move || {
                    reply(Answer::Lock(
                        store.manager_lock().unwrap_or(ManagerLock::Ready),
                    ))
                }),
            }
            continue;
        }
        let Some(access) = key.access.clone() else {
            continue;
        };
        match action.clone() {
            ManagerAction::ReadLock | ManagerAction::Unlock(_) => {}
            ManagerAction::Refresh => {
                let filter = session.team.filter.clone();
                worker.send("reading the team", move || {
                    reply(Answer::Team(read_team(&access, &filter)))
                });
            }
            ManagerAction::OpenEmployee(id) => worker.send("reading an employee", move || {
                reply(Answer::Employee(Box::new(
                    access.employee_page(id).map_err(text),
                )))
            }),
            ManagerAction::OpenAttempt(id) => worker.send("reading an attempt", move || {
                reply(Answer::Attempt(Box::new(access.attempt(id).map_err(text))))
            }),
            ManagerAction::OpenScenario(id) => worker.send("reading a scenario", move || {
                reply(Answer::Scenario(Box::new(
                    access.scenario_page(&id).map_err(text),
                )))
            }),
            ManagerAction::ReadRecords => worker.send("reading the learning records", move || {
                reply(Answer::Records(access.learning_records().map_err(text)))
            }),
            ManagerAction::SetPinsRequired(on) => worker.send("changing PINs", move || {
                reply(Answer::PinsRequired(
                    access.set_pins_required(on).map(|()| on).map_err(text),
                ))
            }),
            ManagerAction::ResetPin { id, name } => worker.send("resetting a PIN", move || {
                reply(Answer::Said(match access.reset_pin(id) {
                    Ok(()) => format!("{name} chooses a new PIN at their next sign-in."),
                    Err(e) => format!("Problem: {e}"),
                }))
            }),
            ManagerAction::ExportCsv(dir) => {
                let filter = session.report.clone();
                worker.send("writing the report", move || {
                    reply(Answer::Said(export_csv(&access, &filter, dir)))
                });
            }
            ManagerAction::ExportEmployee(dir) => {
                let Some(page) = &session.employee.page else {
                    continue;
                };
                let employee = page.summary.employee.clone();
                worker.send("writing an employee's data", move || {
                    reply(Answer::Said(export_employee(&access, &employee, dir)))
                });
            }
            ManagerAction::DeleteConfirmed => {
                let Some(id) = session.employee.confirm_delete else {
                    continue;
                };
                let name = session
                    .employee
                    .page
                    .as_ref()
                    .map(|p| p.summary.employee.display_name.clone())
                    .unwrap_or_default();
                worker.send("deleting an employee", move || {
                    reply(Answer::Deleted(
                        access.delete_employee(id).map(|_| name).map_err(text),
                    ))
                });
            }
            ManagerAction::ReadOnboarding { selected } => {
                let curricula: Vec<Arc<Curriculum>> = curricula.list.clone();
                worker.send("reading the onboarding sessions", move || {
                    reply(Answer::Onboarding(Box::new(read_onboarding(
                        &access, &curricula, selected,
                    ))))
                });
            }
            ManagerAction::StartSession {
                curriculum,
                title,
                team,
            } => {
                let who: Vec<EmployeeId> = session
                    .team
                    .overview
                    .iter()
                    .filter(|r| team.as_deref().is_none_or(|t| r.employee.team == t))
                    .map(|r| r.employee.id)
                    .collect();
                worker.send("starting a session", move || {
                    reply(Answer::Said(
                        match access.start_session(
                            &curriculum,
                            title.trim(),
                            &who,
                            Timestamp::now(),
                        ) {
                            Ok(s) => format!(
                                "Session “{}” started for {} people.",
                                s.title,
                                s.members.len()
                            ),
                            Err(e) => format!("Problem: {e}"),
                        },
                    ))
                });
            }
            ManagerAction::Assign {
                curriculum,
                to,
                due,
            } => worker.send("assigning a curriculum", move || {
                reply(Answer::Said(
                    match access.assign(&curriculum, &to, due, Timestamp::now()) {
                        Ok(_) => format!("Assigned, due {}.", due.date_words()),
                        Err(e) => format!("Problem: {e}"),
                    },
                ))
            }),
        }
    }
}

fn file_stamp() -> String {
    Timestamp::now().short().replace([' ', ':'], "-")
}

/// Writes the report as CSV into `dir`: private to whoever exports it, written whole, never over
/// an earlier file. Says what was written.
fn export_csv(access: &ManagerAccess, filter: &ReportFilter, dir: PathBuf) -> String {
    let name = format!("care-report-{}.csv", file_stamp());
    let written = care_store::files::write_private_with(&dir, &name, |file| {
        let mut csv = CsvReport::new(file);
        csv.header()?;
        let rows = access.report(filter, &mut |r| csv.write(r))?;
        csv.finish()?;
        Ok::<_, StoreError>(rows)
    });
    match written {
        Ok((path, rows)) => format!("Wrote {rows} attempts to {}", path.display()),
        Err(e) => format!("Problem: {e}"),
    }
}

/// Writes everything stored about `employee` as JSON into `dir`.
fn export_employee(
    access: &ManagerAccess,
    employee: &care_store::Employee,
    dir: PathBuf,
) -> String {
    let name = format!("care-{}-{}.json", employee.display_name, file_stamp());
    let written = access.export_employee_json(employee.id).and_then(|json| {
        Ok(care_store::files::write_private(
            &dir,
            &name,
            json.as_bytes(),
        )?)
    });
    match written {
        Ok(path) => format!(
            "Wrote {}'s data to {}",
            employee.display_name,
            path.display()
        ),
        Err(e) => format!("Problem: {e}"),
    }
}

/// Shows what the store answered, unless the area locked since the call was made.
fn apply(
    mut replies: MessageReader<ManagerReply>,
    mut key: ResMut<ManagerKey>,
    mut session: ResMut<ManagerSession>,
    mut actions: MessageWriter<ManagerAction>,
) {
    for ManagerReply { epoch, answer } in replies.read() {
        if *epoch != key.epoch {
            continue;
        }
        let s = &mut *session;
        match answer {
            Answer::Lock(lock) => s.lock = Some((*lock, Instant::now())),
            Answer::Unlocked(result) => match &**result {
                Ok((access, team)) => {
                    key.open(access.clone(), Instant::now());
                    s.open = true;
                    s.status = None;
                    s.show_team(team);
                }
                Err(e) => {
                    s.status = Some(e.clone());
                    actions.write(ManagerAction::ReadLock);
                }
            },
            Answer::Team(Ok(team)) => s.show_team(team),
            Answer::Employee(page) if page.is_ok() => {
                let Ok(page) = &**page else { continue };
                s.employee.page = Some(page.clone());
                s.employee.attempt = None;
                s.employee.confirm_delete = None;
                s.tab = ManagerTab::Employee;
            }
            Answer::Attempt(a) if a.is_ok() => s.employee.attempt = (**a).clone().ok(),
            Answer::Scenario(p) if p.is_ok() => s.scenarios.page = (**p).clone().ok(),
            Answer::Records(Ok(r)) => {
                s.records = Some(r.clone());
                s.records_asked = false;
            }
            Answer::PinsRequired(Ok(on)) => {
                s.team.pins_required = *on;
                s.status = Some(
                    if *on {
                        "Trainees now sign in with a PIN; each chooses one at their next sign-in."
                    } else {
                        "Trainees sign in without a PIN."
                    }
                    .into(),
                );
            }
            Answer::Said(text) => {
                s.status = Some(text.clone());
                s.onboarding.asked = None;
            }
            Answer::Deleted(Ok(name)) => {
                s.employee = Default::default();
                s.tab = ManagerTab::Team;
                s.status = Some(format!("Deleted {name} and all their results."));
                actions.write(ManagerAction::Refresh);
            }
            Answer::Onboarding(read) => s.onboarding.show(read),
            Answer::Employee(page) => s.status = page.as_ref().as_ref().err().cloned(),
            Answer::Attempt(a) => s.status = a.as_ref().as_ref().err().cloned(),
            Answer::Scenario(p) => s.status = p.as_ref().as_ref().err().cloned(),
            Answer::Team(Err(e))
            | Answer::Records(Err(e))
            | Answer::PinsRequired(Err(e))
            | Answer::Deleted(Err(e)) => {
                s.records_asked = false;
                s.status = Some(format!("Problem: {e}"));
            }
        }
    }
}

impl ManagerSession {
    fn show_team(&mut self, team: &TeamRead) {
        self.team.overview = team.overview.clone();
        self.team.teams = team.teams.clone();
        self.team.pins_required = team.pins_required;
        // The assignment picker's list, made once per reading rather than on every frame.
        self.team.assignees = super::manager_onboarding::assignee_choices(
            &self.team.teams,
            self.team.overview.iter().map(|r| &r.employee),
        );
        self.scenarios.list = team.scenarios.clone();
    }
}
