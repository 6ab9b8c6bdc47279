//! The manager's onboarding tab, with the game's plugins and no window: a session started for a
//! team takes exactly that team's people, an assignment goes to the person or team chosen, and
//! the tab's live figures come back from the store.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod common;

use bevy::prelude::*;
use care::game::manager::{ManagerAction, ManagerSession, ManagerTab, OpenManagerArea};
use care::game::progress::StoreConfig;
use care_store::{Assignee, StoreLocation, Timestamp};
use common::send;

const PASSPHRASE: &str = "the trainers' passphrase";

#[test]
fn a_session_takes_the_chosen_team_and_an_assignment_goes_to_the_chosen_person() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = common::headless_game(|app| {
        app.insert_resource(StoreConfig(StoreLocation::in_dir(dir.path())));
    });
    let store = common::store_of(&app);
    let ana = store.add_employee("Ana", "Harbour").unwrap();
    let ben = store.add_employee("Ben", "Harbour").unwrap();
    let cy = store.add_employee("Cy", "Riverside").unwrap();

    send(&mut app, OpenManagerArea { then_author: false });
    send(&mut app, ManagerAction::Unlock(PASSPHRASE.into()));
    assert!(app.world().resource::<ManagerSession>().is_open());
    assert_eq!(
        app.world().resource::<ManagerSession>().team.overview.len(),
        3
    );

    send(
        &mut app,
        ManagerAction::StartSession {
            curriculum: "first-day-on-the-floor".into(),
            title: "  Monday cohort ".into(),
            team: Some("Harbour".into()),
        },
    );
    let manager = store.unlock_manager(PASSPHRASE).unwrap();
    let sessions = manager.sessions().unwrap();
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].title, "Monday cohort", "the title is trimmed");
    let mut members = sessions[0].members.clone();
    members.sort_by_key(|m| m.to_string());
    let mut harbour = vec![ana.id, ben.id];
    harbour.sort_by_key(|m| m.to_string());
    assert_eq!(members, harbour, "the Harbour team, and only them");
    let status = app.world().resource::<ManagerSession>().status.clone();
    assert!(
        status
            .as_deref()
            .unwrap_or_default()
            .contains("started for 2 people"),
        "{status:?}"
    );

    let due = Timestamp::now().plus_ms(7 * 24 * 3_600_000);
    send(
        &mut app,
        ManagerAction::Assign {
            curriculum: "our-company-online".into(),
            to: Assignee::Employee(cy.id),
            due,
        },
    );
    let assigned = manager.assignments().unwrap();
    assert_eq!(assigned.len(), 1);
    assert_eq!(assigned[0].to, Assignee::Employee(cy.id), "to Cy alone");
    assert_eq!(assigned[0].curriculum_id, "our-company-online");

    // The tab reads its figures from the store while it is open.
    app.world_mut().resource_mut::<ManagerSession>().tab = ManagerTab::Onboarding;
    app.update();
    common::settle(&mut app);
    let tab = &app.world().resource::<ManagerSession>().onboarding;
    assert_eq!(tab.sessions.len(), 1, "{:?}", tab.problem);
    let id = tab.sessions[0].id;
    app.world_mut()
        .resource_mut::<ManagerSession>()
        .onboarding
        .select(id);
    app.update();
    common::settle(&mut app);
    let view = app
        .world()
        .resource::<ManagerSession>()
        .onboarding
        .view
        .clone()
        .expect("the live view of the chosen session");
    assert_eq!(view.members.len(), 2);
}
