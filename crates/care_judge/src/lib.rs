//! CARE's judge: offline sentence embeddings for comparing a trainee's reply
//! with reference replies.
//!
//! [`SentenceModel`] runs all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0;
//! int8 ONNX weights) in-process on the CPU with `tract`, and tokenises with
//! the model's own WordPiece tokenizer. Both files are embedded in the binary
//! (see `model/README.md`), so a copied binary works anywhere. Nothing in this
//! crate ever touches the network: there is no download path at all; a missing
//! or broken model is an error that says to run `scripts/fetch-model`.
//!
//! ```no_run
//! let model = care_judge::SentenceModel::load_embedded()?;
//! let a = model.embed("I'm so sorry about this")?;
//! let b = model.embed("I apologise, that was our mistake")?;
//! assert!(a.cosine(&b) > 0.5);
//! # Ok::<(), care_judge::ModelError>(())
//! ```

mod available;
mod clauses;
mod error;
mod fold;
mod graph;
mod meaning;
mod model;
mod packed;

pub use available::{
    JudgeStatus, KeywordsInstead, LoadedJudge, MODEL_DIR_VAR, from_model, load_judge,
};
pub use clauses::{Clause, clauses};
pub use meaning::{
    Comparison, MARGIN, MAX_REPLY_TOKENS, MIN_SIMILARITY, MeaningJudge, keywords_instead,
};

pub use error::ModelError;
pub use model::{DIMENSIONS, Embedding, MAX_TOKENS, SentenceModel};
