//! The one error type of the crate: every message says where and how to fix.

use std::path::PathBuf;

/// Why the sentence model could not be loaded or run.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// A model file (or the folder given to `load_dir`) is not where it was looked for.
    #[error(
        "model file or folder not found: {path}; run scripts/fetch-model from the repository root to \
         fetch model.onnx and tokenizer.json into crates/care_judge/model/, or load from a \
         folder that holds both"
    )]
    Missing {
        /// The path that was looked for.
        path: PathBuf,
    },

    /// A model file exists but could not be read.
    #[error("could not read model file {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },

    /// The ONNX file could not be parsed, typed or optimised.
    #[error(
        "unreadable ONNX model ({origin}): {detail}; run scripts/fetch-model to restore \
         crates/care_judge/model/model.onnx (its SHA-256 is checked)"
    )]
    Onnx {
        /// Where the bytes came from: a path, or "embedded copy".
        origin: String,
        /// tract's explanation, with its chain of causes.
        detail: String,
    },

    /// The tokenizer file could not be parsed or configured, or a text could
    /// not be tokenised.
    #[error(
        "tokenizer error ({origin}): {detail}; run scripts/fetch-model to restore \
         crates/care_judge/model/tokenizer.json (its SHA-256 is checked)"
    )]
    Tokenizer {
        /// Where the tokenizer came from: a path, or "embedded copy".
        origin: String,
        /// The tokenizers crate's explanation.
        detail: String,
    },

    /// The model loaded but running it failed, or it returned something
    /// other than a `[batch, tokens, 384]` tensor.
    #[error(
        "inference failed: {detail}; the model file may not be all-MiniLM-L6-v2 \
         (run scripts/fetch-model to restore it)"
    )]
    Inference {
        /// What went wrong.
        detail: String,
    },
}
