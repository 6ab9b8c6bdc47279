//! Timing of SentenceModel: load, then embed one at a time and batched (plain std timing).
//!
//! Run with `cargo bench -p care_judge`. `embed` runs on one thread; `embed_many` shares a long
//! list between two where the computer has two cores.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]
#![allow(
    clippy::cast_possible_truncation,
    reason = "the counts, indices and percentiles of a test or benchmark are small"
)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use care_judge::SentenceModel;

const SHORT: &str = "Sorry about this";
const CLAUSE: &str = "I am really sorry, let me check your order status now.";
const REPLY: &str = "Thank you for waiting. I have looked into your account and I can see that \
    the parcel was sent to your old address, so I have arranged a replacement for you at no \
    extra cost.";
const LONG: &str = "I completely understand how frustrating this must be, and I am sorry that it \
    has taken so long. I have checked the tracking details and the courier lost the parcel at \
    their depot on Monday. I have already ordered a replacement, which will be sent by express \
    delivery at no charge, and I have added a refund of the original shipping fee to your \
    account. You should see it within five working days. Is there anything else for you?";

/// Texts in one batch.
const BATCH: usize = 16;

fn main() -> Result<(), care_judge::ModelError> {
    let mut loads = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        black_box(SentenceModel::load_embedded()?);
        loads.push(start.elapsed());
    }
    println!(
        "load_embedded (bytes -> ready model): median {}",
        ms(median(&mut loads))
    );

    let model = SentenceModel::load_embedded()?;
    println!(
        "{:>7} | {:>22} | {:>34}",
        "tokens", "embed: median / p95", "embed_many x16: per text med / p95"
    );
    for text in [SHORT, CLAUSE, REPLY, LONG] {
        let tokens = model.token_count(text)?;
        let iterations = if tokens > 60 { 30 } else { 60 };
        for _ in 0..5 {
            black_box(model.embed(text)?);
        }
        let mut single = Vec::new();
        for _ in 0..iterations {
            let start = Instant::now();
            black_box(model.embed(black_box(text))?);
            single.push(start.elapsed());
        }
        let batch = vec![text; BATCH];
        black_box(model.embed_many(&batch)?);
        let mut batched = Vec::new();
        for _ in 0..(iterations / 4).max(5) {
            let start = Instant::now();
            black_box(model.embed_many(black_box(&batch))?);
            batched.push(start.elapsed() / BATCH as u32);
        }
        println!(
            "{tokens:>7} | {:>10} / {:>9} | {:>18} / {:>13}",
            ms(median(&mut single)),
            ms(p95(&mut single)),
            ms(median(&mut batched)),
            ms(p95(&mut batched)),
        );
    }

    // A realistic mix: one reply split into clauses of different lengths.
    let mix = [SHORT, CLAUSE, REPLY, LONG, CLAUSE, SHORT, REPLY, CLAUSE];
    let mut one_by_one = Vec::new();
    let mut together = Vec::new();
    for _ in 0..10 {
        let start = Instant::now();
        for text in mix {
            black_box(model.embed(text)?);
        }
        one_by_one.push(start.elapsed());
        let start = Instant::now();
        black_box(model.embed_many(&mix)?);
        together.push(start.elapsed());
    }
    println!(
        "mixed 8 texts (5-90 tokens): embed x8 median {}, embed_many median {}",
        ms(median(&mut one_by_one)),
        ms(median(&mut together)),
    );
    Ok(())
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn p95(times: &mut [Duration]) -> Duration {
    times.sort();
    times[((times.len() * 95).div_ceil(100)).saturating_sub(1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}
