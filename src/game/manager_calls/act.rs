//! Turning the manager's actions into store calls on the persistence worker, each answered with
//! a reply for the area as it was when the call was made.

use std::sync::Arc;

use bevy::prelude::*;
use care_engine::curriculum::Curriculum;
use care_store::{EmployeeId, ManagerLock, Timestamp};

use super::export::{export_csv, export_employee};
use super::{Answer, ManagerAction, ManagerReply, read_team, text};
use crate::game::manager::{ManagerKey, ManagerSession};
use crate::game::manager_onboarding::read_onboarding;
use crate::game::persistence::Persistence;
use crate::game::progress::ProgressStore;

/// Turns the pages' actions into calls on the worker.
pub(super) fn act(
    mut actions: MessageReader<ManagerAction>,
    key: Res<ManagerKey>,
    session: Res<ManagerSession>,
    progress: Res<ProgressStore>,
    curricula: Res<crate::game::onboarding::Curricula>,
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
