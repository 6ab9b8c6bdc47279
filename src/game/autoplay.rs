//! `--autoplay` (a developer tool, `dev` feature): the game plays a scenario's exemplary path by
//! itself in a real window on a fresh throwaway store, saving a screenshot of each screen, then
//! closes. Used for the README's screenshots and the window test.

use std::path::{Path, PathBuf};
use std::time::Duration;

use bevy::prelude::*;
use bevy::render::view::screenshot::{Capturing, Screenshot, save_to_disk};
use bevy::winit::{UpdateMode, WinitSettings};
use care_engine::run::Input;
use care_engine::script::{Playthroughs, ScriptedAnswer};

use super::Screen;
use super::library::{ScenarioFolder, ScenarioLibrary};
use super::manager::{ManagerAction, ManagerSession};
use super::progress::{Account, ProgressStore};
use super::session::{StartScenario, SubmitAnswer};
use care_store::StoreLocation;

/// The sample trainee autoplay signs in as.
pub const SAMPLE_TRAINEE: &str = "Sam Sample";
/// The file in a `--data-dir` where autoplay leaves the manager passphrase it chose, so the
/// window test can open the store afterwards. Owner-only; the store is a throwaway one.
pub const PASSPHRASE_FILE: &str = "autoplay-passphrase";
/// Autoplay gives up after this long.
const TIME_LIMIT: Duration = Duration::from_secs(180);
/// Time left for each screen to settle before the next step.
const STEP: Duration = Duration::from_millis(1200);

/// What to play and where to put the pictures.
#[derive(Resource, Debug, Clone)]
pub struct Autoplay {
    pub scenario: care_engine::ScenarioId,
    pub screenshots: Option<PathBuf>,
    /// The manager passphrase autoplay sets on its fresh store: random for each run.
    pub passphrase: String,
    /// The throwaway store's folder, kept until autoplay ends.
    pub temp: Option<std::sync::Arc<tempfile::TempDir>>,
}

/// The store autoplay plays on: always a fresh one, never a store with real results.
#[derive(Debug)]
pub struct AutoplayStore {
    pub location: StoreLocation,
    pub passphrase: String,
    /// A throwaway folder (when no `--data-dir` was given), removed when autoplay ends.
    pub temp: Option<tempfile::TempDir>,
}

/// Why autoplay refuses to run.
#[derive(Debug, thiserror::Error)]
pub enum AutoplayError {
    #[error(
        "--autoplay runs only on a fresh throwaway store, not on a database ({0}).\n  hint: leave \
         out --database and CARE_DATABASE_URL; give --data-dir an empty folder, or none"
    )]
    Database(String),
    #[error(
        "--autoplay runs only on a fresh store, and {0} is not empty: it may hold real results.\n  \
         hint: give --data-dir an empty or missing folder, or leave it out for a throwaway one"
    )]
    NotFresh(PathBuf),
    #[error("autoplay cannot prepare its store in {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Chooses autoplay's store from the options: `--data-dir` only when it names an empty or
/// missing folder, otherwise a new temporary one; never a database. The manager passphrase is
/// random, and written (owner-only) into a `--data-dir` for whoever ran it.
pub fn prepare_store(
    data_dir: Option<&Path>,
    database: Option<&str>,
) -> Result<AutoplayStore, AutoplayError> {
    let url = database
        .map(str::to_string)
        .or_else(|| std::env::var(care_store::DATABASE_URL_ENV).ok())
        .filter(|u| !u.trim().is_empty());
    if let Some(url) = url {
        let shown = StoreLocation::resolve(Some(&url), None).to_string();
        return Err(AutoplayError::Database(shown));
    }
    let passphrase = format!("autoplay {}", uuid::Uuid::new_v4().simple());
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| AutoplayError::Io { path, source }
    };
    let Some(dir) = data_dir else {
        let temp = tempfile::Builder::new()
            .prefix("care-autoplay-")
            .tempdir()
            .map_err(io(&std::env::temp_dir()))?;
        return Ok(AutoplayStore {
            location: StoreLocation::in_dir(temp.path()),
            passphrase,
            temp: Some(temp),
        });
    };
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(AutoplayError::NotFresh(dir.to_path_buf()));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(dir).map_err(io(dir))?;
        }
        Err(e) => return Err(io(dir)(e)),
    }
    let file = dir.join(PASSPHRASE_FILE);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut f = options.open(&file).map_err(io(&file))?;
    std::io::Write::write_all(&mut f, passphrase.as_bytes()).map_err(io(&file))?;
    Ok(AutoplayStore {
        location: StoreLocation::in_dir(dir),
        passphrase,
        temp: None,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    SignIn,
    Library,
    Play,
    Debrief,
    Manager,
    Done,
}

#[derive(Resource, Debug)]
struct Progress {
    phase: Phase,
    answers: Vec<ScriptedAnswer>,
    next_answer: usize,
    since_step: Duration,
    elapsed: Duration,
    /// The manager passphrase was handed to the worker.
    unlock_sent: bool,
}

pub fn plugin(app: &mut App) {
    app.insert_resource(Progress {
        phase: Phase::SignIn,
        answers: Vec::new(),
        next_answer: 0,
        since_step: Duration::ZERO,
        elapsed: Duration::ZERO,
        unlock_sent: false,
    });
    app.add_systems(Startup, make_screenshot_dir);
    app.add_systems(Update, drive.run_if(resource_exists::<Autoplay>));
    app.add_systems(PostUpdate, keep_frames_coming);
}

/// The exemplary path (first case) of `id`'s playthroughs file under `folder`.
pub fn exemplary_answers(folder: &Path, id: &str) -> Result<Vec<ScriptedAnswer>, String> {
    let (file, plays) = Playthroughs::find(folder, id)?;
    plays
        .cases
        .into_iter()
        .next()
        .map(|c| c.answers)
        .ok_or_else(|| format!("{} has no cases", file.display()))
}

fn make_screenshot_dir(auto: Option<Res<Autoplay>>, mut exit: MessageWriter<AppExit>) {
    if let Some(dir) = auto.as_ref().and_then(|a| a.screenshots.as_ref())
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        fail(&mut exit, &format!("cannot create {}: {e}", dir.display()));
    }
}

