//! Engine benchmark on synthetic scenarios: bare RON parsing against load + validate, linting
//! (score-range exploration) per scenario, and scoring one finished run.
//!
//! `cargo bench -p care_engine --bench engine`. Plain `Instant` timing, medians of several rounds
//! after a warm-up; targets: load + validate within 1.5x bare parsing, a score under 50 µs.

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use care_engine::load::{LoadOptions, load_bytes, ron_options};
use care_engine::raw::RawScenario;
use care_engine::run::{Input, ScenarioRun};
use care_engine::scoring::score;
use care_engine::synth;

const SCENARIOS: usize = 1000;
const BEATS: usize = 50;
const LINTED: usize = 100;
const ROUNDS: usize = 11;
const SCORE_ITERS: u32 = 2000;

/// Median of `ROUNDS` timings of `f`, after one warm-up call.
fn median(mut f: impl FnMut()) -> Duration {
    f();
    let mut times: Vec<Duration> = (0..ROUNDS)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[ROUNDS / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn machine() {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".to_owned());
    println!("machine: {cpus} CPUs (nproc), {model}");
}

fn main() {
    machine();
    let t = Instant::now();
    let texts: Vec<String> = (0..SCENARIOS as u64)
        .map(|seed| synth::to_ron(&synth::scenario(seed, BEATS)))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    println!(
        "generated {SCENARIOS} scenarios of {BEATS} beats ({:.1} MiB of RON, {:.0} KiB each) in {:.0} ms",
        bytes as f64 / (1024.0 * 1024.0),
        bytes as f64 / 1024.0 / SCENARIOS as f64,
        ms(t.elapsed())
    );
    for (i, text) in texts.iter().enumerate() {
        let out = load_bytes("synthetic", text.as_bytes(), LoadOptions { lint: false });
        assert!(
            out.diagnostics.is_empty() && out.scenario.is_some(),
            "synthetic scenario {i} does not load"
        );
    }

    let parse = median(|| {
        for text in &texts {
            let raw: RawScenario = ron_options().from_str(text).expect("synthetic RON parses");
            black_box(raw);
        }
    });
    let load = median(|| {
        for text in &texts {
            black_box(load_bytes(
                "synthetic",
                text.as_bytes(),
                LoadOptions { lint: false },
            ));
        }
    });
    let per = |d: Duration, n: usize| d.as_secs_f64() * 1e6 / n as f64;
    println!(
        "(a) bare parse        {SCENARIOS} scenarios: median {:8.1} ms ({:7.1} µs/scenario)",
        ms(parse),
        per(parse, SCENARIOS)
    );
    println!(
        "(b) load + validate   {SCENARIOS} scenarios: median {:8.1} ms ({:7.1} µs/scenario)",
        ms(load),
        per(load, SCENARIOS)
    );
    let ratio = load.as_secs_f64() / parse.as_secs_f64();
    println!(
        "    ratio (b)/(a) = {ratio:.2}x  (target: within 1.5x) {}",
        if ratio <= 1.5 { "OK" } else { "MISSED" }
    );

    let lint = median(|| {
        for text in &texts[..LINTED] {
            black_box(load_bytes(
                "synthetic",
                text.as_bytes(),
                LoadOptions { lint: true },
            ));
        }
    });
    println!(
        "(c) load + lint       {LINTED} scenarios: median {:8.1} ms ({:7.2} ms/scenario)",
        ms(lint),
        ms(lint) / LINTED as f64
    );

    // A typical finished run: the first choice on time everywhere, so it goes mostly forward.
    let scenario = Arc::new(
        load_bytes(
            "synthetic",
            texts[0].as_bytes(),
            LoadOptions { lint: false },
        )
        .scenario
        .expect("synthetic scenario 0 loads"),
    );
    let (mut run, _) = ScenarioRun::start(Arc::clone(&scenario), 1);
    while let Some(b) = run.current_beat() {
        let after = u64::from(scenario.beat(b).target_secs) * 1000;
        let input = if run.choices_offered() > 0 {
            Input::Choice(0)
        } else {
            Input::Timeout
        };
        run.answer(input, after)
            .expect("an offered choice or a timeout is always taken");
    }
    let transcript = run.into_transcript();
    let scoring = median(|| {
        for _ in 0..SCORE_ITERS {
            black_box(score(black_box(&scenario.scoring), black_box(&transcript)));
        }
    });
    let per_score = scoring.as_secs_f64() * 1e6 / f64::from(SCORE_ITERS);
    println!(
        "(d) score one run ({} answers, {} moments, {} marks): median {per_score:.2} µs/score (target: under 50 µs) {}",
        transcript.answers.len(),
        transcript.moments.len(),
        transcript.marks.len(),
        if per_score < 50.0 { "OK" } else { "MISSED" }
    );
}
