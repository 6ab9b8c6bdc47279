//! Which screen is showing: the state the game's systems run in and the screens draw.

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
