//! Signing in, saving and resuming on a real SQLite store, with the game's plugins and no window:
//! the same messages the screens send.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod common;

use bevy::prelude::*;
use care::game::manager::{ManagerAction, ManagerSession, ManagerTab};
use care::game::progress::{Account, ProgressStore, SignInList, SignedIn, StoreConfig};
use care::game::saving::{AbandonRun, ResumeRun};
use care::game::session::{ActiveRun, LastResult, SaveStatus};
use care::screens::Screen;
use care_store::{AttemptStatus, StoreLocation};
use common::{choose_written, send};

fn app(dir: &std::path::Path) -> App {
    common::headless_game(|app| {
        app.insert_resource(StoreConfig(StoreLocation::in_dir(dir)));
    })
}

fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

fn start(app: &mut App, id: &str) {
    common::start_scenario(app, id, 3);
}

fn register(app: &mut App, name: &str) {
    send(
        app,
        Account::Register {
            name: name.into(),
            team: "Harbour".into(),
        },
    );
    assert_eq!(screen(app), Screen::Library);
}

#[test]
fn a_new_trainee_signs_up_plays_and_the_attempt_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    assert_eq!(screen(&app), Screen::SignIn, "the game opens on sign-in");
    assert!(app.world().resource::<ProgressStore>().available());
    register(&mut app, "Ana Lima");
    start(&mut app, "nobody-said-hello");
    for choice in [0, 0, 0] {
        choose_written(&mut app, choice);
    }
    assert_eq!(screen(&app), Screen::Debrief);
    assert_eq!(common::wait_saved(&mut app), SaveStatus::Saved);

    let view = common::trainee(&app);
    let attempts = view.attempts().unwrap();
    assert_eq!(attempts.len(), 1);
    assert!(attempts[0].passed);
    assert!(
        view.interrupted().unwrap().is_empty(),
        "the checkpoint is gone once saved"
    );
    app.world_mut()
        .resource_mut::<NextState<Screen>>()
        .set(Screen::Library);
    app.update();
    common::settle(&mut app);
    let results = &app.world().resource::<SignedIn>().results;
    assert_eq!(
        results.len(),
        1,
        "the library knows the scenario was played"
    );
    assert!(results[0].passes > 0);

    // Sign out; the name is offered at sign-in next time.
    send(&mut app, Account::SignOut);
    assert_eq!(screen(&app), Screen::SignIn);
    let names: Vec<_> = app
        .world()
        .resource::<SignInList>()
        .employees
        .iter()
        .map(|e| e.display_name.clone())
        .collect();
    assert_eq!(names, ["Ana Lima"]);
}

#[test]
fn a_run_cut_off_by_a_crash_resumes_from_its_last_beat() {
    let dir = tempfile::tempdir().unwrap();
    let employee = {
        let mut app = app(dir.path());
        register(&mut app, "Ben Okafor");
        start(&mut app, "nobody-said-hello");
        choose_written(&mut app, 0);
        assert_eq!(
            app.world()
                .resource::<ActiveRun>()
                .run
                .transcript()
                .answers
                .len(),
            1
        );
        app.world().resource::<SignedIn>().employee().id
        // The app is dropped here mid-run, as if the window were killed.
    };
    let mut app = app(dir.path());
    send(&mut app, Account::SignIn(employee));
    let interrupted = app.world().resource::<SignedIn>().interrupted.clone();
    assert_eq!(interrupted.len(), 1, "the cut-off run is offered");
    assert_eq!(
        interrupted[0].answers.len(),
        1,
        "with the answer given before the crash"
    );
    send(&mut app, ResumeRun(interrupted[0].attempt));
    assert_eq!(screen(&app), Screen::Play);
    assert_eq!(
        app.world().resource::<ActiveRun>().attempt,
        interrupted[0].attempt
    );
    for choice in [0, 0] {
        choose_written(&mut app, choice);
    }
    assert_eq!(screen(&app), Screen::Debrief);
    assert_eq!(common::wait_saved(&mut app), SaveStatus::Saved);
    let result = app.world().resource::<LastResult>();
    assert!(
        result.card.passed,
        "the resumed run scores like an uninterrupted one"
    );
    let view = common::trainee(&app);
    let attempts = view.attempts().unwrap();
    assert_eq!(attempts.len(), 1);
    assert_eq!(
        attempts[0].id, interrupted[0].attempt,
        "stored under the original attempt"
    );
}

#[test]
fn an_interrupted_run_can_be_recorded_as_abandoned() {
    let dir = tempfile::tempdir().unwrap();
    let employee = {
        let mut app = app(dir.path());
        register(&mut app, "Cy");
        start(&mut app, "nobody-said-hello");
        app.world().resource::<SignedIn>().employee().id
    };
    let mut app = app(dir.path());
    send(&mut app, Account::SignIn(employee));
    let c = app.world().resource::<SignedIn>().interrupted[0].clone();
    send(&mut app, AbandonRun(c.attempt));
    let signed = app.world().resource::<SignedIn>();
    assert!(signed.interrupted.is_empty());
    let rows = common::trainee(&app).attempts().unwrap();
    assert_eq!(rows[0].status, AttemptStatus::Abandoned);
}

