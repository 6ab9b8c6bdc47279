//! Engine benchmark on synthetic scenarios: bare RON parsing against load + validate, linting
//! (score-range exploration) per scenario, and scoring one finished run.
//!
//! `cargo bench -p care_engine --bench engine`. Plain `Instant` timing, medians of several rounds
//! after a warm-up; targets: load + validate within 1.5x bare parsing, a score under 50 µs.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use care_engine::analyze::exemplary_reply;
use care_engine::load::{LoadOptions, load_bytes, ron_options};
use care_engine::model::Scenario;
use care_engine::raw::RawScenario;
use care_engine::run::{Input, ScenarioRun, Transcript};
use care_engine::scoring::score;
use care_engine::synth;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

const SCENARIOS: usize = 1000;
const BEATS: usize = 50;
/// Scenarios linted in (c); `CARE_BENCH_LINTED` overrides it.
const LINTED: usize = 10;
const LINT_ROUNDS: usize = 3;
const ROUNDS: usize = 11;
const SCORE_ITERS: u32 = 2000;

fn time(f: impl FnOnce()) -> Duration {
    let t = Instant::now();
    f();
    t.elapsed()
}

fn middle(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// Median of `ROUNDS` timings of `f`, after one warm-up call.
fn median(mut f: impl FnMut()) -> Duration {
    f();
    let mut times: Vec<Duration> = (0..ROUNDS).map(|_| time(&mut f)).collect();
    middle(&mut times)
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

/// A finished run like a trainee's: mostly choices, some typed replies and timeouts, at varied
/// speeds, ending at one of the scenario's endings after 15 to 60 answers.
fn typical_run(scenario: &Arc<Scenario>) -> Transcript {
    for seed in 0..1000 {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let (mut run, _) = ScenarioRun::start(Arc::clone(scenario), seed);
        while let Some(b) = run.current_beat() {
            if run.transcript().answers.len() >= 60 {
                break;
            }
            let beat = scenario.beat(b);
            let after = rng.random_range(1000..=u64::from(beat.wait_secs) * 1000);
            let input = match (run.choices_offered(), &beat.typed) {
                (_, Some(t)) if rng.random_bool(0.3) => {
                    let reply = exemplary_reply(scenario.rubric(t.rubric), run.persona());
                    Input::Typed(reply.chars().take(t.max_chars as usize).collect())
                }
                (0, _) => Input::Timeout,
                (n, _) if rng.random_bool(0.9) => Input::Choice(rng.random_range(0..n)),
                _ => Input::Timeout,
            };
            run.answer(input, after)
                .expect("offered choices, fitting replies and timeouts are taken");
        }
        if run.is_finished() && run.transcript().answers.len() >= 15 {
            return run.into_transcript();
        }
    }
    panic!("no typical run of scenario {} found", scenario.id);
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
        let out = load_bytes("synthetic", text.as_bytes(), LoadOptions::default());
        assert!(
            out.diagnostics.is_empty() && out.scenario.is_some(),
            "synthetic scenario {i} does not load"
        );
    }

    // (a) and (b) alternate round by round so that load on the machine hits both alike; the
    // ratio is the median of the per-round ratios.
    let parse_all = || {
        for text in &texts {
            let raw: RawScenario = ron_options().from_str(text).expect("synthetic RON parses");
            black_box(raw);
        }
    };
    let load_all = || {
        for text in &texts {
            black_box(load_bytes(
                "synthetic",
                text.as_bytes(),
                LoadOptions::default(),
            ));
        }
    };
    parse_all();
    load_all();
    let mut parse_times = Vec::with_capacity(ROUNDS);
    let mut load_times = Vec::with_capacity(ROUNDS);
    let mut ratios = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        let parse = time(parse_all);
        let load = time(load_all);
        ratios.push(load.as_secs_f64() / parse.as_secs_f64());
        parse_times.push(parse);
        load_times.push(load);
    }
    let (parse, load) = (middle(&mut parse_times), middle(&mut load_times));
    ratios.sort_by(f64::total_cmp);
    let ratio = ratios[ROUNDS / 2];
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
    println!(
        "    ratio (b)/(a) = {ratio:.2}x median of {ROUNDS} rounds (range {:.2}x to {:.2}x; target: within 1.5x) {}",
        ratios[0],
        ratios[ROUNDS - 1],
        if ratio <= 1.5 { "OK" } else { "MISSED" }
    );

    // Linting explores up to LINT_PATH_LIMIT paths per scenario and takes seconds on these
    // graphs, so (c) times each of the first few scenarios over a few rounds instead.
    let linted: usize = std::env::var("CARE_BENCH_LINTED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(LINTED);
    let mut per_scenario: Vec<Duration> = texts[..linted.min(SCENARIOS)]
        .iter()
        .map(|text| {
            let mut rounds: Vec<Duration> = (0..LINT_ROUNDS)
                .map(|_| {
                    let t = Instant::now();
                    black_box(load_bytes(
                        "synthetic",
                        text.as_bytes(),
                        LoadOptions::linted(),
                    ));
                    t.elapsed()
                })
                .collect();
            rounds.sort();
            rounds[LINT_ROUNDS / 2]
        })
        .collect();
    per_scenario.sort();
    if let (Some(min), Some(max)) = (per_scenario.first(), per_scenario.last()) {
        let total: Duration = per_scenario.iter().sum();
        println!(
            "(c) load + lint       {} scenarios, median of {LINT_ROUNDS} rounds each: {:8.1} ms/scenario median (min {:.1} ms, max {:.1} ms, mean {:.1} ms)",
            per_scenario.len(),
            ms(per_scenario[per_scenario.len() / 2]),
            ms(*min),
            ms(*max),
            ms(total) / per_scenario.len() as f64
        );
    }

    let scenario = Arc::new(
        load_bytes("synthetic", texts[0].as_bytes(), LoadOptions::default())
            .scenario
            .expect("synthetic scenario 0 loads"),
    );
    let transcript = typical_run(&scenario);
    let scoring = median(|| {
        for _ in 0..SCORE_ITERS {
            black_box(score(black_box(&scenario.scoring), black_box(&transcript)));
        }
    });
    let per_score = scoring.as_secs_f64() * 1e6 / f64::from(SCORE_ITERS);
    println!(
        "(d) score one finished run ({} answers, {} moments, {} marks): median {per_score:.2} µs/score (target: under 50 µs) {}",
        transcript.answers.len(),
        transcript.moments.len(),
        transcript.marks.len(),
        if per_score < 50.0 { "OK" } else { "MISSED" }
    );
}
