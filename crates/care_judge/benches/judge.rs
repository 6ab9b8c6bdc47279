//! Judging typed replies: the meaning judge beside the keyword judge, on every reply labelled for
//! the shipped pack. Prints the model's load time and, per judge, the median and p95 time to
//! judge one reply, side by side in one run.
//!
//! `cargo bench -p care_judge --bench judge`

use std::path::PathBuf;
use std::time::{Duration, Instant};

use care_engine::judge::{Judge, KeywordJudge};
use care_engine::labelled::{LabelledReplies, judge_at};
use care_engine::{LoadOptions, load_paths};
use care_judge::{MeaningJudge, SentenceModel};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
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
    let meaning = MeaningJudge::embedded().expect("the built-in model loads");
    let mut replies = Vec::new();
    for s in &scenarios {
        if let Ok((_, labelled)) = LabelledReplies::find(&folder, &s.id) {
            for m in labelled.moments {
                // Examples are embedded once per process; do it before timing replies.
                let _ = judge_at(s, &m.beat, 1, "warm-up", &meaning);
                for r in m.good.into_iter().chain(m.poor) {
                    replies.push((s.clone(), m.beat.clone(), r));
                }
            }
        }
    }
    let time = |judge: &dyn Judge| {
        let mut times: Vec<Duration> = replies
            .iter()
            .map(|(s, beat, reply)| {
                let t = Instant::now();
                let judged = judge_at(s, beat, 1, reply, judge).expect("judged");
                std::hint::black_box(judged);
                t.elapsed()
            })
            .collect();
        times.sort();
        (percentile(&times, 0.5), percentile(&times, 0.95))
    };
    let (m50, m95) = time(&meaning);
    let (k50, k95) = time(&KeywordJudge);
    println!(
        "{} labelled replies, judged one at a time (including the run step):",
        replies.len()
    );
    println!("  judge     median    p95");
    println!("  meaning   {:>6.1} ms {:>6.1} ms", ms(m50), ms(m95));
    println!("  keywords  {:>6.2} ms {:>6.2} ms", ms(k50), ms(k95));
    println!(
        "  meaning / keywords: {:.0}× at the median; target: p95 under 50 ms, load under 1 s",
        ms(m50) / ms(k50).max(1e-6)
    );
}
