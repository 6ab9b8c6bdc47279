//! [`SentenceModel`]: tokenise, run MiniLM with tract, mean-pool, L2-normalise.

use std::path::Path;

use tokenizers::{Tokenizer, TruncationParams};
use tract_onnx::prelude::*;

use crate::ModelError;
use crate::graph::load_plan;
use crate::packed::{MAX_THREADS, embed_all};

/// Length of every [`Embedding`].
pub const DIMENSIONS: usize = 384;

/// Longest input in tokens, `[CLS]` and `[SEP]` included; longer texts are
/// cut (as sentence-transformers does for this model, whose limit is 256).
pub const MAX_TOKENS: usize = 256;

const EMBEDDED_ONNX: &[u8] = include_bytes!("../model/model.onnx");
const EMBEDDED_TOKENIZER: &[u8] = include_bytes!("../model/tokenizer.json");
const EMBEDDED: &str = "embedded copy";

/// A sentence embedding: [`DIMENSIONS`] floats of unit length.
#[derive(Debug, Clone, PartialEq)]
pub struct Embedding(pub Vec<f32>);

impl Embedding {
    /// Cosine similarity in `[-1, 1]`; a dot product, since both are unit length.
    pub fn cosine(&self, other: &Embedding) -> f32 {
        self.0.iter().zip(&other.0).map(|(a, b)| a * b).sum()
    }
}

/// all-MiniLM-L6-v2, ready to embed. Loading takes a few hundred
/// milliseconds, so load once and share (`Send + Sync`; `embed` takes `&self`).
pub struct SentenceModel {
    plan: Arc<TypedRunnableModel>,
    tokenizer: Tokenizer,
    /// Most threads one [`embed_many`](Self::embed_many) uses.
    threads: usize,
}

impl std::fmt::Debug for SentenceModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SentenceModel").finish_non_exhaustive()
    }
}

impl SentenceModel {
    /// Loads the copy of the model compiled into this binary.
    pub fn load_embedded() -> Result<SentenceModel, ModelError> {
        Self::load(EMBEDDED_ONNX, EMBEDDED, EMBEDDED_TOKENIZER, EMBEDDED)
    }

    /// Loads `model.onnx` and `tokenizer.json` from `dir`.
    pub fn load_dir(dir: &Path) -> Result<SentenceModel, ModelError> {
        if !dir.is_dir() {
            return Err(ModelError::Missing {
                path: dir.to_owned(),
            });
        }
        let onnx_path = dir.join("model.onnx");
        let tokenizer_path = dir.join("tokenizer.json");
        let onnx = read(&onnx_path)?;
        let tokenizer = read(&tokenizer_path)?;
        Self::load(
            &onnx,
            &onnx_path.display().to_string(),
            &tokenizer,
            &tokenizer_path.display().to_string(),
        )
    }

    /// Loads from the bytes of an ONNX file and of a `tokenizer.json`.
    pub fn from_bytes(onnx: &[u8], tokenizer_json: &[u8]) -> Result<SentenceModel, ModelError> {
        Self::load(onnx, "bytes given", tokenizer_json, "bytes given")
    }

    fn load(
        onnx: &[u8],
        onnx_origin: &str,
        tokenizer_json: &[u8],
        tokenizer_origin: &str,
    ) -> Result<SentenceModel, ModelError> {
        let tokenizer = load_tokenizer(tokenizer_json).map_err(|detail| ModelError::Tokenizer {
            origin: tokenizer_origin.to_owned(),
            detail,
        })?;
        let plan = load_plan(onnx).map_err(|e| ModelError::Onnx {
            origin: onnx_origin.to_owned(),
            detail: format!("{e:#}"),
        })?;
        let threads = std::thread::available_parallelism()
            .map_or(1, usize::from)
            .min(MAX_THREADS);
        Ok(SentenceModel {
            plan,
            tokenizer,
            threads,
        })
    }

    /// The same model using at most `threads` threads (at least one) per
    /// [`embed_many`](Self::embed_many) call; by default two, where the
    /// computer has two cores or more. The embeddings do not depend on it.
    pub fn with_threads(self, threads: usize) -> SentenceModel {
        SentenceModel {
            threads: threads.max(1),
            ..self
        }
    }

    /// Embeds one text.
    pub fn embed(&self, text: &str) -> Result<Embedding, ModelError> {
        let mut out = self.embed_many(&[text])?;
        out.pop().ok_or_else(|| ModelError::Inference {
            detail: "the model returned no embedding".to_owned(),
        })
    }

    /// Embeds several texts, in order. They run end to end in as few runs of
    /// the network as their length allows, shared between two threads when
    /// there are enough tokens, which is several times cheaper than one
    /// [`embed`](Self::embed) per text; the results equal those of `embed`
    /// up to float rounding (cosine > 0.99999).
    pub fn embed_many(&self, texts: &[&str]) -> Result<Vec<Embedding>, ModelError> {
        let tokens = texts
            .iter()
            .map(|text| self.tokenize(text))
            .collect::<Result<Vec<_>, _>>()?;
        if tokens.is_empty() {
            return Ok(Vec::new());
        }
        embed_all(&self.plan, &tokens, self.threads).map_err(|e| ModelError::Inference {
            detail: format!("{e:#}"),
        })
    }

    /// Number of tokens `text` becomes, `[CLS]` and `[SEP]` included, after
    /// truncation to [`MAX_TOKENS`].
    pub fn token_count(&self, text: &str) -> Result<usize, ModelError> {
        Ok(self.tokenize(text)?.len())
    }

    /// The token ids of `text`, `[CLS]` and `[SEP]` included.
    fn tokenize(&self, text: &str) -> Result<Vec<i64>, ModelError> {
        let encoding =
            self.tokenizer
                .encode_fast(text, true)
                .map_err(|e| ModelError::Tokenizer {
                    origin: "encoding a text".to_owned(),
                    detail: e.to_string(),
                })?;
        Ok(encoding.get_ids().iter().map(|&id| i64::from(id)).collect())
    }
}

fn read(path: &Path) -> Result<Vec<u8>, ModelError> {
    std::fs::read(path).map_err(|source| {
        if source.kind() == std::io::ErrorKind::NotFound {
            ModelError::Missing {
                path: path.to_owned(),
            }
        } else {
            ModelError::Io {
                path: path.to_owned(),
                source,
            }
        }
    })
}

fn load_tokenizer(json: &[u8]) -> Result<Tokenizer, String> {
    let mut tokenizer = Tokenizer::from_bytes(json).map_err(|e| e.to_string())?;
    // The file pads every text to 128 tokens; texts run end to end here,
    // with no padding at all.
    tokenizer.with_padding(None);
    tokenizer
        .with_truncation(Some(TruncationParams {
            max_length: MAX_TOKENS,
            ..TruncationParams::default()
        }))
        .map_err(|e| e.to_string())?;
    Ok(tokenizer)
}
