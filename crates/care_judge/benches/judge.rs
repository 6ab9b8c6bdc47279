//! Judging typed replies: the meaning judge (on two threads and on one) beside the keyword
//! judge, on every reply labelled for the shipped pack and on long replies made of them (as long
//! as each moment allows). Prints the model's load time and, per judge, the median and p95 time
//! to judge one reply, side by side in one run.
//!
//! `cargo bench -p care_judge --bench judge`

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

use care_engine::Scenario;
use care_engine::judge::{Judge, KeywordJudge};
use care_engine::labelled::{LabelledReplies, judge_at};
use care_engine::{LoadOptions, load_paths};
use care_judge::{MeaningJudge, SentenceModel};

/// Times each reply is judged by each judge.
const ROUNDS: usize = 5;

struct Reply {
    scenario: Arc<Scenario>,
    beat: String,
    text: String,
    long: bool,
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Good replies of a moment joined, sentence by sentence, into replies as long as `max_chars`.
fn long_replies(good: &[String], max_chars: usize) -> Vec<String> {
    let sentences: Vec<&str> = good.iter().flat_map(|r| r.split_inclusive(". ")).collect();
    let mut out = Vec::new();
    let mut reply = String::new();
    for s in sentences {
        if reply.chars().count() + s.chars().count() > max_chars {
            out.push(std::mem::take(&mut reply).trim_end().to_owned());
        }
        reply.push_str(s);
    }
    out
}

fn replies(folder: &std::path::Path, scenarios: &[Arc<Scenario>]) -> Vec<Reply> {
    let mut replies = Vec::new();
    for s in scenarios {
        let Ok((_, labelled)) = LabelledReplies::find(folder, s.id.as_str()) else {
            continue;
        };
        for m in labelled.moments {
            let max_chars = s
                .beats
                .iter()
                .find(|b| b.key == m.beat)
                .and_then(|b| b.typed.as_ref())
                .map_or(400, |t| t.max_chars as usize);
            // `{first}` becomes a longer name when judged; leave room for it.
            for text in long_replies(&m.good, max_chars - 40).into_iter().take(4) {
                replies.push(Reply {
                    scenario: s.clone(),
                    beat: m.beat.clone(),
                    text,
                    long: true,
                });
            }
            for text in m.good.into_iter().chain(m.poor) {
                replies.push(Reply {
                    scenario: s.clone(),
                    beat: m.beat.clone(),
                    text,
                    long: false,
                });
            }
        }
    }
    replies
}

/// Median and p95 over every reply, and over the long ones.
fn time(replies: &[Reply], judge: &dyn Judge) -> [Duration; 4] {
    // Examples are embedded once per process; do it before timing replies.
    for r in replies {
        let _ = judge_at(&r.scenario, &r.beat, 1, "warm-up", judge);
    }
    let mut all = Vec::new();
    let mut long = Vec::new();
    for _ in 0..ROUNDS {
        for r in replies {
            let t = Instant::now();
            let judged = judge_at(&r.scenario, &r.beat, 1, &r.text, judge).expect("judged");
            std::hint::black_box(judged);
            let took = t.elapsed();
            all.push(took);
            if r.long {
                long.push(took);
            }
        }
    }
    all.sort();
    long.sort();
    [
        percentile(&all, 0.5),
        percentile(&all, 0.95),
        percentile(&long, 0.5),
        percentile(&long, 0.95),
    ]
}

fn main() {
    let mut loads: Vec<Duration> = (0..5)
        .map(|_| {
            let t = Instant::now();
            let model = SentenceModel::load_embedded().expect("the built-in model loads");
            let took = t.elapsed();
            drop(model);
            took
        })
        .collect();
    loads.sort();
    println!(
        "model load (bytes to ready), median of 5: {:.0} ms",
        ms(loads[2])
    );

    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let scenarios: Vec<_> = load_paths(std::slice::from_ref(&folder), LoadOptions::default())
        .scenarios
        .into_iter()
        .map(|l| l.scenario)
        .collect();
    let replies = replies(&folder, &scenarios);
    let long = replies.iter().filter(|r| r.long).count();

    let two = MeaningJudge::new(SentenceModel::load_embedded().expect("loads"));
    let first = &replies[0];
    let t = Instant::now();
    judge_at(&first.scenario, &first.beat, 1, &first.text, &two).expect("judged");
    println!(
        "first reply of a fresh judge (embeds the rubric's examples too): {:.0} ms",
        ms(t.elapsed())
    );
    let one = MeaningJudge::new(
        SentenceModel::load_embedded()
            .expect("loads")
            .with_threads(1),
    );
    let rows: [(&str, &dyn Judge); 3] = [
        ("meaning, 2 threads", &two),
        ("meaning, 1 thread", &one),
        ("keywords", &KeywordJudge),
    ];
    println!(
        "{} replies ({} labelled, {long} long ones made of them), each judged {ROUNDS} times, \
         one at a time (including the run step):",
        replies.len(),
        replies.len() - long
    );
    println!("  judge                all: median      p95 | long: median      p95");
    let mut medians = Vec::new();
    for (name, judge) in rows {
        let [m50, m95, l50, l95] = time(&replies, judge);
        medians.push(m50);
        println!(
            "  {name:<20} {:>9.2} ms {:>6.2} ms | {:>9.2} ms {:>6.2} ms",
            ms(m50),
            ms(m95),
            ms(l50),
            ms(l95)
        );
    }
    println!(
        "  meaning (2 threads) / keywords: {:.0}× at the median; target: p95 under 50 ms, load \
         under 1 s",
        ms(medians[0]) / ms(medians[2]).max(1e-6)
    );
}
