//! The manager area's store calls: each [`ManagerAction`] a screen sends becomes a call on the
//! persistence worker, and its reply updates what the pages show. A reply that comes back after
//! the area locked is dropped.

mod act;
mod apply;
mod export;

use std::path::PathBuf;
use std::time::Instant;

use bevy::prelude::*;
use care_store::{
    AttemptDetail, AttemptId, EmployeeId, EmployeePage, ManagerAccess, ManagerLock, OutboxSummary,
    OverviewRow, ScenarioPage, StoreError, TeamFilter, Timestamp,
};

use super::manager::{ManagerSession, ManagerTab};
use super::manager_onboarding::OnboardingRead;
use super::{AppSystems, Screen};
use act::act;
use apply::apply;

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
    OpenScenario(care_engine::ScenarioId),
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
        curriculum: care_engine::CurriculumId,
        title: String,
        team: Option<String>,
    },
    /// Assign `curriculum` to a person or a team, due by `due`.
    Assign {
        curriculum: care_engine::CurriculumId,
        to: care_store::Assignee,
        due: Timestamp,
    },
}

/// The team page as read from the store.
#[derive(Debug)]
pub struct TeamRead {
    overview: Vec<OverviewRow>,
    teams: Vec<String>,
    scenarios: Vec<(care_engine::ScenarioId, String)>,
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
