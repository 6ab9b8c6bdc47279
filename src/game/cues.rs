//! Sound cues: what happened that a trainee would hear. A customer walking into the shop rings
//! the door chime, a call starts with the phone ringing, and each new message from a customer on
//! a written channel pings. Nothing is cued when the station is muted. Playing them is the
//! `sound` feature's business; this only decides when.

use bevy::prelude::*;
use care_engine::model::Channel;
use care_engine::run::Event as RunEvent;

use super::session::ActiveRun;
use super::settings::Settings;

/// A sound to play.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    DoorChime,
    PhoneRing,
    MessagePing,
}

impl Cue {
    /// The sound's file in the asset folder.
    pub fn file(self) -> &'static str {
        match self {
            Cue::DoorChime => "sounds/door-chime.wav",
            Cue::PhoneRing => "sounds/phone-ring.wav",
            Cue::MessagePing => "sounds/message-ping.wav",
        }
    }
}

/// The cue a run's start makes on a channel, if any.
fn opening(channel: Channel) -> Option<Cue> {
    match channel {
        Channel::InStore => Some(Cue::DoorChime),
        Channel::Phone => Some(Cue::PhoneRing),
        _ => None,
    }
}

/// Whether a customer's words on this channel arrive as a message.
fn written(channel: Channel) -> bool {
    !matches!(channel, Channel::InStore | Channel::Phone)
}

/// The attempt cued last and how many of its moments were looked at.
#[derive(Default)]
struct Heard {
    attempt: Option<care_store::AttemptId>,
    moments: usize,
}

pub(super) fn plugin(app: &mut App) {
    app.add_message::<Cue>();
    app.add_systems(
        Update,
        cue.in_set(super::AppSystems::Update)
            .run_if(resource_exists::<ActiveRun>),
    );
}

fn cue(
    run: Res<ActiveRun>,
    settings: Res<Settings>,
    mut heard: Local<Heard>,
    mut cues: MessageWriter<Cue>,
) {
    let channel = run.run.scenario().channel;
    let moments = &run.run.transcript().moments;
    let fresh = heard.attempt != Some(run.attempt);
    if fresh {
        *heard = Heard {
            attempt: Some(run.attempt),
            moments: 0,
        };
    }
    let new = &moments[heard.moments.min(moments.len())..];
    heard.moments = moments.len();
    if settings.muted {
        return;
    }
    if fresh && let Some(c) = opening(channel) {
        cues.write(c);
        return;
    }
    let said = new
        .iter()
        .any(|m| matches!(m.event, RunEvent::CustomerSaid { .. }));
    if said && written(channel) {
        cues.write(Cue::MessagePing);
    }
}
