//! The recurrent network: PyTorch-compatible cells, a Linear head, losses and BPTT.
//!
//! Read in this order: `rnn.rs`, `lstm.rs` and `gru.rs` hold one cell each, forward step next
//! to backward step; `layer` runs a cell over a whole sequence (the fused input projection,
//! the time loop, the weight gradients); `network` holds the model and its public entry
//! points, `passes` the forward and backward pass through the optional embedding, the stack
//! with its dropout, the Linear head and the loss; `checks` refuses specs and data that do
//! not fit. Parameter names, shapes, gate order and initialisation are
//! PyTorch's, so a state_dict exported here loads into `nn.RNN` / `nn.LSTM` / `nn.GRU`.

mod activation;
mod batch;
mod checks;
mod cost;
mod dropout;
mod embedding;
mod error;
mod evaluation;
mod gru;
mod init;
mod inspect;
mod kernels;
mod layer;
mod linear;
mod loss;
mod lstm;
mod network;
#[cfg(test)]
mod option_tests;
mod param;
mod passes;
mod rnn;
mod state_dict;
#[cfg(test)]
mod tests;

pub use batch::{Dataset, Inputs, Targets};
pub use error::NnError;
pub use evaluation::Evaluation;
pub use inspect::*;
pub use network::{BatchScore, FinalState, Network};
pub use param::{ParamView, ParamViewMut};

use serde::{Deserialize, Serialize};

/// Which recurrent cell a layer uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CellKind {
    /// `nn.RNN(nonlinearity="tanh")`
    RnnTanh,
    /// `nn.RNN(nonlinearity="relu")`
    RnnRelu,
    /// `nn.LSTM`, gate rows i, f, g, o
    Lstm,
    /// `nn.GRU`, gate rows r, z, n
    Gru,
}

impl CellKind {
    /// Gate blocks stacked in each fused weight matrix (PyTorch's G).
    pub fn gate_count(self) -> usize {
        match self {
            CellKind::RnnTanh | CellKind::RnnRelu => 1,
            CellKind::Lstm => 4,
            CellKind::Gru => 3,
        }
    }
}

/// Where the Linear head reads the recurrent stack's output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Readout {
    /// Head on every step: outputs `[B * T, O]`.
    AllSteps,
    /// Head on the last step only: outputs `[B, O]`.
    LastStep,
}

/// The training objective.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LossKind {
    /// Mean over every output element.
    Mse,
    /// Softmax cross-entropy (nats), mean over positions; accuracy is reported too.
    CrossEntropy,
}

/// Everything needed to build a network: its shapes and the options of its layers.
///
/// `embed`, `dropout_before_head` and `forget_bias` default to "off" (0, false, 0), which is
/// the model as it was before they existed; JSON without them reads as that.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelSpec {
    pub cell: CellKind,
    /// Features per step (dense inputs) or vocabulary size (token inputs).
    pub input_size: usize,
    pub hidden_size: usize,
    pub num_layers: usize,
    pub output_size: usize,
    pub readout: Readout,
    pub loss: LossKind,
    /// Token inputs only: 0 feeds one-hot rows of `input_size`; otherwise an
    /// `nn.Embedding(input_size, embed)` maps each token to `embed` learned features first.
    #[serde(default)]
    pub embed: usize,
    /// Train mode: also drop the last layer's outputs before the head (`nn.Dropout` between
    /// the recurrent stack and the Linear head), at the rate `train_batch` is given, so a
    /// one-layer model is regularised too. Off: dropout only between stacked layers.
    #[serde(default)]
    pub dropout_before_head: bool,
    /// LSTM only (ignored by other cells): after the default init, every layer's forget-gate
    /// slice of `bias_ih` is set to this value, so the summed forget bias starts near it
    /// (`bias_hh` keeps its small random values). 0 keeps PyTorch's init; Jozefowicz et al.
    /// (2015) recommend 1.
    #[serde(default)]
    pub forget_bias: f32,
}

impl ModelSpec {
    /// A spec with the given shapes and every option off (no embedding, dropout only between
    /// layers, PyTorch's init); set the option fields afterwards to turn them on.
    pub fn new(
        cell: CellKind,
        input_size: usize,
        hidden_size: usize,
        num_layers: usize,
        output_size: usize,
        readout: Readout,
        loss: LossKind,
    ) -> Self {
        ModelSpec {
            cell,
            input_size,
            hidden_size,
            num_layers,
            output_size,
            readout,
            loss,
            embed: 0,
            dropout_before_head: false,
            forget_bias: 0.0,
        }
    }
}
