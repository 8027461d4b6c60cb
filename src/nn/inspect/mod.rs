//! Looking inside a network: what each layer's units and gates do over a sequence.
//!
//! Everything here runs the network in evaluation mode (no dropout, no gradients) with the
//! same cell code as training, and only reads:
//! - [`Network::record_activations`]: hidden states, LSTM cell states and sigmoid gate
//!   activations of every layer for a few sequences, `[sequences, steps, units]`;
//! - [`Network::gate_saturation`]: for every layer and gate type, the fraction of steps
//!   each unit's gate spends below 0.1 or above 0.9 over a whole data set (Karpathy,
//!   Johnson & Fei-Fei 2015, "Visualizing and understanding recurrent networks");
//! - [`Network::stepper`]: one step at a time with the state carried along, for sampling
//!   text from the model.

mod saturation;
mod step;

pub use saturation::{GateSaturation, LEFT_SATURATED, RIGHT_SATURATED};
pub use step::Stepper;

use std::ops::Range;

use ndarray::{Array2, Array3};
use serde::{Deserialize, Serialize};

use super::{CellKind, Inputs, Network, NnError, Readout};

/// A gate whose activation is a sigmoid in (0, 1), named as in the papers. The LSTM's cell
/// candidate `g` and the GRU's `n` are tanh, not gates, and are not listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GateKind {
    /// LSTM `i`: how much of the new candidate enters the cell.
    Input,
    /// LSTM `f`: how much of the previous cell is kept.
    Forget,
    /// LSTM `o`: how much of the cell is shown as the hidden state.
    Output,
    /// GRU `r`: how much of the previous state feeds the candidate.
    Reset,
    /// GRU `z`: how much of the previous state is kept as it was.
    Update,
}

impl GateKind {
    /// The sigmoid gates of `cell`, in the order views list them (none for a vanilla RNN).
    pub fn of_cell(cell: CellKind) -> &'static [GateKind] {
        match cell {
            CellKind::Lstm => &[GateKind::Input, GateKind::Forget, GateKind::Output],
            CellKind::Gru => &[GateKind::Reset, GateKind::Update],
            CellKind::RnnTanh | CellKind::RnnRelu => &[],
        }
    }

    /// Index of this gate's block in the fused `[G*H]` gate rows (PyTorch's order:
    /// LSTM i, f, g, o; GRU r, z, n).
    pub fn block(self) -> usize {
        match self {
            GateKind::Input | GateKind::Reset => 0,
            GateKind::Forget | GateKind::Update => 1,
            GateKind::Output => 3,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            GateKind::Input => "input",
            GateKind::Forget => "forget",
            GateKind::Output => "output",
            GateKind::Reset => "reset",
            GateKind::Update => "update",
        }
    }
}

/// What one layer did over the recorded sequences; every array is `[sequences, steps, units]`.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerActivations {
    /// h_t, the layer's output at each step.
    pub hidden: Array3<f32>,
    /// LSTM only: c_t, the cell state at each step.
    pub cell: Option<Array3<f32>>,
    /// Each sigmoid gate of the cell, in [`GateKind::of_cell`] order.
    pub gates: Vec<(GateKind, Array3<f32>)>,
}

/// Everything one evaluation-mode pass over a few sequences produced.
#[derive(Clone, Debug, PartialEq)]
pub struct Activations {
    /// One entry per layer, bottom first.
    pub layers: Vec<LayerActivations>,
    /// Head outputs `[positions, output_size]`, positions ordered as targets are
    /// (`b * T + t` for all-steps readout, `b` for last step), `b` counted from the first
    /// recorded sequence.
    pub outputs: Array2<f32>,
}

/// At most this many sequences go through one recording pass: recordings are for looking
/// at, and a few sequences keep them small.
pub const MAX_RECORDED_SEQUENCES: usize = 256;

impl Network {
    /// Runs sequences `seqs` of `inputs` in evaluation mode and records every layer's
    /// activations and the head's outputs (see [`Activations`]). At most
    /// [`MAX_RECORDED_SEQUENCES`] sequences at once.
    pub fn record_activations(
        &mut self,
        inputs: &Inputs,
        seqs: Range<usize>,
    ) -> Result<Activations, NnError> {
        if seqs.len() > MAX_RECORDED_SEQUENCES {
            return Err(NnError::data(
                "nn.data.too_many_recorded",
                &[
                    ("count", seqs.len().to_string()),
                    ("max", MAX_RECORDED_SEQUENCES.to_string()),
                ],
            ));
        }
        let spec = self.spec().clone();
        let (h, width) = (spec.hidden_size, spec.cell.gate_count() * spec.hidden_size);
        let gates = GateKind::of_cell(spec.cell);
        let view = self.forward_for_inspection(inputs, seqs)?;
        let (batch, steps) = (view.batch, view.steps);
        // The tapes are time-major (row t * B + b); recordings are sequence-major.
        let unpack = |buf: &[f32], row_width: usize, offset: usize| {
            Array3::from_shape_fn((batch, steps, h), |(b, t, j)| {
                buf[(t * batch + b) * row_width + offset + j]
            })
        };
        let layers = view
            .tapes
            .iter()
            .map(|tape| LayerActivations {
                // Block 0 of `hidden` and `cell` is the zero initial state.
                hidden: unpack(&tape.hidden[batch * h..], h, 0),
                cell: (spec.cell == CellKind::Lstm).then(|| unpack(&tape.cell[batch * h..], h, 0)),
                gates: gates
                    .iter()
                    .map(|&gate| (gate, unpack(&tape.gates, width, gate.block() * h)))
                    .collect(),
            })
            .collect();
        let o = spec.output_size;
        let outputs = match spec.readout {
            Readout::AllSteps => Array2::from_shape_fn((batch * steps, o), |(row, k)| {
                let (b, t) = (row / steps, row % steps);
                view.head_out[(t * batch + b) * o + k]
            }),
            Readout::LastStep => {
                Array2::from_shape_fn((batch, o), |(b, k)| view.head_out[b * o + k])
            }
        };
        Ok(Activations { layers, outputs })
    }
}
