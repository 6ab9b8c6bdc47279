//! The persistence worker: the one thread that calls the store for the game. Systems hand it a
//! call; the call's result comes back on a later frame as a typed message, so no frame waits on
//! the database, and the screens can say what is still waiting.
//!
//! Calls run one after another in the order they were handed over, so a write is always seen by
//! the reads handed over after it. Finished results are not saved here but by the save worker
//! (`save_worker.rs`), which journals them and retries until they are stored.

use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use bevy::prelude::*;

use super::AppSystems;

/// What a finished call does on the main thread: writes its reply message.
type Reply = Box<dyn FnOnce(&mut World) + Send>;
/// A call to run on the worker's thread.
type Job = Box<dyn FnOnce() -> Reply + Send>;

/// How long a call may take before the screens say the database is slow to answer.
pub const SLOW: Duration = Duration::from_secs(1);

/// The worker's queue and what is still waiting.
#[derive(Resource)]
pub struct Persistence {
    jobs: Sender<(u64, Job)>,
    done: Mutex<Receiver<(u64, Option<Reply>)>>,
    waiting: VecDeque<Waiting>,
    next: u64,
}

/// A call handed to the worker and not yet answered.
#[derive(Debug, Clone)]
struct Waiting {
    id: u64,
    what: &'static str,
    since: Instant,
}

/// A call that panicked on the worker (a defect, not a database problem): its reply never comes.
#[derive(Message, Debug, Clone)]
pub struct CallFailed {
    pub what: &'static str,
}

impl Default for Persistence {
    fn default() -> Self {
        Self::start()
    }
}

impl Persistence {
    /// Starts the worker's thread. It ends when the resource is dropped.
    pub fn start() -> Persistence {
        let (jobs, inbox) = channel::<(u64, Job)>();
        let (outbox, done) = channel();
        let spawned = std::thread::Builder::new()
            .name("care-persistence".into())
            .spawn(move || {
                for (id, job) in inbox {
                    let reply = catch_unwind(AssertUnwindSafe(job)).ok();
                    if outbox.send((id, reply)).is_err() {
                        break;
                    }
                }
            });
        if let Err(e) = spawned {
            error!("cannot start the persistence worker: {e}");
        }
        Persistence {
            jobs,
            done: Mutex::new(done),
            waiting: VecDeque::new(),
            next: 0,
        }
    }

    /// Runs `call` on the worker; its result is written as a message on a later frame. `what`
    /// says what is waiting, for people ("reading the team").
    pub fn send<M: Message>(
        &mut self,
        what: &'static str,
        call: impl FnOnce() -> M + Send + 'static,
    ) {
        let job: Job = Box::new(move || {
            let message = call();
            Box::new(move |world: &mut World| {
                world.write_message(message);
            })
        });
        let id = self.next;
        self.next += 1;
        if self.jobs.send((id, job)).is_ok() {
            self.waiting.push_back(Waiting {
                id,
                what,
                since: Instant::now(),
            });
        } else {
            error!("the persistence worker has stopped; {what} cannot run");
        }
    }

    /// The oldest call still waiting, and for how long.
    pub fn oldest(&self) -> Option<(&'static str, Duration)> {
        self.waiting.front().map(|w| (w.what, w.since.elapsed()))
    }

    /// Whether a call has been waiting longer than [`SLOW`]; what it is.
    pub fn slow(&self) -> Option<&'static str> {
        self.oldest()
            .filter(|(_, waited)| *waited >= SLOW)
            .map(|(what, _)| what)
    }

    /// Whether nothing is waiting.
    pub fn idle(&self) -> bool {
        self.waiting.is_empty()
    }

    /// Takes the answered calls, oldest first.
    fn answered(&mut self) -> Vec<(&'static str, Option<Reply>)> {
        let Ok(done) = self.done.lock() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        while let Ok((id, reply)) = done.try_recv() {
            let what = match self.waiting.iter().position(|w| w.id == id) {
                Some(i) => self.waiting.remove(i).map_or("a store call", |w| w.what),
                None => "a store call",
            };
            out.push((what, reply));
        }
        out
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Persistence>();
    app.add_message::<CallFailed>();
    app.add_systems(Update, deliver.in_set(AppSystems::TickTimers));
}

/// Writes the replies of the calls that finished since the last frame.
fn deliver(world: &mut World) {
    let answered = world.resource_mut::<Persistence>().answered();
    for (what, reply) in answered {
        match reply {
            Some(reply) => reply(world),
            None => {
                error!("a store call failed unexpectedly: {what}");
                world.write_message(CallFailed { what });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Message, Debug, PartialEq)]
    struct Answer(u32);

    fn app() -> App {
        let mut app = App::new();
        app.add_plugins(MinimalPlugins);
        app.configure_sets(Update, AppSystems::TickTimers);
        app.add_message::<Answer>();
        plugin(&mut app);
        app
    }

    fn answers(app: &mut App) -> Vec<u32> {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !app.world().resource::<Persistence>().idle() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(2));
            app.update();
        }
        app.world_mut()
            .resource_mut::<Messages<Answer>>()
            .drain()
            .map(|a| a.0)
            .collect()
    }

    #[test]
    fn calls_answer_in_the_order_they_were_handed_over_without_holding_a_frame() {
        let mut app = app();
        let (release, gate) = std::sync::mpsc::channel::<()>();
        let mut persistence = app.world_mut().resource_mut::<Persistence>();
        persistence.send("a slow call", move || {
            let _ = gate.recv();
            Answer(1)
        });
        persistence.send("a quick call", || Answer(2));
        // The first call is stuck: frames still run, nothing is answered, both are waiting.
        for _ in 0..5 {
            app.update();
        }
        let persistence = app.world().resource::<Persistence>();
        assert_eq!(persistence.oldest().map(|o| o.0), Some("a slow call"));
        assert!(!persistence.idle());
        release.send(()).expect("the call waits");
        assert_eq!(answers(&mut app), [1, 2]);
        assert!(app.world().resource::<Persistence>().idle());
    }

    #[test]
    fn a_call_that_panics_is_reported_and_the_next_still_runs() {
        let mut app = app();
        let mut persistence = app.world_mut().resource_mut::<Persistence>();
        persistence.send("a broken call", || -> Answer { panic!("a defect") });
        persistence.send("a good call", || Answer(3));
        assert_eq!(answers(&mut app), [3]);
        let failed: Vec<_> = app
            .world_mut()
            .resource_mut::<Messages<CallFailed>>()
            .drain()
            .map(|f| f.what)
            .collect();
        assert_eq!(failed, ["a broken call"]);
    }
}