/// Menus normally redraw only on input; the script has no input, so frames must keep coming.
fn keep_frames_coming(settings: Option<ResMut<WinitSettings>>) {
    if let Some(mut s) = settings
        && s.focused_mode != UpdateMode::Continuous
    {
        *s = WinitSettings::game();
    }
}

fn shoot(commands: &mut Commands, auto: &Autoplay, name: &str) {
    if let Some(dir) = &auto.screenshots {
        let path = dir.join(format!("{name}.png"));
        commands
            .spawn(Screenshot::primary_window())
            .observe(save_to_disk(path));
    }
}

fn fail(exit: &mut MessageWriter<AppExit>, why: &str) {
    error!("autoplay failed: {why}");
    exit.write(AppExit::error());
}

#[expect(
    clippy::too_many_arguments,
    reason = "one step of a script touching each part of the game"
)]
fn drive(
    time: Res<Time>,
    auto: Res<Autoplay>,
    mut progress: ResMut<Progress>,
    mut commands: Commands,
    capturing: Query<(), With<Capturing>>,
    screen: Res<State<Screen>>,
    store: Res<ProgressStore>,
    library: Res<ScenarioLibrary>,
    folder: Res<ScenarioFolder>,
    manager: Res<ManagerSession>,
    mut next: ResMut<NextState<Screen>>,
    (mut account, mut manage): (MessageWriter<Account>, MessageWriter<ManagerAction>),
    mut start: MessageWriter<StartScenario>,
    mut answer: MessageWriter<SubmitAnswer>,
    mut exit: MessageWriter<AppExit>,
    active: Option<Res<crate::game::session::ActiveRun>>,
) {
    progress.elapsed += time.delta();
    progress.since_step += time.delta();
    if progress.elapsed > TIME_LIMIT {
        return fail(&mut exit, "it took too long");
    }
    // Wait for screenshots on disk and for the screen to settle.
    if !capturing.is_empty() || progress.since_step < STEP {
        return;
    }
    progress.since_step = Duration::ZERO;
    match (progress.phase, screen.get()) {
        (Phase::SignIn, Screen::SignIn) => {
            if !store.opened {
                return;
            }
            if let Some(p) = &store.problem {
                return fail(&mut exit, p);
            }
            shoot(&mut commands, &auto, "1-sign-in");
            account.write(Account::Register {
                name: SAMPLE_TRAINEE.into(),
                team: "Autoplay".into(),
            });
            progress.phase = Phase::Library;
        }
        (Phase::Library, Screen::Library) => {
            let Some(s) = library.get(&auto.scenario) else {
                return fail(
                    &mut exit,
                    &format!("no scenario `{}` in the library", auto.scenario),
                );
            };
            match exemplary_answers(&folder.0, auto.scenario.as_str()) {
                Ok(a) => progress.answers = a,
                Err(e) => return fail(&mut exit, &e),
            }
            shoot(&mut commands, &auto, "2-library");
            start.write(StartScenario {
                scenario: s.clone(),
                seed: 1,
            });
            progress.phase = Phase::Play;
        }
        (Phase::Play, Screen::Play) => {
            let Some(active) = active.filter(|a| a.judging.is_none()) else {
                // The last typed reply is still with the judge.
                return;
            };
            if progress.next_answer == 1 {
                shoot(&mut commands, &auto, "3-play");
            }
            let Some(a) = progress.answers.get(progress.next_answer).cloned() else {
                return fail(&mut exit, "the answers ran out before the scenario ended");
            };
            progress.next_answer += 1;
            match a.to_input(&active.run) {
                Ok((input, _)) => {
                    answer.write(SubmitAnswer(input));
                }
                Err(_) => {
                    answer.write(SubmitAnswer(Input::Timeout));
                }
            }
        }
        (Phase::Play, Screen::Debrief) => {
            shoot(&mut commands, &auto, "4-debrief");
            progress.phase = Phase::Debrief;
        }
        (Phase::Debrief, Screen::Debrief) => {
            next.set(Screen::Manager);
            progress.phase = Phase::Manager;
        }
        (Phase::Manager, Screen::Manager) => {
            if !manager.is_open() {
                if !progress.unlock_sent {
                    manage.write(ManagerAction::Unlock(auto.passphrase.clone()));
                    progress.unlock_sent = true;
                }
                return;
            }
            shoot(&mut commands, &auto, "5-manager");
            progress.phase = Phase::Done;
        }
        (Phase::Done, _) => {
            info!("autoplay finished");
            exit.write(AppExit::Success);
        }
        _ => {}
    }
}
