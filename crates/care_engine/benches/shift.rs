//! Rush hour at scale: a shift of 50 customers (the shipped scenarios, arriving over five
//! minutes) played frame by frame at 60 frames per second. Each frame does what the game does:
//! move the clock, read the queue, and every 12 s answer the most pressing customer. Prints the
//! frame's engine time as median, p99 and worst. Target: under 1 ms.
//!
//! `cargo bench -p care_engine --bench shift`

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
use std::sync::Arc;
use std::time::{Duration, Instant};

use care_engine::clock::SimTime;
use care_engine::load::{LoadOptions, load_paths};
use care_engine::run::Input;
use care_engine::shift::model::{Arrival, ShiftCustomer};
use care_engine::shift::{Priority, Shift, ShiftRun};

const CUSTOMERS: usize = 50;
const FRAME_US: u64 = 16_667;
const ANSWER_EVERY_MS: u64 = 12_000;

fn shift() -> Arc<Shift> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let scenarios: Vec<_> = load_paths(&[root], LoadOptions::default())
        .scenarios
        .into_iter()
        .map(|l| l.scenario)
        .collect();
    let customers = (0..CUSTOMERS)
        .map(|i| {
            let scenario = Arc::clone(&scenarios[i % scenarios.len()]);
            ShiftCustomer {
                priority: if scenario.channel.is_public() {
                    Priority::Public
                } else {
                    Priority::Routine
                },
                label: format!("customer {i}"),
                arrives: Arrival::Between(0, 300_000),
                scenario,
            }
        })
        .collect();
    Arc::new(Shift {
        id: "bench".into(),
        title: "Bench".into(),
        summary: String::new(),
        lesson: String::new(),
        starts: SimTime(0),
        seed: 1,
        customers,
        pass_mark: 60,
        triage: Default::default(),
        content_hash: String::new(),
    })
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let shift = shift();
    let mut all = Vec::new();
    for round in 0..3 {
        let (mut run, _) = ShiftRun::start(Arc::clone(&shift), 7 + round);
        let mut frame_ms_x1000: u64 = 0;
        let mut next_answer = ANSWER_EVERY_MS;
        let mut frames = Vec::new();
        while !run.is_finished() {
            frame_ms_x1000 += FRAME_US;
            let now_ms = frame_ms_x1000 / 1000;
            let t = Instant::now();
            run.advance_to(now_ms);
            let waiting = run.waiting();
            if now_ms >= next_answer {
                next_answer += ANSWER_EVERY_MS;
                if let Some(w) = waiting.iter().max_by_key(|w| (w.priority, w.waited_ms)) {
                    let _ = run.answer(w.customer, Input::Choice(0));
                }
            }
            std::hint::black_box(&waiting);
            frames.push(t.elapsed());
        }
        frames.sort();
        println!(
            "round {}: {} frames ({:.0} s of play), median {:.1} µs, p99 {:.1} µs, worst {:.1} µs",
            round + 1,
            frames.len(),
            frame_ms_x1000 as f64 / 1e6,
            percentile(&frames, 0.5).as_secs_f64() * 1e6,
            percentile(&frames, 0.99).as_secs_f64() * 1e6,
            frames.last().copied().unwrap_or_default().as_secs_f64() * 1e6,
        );
        all.extend(frames);
    }
    all.sort();
    println!(
        "all rounds: median {:.1} µs, p99 {:.1} µs, worst {:.1} µs (target: under 1000 µs per frame)",
        percentile(&all, 0.5).as_secs_f64() * 1e6,
        percentile(&all, 0.99).as_secs_f64() * 1e6,
        all.last().copied().unwrap_or_default().as_secs_f64() * 1e6,
    );
}
