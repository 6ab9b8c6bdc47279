//! Onboarding in the game, headless: a trainee in a session sees the curriculum first in the
//! library, passing a step unlocks the next, finishing all steps records the completion once and
//! writes a certificate the trainee can print.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod common;

use bevy::prelude::*;
use care::game::onboarding::{CertificateFolder, Curricula, MyTraining, WriteCertificate};
use care::game::progress::{Account, SignedIn, StoreConfig};
use care::screens::Screen;
use care_engine::curriculum::StepStatus;
use care_engine::script::Playthroughs;
use care_store::{StoreLocation, Timestamp};
use common::{send, start_scenario};

fn app(dir: &std::path::Path) -> App {
    let mut app = common::headless_game(|app| {
        app.insert_resource(StoreConfig(StoreLocation::in_dir(dir)));
        app.insert_resource(CertificateFolder(dir.join("certificates")));
    });
    app.update();
    common::settle(&mut app);
    app
}

fn to_library(app: &mut App) {
    app.world_mut()
        .resource_mut::<NextState<Screen>>()
        .set(Screen::Library);
    app.update();
    common::settle(app);
}

/// Plays the exemplary path of `id` through the same messages as the play screen.
fn play_well(app: &mut App, id: &str) {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let (_, plays) = Playthroughs::find(&folder, id).expect("playthroughs");
    start_scenario(app, id, plays.seed);
    common::play_script(app, &plays.cases[0].answers);
    assert_eq!(
        *app.world().resource::<State<Screen>>().get(),
        Screen::Debrief
    );
    assert_eq!(
        common::wait_saved(app),
        care::game::session::SaveStatus::Saved
    );
    to_library(app);
}

fn statuses(app: &App) -> Vec<StepStatus> {
    app.world().resource::<MyTraining>().items[0]
        .statuses
        .clone()
}

#[test]
fn a_trainee_works_through_a_curriculum_and_gets_a_certificate() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app(dir.path());
    assert_eq!(app.world().resource::<Curricula>().list.len(), 4);
    send(
        &mut app,
        Account::Register {
            name: "Nikolai García".into(),
            team: "Downtown store".into(),
        },
    );
    let me = app.world().resource::<SignedIn>().employee().id;
    // The trainer starts a session for the trainee's cohort.
    let store = common::store_of(&app);
    let manager = store
        .set_manager_passphrase("trainer passphrase")
        .expect("manager");
    let started = Timestamp::now().plus_ms(-1_000);
    manager
        .start_session(
            &"first-day-on-the-floor".into(),
            "Monday cohort",
            &[me],
            started,
        )
        .expect("session");
    to_library(&mut app);
    let first = statuses(&app);
    assert!(matches!(first[0], StepStatus::Open { tries: 0, .. }));
    assert!(first[1..].iter().all(|s| *s == StepStatus::Locked));

    play_well(&mut app, "first-shift-tutorial");
    let after = statuses(&app);
    assert!(after[0].is_passed(), "{after:?}");
    assert!(
        matches!(after[1], StepStatus::Open { .. }),
        "greeting unlocked"
    );
    assert!(
        matches!(after[3], StepStatus::Open { .. }),
        "the phone step unlocked"
    );

    for id in [
        "nobody-said-hello",
        "the-bad-day",
        "transferred-again",
        "the-dishwasher-pan",
    ] {
        play_well(&mut app, id);
    }
    assert_eq!(
        statuses(&app)[6],
        StepStatus::Locked,
        "the shift waits for every step it requires"
    );
    play_well(&mut app, "more-than-i-can-sign-off");
    assert!(
        matches!(statuses(&app)[6], StepStatus::Open { .. }),
        "the shift opens once its steps are passed"
    );
    // The shift step passes on its triage (the shift itself is tested elsewhere).
    common::trainee(&app)
        .record_shift(&"saturday-shop-floor".into(), 84, true, Timestamp::now())
        .expect("shift");
    to_library(&mut app);
    assert!(
        matches!(statuses(&app)[7], StepStatus::Open { .. }),
        "the assessment comes last, after the shift"
    );
    play_well(&mut app, "back-with-the-box");
    let training = &app.world().resource::<MyTraining>();
    assert!(training.items[0].completed.is_some(), "completion recorded");
    assert!(
        training
            .notice
            .as_deref()
            .is_some_and(|n| n.contains("completed")),
        "{:?}",
        training.notice
    );
    let done = common::trainee(&app).completions().expect("c");
    assert_eq!(done.len(), 1);
    to_library(&mut app);
    assert_eq!(
        common::trainee(&app).completions().expect("c").len(),
        1,
        "recorded once"
    );

    send(&mut app, WriteCertificate("first-day-on-the-floor".into()));
    let pdfs: Vec<_> = std::fs::read_dir(dir.path().join("certificates"))
        .expect("folder")
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(pdfs.len(), 1, "{pdfs:?}");
    let bytes = std::fs::read(&pdfs[0]).expect("pdf");
    assert!(bytes.starts_with(b"%PDF-"));
    let notice = app
        .world()
        .resource::<MyTraining>()
        .notice
        .clone()
        .unwrap_or_default();
    assert!(notice.starts_with("Certificate saved to"), "{notice}");
}
