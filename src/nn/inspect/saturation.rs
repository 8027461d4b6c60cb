//! Gate saturation: how often each unit's gate is nearly shut or nearly open.
//!
//! Karpathy, Johnson & Fei-Fei (2015) plot, for every unit, the fraction of time steps its
//! gate is *left-saturated* (activation below 0.1) against the fraction it is
//! *right-saturated* (above 0.9). Units in the top left corner are gates that are almost
//! always open (a forget gate near 1 is a unit that remembers); along the diagonal
//! `left + right = 1` gates act as switches; near the origin they are used gradually.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::GateKind;
use crate::nn::{Inputs, Network, NnError};

/// Below this a gate counts as left-saturated (nearly shut).
pub const LEFT_SATURATED: f32 = 0.1;
/// Above this a gate counts as right-saturated (nearly open).
pub const RIGHT_SATURATED: f32 = 0.9;

/// Floats one pass's tapes may hold (16 MB); bounds the sequences per pass.
const CHUNK_FLOATS: usize = 4 << 20;

/// Saturation of one gate type of one layer, per unit (the saturation view's points).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GateSaturation {
    /// 0 for the bottom layer.
    pub layer: usize,
    pub gate: GateKind,
    /// Per unit: fraction of (sequence, step) pairs with the gate below [`LEFT_SATURATED`].
    pub left: Vec<f32>,
    /// Per unit: fraction with the gate above [`RIGHT_SATURATED`].
    pub right: Vec<f32>,
}

impl Network {
    /// Gate saturation of every layer and sigmoid gate ([`GateKind::of_cell`]) over all
    /// sequences of `inputs`, in evaluation mode, ordered by layer then gate. Empty for a
    /// vanilla RNN, which has no gates.
    pub fn gate_saturation(&mut self, inputs: &Inputs) -> Result<Vec<GateSaturation>, NnError> {
        self.check_inputs(inputs)?;
        let spec = self.spec().clone();
        let gates = GateKind::of_cell(spec.cell);
        if gates.is_empty() {
            return Ok(Vec::new());
        }
        let h = spec.hidden_size;
        let width = spec.cell.gate_count() * h;
        // counts[layer][gate] = (left, right) per unit.
        let mut counts = vec![vec![(vec![0u64; h], vec![0u64; h]); gates.len()]; spec.num_layers];
        let steps = inputs.seq_len();
        let per_sequence = steps.saturating_mul(spec.num_layers * (width + 3 * h) + width);
        let chunk = (CHUNK_FLOATS / per_sequence.max(1)).clamp(1, 256);
        let total = inputs.num_sequences();
        for start in (0..total).step_by(chunk) {
            let seqs: Range<usize> = start..(start + chunk).min(total);
            let view = self.forward_for_inspection(inputs, seqs)?;
            let rows = view.batch * view.steps;
            for (tape, layer_counts) in view.tapes.iter().zip(counts.iter_mut()) {
                for row in tape.gates[..rows * width].chunks_exact(width) {
                    for (&gate, (left, right)) in gates.iter().zip(layer_counts.iter_mut()) {
                        let block = &row[gate.block() * h..(gate.block() + 1) * h];
                        for ((&a, l), r) in block.iter().zip(left.iter_mut()).zip(right.iter_mut())
                        {
                            *l += u64::from(a < LEFT_SATURATED);
                            *r += u64::from(a > RIGHT_SATURATED);
                        }
                    }
                }
            }
        }
        let observed = (total * steps).max(1) as f64;
        let fraction = |c: &[u64]| c.iter().map(|&n| (n as f64 / observed) as f32).collect();
        let mut out = Vec::with_capacity(spec.num_layers * gates.len());
        for (layer, layer_counts) in counts.iter().enumerate() {
            for (&gate, (left, right)) in gates.iter().zip(layer_counts) {
                out.push(GateSaturation {
                    layer,
                    gate,
                    left: fraction(left),
                    right: fraction(right),
                });
            }
        }
        Ok(out)
    }
}
