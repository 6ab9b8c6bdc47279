//! Plays the sound cues (door chime, phone ring, message ping), quietly, with Bevy's audio.
//! Built with the `sound` feature; without it the game is silent and needs no audio libraries.

use bevy::audio::Volume;
use bevy::prelude::*;

use crate::game::cues::Cue;

/// Cues play at this fraction of full volume: present, never startling.
const VOLUME: f32 = 0.35;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, play);
}

fn play(mut cues: MessageReader<Cue>, mut commands: Commands, assets: Res<AssetServer>) {
    for cue in cues.read() {
        commands.spawn((
            AudioPlayer::new(assets.load(cue.file())),
            PlaybackSettings::DESPAWN.with_volume(Volume::Linear(VOLUME)),
        ));
    }
}
