//! The choice parameters' options: each value's URL spelling, menu label and short label,
//! declared once next to its enum (the cell enum lives with the network in `crate::nn`).

use serde::{Deserialize, Serialize};

use super::declare::choice_options;
use super::spec::ChoiceOption;
use super::value::Value;
use crate::nn::CellKind;

/// Which task the network learns (see [`crate::data`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskKind {
    /// Next-value prediction on noisy sums of sines (the default).
    Forecast,
    /// The adding problem: remember two marked values across a long sequence.
    Adding,
    /// Character-level language modelling.
    Text,
    /// Which frequency band a noisy wave is in, with flipped training labels.
    Classify,
}

/// The update rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OptimizerChoice {
    /// SGD with (heavy-ball) momentum.
    Sgd,
    Adam,
}

choice_options! {
    TASK_OPTIONS for TaskKind {
        Forecast => { value: "forecast", label: "Forecast a noisy wave", short: "forecast", aliases: [] },
        Adding => { value: "adding", label: "Adding problem (long memory)", short: "adding", aliases: [] },
        Text => { value: "text", label: "Character-level text", short: "text", aliases: ["char", "chars"] },
        Classify => {
            value: "classify",
            label: "Classify waves, noisy labels",
            short: "classify",
            aliases: ["classification"],
        },
    }
}

choice_options! {
    CELL_OPTIONS for CellKind {
        RnnTanh => { value: "rnn", label: "Vanilla RNN (tanh)", short: "RNN", aliases: ["rnn_tanh", "tanh"] },
        RnnRelu => { value: "relu", label: "Vanilla RNN (ReLU)", short: "RNN (ReLU)", aliases: ["rnn_relu"] },
        Lstm => { value: "lstm", label: "LSTM", short: "LSTM", aliases: [] },
        Gru => { value: "gru", label: "GRU", short: "GRU", aliases: [] },
    }
}

choice_options! {
    OPTIMIZER_OPTIONS for OptimizerChoice {
        Sgd => { value: "sgd", label: "SGD with momentum", short: "SGD", aliases: [] },
        Adam => { value: "adam", label: "Adam", short: "Adam", aliases: [] },
    }
}
