//! Learning records in the game: with learning records set up, every checkpoint and saved attempt
//! queues its xAPI statements in the store, and a background sender drains the queue to the
//! company's learning record store. Sending never runs on the frame.

use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use bevy::prelude::*;
use bevy::winit::{EventLoopProxyWrapper, WinitUserEvent};
use care_store::{Store, Timestamp};
use care_xapi::{LrsClient, LrsConfig, Profile, SyncOptions, SyncReport};

use super::AppSystems;
use super::progress::ProgressStore;

/// The learning-record settings the game was started with (`None`: not set up).
#[derive(Resource, Debug, Clone, Default)]
pub struct LearningRecordsConfig {
    pub config: Option<LrsConfig>,
    /// Why the settings could not be used, for the manager area.
    pub problem: Option<String>,
}

impl LearningRecordsConfig {
    /// The settings from the config folder and the environment.
    pub fn load() -> LearningRecordsConfig {
        match LrsConfig::load() {
            Ok(config) => LearningRecordsConfig {
                config,
                problem: None,
            },
            Err(e) => LearningRecordsConfig {
                config: None,
                problem: Some(e.to_string()),
            },
        }
    }
}

/// What the background sender is doing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SenderState {
    /// Learning records are not set up, or there is no store.
    #[default]
    Off,
    Sending,
    /// The last round finished.
    Done(SyncReport),
    /// The last round stopped; unsent statements wait and are tried again.
    Failed(String),
}

/// Learning records as the game sees them.
#[derive(Resource, Default)]
pub struct LearningRecords {
    /// How statements are labelled; `None` when learning records are off.
    pub profile: Option<Profile>,
    /// The LRS address (no credentials), for the manager area.
    pub endpoint: Option<String>,
    pub state: SenderState,
    sender: Option<SenderHandle>,
}

impl LearningRecords {
    /// Asks the sender to go now: after a save, or when a manager presses "Send now".
    pub fn wake(&self, now: bool) {
        if let Some(s) = &self.sender {
            let _ = s.wake.send(if now { Wake::Now } else { Wake::Queued });
        }
    }
}

enum Wake {
    /// New statements were queued.
    Queued,
    /// Send now, even what is waiting out a back-off.
    Now,
}

struct SenderHandle {
    wake: Sender<Wake>,
    updates: Mutex<Receiver<SenderState>>,
}

/// A manager asked to send now.
#[derive(Message, Debug, Clone, Copy)]
pub struct SendLearningRecordsNow;

/// How often the sender looks at the queue without being woken.
const ROUND: Duration = Duration::from_secs(60);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<LearningRecordsConfig>();
    app.init_resource::<LearningRecords>();
    app.add_message::<SendLearningRecordsNow>();
    app.add_systems(
        Update,
        (
            start_sender.run_if(resource_changed::<ProgressStore>),
            (send_now, read_sender).in_set(AppSystems::Update),
        ),
    );
}

/// Starts (or stops) the sender when the store opens.
fn start_sender(
    progress: Res<ProgressStore>,
    config: Res<LearningRecordsConfig>,
    proxy: Option<Res<EventLoopProxyWrapper>>,
    mut records: ResMut<LearningRecords>,
) {
    let (Some(store), Some(config)) = (&progress.store, &config.config) else {
        *records = LearningRecords::default();
        return;
    };
    let proxy = proxy.map(|p| (**p).clone());
    let repaint = move || {
        if let Some(p) = &proxy {
            let _ = p.send_event(WinitUserEvent::WakeUp);
        }
    };
    info!("learning records go to {}", config.endpoint.base);
    *records = LearningRecords {
        profile: Some(config.profile.clone()),
        endpoint: Some(config.endpoint.base.to_string()),
        state: SenderState::Sending,
        sender: Some(spawn_sender(store.clone(), config.clone(), repaint)),
    };
}

/// The sender: a thread that sends whenever woken, and once a minute.
fn spawn_sender(
    store: Store,
    config: LrsConfig,
    repaint: impl Fn() + Send + 'static,
) -> SenderHandle {
    let (wake_tx, wake_rx) = mpsc::channel();
    let (state_tx, state_rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("care-learning-records".into())
        .spawn(move || {
            let client = LrsClient::new(&config.endpoint);
            let outbox = store.outbox();
            let options = SyncOptions {
                batch_size: config.endpoint.batch_size,
                ..SyncOptions::default()
            };
            let mut wake = Ok(Wake::Queued);
            let mut last_failure: Option<String> = None;
            loop {
                if matches!(wake, Ok(Wake::Now)) {
                    let _ = outbox.retry_now(Timestamp::now());
                }
                let _ = state_tx.send(SenderState::Sending);
                let state = match care_xapi::sync(&outbox, &client, options, &mut |_| {}) {
                    // Nothing was due (a back-off after a failure): the last failure still
                    // stands, so say so rather than "up to date".
                    Ok(report)
                        if report.requests == 0
                            && outbox.summary().is_ok_and(|s| s.pending > 0) =>
                    {
                        match &last_failure {
                            Some(e) => SenderState::Failed(e.clone()),
                            None => SenderState::Done(report),
                        }
                    }
                    Ok(report) => {
                        last_failure = None;
                        SenderState::Done(report)
                    }
                    Err(e) => {
                        warn!("learning records not sent: {e}");
                        last_failure = Some(e.to_string());
                        SenderState::Failed(e.to_string())
                    }
                };
                if state_tx.send(state).is_err() {
                    return;
                }
                repaint();
                wake = wake_rx.recv_timeout(ROUND);
                if matches!(wake, Err(RecvTimeoutError::Disconnected)) {
                    return;
                }
            }
        });
    if let Err(e) = spawned {
        warn!("cannot start the learning-record sender: {e}");
    }
    SenderHandle {
        wake: wake_tx,
        updates: Mutex::new(state_rx),
    }
}

fn send_now(mut messages: MessageReader<SendLearningRecordsNow>, records: Res<LearningRecords>) {
    if messages.read().count() > 0 {
        records.wake(true);
    }
}

/// Takes the sender's news into the resource.
fn read_sender(mut records: ResMut<LearningRecords>) {
    let latest = records.sender.as_ref().and_then(|s| {
        let rx = s.updates.lock().ok()?;
        rx.try_iter().last()
    });
    if let Some(state) = latest {
        records.state = state;
    }
}
