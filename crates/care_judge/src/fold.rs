//! Load-time constant folding: turns the int8 weights back into f32 constants once.
//!
//! The ONNX file stores each weight as an int8 initializer followed by
//! `Cast(to f32)` and `Mul(scale)`. tract's own constant propagation
//! (`PropConst` in `tract_core::optim`) refuses folds whose output is larger
//! than `max(inputs, CONST_FOLD_MEM_BUDGET = 4 MiB)`. That folds 38 of the 39
//! weights, but the 30522×384 word embedding table (11.7 MB as int8, 46.9 MB
//! as f32) stays a live `Cast`+`Mul` that re-dequantises the whole table on
//! every run (≈50 ms a call, against ≈6 ms for the rest). Here every
//! stateless node whose inputs are all constants is evaluated once and
//! replaced by a constant, whatever its size.

use tract_onnx::prelude::*;
use tract_onnx::tract_core::ops::konst::Const;
use tract_onnx::tract_core::ops::source::TypedSource;
use tract_onnx::tract_core::tract_data::TooEarly;

/// Replaces every foldable node of `model` with the constant it computes.
/// Returns how many nodes were folded.
pub(crate) fn fold_constants(model: &mut TypedModel) -> TractResult<usize> {
    let mut folded = 0;
    // Node ids are stable under `apply` (replacement nodes are appended), so
    // one walk in evaluation order sees each fold's result as constant by the
    // time it reaches the fold's successors.
    for id in model.eval_order()? {
        let node = model.node(id);
        if node.op_is::<Const>() || node.op_is::<TypedSource>() || node.inputs.is_empty() {
            continue;
        }
        let Some(inputs) = model
            .node_input_facts(id)?
            .iter()
            .map(|fact| fact.konst.clone().map(|k| k.into_tvalue()))
            .collect::<Option<TVec<TValue>>>()
        else {
            continue;
        };
        let outputs = match node.op.eval_out_of_plan(inputs) {
            Ok(Some(outputs)) => outputs,
            // The op is stateful and cannot be evaluated outside a plan.
            Ok(None) => continue,
            // Shape arithmetic that depends on the symbolic sequence length:
            // only known at run time, which is fine (tract skips it too).
            Err(e) if e.root_cause().is::<TooEarly>() => continue,
            Err(e) => return Err(e.context(format!("Folding {node}"))),
        };
        let mut patch = TypedModelPatch::default();
        for (slot, value) in outputs.into_iter().enumerate() {
            let name = format!("{}.folded.{slot}", node.name);
            let wire = patch.add_const(name, value.into_arc_tensor())?;
            patch.shunt_outside(model, OutletId::new(id, slot), wire)?;
        }
        patch.apply(model)?;
        folded += 1;
    }
    // Drop the int8 initializers and the nodes that no longer feed anything.
    model.compact()?;
    Ok(folded)
}
