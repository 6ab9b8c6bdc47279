//! Sound cues without a window: the door chime when a shopper walks in, the phone ringing when a
//! call starts, a ping for each new message, and nothing at all when the station is muted.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod common;

use bevy::prelude::*;
use care::game::cues::Cue;
use care::game::settings::Settings;

#[derive(Resource, Default)]
struct Heard(Vec<Cue>);

fn app(muted: bool) -> App {
    let mut app = common::headless_game(|_| {});
    // As the settings window would: after start-up has read the station's file.
    app.world_mut().resource_mut::<Settings>().muted = muted;
    app.init_resource::<Heard>();
    app.add_systems(
        Last,
        |mut cues: MessageReader<Cue>, mut heard: ResMut<Heard>| {
            heard.0.extend(cues.read().copied());
        },
    );
    common::send(&mut app, care::game::progress::Account::Guest);
    app
}

fn heard(app: &App) -> Vec<Cue> {
    app.world().resource::<Heard>().0.clone()
}

#[test]
fn a_shopper_walking_in_rings_the_door_chime_once() {
    let mut app = app(false);
    common::start_scenario(&mut app, "nobody-said-hello", 1);
    common::choose_written(&mut app, 0);
    assert_eq!(heard(&app), vec![Cue::DoorChime], "no pings in a shop");
}

#[test]
fn a_call_rings_and_messages_ping() {
    let mut app = app(false);
    common::start_scenario(&mut app, "more-than-i-can-sign-off", 1);
    assert_eq!(heard(&app), vec![Cue::PhoneRing]);
    let mut app = self::app(false);
    common::start_scenario(&mut app, "seen-at-9-42", 1);
    assert_eq!(
        heard(&app),
        vec![Cue::MessagePing],
        "her first message pings"
    );
    common::choose_written(&mut app, 2);
    assert!(
        heard(&app).len() >= 2 && heard(&app).iter().all(|c| *c == Cue::MessagePing),
        "her answer pings again: {:?}",
        heard(&app)
    );
}

#[test]
fn a_muted_station_cues_nothing() {
    let mut app = app(true);
    common::start_scenario(&mut app, "nobody-said-hello", 1);
    common::start_scenario(&mut app, "seen-at-9-42", 1);
    common::choose_written(&mut app, 2);
    assert!(heard(&app).is_empty(), "{:?}", heard(&app));
}
