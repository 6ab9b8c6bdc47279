//! Showing what the store answered on the manager's pages, unless the area locked since the
//! call was made.

use std::time::Instant;

use bevy::prelude::*;

use super::{Answer, ManagerAction, ManagerReply, TeamRead};
use crate::game::manager::{ManagerKey, ManagerSession, ManagerTab};

/// Shows what the store answered, unless the area locked since the call was made.
pub(super) fn apply(
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
        self.team.assignees = crate::game::manager_onboarding::assignee_choices(
            &self.team.teams,
            self.team.overview.iter().map(|r| &r.employee),
        );
        self.scenarios.list = team.scenarios.clone();
    }
}
