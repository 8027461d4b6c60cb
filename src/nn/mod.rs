//! The recurrent network: PyTorch-compatible cells, a Linear head, losses and BPTT.
//!
//! Read in this order: `rnn.rs`, `lstm.rs` and `gru.rs` hold one cell each, forward step next
//! to backward step; `layer` runs a cell over a whole sequence (the fused input projection,
//! the time loop, the weight gradients); `network` stacks layers, adds inter-layer dropout,
//! the Linear head and the loss. Parameter names, shapes, gate order and initialisation are
//! PyTorch's, so a state_dict exported here loads into `nn.RNN` / `nn.LSTM` / `nn.GRU`.

mod activation;
mod batch;
mod dropout;
mod error;
mod gru;
mod init;
mod inspect;
mod kernels;
mod layer;
mod linear;
mod loss;
mod lstm;
mod network;
mod param;
mod rnn;
mod state_dict;
#[cfg(test)]
mod tests;

pub use batch::{Dataset, Inputs, Targets};
pub use error::NnError;
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

/// Everything needed to build a network's shapes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelSpec {
    pub cell: CellKind,
    /// Features per step (dense inputs) or vocabulary size (token inputs, one-hot).
    pub input_size: usize,
    pub hidden_size: usize,
    pub num_layers: usize,
    pub output_size: usize,
    pub readout: Readout,
    pub loss: LossKind,
}
