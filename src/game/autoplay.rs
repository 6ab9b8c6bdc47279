//! `--autoplay`: the game plays a scenario's exemplary path by itself in a real window, saving a
//! screenshot of each screen, then closes. Used for demonstrations and the window test.

use std::path::{Path, PathBuf};
use std::time::Duration;

use bevy::prelude::*;
use bevy::render::view::screenshot::{Capturing, Screenshot, save_to_disk};
use bevy::winit::{UpdateMode, WinitSettings};
use care_engine::run::Input;
use care_engine::script::{Playthroughs, ScriptedAnswer};

use super::library::{ScenarioFolder, ScenarioLibrary, locate};
use super::manager::ManagerSession;
use super::progress::{Account, ProgressStore};
use super::session::{StartScenario, SubmitAnswer};
use crate::screens::Screen;

/// The sample trainee autoplay signs in as.
pub const SAMPLE_TRAINEE: &str = "Sam Sample";
/// The manager passphrase autoplay sets on a store that has none.
pub const SAMPLE_PASSPHRASE: &str = "autoplay passphrase";
/// Autoplay gives up after this long.
const TIME_LIMIT: Duration = Duration::from_secs(180);
/// Time left for each screen to settle before the next step.
const STEP: Duration = Duration::from_millis(1200);

/// What to play and where to put the pictures.
#[derive(Resource, Debug, Clone)]
pub struct Autoplay {
    pub scenario: String,
    pub screenshots: Option<PathBuf>,
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
}

pub fn plugin(app: &mut App) {
    app.insert_resource(Progress {
        phase: Phase::SignIn,
        answers: Vec::new(),
        next_answer: 0,
        since_step: Duration::ZERO,
        elapsed: Duration::ZERO,
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
    mut manager: ResMut<ManagerSession>,
    mut next: ResMut<NextState<Screen>>,
    mut account: MessageWriter<Account>,
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
            if let Some(p) = &store.problem {
                return fail(&mut exit, p);
            }
            shoot(&mut commands, &auto, "1-sign-in");
            // The same sample trainee each run, so repeated demonstrations build one history.
            let known = store
                .store
                .as_ref()
                .and_then(|s| s.employees().ok())
                .and_then(|list| list.into_iter().find(|e| e.display_name == SAMPLE_TRAINEE));
            account.write(match known {
                Some(e) => Account::SignIn(e.id),
                None => Account::Register {
                    name: SAMPLE_TRAINEE.into(),
                    team: "Autoplay".into(),
                },
            });
            progress.phase = Phase::Library;
        }
        (Phase::Library, Screen::Library) => {
            let Some(s) = library.scenarios.iter().find(|s| s.id == auto.scenario) else {
                return fail(
                    &mut exit,
                    &format!("no scenario `{}` in the library", auto.scenario),
                );
            };
            match exemplary_answers(&locate(&folder.0), &auto.scenario) {
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
                if let Some(store) = &store.store {
                    manager.unlock(store, SAMPLE_PASSPHRASE);
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
