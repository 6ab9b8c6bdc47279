//! Typed replies judged off the frame: one worker thread owns the judge (the sentence model, or
//! the keyword judge when the model cannot load), takes replies and hands back verdicts, so a
//! frame never waits on the model. The conversation shows the customer reading meanwhile.
//!
//! The model loads once the window has drawn its first frames (or after a second at most), so
//! on a machine with few cores it does not hold up the first screen; a reply sent before then
//! waits in the queue.

use std::sync::Mutex;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use bevy::diagnostic::FrameCount;

use bevy::prelude::*;
use care_engine::judge::ReplyRequest;
use care_engine::rubric::Verdict;
use care_judge::{JudgeStatus, load_judge};

use super::AppSystems;

/// A reply to judge, with the ticket its verdict comes back under.
struct Job {
    ticket: u64,
    request: ReplyRequest,
    reply: String,
}

/// What the worker sends back.
enum Done {
    Loaded(JudgeStatus),
    Verdict { ticket: u64, verdict: Verdict },
}

/// The judging worker: send replies with [`JudgeWorker::submit`], collect verdicts with
/// [`JudgeWorker::take`].
#[derive(Resource)]
pub struct JudgeWorker {
    jobs: Sender<Job>,
    done: Mutex<Receiver<Done>>,
    next_ticket: u64,
    /// How replies are judged; `None` while the model is still loading.
    pub status: Option<JudgeStatus>,
    verdicts: Vec<(u64, Verdict)>,
    /// Tells the worker to load the model now (dropped once sent).
    go: Option<Sender<()>>,
}

/// The frames the window draws before the model starts loading.
const FRAMES_BEFORE_LOADING: u32 = 3;
/// The longest the model waits for those frames (a window that draws nothing until input).
const LONGEST_WAIT: Duration = Duration::from_secs(1);

impl JudgeWorker {
    /// Starts the worker thread; it loads the judge first, then judges replies in order.
    pub fn start() -> JudgeWorker {
        let (jobs, incoming) = channel::<Job>();
        let (outgoing, done) = channel::<Done>();
        let (go, told) = channel::<()>();
        let spawned = std::thread::Builder::new()
            .name("care-judge".into())
            .spawn(move || {
                // Told, timed out or the game gone: load either way.
                let _ = told.recv_timeout(LONGEST_WAIT);
                let loaded = load_judge();
                if outgoing.send(Done::Loaded(loaded.status.clone())).is_err() {
                    return;
                }
                for job in incoming {
                    let verdict = loaded.judge.judge(&job.request, &job.reply);
                    let done = Done::Verdict {
                        ticket: job.ticket,
                        verdict,
                    };
                    if outgoing.send(done).is_err() {
                        return;
                    }
                }
            });
        let status = match spawned {
            Ok(_) => None,
            Err(e) => Some(JudgeStatus::KeywordsInstead(format!(
                "the judging thread could not start: {e}"
            ))),
        };
        JudgeWorker {
            jobs,
            done: Mutex::new(done),
            next_ticket: 1,
            status,
            verdicts: Vec::new(),
            go: Some(go),
        }
    }

    /// Queues `reply` for judging; its verdict comes back under the returned ticket. When the
    /// worker is gone the reply is judged here, by keywords, and is ready at once.
    pub fn submit(&mut self, request: ReplyRequest, reply: String) -> u64 {
        let ticket = self.next_ticket;
        self.next_ticket += 1;
        let job = Job {
            ticket,
            request,
            reply,
        };
        if let Err(unsent) = self.jobs.send(job) {
            let job = unsent.0;
            let reason = "the judging thread stopped";
            let verdict = care_judge::keywords_instead(&job.request, &job.reply, reason);
            self.verdicts.push((ticket, verdict));
        }
        ticket
    }

    /// The verdict for `ticket`, once it has come back.
    pub fn take(&mut self, ticket: u64) -> Option<Verdict> {
        let i = self.verdicts.iter().position(|(t, _)| *t == ticket)?;
        Some(self.verdicts.swap_remove(i).1)
    }

    /// Collects what the worker has sent since the last frame.
    fn receive(&mut self) {
        let Ok(done) = self.done.lock() else {
            return;
        };
        let received: Vec<Done> = done.try_iter().collect();
        drop(done);
        for d in received {
            match d {
                Done::Loaded(status) => {
                    info!("{status}");
                    self.status = Some(status);
                }
                Done::Verdict { ticket, verdict } => self.verdicts.push((ticket, verdict)),
            }
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.insert_resource(JudgeWorker::start());
    app.add_systems(Update, receive.in_set(AppSystems::TickTimers));
    app.add_systems(Last, start_loading);
}

fn start_loading(frames: Option<Res<FrameCount>>, mut worker: ResMut<JudgeWorker>) {
    let drawn = frames.map_or(FRAMES_BEFORE_LOADING, |f| f.0 + 1);
    if drawn >= FRAMES_BEFORE_LOADING
        && let Some(go) = worker.go.take()
    {
        let _ = go.send(());
    }
}

fn receive(mut worker: ResMut<JudgeWorker>) {
    worker.receive();
}
