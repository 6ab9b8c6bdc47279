//! Texts embedded together (end to end in one run, shared between threads) against the network
//! exactly as exported, run on one text at a time: the same embeddings for a varied set.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use std::path::PathBuf;
use std::sync::OnceLock;

use care_judge::{DIMENSIONS, MAX_TOKENS, SentenceModel, clauses};
use tokenizers::{Tokenizer, TruncationParams};
use tract_onnx::prelude::*;

fn model_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("model")
}

/// Clauses of real replies (short and long, repeated), an empty text, one word, and a text past
/// the token limit: more tokens together than one run takes, so several runs and two threads.
fn texts() -> Vec<String> {
    let replies = [
        "Hi Yuki, finishing a trip with your boot held together by tape sounds miserable, and the \
         last thing you needed after that was our website telling you you're too late. That's on \
         us. The soles in that batch weren't glued properly, so this was never wear and tear, and \
         nothing you did caused it. I'm sending you a new pair today by tracked courier, with a \
         prepaid label so you can send the old ones back whenever suits you.",
        "Dear valued customer, thank you for your email. As stated in our returns policy, items \
         can only be returned within 30 days of purchase. Unfortunately your order falls outside \
         this period, so we are unable to offer a refund.",
        "AS PER OUR TERMS, REFUNDS ARE ONLY POSSIBLE WITHIN 30 DAYS OF PURCHASE. SORRY.",
        "hi, it's not your fault; i've sent a new one (tracked) — sorry!",
    ];
    let mut texts: Vec<String> = replies
        .iter()
        .flat_map(|r| clauses(r).into_iter().map(|c| c.text))
        .collect();
    texts.push(replies[0].to_owned());
    texts.push(String::new());
    texts.push("Sorry".to_owned());
    texts.push("I have checked the tracking details and the courier lost the parcel. ".repeat(30));
    texts.push(texts[1].clone());
    texts
}

/// The network as exported, one text per run, with the padding mask it was exported with.
fn reference(texts: &[String]) -> Vec<Vec<f32>> {
    let onnx = std::fs::read(model_dir().join("model.onnx")).expect("model file");
    let plan = tract_onnx::onnx()
        .model_for_read(&mut &*onnx)
        .and_then(|m| m.into_optimized())
        .and_then(|m| m.into_runnable())
        .expect("the exported network runs as it is");
    let mut tokenizer =
        Tokenizer::from_file(model_dir().join("tokenizer.json")).expect("tokenizer");
    tokenizer.with_padding(None);
    tokenizer
        .with_truncation(Some(TruncationParams {
            max_length: MAX_TOKENS,
            ..TruncationParams::default()
        }))
        .expect("truncation");
    texts
        .iter()
        .map(|text| {
            let encoding = tokenizer.encode_fast(text.as_str(), true).expect("encodes");
            let ids: Vec<i64> = encoding.get_ids().iter().map(|&i| i64::from(i)).collect();
            let shape = [1, ids.len()];
            let outputs = plan
                .run(tvec!(
                    Tensor::from_shape(&shape, &ids).expect("ids").into(),
                    Tensor::from_shape(&shape, &vec![1i64; ids.len()])
                        .expect("mask")
                        .into(),
                    Tensor::zero::<i64>(&shape).expect("types").into(),
                ))
                .expect("runs");
            let hidden = outputs[0].try_as_plain_ram().expect("plain");
            let hidden = hidden.as_slice::<f32>().expect("f32");
            let mut sum = vec![0f32; DIMENSIONS];
            for token in hidden.chunks_exact(DIMENSIONS) {
                sum.iter_mut().zip(token).for_each(|(s, h)| *s += h);
            }
            let norm = sum.iter().map(|s| s * s).sum::<f32>().sqrt();
            sum.iter().map(|s| s / norm).collect()
        })
        .collect()
}

fn expected() -> &'static (Vec<String>, Vec<Vec<f32>>) {
    static EXPECTED: OnceLock<(Vec<String>, Vec<Vec<f32>>)> = OnceLock::new();
    EXPECTED.get_or_init(|| {
        let texts = texts();
        let reference = reference(&texts);
        (texts, reference)
    })
}

fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn assert_same(how: &str, got: &[care_judge::Embedding]) {
    let (texts, reference) = expected();
    assert_eq!(got.len(), texts.len(), "{how}");
    for ((text, want), got) in texts.iter().zip(reference).zip(got) {
        let c = cosine(want, &got.0);
        assert!(c > 1.0 - 1e-5, "{how}: cosine {c} for {text:?}");
    }
}

#[test]
fn the_set_needs_several_runs() {
    let model = SentenceModel::load_embedded().expect("loads");
    let (texts, _) = expected();
    let tokens: usize = texts
        .iter()
        .map(|t| model.token_count(t).expect("tokenises"))
        .sum();
    assert!(tokens > 2 * MAX_TOKENS, "{tokens} tokens");
}

#[test]
fn texts_embedded_together_on_one_thread_equal_the_network_run_alone() {
    let model = SentenceModel::load_embedded()
        .expect("loads")
        .with_threads(1);
    let (texts, _) = expected();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    assert_same("one thread", &model.embed_many(&refs).expect("embeds"));
}

#[test]
fn texts_shared_between_two_threads_equal_the_network_run_alone() {
    let model = SentenceModel::load_embedded()
        .expect("loads")
        .with_threads(2);
    let (texts, _) = expected();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    assert_same("two threads", &model.embed_many(&refs).expect("embeds"));
}

#[test]
fn each_text_alone_equals_the_network_run_alone() {
    let model = SentenceModel::load_embedded().expect("loads");
    let (texts, _) = expected();
    let alone: Vec<_> = texts
        .iter()
        .map(|t| model.embed(t).expect("embeds"))
        .collect();
    assert_same("alone", &alone);
}