#[test]
fn a_practice_run_without_signing_in_is_not_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    send(&mut app, Account::Guest);
    assert_eq!(screen(&app), Screen::Library);
    start(&mut app, "nobody-said-hello");
    for choice in [0, 0, 0] {
        choose_written(&mut app, choice);
    }
    assert_eq!(
        app.world().resource::<LastResult>().saved,
        SaveStatus::NotSignedIn
    );
}

#[test]
fn the_manager_area_opens_with_the_passphrase_and_locks_on_leaving() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    register(&mut app, "Dee");
    send(&mut app, Account::SignOut);
    app.world_mut()
        .resource_mut::<NextState<Screen>>()
        .set(Screen::Manager);
    app.update();
    common::settle(&mut app);

    send(
        &mut app,
        ManagerAction::Unlock("first manager passphrase".into()),
    );
    let session = app.world().resource::<ManagerSession>();
    assert!(
        session.is_open(),
        "the first passphrase sets it and opens the area"
    );
    assert_eq!(session.team.overview.len(), 1);
    let dee = session.team.overview[0].employee.id;
    send(&mut app, ManagerAction::OpenEmployee(dee));
    assert_eq!(
        app.world().resource::<ManagerSession>().tab,
        ManagerTab::Employee
    );
    let out = tempfile::tempdir().unwrap();
    send(&mut app, ManagerAction::ExportCsv(out.path().to_path_buf()));
    let status = app.world().resource::<ManagerSession>().status.clone();
    assert!(
        status
            .as_deref()
            .unwrap_or_default()
            .starts_with("Wrote 0 attempts"),
        "{status:?}"
    );
    let files: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|f| f.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "one report written");
    assert!(
        std::fs::read_to_string(&files[0])
            .unwrap()
            .starts_with("employee,team,")
    );

    app.world_mut()
        .resource_mut::<NextState<Screen>>()
        .set(Screen::SignIn);
    app.update();
    assert!(
        !app.world().resource::<ManagerSession>().is_open(),
        "leaving locks it"
    );

    app.world_mut()
        .resource_mut::<NextState<Screen>>()
        .set(Screen::Manager);
    app.update();
    send(&mut app, ManagerAction::Unlock("a wrong passphrase".into()));
    let session = app.world().resource::<ManagerSession>();
    assert!(!session.is_open());
    assert!(
        session
            .status
            .as_deref()
            .unwrap_or_default()
            .contains("wrong passphrase"),
        "{:?}",
        session.status
    );
    // A call made before the area locked cannot open it afterwards. (First, the wait that
    // follows a wrong try.)
    std::thread::sleep(std::time::Duration::from_millis(1_500));
    send(
        &mut app,
        ManagerAction::Unlock("first manager passphrase".into()),
    );
    assert!(app.world().resource::<ManagerSession>().is_open());
    app.world_mut().resource_mut::<ManagerSession>().status = None;
    app.world_mut()
        .write_message(ManagerAction::Unlock("first manager passphrase".into()));
    app.update();
    app.world_mut()
        .resource_mut::<NextState<Screen>>()
        .set(Screen::SignIn);
    app.update();
    common::settle(&mut app);
    assert!(
        !app.world().resource::<ManagerSession>().is_open(),
        "an answer that comes back after leaving is dropped"
    );
}

#[test]
fn the_sign_in_screen_lists_everyone_already_in_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = care_store::Store::open(&StoreLocation::in_dir(dir.path())).unwrap();
    store.add_employee("Eve", "Riverside").unwrap();
    drop(store);
    let mut app = app(dir.path());
    app.update();
    let list = app.world().resource::<SignInList>();
    assert_eq!(
        list.employees.len(),
        1,
        "names show on the very first screen"
    );
    assert_eq!(list.teams, ["Riverside"]);
}

#[test]
fn settings_are_kept_between_launches() {
    use care::game::settings::{Settings, SettingsFile};
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config/settings.ron");
    let launch = |file: &std::path::Path| {
        common::headless_game(|app| {
            app.insert_resource(SettingsFile(file.to_path_buf()));
        })
    };
    let mut app = launch(&file);
    assert_eq!(*app.world().resource::<Settings>(), Settings::default());
    app.update();
    assert!(!file.exists(), "nothing is written until something changes");
    {
        let mut s = app.world_mut().resource_mut::<Settings>();
        s.ui_scale = 1.5;
        s.reduced_motion = true;
    }
    app.update();
    assert!(file.exists(), "a change is saved at once");
    drop(app);
    let app = launch(&file);
    let s = app.world().resource::<Settings>();
    assert_eq!(
        (s.ui_scale, s.reduced_motion),
        (1.5, true),
        "the next launch starts with them"
    );

    std::fs::write(&file, "not settings").unwrap();
    let app = launch(&file);
    assert_eq!(
        *app.world().resource::<Settings>(),
        Settings::default(),
        "a broken file gives defaults"
    );
}
