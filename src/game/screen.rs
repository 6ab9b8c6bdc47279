//! Which screen is showing, and whether play is paused: the states the game's systems run in
//! and the screens draw.

use bevy::prelude::*;

/// Which screen is showing.
#[derive(States, Debug, Clone, Copy, Default, Eq, PartialEq, Hash)]
pub enum Screen {
    /// Pick your name (or add yourself); the way into the manager area.
    #[default]
    SignIn,
    Library,
    Play,
    Debrief,
    /// Team overview, employee and scenario pages, behind the manager passphrase.
    Manager,
    /// For trainers: a scenario's branch graph and score ranges, following the files.
    Author,
    /// Rush hour: several customers at once.
    Shift,
    /// The shift's timeline and triage score.
    ShiftDebrief,
}

/// Whether play (one scenario or rush hour) is paused: clocks stop and answers wait. Every
/// new scenario or shift starts running.
#[derive(States, Debug, Clone, Copy, Default, Eq, PartialEq, Hash)]
pub enum Pause {
    #[default]
    Running,
    Paused,
}

impl Pause {
    /// The other state (what Esc switches to).
    pub fn toggled(self) -> Pause {
        match self {
            Pause::Running => Pause::Paused,
            Pause::Paused => Pause::Running,
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_state::<Pause>();
    // Reset on the way out, so the next scenario or shift starts running from its first frame.
    app.add_systems(OnExit(Screen::Play), run_again);
    app.add_systems(OnExit(Screen::Shift), run_again);
}

fn run_again(mut pause: ResMut<NextState<Pause>>) {
    pause.set(Pause::Running);
}
