//! Scratch profile (temporary).

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
use std::time::Instant;

use care_engine::labelled::{LabelledReplies, judge_at};
use care_engine::{LoadOptions, load_paths};
use care_judge::{SentenceModel, clauses};

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
    let one = SentenceModel::load_embedded().unwrap().with_threads(1);
    let two = SentenceModel::load_embedded().unwrap().with_threads(2);
    let _ = judge_at;
    let mut rows = Vec::new();
    for s in &scenarios {
        if let Ok((_, labelled)) = LabelledReplies::find(&folder, s.id.as_str()) {
            for m in labelled.moments {
                for r in m.good.into_iter().chain(m.poor) {
                    let r = r.replace("{first}", "Yuki");
                    let parts = clauses(&r);
                    let texts: Vec<&str> = parts.iter().map(|c| c.text.as_str()).collect();
                    let toks: usize = texts.iter().map(|t| one.token_count(t).unwrap()).sum();
                    let c = oncpu();
                    let t = Instant::now();
                    let a = one.embed_many(&texts).unwrap();
                    let one_ms = t.elapsed().as_secs_f64() * 1e3;
                    let one_cpu = oncpu() - c;
                    let t = Instant::now();
                    let b = two.embed_many(&texts).unwrap();
                    let two_ms = t.elapsed().as_secs_f64() * 1e3;
                    let worst = a
                        .iter()
                        .zip(&b)
                        .map(|(x, y)| x.cosine(y))
                        .fold(1f32, f32::min);
                    rows.push((one_ms, one_cpu, two_ms, texts.len(), toks, worst));
                }
            }
        }
    }
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (o, c, t, n, k, w) in &rows {
        println!("one {o:6.1} (cpu {c:6.1})  two {t:6.1}  clauses {n:3} tokens {k:4}  cos {w:.6}");
    }
    let p = |v: &mut Vec<f64>, q: f64| {
        v.sort_by(f64::total_cmp);
        v[((v.len() as f64 - 1.0) * q).round() as usize]
    };
    let mut o: Vec<f64> = rows.iter().map(|r| r.0).collect();
    let mut c: Vec<f64> = rows.iter().map(|r| r.1).collect();
    let mut t: Vec<f64> = rows.iter().map(|r| r.2).collect();
    println!(
        "one: med {:.1} p95 {:.1}; cpu med {:.1} p95 {:.1}; two: med {:.1} p95 {:.1}",
        p(&mut o, 0.5),
        p(&mut o, 0.95),
        p(&mut c, 0.5),
        p(&mut c, 0.95),
        p(&mut t, 0.5),
        p(&mut t, 0.95)
    );
}
