//! Running tokenised texts through the network: several texts end to end in one sequence, each
//! with its own positions and attending only to its own tokens (see `graph.rs`), so one run
//! embeds them all with no padding; a long list is shared between two threads.
//!
//! The network streams all its weights once per run whatever the length, so one run for a whole
//! reply costs far less than one per clause, or padded batches of clauses.

use std::thread;

use tract_onnx::prelude::*;
use tract_onnx::tract_core::internal::{ensure, format_err};

use crate::{DIMENSIONS, Embedding};

/// Most tokens laid end to end in one run. Each token attends to its own text only, but the
/// attention is computed for every pair of the run (and masked), which past a few hundred tokens
/// costs more than another run.
pub(crate) const PACK_TOKENS: usize = 256;

/// Fewest tokens for each thread before a list is shared between threads: below, a run's fixed
/// cost (streaming the weights) outweighs the halved work.
pub(crate) const THREAD_TOKENS: usize = 24;

/// Most threads one call uses. The judge runs beside the game, which needs a core too; and past
/// two, each thread's fixed cost eats most of the gain on a short reply.
pub(crate) const MAX_THREADS: usize = 2;

/// Embeds `texts` (token ids, `[CLS]` and `[SEP]` included, each at most 256) in order, on up to
/// `threads` threads.
pub(crate) fn embed_all(
    plan: &Arc<TypedRunnableModel>,
    texts: &[Vec<i64>],
    threads: usize,
) -> TractResult<Vec<Embedding>> {
    let lengths: Vec<usize> = texts.iter().map(Vec::len).collect();
    let total: usize = lengths.iter().sum();
    let workers = threads
        .min(total / THREAD_TOKENS)
        .clamp(1, texts.len().max(1));
    let shares = share(&lengths, workers);
    let run = |share: &[usize]| -> TractResult<Vec<(usize, Embedding)>> {
        let mut state = plan.spawn()?;
        let mut out = Vec::with_capacity(share.len());
        for pack in packs(share, &lengths, PACK_TOKENS) {
            let rows: Vec<&[i64]> = pack.iter().map(|&i| texts[i].as_slice()).collect();
            out.extend(pack.iter().copied().zip(run_pack(&mut state, &rows)?));
        }
        Ok(out)
    };
    let mut done: Vec<(usize, Embedding)> = thread::scope(|scope| {
        let others: Vec<_> = shares[1..]
            .iter()
            .map(|share| scope.spawn(|| run(share)))
            .collect();
        let mut done = run(&shares[0])?;
        for other in others {
            let embedded = other
                .join()
                .map_err(|_| format_err!("an embedding thread panicked"))??;
            done.extend(embedded);
        }
        Ok::<_, TractError>(done)
    })?;
    ensure!(
        done.len() == texts.len(),
        "a run returned too few embeddings"
    );
    done.sort_by_key(|(i, _)| *i);
    Ok(done.into_iter().map(|(_, e)| e).collect())
}

/// Indices `0..lengths.len()` in `workers` shares of nearly equal total length: longest first,
/// each to the share with the fewest tokens so far.
fn share(lengths: &[usize], workers: usize) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..lengths.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(lengths[i]));
    let mut shares: Vec<(usize, Vec<usize>)> = vec![(0, Vec::new()); workers.max(1)];
    for i in order {
        if let Some((tokens, share)) = shares.iter_mut().min_by_key(|(tokens, _)| *tokens) {
            *tokens += lengths[i];
            share.push(i);
        }
    }
    shares.into_iter().map(|(_, share)| share).collect()
}

/// `share` cut into runs of at most `limit` tokens (a longer text runs alone), in order.
fn packs(share: &[usize], lengths: &[usize], limit: usize) -> Vec<Vec<usize>> {
    let mut packs: Vec<(usize, Vec<usize>)> = Vec::new();
    for &i in share {
        match packs.last_mut() {
            Some((tokens, pack)) if *tokens + lengths[i] <= limit => {
                *tokens += lengths[i];
                pack.push(i);
            }
            _ => packs.push((lengths[i], vec![i])),
        }
    }
    packs.into_iter().map(|(_, pack)| pack).collect()
}

