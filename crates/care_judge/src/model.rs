//! [`SentenceModel`]: tokenise, run MiniLM with tract, mean-pool, L2-normalise.

use std::path::Path;

use tokenizers::{Tokenizer, TruncationParams};
use tract_onnx::prelude::*;
use tract_onnx::tract_core::internal::{bail, format_err};

use crate::ModelError;
use crate::fold::fold_constants;

/// Length of every [`Embedding`].
pub const DIMENSIONS: usize = 384;

/// Longest input in tokens, `[CLS]` and `[SEP]` included; longer texts are
/// cut (as sentence-transformers does for this model, whose limit is 256).
pub const MAX_TOKENS: usize = 256;

/// Most padded tokens (texts × longest text) that [`SentenceModel::embed_many`]
/// runs through the network in one call. Batches of short texts cost far
/// less per text than single calls; past a few hundred tokens the saving
/// turns into a loss (see the bench).
const BATCH_TOKENS: usize = 256;

/// Most padding tokens a text may add to a batch by widening it. Measured
/// cost of a call is roughly 4 ms plus 0.4 ms per (padded) token, so
/// widening a batch by up to ~10 tokens is cheaper than another call.
const JOIN_PADDING: usize = 8;

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
}

impl std::fmt::Debug for SentenceModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SentenceModel").finish_non_exhaustive()
    }
}

/// One tokenised text.
struct Tokens {
    ids: Vec<i64>,
    mask: Vec<i64>,
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
        Ok(SentenceModel { plan, tokenizer })
    }

    /// Embeds one text.
    pub fn embed(&self, text: &str) -> Result<Embedding, ModelError> {
        let tokens = self.tokenize(text)?;
        let mut out = self.run(&[&tokens])?;
        out.pop().ok_or_else(|| ModelError::Inference {
            detail: "the model returned no embedding".to_owned(),
        })
    }

    /// Embeds several texts, in order. Texts of similar length are run
    /// together in padded batches, which for short texts is several times
    /// cheaper than one [`embed`](Self::embed) per text. The results equal
    /// those of `embed` up to float rounding (cosine > 0.99999).
    pub fn embed_many(&self, texts: &[&str]) -> Result<Vec<Embedding>, ModelError> {
        let tokens = texts
            .iter()
            .map(|text| self.tokenize(text))
            .collect::<Result<Vec<_>, _>>()?;
        let mut out: Vec<Option<Embedding>> = vec![None; texts.len()];
        for batch in batches(&tokens) {
            let rows: Vec<&Tokens> = batch.iter().map(|&i| &tokens[i]).collect();
            for (&i, embedding) in batch.iter().zip(self.run(&rows)?) {
                out[i] = Some(embedding);
            }
        }
        out.into_iter()
            .map(|e| {
                e.ok_or_else(|| ModelError::Inference {
                    detail: "a batch returned too few embeddings".to_owned(),
                })
            })
            .collect()
    }

    /// Number of tokens `text` becomes, `[CLS]` and `[SEP]` included, after
    /// truncation to [`MAX_TOKENS`].
    pub fn token_count(&self, text: &str) -> Result<usize, ModelError> {
        Ok(self.tokenize(text)?.ids.len())
    }

    fn tokenize(&self, text: &str) -> Result<Tokens, ModelError> {
        let encoding =
            self.tokenizer
                .encode_fast(text, true)
                .map_err(|e| ModelError::Tokenizer {
                    origin: "encoding a text".to_owned(),
                    detail: e.to_string(),
                })?;
        let ids = encoding.get_ids().iter().map(|&id| i64::from(id)).collect();
        let mask = encoding
            .get_attention_mask()
            .iter()
            .map(|&m| i64::from(m))
            .collect();
        Ok(Tokens { ids, mask })
    }

    /// Runs one padded batch and pools each row.
    fn run(&self, batch: &[&Tokens]) -> Result<Vec<Embedding>, ModelError> {
        let rows = batch.len();
        let Some(width) = batch.iter().map(|t| t.ids.len()).max() else {
            return Ok(Vec::new());
        };
        let mut ids = vec![0i64; rows * width];
        let mut mask = vec![0i64; rows * width];
        for (row, tokens) in batch.iter().enumerate() {
            let start = row * width;
            ids[start..start + tokens.ids.len()].copy_from_slice(&tokens.ids);
            mask[start..start + tokens.mask.len()].copy_from_slice(&tokens.mask);
        }
        let hidden = self
            .infer(ids, &mask, rows, width)
            .map_err(|e| ModelError::Inference {
                detail: format!("{e:#}"),
            })?;
        if hidden.shape() != [rows, width, DIMENSIONS] {
            return Err(ModelError::Inference {
                detail: format!(
                    "expected an output of shape [{rows}, {width}, {DIMENSIONS}], got {:?}",
                    hidden.shape()
                ),
            });
        }
        let values = hidden
            .try_as_plain_ram()
            .and_then(|view| view.as_slice::<f32>())
            .map_err(|e| ModelError::Inference {
                detail: format!("{e:#}"),
            })?;
        Ok(values
            .chunks_exact(width * DIMENSIONS)
            .zip(mask.chunks_exact(width))
            .map(|(states, mask)| mean_pool(states, mask))
            .collect())
    }

    fn infer(&self, ids: Vec<i64>, mask: &[i64], rows: usize, width: usize) -> TractResult<TValue> {
        let shape = [rows, width];
        let input_ids = Tensor::from_shape(&shape, &ids)?;
        let attention_mask = Tensor::from_shape(&shape, mask)?;
        let token_type_ids = Tensor::zero::<i64>(&shape)?;
        let mut outputs = self.plan.run(tvec!(
            input_ids.into(),
            attention_mask.into(),
            token_type_ids.into()
        ))?;
        outputs
            .pop()
            .ok_or_else(|| format_err!("the model has no output"))
    }
}

