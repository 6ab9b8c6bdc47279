//! Load-time preparation of the network: checks it is the expected model, turns its token
//! positions and its attention mask into inputs (so several texts can run end to end in one
//! sequence, see `packed.rs`), folds its weights and optimises it.
//!
//! The exported graph derives both from the sequence length: positions are `0..len` for every
//! row, and which tokens may attend to which comes from the `[batch, len]` padding mask. Given
//! as inputs instead, positions can restart at each text, and the mask can let each token attend
//! only to the tokens of its own text. Nothing else in the network mixes tokens, so each text
//! then gets exactly what it gets alone.

use tract_onnx::prelude::*;
use tract_onnx::tract_core::internal::{bail, ensure};
use tract_onnx::tract_core::ops::array::Gather;
use tract_onnx::tract_core::ops::logic::Iff;

use crate::DIMENSIONS;
use crate::fold::fold_constants;

/// The inputs of the ONNX file, in order.
const ONNX_INPUTS: [&str; 3] = ["input_ids", "attention_mask", "token_type_ids"];

/// The prepared network's inputs, in the order `packed.rs` passes them: token ids, token types
/// and positions (`[batch, len]`, i64), and which token may attend to which
/// (`[batch, 1, len, len]`, bool).
pub(crate) const INPUTS: [&str; 4] = ["input_ids", "token_type_ids", "position_ids", "pair_mask"];

/// Reads, checks and prepares the network.
pub(crate) fn load_plan(onnx: &[u8]) -> TractResult<Arc<TypedRunnableModel>> {
    let mut model = tract_onnx::onnx()
        .model_for_read(&mut &*onnx)?
        .into_typed()?;
    let inputs: Vec<&str> = model
        .input_outlets()?
        .iter()
        .map(|outlet| model.node(outlet.node).name.as_str())
        .collect();
    if inputs != ONNX_INPUTS {
        bail!("expected the inputs {ONNX_INPUTS:?}, found {inputs:?}");
    }
    let output = model.output_fact(0)?;
    if output.rank() != 3 || output.shape[2] != DIMENSIONS.to_dim() {
        bail!("expected an output of shape [batch, sequence, {DIMENSIONS}], found {output:?}");
    }
    take_positions_and_pairs(&mut model)?;
    fold_constants(&mut model)?;
    model.into_optimized()?.into_runnable()
}

/// Replaces the network's own positions (`[1, len]`, the same for every row) and its attention
/// mask (`[batch, 1, len, len]`, built from the padding mask) with inputs of those shapes
/// (positions then `[batch, len]`). The padding mask input goes, as nothing reads it any more.
fn take_positions_and_pairs(model: &mut TypedModel) -> TractResult<()> {
    let [ids, _padding, types] = *model.input_outlets()? else {
        bail!("expected three inputs");
    };
    let shape = model.outlet_fact(ids)?.shape.clone();
    let (batch, len) = (shape[0].clone(), shape[1].clone());

    // The position lookup: a table lookup whose indices are one row for the whole batch.
    let lookup = only_one(model, "position embedding lookup", |model, node| {
        if !node.op_is::<Gather>() || node.inputs.len() != 2 {
            return Ok(false);
        }
        let table = model.outlet_fact(node.inputs[0])?;
        let indices = model.outlet_fact(node.inputs[1])?;
        Ok(table.konst.is_some()
            && table.rank() == 2
            && indices.shape.dims() == [1.to_dim(), len.clone()])
    })?;
    // The attention mask: the choice between "attend" and "ignore" for every pair of tokens.
    let mask = only_one(model, "attention mask", |model, node| {
        if !node.op_is::<Iff>() || node.inputs.len() != 3 {
            return Ok(false);
        }
        let condition = model.outlet_fact(node.inputs[0])?;
        Ok(condition.shape.dims() == [batch.clone(), 1.to_dim(), len.clone(), len.clone()])
    })?;

    let positions = model.add_source("position_ids", i64::fact([batch.clone(), len.clone()]))?;
    model.add_edge(positions, InletId::new(lookup, 1))?;
    let pairs = model.add_source(
        "pair_mask",
        bool::fact([batch, 1.to_dim(), len.clone(), len]),
    )?;
    model.add_edge(pairs, InletId::new(mask, 0))?;
    model.set_input_outlets(&[ids, types, positions, pairs])?;
    model.refresh_output_facts()?;
    // Drops the padding mask and the nodes that derived positions and pairs from it.
    model.compact()?;
    let names: Vec<&str> = model
        .input_outlets()?
        .iter()
        .map(|outlet| model.node(outlet.node).name.as_str())
        .collect();
    ensure!(names == INPUTS, "inputs after preparation: {names:?}");
    Ok(())
}

/// The id of the one node of `model` that `matches`; an error names `what` when there is none
/// or more than one.
fn only_one(
    model: &TypedModel,
    what: &str,
    matches: impl Fn(&TypedModel, &TypedNode) -> TractResult<bool>,
) -> TractResult<usize> {
    let mut found = Vec::new();
    for node in model.nodes() {
        if matches(model, node)? {
            found.push(node.id);
        }
    }
    match found[..] {
        [id] => Ok(id),
        [] => bail!("expected all-MiniLM-L6-v2's graph: found no {what}"),
        _ => bail!(
            "expected all-MiniLM-L6-v2's graph: found {} nodes that look like its {what}",
            found.len()
        ),
    }
}
