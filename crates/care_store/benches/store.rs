//! Store benchmark: fills a store with demo data (10,000 employees × 100 attempts by default)
//! and prints median and p99 times for the manager's pages and for saving an attempt: on SQLite
//! with `synchronous = FULL` (the default, safe through a power cut) and `NORMAL` side by side,
//! and through the saver (what a frame pays to hand a result over, and until it is committed).
//!
//! `cargo bench -p care_store --bench store -- [--employees N] [--attempts M]
//!  [--database postgres://…] [--dir DIR]`. With `--dir`, a SQLite store already filled there
//! is reused, so repeated runs skip the fill.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]
#![allow(
    clippy::cast_possible_truncation,
    reason = "the counts, indices and percentiles of a test or benchmark are small"
)]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use care_engine::{LoadOptions, load_paths};
use care_store::demo::DemoPlan;
use care_store::{
    AttemptId, Backend, Durability, PendingSave, SaveEvent, Saver, Store, StoreLocation,
    TeamFilter, Timestamp, demo,
};
use rand::{RngExt, SeedableRng};

struct Options {
    employees: usize,
    attempts: usize,
    database: Option<String>,
    dir: Option<PathBuf>,
}

fn options() -> Options {
    let mut o = Options {
        employees: 10_000,
        attempts: 100,
        database: None,
        dir: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--employees" => {
                o.employees = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(o.employees)
            }
            "--attempts" => {
                o.attempts = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(o.attempts)
            }
            "--database" => o.database = args.next(),
            "--dir" => o.dir = args.next().map(PathBuf::from),
            _ => {} // cargo bench passes --bench
        }
    }
    o
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[i.min(samples.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let o = options();
    let scenarios_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let scenarios: Vec<_> = load_paths(&[scenarios_dir], LoadOptions::default())
        .scenarios
        .into_iter()
        .map(|l| l.scenario)
        .collect();
    let _tmp;
    let location = match (&o.database, &o.dir) {
        (Some(url), _) => StoreLocation::Postgres(url.clone()),
        (None, Some(dir)) => StoreLocation::in_dir(dir),
        (None, None) => {
            _tmp = tempfile::tempdir().expect("temp dir");
            StoreLocation::in_dir(_tmp.path())
        }
    };
    let store = Store::open(&location).expect("open the store");
    let have = store.employees().expect("employees").len();
    if have < o.employees {
        eprintln!(
            "filling {location} with {} employees × {} attempts…",
            o.employees - have,
            o.attempts
        );
        let started = Instant::now();
        let plan = DemoPlan {
            employees: o.employees - have,
            attempts_per_employee: o.attempts,
            seed: 11,
        };
        let mut last = Instant::now();
        store
            .fill_demo(&scenarios, &plan, &mut |done, total| {
                if last.elapsed() > Duration::from_secs(10) {
                    eprintln!(
                        "  {done}/{total} attempts ({:.0} s)",
                        started.elapsed().as_secs_f64()
                    );
                    last = Instant::now();
                }
            })
            .expect("fill");
        eprintln!("filled in {:.0} s", started.elapsed().as_secs_f64());
    }
    let manager = match store.manager_lock().expect("lock") {
        care_store::ManagerLock::NotSet => store
            .set_manager_passphrase("bench passphrase")
            .expect("set"),
        _ => store.unlock_manager("bench passphrase").expect("unlock"),
    };

    let mut overview = Vec::new();
    let mut rows = 0;
    for _ in 0..15 {
        let t = Instant::now();
        rows = manager
            .team_overview(&TeamFilter::default())
            .expect("overview")
            .len();
        overview.push(t.elapsed());
    }

    let employees = store.employees().expect("employees");
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(3);
    let mut page = Vec::new();
    for _ in 0..300 {
        let e = &employees[rng.random_range(0..employees.len())];
        let t = Instant::now();
        let p = manager.employee_page(e.id).expect("page");
        page.push(t.elapsed());
        assert!(p.attempts.len() <= o.attempts + 1000);
    }

    let scenario = &scenarios[0];
    let mut new_attempt = |i: u64| {
        let e = &employees[rng.random_range(0..employees.len())];
        let (transcript, card) = loop {
            if let Some(played) = demo::play_at_skill(scenario, i, 0.7, &mut rng) {
                break played;
            }
        };
        care_store::NewAttempt::finished(
            AttemptId::new(),
            e.id,
            scenario,
            Timestamp::now(),
            Timestamp::now(),
            transcript,
            card,
        )
    };
    // The same store opened a second time with NORMAL sync; saves alternate between the two so
    // both see the same disk and the same moment's load.
    let normal = (store.backend() == Backend::Sqlite).then(|| {
        Store::open_with_durability(&location, Durability::Normal).expect("open with NORMAL")
    });
    let mut save = Vec::new();
    let mut save_normal = Vec::new();
    for i in 0..2_000u64 {
        let a = new_attempt(i);
        let (target, samples) = match (&normal, i % 2) {
            (Some(n), 1) => (n, &mut save_normal),
            _ => (&store, &mut save),
        };
        let view = target.trainee(a.employee).expect("trainee");
        let t = Instant::now();
        view.record_attempt(&a).expect("save");
        samples.push(t.elapsed());
    }
    drop(normal);

    // Through the saver, as the game saves: what the frame pays (journal write and sync) and
    // how long until the database has it.
    let journal = tempfile::tempdir().expect("journal dir");
    let saver = Saver::start(store.clone(), journal.path().join("pending")).expect("saver");
    let mut hand_over = Vec::new();
    let mut committed = Vec::new();
    for i in 0..300u64 {
        let a = new_attempt(10_000 + i);
        let t = Instant::now();
        saver.submit(PendingSave::Attempt(a)).expect("submit");
        hand_over.push(t.elapsed());
        'wait: loop {
            for e in saver.poll() {
                match e {
                    SaveEvent::Saved { .. } => break 'wait,
                    SaveEvent::Waiting { reason, .. } => panic!("not saved: {reason}"),
                    _ => {}
                }
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        committed.push(t.elapsed());
    }
    drop(saver);

    println!(
        "store benchmark: {:?} backend, {rows} employees, {} attempts each",
        store.backend(),
        o.attempts
    );
    println!(
        "  team overview     median {:>10}   max {:>10}   (target < 100 ms)",
        ms(percentile(&mut overview, 0.5)),
        ms(percentile(&mut overview, 1.0))
    );
    println!(
        "  employee page     median {:>10}   p99 {:>10}   (target < 10 ms)",
        ms(percentile(&mut page, 0.5)),
        ms(percentile(&mut page, 0.99))
    );
    let sync = if store.backend() == Backend::Sqlite {
        " (synchronous = FULL)"
    } else {
        ""
    };
    println!(
        "  save an attempt   median {:>10}   p99 {:>10}   (target p99 < 5 ms){sync}",
        ms(percentile(&mut save, 0.5)),
        ms(percentile(&mut save, 0.99))
    );
    if !save_normal.is_empty() {
        println!(
            "  same, NORMAL      median {:>10}   p99 {:>10}   (synchronous = NORMAL)",
            ms(percentile(&mut save_normal, 0.5)),
            ms(percentile(&mut save_normal, 0.99))
        );
    }
    println!(
        "  saver hand-over   median {:>10}   p99 {:>10}   (journal write + sync, on the frame)",
        ms(percentile(&mut hand_over, 0.5)),
        ms(percentile(&mut hand_over, 0.99))
    );
    println!(
        "  saver committed   median {:>10}   p99 {:>10}   (hand-over until the database has it)",
        ms(percentile(&mut committed, 0.5)),
        ms(percentile(&mut committed, 0.99))
    );
}
