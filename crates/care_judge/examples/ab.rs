//! Scratch (temporary): old padded batches vs new packed runs, CPU time, interleaved.
#![allow(dead_code)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]
#![allow(
    clippy::cast_possible_truncation,
    reason = "the counts, indices and percentiles of a test or benchmark are small"
)]

use care_engine::labelled::LabelledReplies;
use care_engine::{LoadOptions, load_paths};
pub use care_judge::ModelError;
use std::path::PathBuf;
#[path = "/tmp/e-old-fold.rs"]
mod fold;
#[path = "/tmp/e-old-model.rs"]
mod old;

fn oncpu() -> f64 {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap();
    s.split_whitespace().next().unwrap().parse::<u64>().unwrap() as f64 / 1e6
}

fn main() {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let scenarios: Vec<_> = load_paths(std::slice::from_ref(&folder), LoadOptions::default())
        .scenarios
        .into_iter()
        .map(|l| l.scenario)
        .collect();
    let old = old::SentenceModel::load_embedded().unwrap();
    let new = care_judge::SentenceModel::load_embedded()
        .unwrap()
        .with_threads(1);
    let mut replies = vec![];
    for s in &scenarios {
        if let Ok((_, labelled)) = LabelledReplies::find(&folder, &s.id) {
            for m in labelled.moments {
                for r in m.good.into_iter().chain(m.poor) {
                    replies.push(r.replace("{first}", "Yuki"));
                }
            }
        }
    }
    let (mut so, mut sn) = (0.0, 0.0);
    let mut rows = vec![];
    let mut worst = 1f32;
    for r in &replies {
        let parts = care_judge::clauses(r);
        let texts: Vec<&str> = parts.iter().map(|c| c.text.as_str()).collect();
        let toks: usize = texts.iter().map(|t| new.token_count(t).unwrap()).sum();
        let mut bo = f64::MAX;
        let mut bn = f64::MAX;
        for _ in 0..3 {
            let c = oncpu();
            let a = old.embed_many(&texts).unwrap();
            bo = bo.min(oncpu() - c);
            let c = oncpu();
            let b = new.embed_many(&texts).unwrap();
            bn = bn.min(oncpu() - c);
            for (x, y) in a.iter().zip(&b) {
                worst = worst.min(x.0.iter().zip(&y.0).map(|(p, q)| p * q).sum());
            }
        }
        so += bo;
        sn += bn;
        rows.push((toks, texts.len(), bo, bn));
    }
    rows.sort_by_key(|r| r.0);
    for (t, n, o, nn) in rows.iter().rev().take(12) {
        println!("tokens {t:4} clauses {n:3}: old cpu {o:6.1}  new cpu {nn:6.1}");
    }
    let mut o: Vec<f64> = rows.iter().map(|r| r.2).collect();
    o.sort_by(f64::total_cmp);
    let mut n: Vec<f64> = rows.iter().map(|r| r.3).collect();
    n.sort_by(f64::total_cmp);
    let p = |v: &Vec<f64>, q: f64| v[((v.len() as f64 - 1.0) * q).round() as usize];
    println!(
        "sum old {so:.0} new {sn:.0}; old med {:.1} p95 {:.1}; new med {:.1} p95 {:.1}; worst cosine old vs new {worst:.7}",
        p(&o, 0.5),
        p(&o, 0.95),
        p(&n, 0.5),
        p(&n, 0.95)
    );
}
