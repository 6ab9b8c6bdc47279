//! Who may open what, with the game's plugins and no window: Author mode asks for the manager
//! passphrase, moving between the manager area and Author mode keeps it open, leaving locks it,
//! and an unused area locks itself.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod common;

use std::time::{Duration, Instant};

use bevy::prelude::*;
use care::game::manager::{IDLE_LOCK, ManagerAction, ManagerKey, ManagerSession, OpenManagerArea};
use care::game::progress::StoreConfig;
use care::screens::Screen;
use care_store::StoreLocation;
use common::send;

fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

fn go(app: &mut App, to: Screen) {
    app.world_mut().resource_mut::<NextState<Screen>>().set(to);
    app.update();
    app.update();
}

fn unlock(app: &mut App, passphrase: &str) {
    send(app, ManagerAction::Unlock(passphrase.into()));
}

#[test]
fn author_mode_needs_the_manager_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = common::headless_game(|app| {
        app.insert_resource(StoreConfig(StoreLocation::in_dir(dir.path())));
    });
    common::store_of(&app)
        .set_manager_passphrase("the trainers' passphrase")
        .unwrap();

    // A trainee at the sign-in screen asks for Author mode: the lock screen comes first.
    send(&mut app, OpenManagerArea { then_author: true });
    app.update();
    assert_eq!(screen(&app), Screen::Manager);
    assert!(!app.world().resource::<ManagerSession>().is_open());

    // Going straight to the Author screen (however it is reached) also ends at the lock.
    go(&mut app, Screen::Author);
    assert_eq!(screen(&app), Screen::Manager);

    unlock(&mut app, "the trainers' passphrase");
    assert_eq!(
        screen(&app),
        Screen::Author,
        "the passphrase opens Author mode"
    );
    go(&mut app, Screen::Manager);
    assert!(
        app.world().resource::<ManagerSession>().is_open(),
        "moving between the manager area and Author mode keeps it open"
    );
    go(&mut app, Screen::Author);
    assert_eq!(screen(&app), Screen::Author);

    go(&mut app, Screen::SignIn);
    assert!(
        !app.world().resource::<ManagerSession>().is_open(),
        "leaving locks it"
    );
    go(&mut app, Screen::Author);
    assert_eq!(screen(&app), Screen::Manager, "locked again after leaving");
}

#[test]
fn an_unused_manager_area_locks_itself() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = common::headless_game(|app| {
        app.insert_resource(StoreConfig(StoreLocation::in_dir(dir.path())));
    });
    send(&mut app, OpenManagerArea { then_author: false });
    unlock(&mut app, "the trainers' passphrase");
    assert!(app.world().resource::<ManagerSession>().is_open());
    assert!(app.world().resource::<ManagerKey>().is_open());

    let mut key = ManagerKey::default();
    assert!(!key.lock_if_idle(Instant::now()), "nothing to lock");
    let mut key = std::mem::take(&mut *app.world_mut().resource_mut::<ManagerKey>());
    let start = Instant::now();
    key.used_at(start);
    assert!(!key.lock_if_idle(start + IDLE_LOCK - Duration::from_secs(1)));
    assert!(key.is_open(), "still open just before the limit");
    key.used_at(start + Duration::from_secs(60));
    assert!(
        !key.lock_if_idle(start + IDLE_LOCK + Duration::from_secs(30)),
        "use moves the limit"
    );
    assert!(key.lock_if_idle(start + IDLE_LOCK + Duration::from_secs(61)));
    assert!(!key.is_open(), "locked");

    // In the game: the area stays open while used, and locks itself once left idle.
    let mut key = ManagerKey::default();
    std::mem::swap(&mut key, &mut *app.world_mut().resource_mut::<ManagerKey>());
    unlock(&mut app, "the trainers' passphrase");
    assert!(app.world().resource::<ManagerSession>().is_open());
    app.world_mut()
        .resource_mut::<ManagerKey>()
        .used_at(Instant::now() - IDLE_LOCK - Duration::from_secs(1));
    app.update();
    app.update();
    let session = app.world().resource::<ManagerSession>();
    assert!(!session.is_open(), "locked");
    assert!(
        session.team.overview.is_empty(),
        "what was on screen is gone"
    );
    assert!(
        session
            .status
            .as_deref()
            .unwrap_or_default()
            .contains("Locked after"),
        "{:?}",
        session.status
    );
    assert!(!app.world().resource::<ManagerKey>().is_open());
}

#[test]
fn with_pins_on_a_trainee_chooses_one_and_nobody_else_opens_their_results() {
    use care::game::progress::{Account, SignInList, SignedIn};
    let dir = tempfile::tempdir().unwrap();
    let mut app = common::headless_game(|app| {
        app.insert_resource(StoreConfig(StoreLocation::in_dir(dir.path())));
    });
    let store = common::store_of(&app);
    send(&mut app, OpenManagerArea { then_author: false });
    unlock(&mut app, "the trainers' passphrase");
    send(&mut app, ManagerAction::SetPinsRequired(true));
    assert!(store.pins_required().unwrap());
    assert!(app.world().resource::<ManagerSession>().team.pins_required);
    go(&mut app, Screen::SignIn);

    send(
        &mut app,
        Account::Register {
            name: "Ana Lima".into(),
            team: "Harbour".into(),
        },
    );
    let prompt = app.world().resource::<SignInList>().pin.clone();
    let prompt = prompt.expect("a new trainee is asked to choose a PIN");
    assert!(prompt.choose);
    assert_eq!(screen(&app), Screen::SignIn);
    send(&mut app, Account::Pin("2468".into()));
    assert_eq!(screen(&app), Screen::Library, "the chosen PIN signs in");
    send(&mut app, Account::SignOut);
    assert!(app.world().get_resource::<SignedIn>().is_none());

    // Someone else at the station picks Ana's name.
    send(&mut app, Account::SignIn(prompt.employee));
    let asked = app.world().resource::<SignInList>().pin.clone();
    assert!(asked.is_some_and(|p| !p.choose), "her PIN is asked for");
    send(&mut app, Account::Pin("1111".into()));
    assert_eq!(screen(&app), Screen::SignIn, "a wrong PIN opens nothing");
    let problem = app.world().resource::<SignInList>().problem.clone();
    assert!(
        problem.as_deref().unwrap_or_default().contains("wrong PIN"),
        "{problem:?}"
    );
    assert!(
        matches!(
            store.trainee(prompt.employee),
            Err(care_store::StoreError::PinRequired)
        ),
        "no way round the PIN"
    );
}
