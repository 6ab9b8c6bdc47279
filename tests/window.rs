//! The real game in a real window: under Xvfb with Mesa's software renderer, `--autoplay` signs
//! in, plays a scenario's exemplary path, opens the manager area and saves a screenshot of each
//! screen, from a binary copied alone into an empty folder. Skipped (with a note) only when
//! CARE_TEST_WINDOW=0.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

#[path = "common/xvfb.rs"]
mod xvfb;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use care_store::{Store, StoreLocation};

/// How many scenarios the checkout's starter pack holds.
fn care_engine_scenario_count() -> usize {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    care_engine::load::load_paths(&[folder], care_engine::load::LoadOptions::default())
        .scenarios
        .len()
}

#[test]
fn a_trainee_plays_a_scenario_in_a_real_window() {
    if std::env::var("CARE_TEST_WINDOW").as_deref() == Ok("0") {
        eprintln!("note: skipping the window test because CARE_TEST_WINDOW=0");
        return;
    }
    let xvfb = xvfb::start_xvfb();
    let dir = tempfile::tempdir().unwrap();
    let shots = dir.path().join("shots");
    let data = dir.path().join("store");
    // Installed like a product: the binary copied alone into a folder of its own and started
    // from an empty folder, with no checkout, no `assets` or `scenarios` beside it and a cache
    // of its own; the starter pack and the art come from inside the binary.
    let installed = dir.path().join("installed");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir_all(&installed).unwrap();
    std::fs::create_dir_all(&elsewhere).unwrap();
    let binary = installed.join("care");
    std::fs::copy(env!("CARGO_BIN_EXE_care"), &binary).expect("the binary copies");
    let mut game = Command::new(&binary)
        .current_dir(&elsewhere)
        .arg("--data-dir")
        .arg(&data)
        .args(["--autoplay", "nobody-said-hello", "--screenshots"])
        .arg(&shots)
        .env("DISPLAY", &xvfb.display)
        .env("XDG_CACHE_HOME", dir.path().join("cache"))
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("BEVY_ASSET_ROOT")
        .env_remove("CARGO_MANIFEST_DIR")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the game starts");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = game.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(300) {
            let _ = game.kill();
            panic!("the game did not finish autoplay within five minutes");
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let mut log = String::new();
    std::io::Read::read_to_string(game.stderr.as_mut().expect("stderr"), &mut log).ok();
    assert!(status.success(), "autoplay failed:\n{log}");
    for failure in ["Path not found", "Failed to load", "failed to load"] {
        assert!(
            !log.contains(failure),
            "every sprite, portrait and place loads from the built-in art:\n{log}"
        );
    }
    assert!(
        log.contains(&format!(
            "{} scenarios loaded, 0 problems",
            care_engine_scenario_count()
        )),
        "the built-in starter pack loads in full:\n{log}"
    );

    for name in ["1-sign-in", "2-library", "3-play", "4-debrief", "5-manager"] {
        let png = shots.join(format!("{name}.png"));
        assert!(png.exists(), "{name}.png was saved:\n{log}");
        let colours = xvfb::distinct_colours(&png);
        assert!(
            colours > 8,
            "{name}.png shows a drawn screen, not a blank one ({colours} colours)"
        );
    }

    let passphrase = std::fs::read_to_string(data.join(care::game::autoplay::PASSPHRASE_FILE))
        .expect("autoplay left its passphrase in the data folder");
    assert!(
        !passphrase.is_empty() && !include_str!("../src/game/autoplay.rs").contains(&passphrase),
        "the passphrase is chosen at random, not written in the source"
    );
    let store = Store::open(&StoreLocation::in_dir(&data)).expect("the store");
    let manager = store
        .unlock_manager(&passphrase)
        .expect("autoplay set the manager passphrase");
    let rows = manager
        .team_overview(&Default::default())
        .expect("overview");
    assert_eq!(rows.len(), 1);
    assert_eq!(
        rows[0].employee.display_name,
        care::game::autoplay::SAMPLE_TRAINEE
    );
    assert_eq!(rows[0].attempts, 1, "the played attempt was saved");
    assert_eq!(rows[0].scenarios_passed, 1, "the exemplary path passes");
}

#[test]
fn autoplay_refuses_a_store_with_real_results() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&StoreLocation::in_dir(dir.path())).expect("store");
    store
        .add_employee("Real Person", "Front desk")
        .expect("a real trainee");
    drop(store);
    let out = Command::new(env!("CARGO_BIN_EXE_care"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["--autoplay", "nobody-said-hello"])
        .env_remove("DISPLAY")
        .output()
        .expect("care runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("not empty") && err.contains("--data-dir"),
        "{err}"
    );
    let store = Store::open(&StoreLocation::in_dir(dir.path())).expect("store");
    assert_eq!(
        store.manager_lock().expect("lock"),
        care_store::ManagerLock::NotSet,
        "no passphrase was set on the real store"
    );
    assert!(
        !dir.path()
            .join(care::game::autoplay::PASSPHRASE_FILE)
            .exists()
    );

    let out = Command::new(env!("CARGO_BIN_EXE_care"))
        .args(["--database", "postgres://someone@db.example/care"])
        .args(["--autoplay", "nobody-said-hello"])
        .env_remove("DISPLAY")
        .output()
        .expect("care runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("not on a database"), "{err}");
}
