//! SentenceModel end to end: the embedded model, its embeddings, and loading failures.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use std::sync::OnceLock;

use care_judge::{DIMENSIONS, Embedding, MAX_TOKENS, ModelError, SentenceModel};

/// One model for the whole file: loading costs a few hundred milliseconds.
fn model() -> &'static SentenceModel {
    static MODEL: OnceLock<SentenceModel> = OnceLock::new();
    MODEL.get_or_init(|| SentenceModel::load_embedded().expect("the embedded model loads"))
}

fn embed(text: &str) -> Embedding {
    model().embed(text).expect("embedding works")
}

fn norm(e: &Embedding) -> f32 {
    e.0.iter().map(|x| x * x).sum::<f32>().sqrt()
}

#[test]
fn model_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<SentenceModel>();
}

#[test]
fn embeddings_are_unit_length_with_384_dimensions() {
    for text in ["", "Hi", "I'm so sorry about this", &"word ".repeat(400)] {
        let e = embed(text);
        assert_eq!(e.0.len(), DIMENSIONS);
        assert!(
            (norm(&e) - 1.0).abs() < 1e-4,
            "norm {} for {text:?}",
            norm(&e)
        );
        assert!(e.0.iter().all(|x| x.is_finite()));
    }
}

#[test]
fn an_apology_is_closer_to_an_apology_than_to_policy() {
    let sorry = embed("I'm so sorry about this");
    let apology = embed("I apologise, that was our mistake");
    let policy = embed("Our policy says refunds take 30 days");
    let close = sorry.cosine(&apology);
    let far = sorry.cosine(&policy);
    assert!(close > far + 0.2, "apology {close}, policy {far}");
    // onnxruntime on the same file and tokenizer gives 0.3825 and 0.1090.
    assert!((close - 0.3825).abs() < 0.002, "apology {close}");
    assert!((far - 0.1090).abs() < 0.002, "policy {far}");
}

#[test]
fn same_text_gives_identical_embeddings() {
    let text = "Let me check your order status right now.";
    assert_eq!(embed(text), embed(text));
    assert!((embed(text).cosine(&embed(text)) - 1.0).abs() < 1e-5);
}

#[test]
fn embed_many_matches_embed_in_order() {
    let long = "I have checked the tracking details and the courier lost the parcel. ".repeat(6);
    let texts = [
        "Sorry about this",
        long.as_str(),
        "I am really sorry, let me check your order status now.",
        "",
        "Our policy says refunds take 30 days",
        "Sorry about this",
    ];
    let many = model().embed_many(&texts).expect("batch works");
    assert_eq!(many.len(), texts.len());
    for (text, batched) in texts.iter().zip(&many) {
        let single = embed(text);
        assert!(
            single.cosine(batched) > 0.9999,
            "{text:?}: {}",
            single.cosine(batched)
        );
    }
    assert_eq!(model().embed_many(&[]).expect("empty batch"), Vec::new());
}

#[test]
fn long_texts_are_truncated() {
    let text = "please help me with my refund ".repeat(200);
    assert_eq!(model().token_count(&text).expect("tokenises"), MAX_TOKENS);
    assert_eq!(
        model().token_count("Sorry about this").expect("tokenises"),
        5
    );
}

#[test]
fn a_folder_with_the_real_files_loads() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("model");
    let from_dir = SentenceModel::load_dir(&dir).expect("the model folder loads");
    let text = "Thank you for waiting.";
    assert!(from_dir.embed(text).expect("embeds").cosine(&embed(text)) > 0.99999);
}

#[test]
fn a_corrupt_model_file_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let real = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("model");
    std::fs::copy(
        real.join("tokenizer.json"),
        dir.path().join("tokenizer.json"),
    )
    .expect("copy");
    std::fs::write(dir.path().join("model.onnx"), b"this is not an onnx file").expect("write");
    let err = SentenceModel::load_dir(dir.path()).expect_err("a corrupt model must not load");
    assert!(matches!(err, ModelError::Onnx { .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.contains("model.onnx") && message.contains("scripts/fetch-model"),
        "{message}"
    );

    // A truncated real file, too.
    let onnx = std::fs::read(real.join("model.onnx")).expect("read");
    std::fs::write(dir.path().join("model.onnx"), &onnx[..onnx.len() / 2]).expect("write");
    let err = SentenceModel::load_dir(dir.path()).expect_err("a truncated model must not load");
    assert!(matches!(err, ModelError::Onnx { .. }), "{err:?}");
}

#[test]
fn a_corrupt_tokenizer_is_an_error() {
    let real = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("model");
    let onnx = std::fs::read(real.join("model.onnx")).expect("read");
    let err = SentenceModel::from_bytes(&onnx, b"{ not json").expect_err("must not load");
    assert!(matches!(err, ModelError::Tokenizer { .. }), "{err:?}");
}

#[test]
fn a_missing_folder_names_the_path() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("no-such-model");
    let err = SentenceModel::load_dir(&missing).expect_err("must not load");
    match &err {
        ModelError::Missing { path } => assert!(path.starts_with(&missing), "{path:?}"),
        other => panic!("expected Missing, got {other:?}"),
    }
    let message = err.to_string();
    assert!(message.contains("no-such-model") && message.contains("scripts/fetch-model"));
}