/// Runs `texts` end to end as one sequence and pools each text's own tokens.
fn run_pack(state: &mut TypedSimpleState, texts: &[&[i64]]) -> TractResult<Vec<Embedding>> {
    let len: usize = texts.iter().map(|t| t.len()).sum();
    let mut ids = Vec::with_capacity(len);
    let mut positions = Vec::with_capacity(len);
    let mut pairs = vec![false; len * len];
    let mut spans = Vec::with_capacity(texts.len());
    for text in texts {
        let start = ids.len();
        ids.extend_from_slice(text);
        positions.extend((0..text.len()).map(|p| i64::try_from(p).unwrap_or(i64::MAX)));
        let end = ids.len();
        for row in start..end {
            pairs[row * len + start..row * len + end].fill(true);
        }
        spans.push(start..end);
    }
    let shape = [1, len];
    let mut outputs = state.run(tvec!(
        Tensor::from_shape(&shape, &ids)?.into(),
        Tensor::zero::<i64>(&shape)?.into(),
        Tensor::from_shape(&shape, &positions)?.into(),
        Tensor::from_shape(&[1, 1, len, len], &pairs)?.into(),
    ))?;
    let hidden = outputs
        .pop()
        .ok_or_else(|| format_err!("the model has no output"))?;
    ensure!(
        hidden.shape() == [1, len, DIMENSIONS],
        "expected an output of shape [1, {len}, {DIMENSIONS}], got {:?}",
        hidden.shape()
    );
    let values = hidden.try_as_plain_ram()?;
    let values = values.as_slice::<f32>()?;
    Ok(spans
        .into_iter()
        .map(|span| mean_pool(&values[span.start * DIMENSIONS..span.end * DIMENSIONS]))
        .collect())
}

/// Mean of the token vectors in `states` (whole vectors of [`DIMENSIONS`]), scaled to unit
/// length.
fn mean_pool(states: &[f32]) -> Embedding {
    let mut sum = vec![0f32; DIMENSIONS];
    for state in states.chunks_exact(DIMENSIONS) {
        sum.iter_mut().zip(state).for_each(|(s, h)| *s += h);
    }
    // The mean's scale cancels in the normalisation below.
    let norm = sum.iter().map(|s| s * s).sum::<f32>().sqrt().max(1e-12);
    sum.iter_mut().for_each(|s| *s /= norm);
    Embedding(sum)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_balanced_and_keep_every_text() {
        let lengths = [30, 5, 12, 9, 14, 7, 20, 4];
        let shares = share(&lengths, 2);
        let totals: Vec<usize> = shares
            .iter()
            .map(|s| s.iter().map(|&i| lengths[i]).sum())
            .collect();
        assert_eq!(totals, [49, 52]);
        let mut seen = shares.concat();
        seen.sort_unstable();
        assert_eq!(seen, (0..lengths.len()).collect::<Vec<_>>());
        assert_eq!(share(&lengths, 1), [vec![0, 6, 4, 2, 3, 5, 1, 7]]);
    }

    #[test]
    fn packs_stay_within_the_limit_and_a_long_text_runs_alone() {
        let lengths = [100, 100, 100, 300, 50];
        let all: Vec<usize> = (0..lengths.len()).collect();
        assert_eq!(
            packs(&all, &lengths, 256),
            [vec![0, 1], vec![2], vec![3], vec![4]]
        );
        assert!(packs(&[], &lengths, 256).is_empty());
    }

    #[test]
    fn mean_pool_averages_whole_vectors_to_unit_length() {
        let mut states = vec![0f32; 2 * DIMENSIONS];
        states[0] = 3.0;
        states[DIMENSIONS] = 1.0;
        states[DIMENSIONS + 1] = 2.0;
        let pooled = mean_pool(&states);
        let expected = [4.0 / 20f32.sqrt(), 2.0 / 20f32.sqrt()];
        assert!((pooled.0[0] - expected[0]).abs() < 1e-6);
        assert!((pooled.0[1] - expected[1]).abs() < 1e-6);
        assert!(pooled.0[2..].iter().all(|x| *x == 0.0));
    }
}
