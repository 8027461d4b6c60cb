//! The recurrent network: PyTorch-compatible cells, a Linear head, losses and BPTT.

mod batch;

pub use batch::{Dataset, Inputs, Targets};

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