/// Indices of `tokens` grouped into batches: sorted by length, a text joins
/// the batch before it when that adds at most [`JOIN_PADDING`] padding
/// tokens and keeps the batch within [`BATCH_TOKENS`].
fn batches(tokens: &[Tokens]) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..tokens.len()).collect();
    order.sort_by_key(|&i| tokens[i].ids.len());
    let mut batches: Vec<(usize, Vec<usize>)> = Vec::new();
    for i in order {
        let width = tokens[i].ids.len();
        match batches.last_mut() {
            Some((batch_width, batch))
                if batch.len() * (width - *batch_width) <= JOIN_PADDING
                    && (batch.len() + 1) * width <= BATCH_TOKENS =>
            {
                *batch_width = width;
                batch.push(i);
            }
            _ => batches.push((width, vec![i])),
        }
    }
    batches.into_iter().map(|(_, batch)| batch).collect()
}

/// Mean of the token vectors whose mask is set, scaled to unit length.
/// `states` is one row of the output: `mask.len()` vectors of [`DIMENSIONS`].
fn mean_pool(states: &[f32], mask: &[i64]) -> Embedding {
    let mut sum = vec![0f32; DIMENSIONS];
    for (state, _) in states
        .chunks_exact(DIMENSIONS)
        .zip(mask)
        .filter(|(_, m)| **m != 0)
    {
        sum.iter_mut().zip(state).for_each(|(s, h)| *s += h);
    }
    // The mean's scale cancels in the normalisation below.
    let norm = sum.iter().map(|s| s * s).sum::<f32>().sqrt().max(1e-12);
    sum.iter_mut().for_each(|s| *s /= norm);
    Embedding(sum)
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
    // The file pads every text to 128 tokens; the model needs no padding for
    // one text, and batches are padded here to their longest member.
    tokenizer.with_padding(None);
    tokenizer
        .with_truncation(Some(TruncationParams {
            max_length: MAX_TOKENS,
            ..TruncationParams::default()
        }))
        .map_err(|e| e.to_string())?;
    Ok(tokenizer)
}

/// The model's inputs, in the order [`SentenceModel::infer`] passes them.
const INPUTS: [&str; 3] = ["input_ids", "attention_mask", "token_type_ids"];

fn load_plan(onnx: &[u8]) -> TractResult<Arc<TypedRunnableModel>> {
    let mut model = tract_onnx::onnx()
        .model_for_read(&mut &*onnx)?
        .into_typed()?;
    let inputs: Vec<&str> = model
        .input_outlets()?
        .iter()
        .map(|outlet| model.node(outlet.node).name.as_str())
        .collect();
    if inputs != INPUTS {
        bail!("expected the inputs {INPUTS:?}, found {inputs:?}");
    }
    let output = model.output_fact(0)?;
    if output.rank() != 3 || output.shape[2] != DIMENSIONS.to_dim() {
        bail!("expected an output of shape [batch, sequence, {DIMENSIONS}], found {output:?}");
    }
    fold_constants(&mut model)?;
    model.into_optimized()?.into_runnable()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(len: usize) -> Tokens {
        Tokens {
            ids: vec![1; len],
            mask: vec![1; len],
        }
    }

    #[test]
    fn batches_group_similar_lengths_and_keep_every_text() {
        let lens = [5, 90, 15, 5, 40, 15, 16, 40, 15];
        let all: Vec<Tokens> = lens.iter().map(|&l| tokens(l)).collect();
        let groups = batches(&all);
        let widths: Vec<Vec<usize>> = groups
            .iter()
            .map(|g| g.iter().map(|&i| lens[i]).collect())
            .collect();
        assert_eq!(
            widths,
            [vec![5, 5], vec![15, 15, 15, 16], vec![40, 40], vec![90]]
        );
        let mut seen: Vec<usize> = groups.concat();
        seen.sort_unstable();
        assert_eq!(seen, (0..lens.len()).collect::<Vec<_>>());
    }

    #[test]
    fn batches_stay_within_the_token_budget() {
        let all: Vec<Tokens> = (0..40).map(|_| tokens(30)).collect();
        for group in batches(&all) {
            assert!(group.len() * 30 <= BATCH_TOKENS);
        }
        assert_eq!(batches(&[tokens(300)]), [vec![0]]);
        assert!(batches(&[]).is_empty());
    }

    #[test]
    fn mean_pool_ignores_masked_tokens() {
        let mut states = vec![0f32; 2 * DIMENSIONS];
        states[0] = 3.0;
        states[DIMENSIONS + 1] = 100.0;
        let pooled = mean_pool(&states, &[1, 0]);
        assert_eq!(pooled.0[0], 1.0);
        assert_eq!(pooled.0[1], 0.0);
    }
}
