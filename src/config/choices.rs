//! The choice parameters' options: each value's URL spelling and short label, declared
//! once next to its enum with the catalog key of its menu label (the cell enum lives with the network in `crate::nn`).

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
    TASK_OPTIONS for TaskKind in "option.task" {
        Forecast => { value: "forecast", short: "forecast", aliases: [] },
        Adding => { value: "adding", short: "adding", aliases: [] },
        Text => { value: "text", short: "text", aliases: ["char", "chars"] },
        Classify => { value: "classify", short: "classify", aliases: ["classification"] },
    }
}

impl TaskKind {
    /// The catalog key of the task's short name in charts (`task.<value>`).
    pub fn name_key(self) -> &'static str {
        match self {
            TaskKind::Forecast => "task.forecast",
            TaskKind::Adding => "task.adding",
            TaskKind::Text => "task.text",
            TaskKind::Classify => "task.classify",
        }
    }
}

choice_options! {
    CELL_OPTIONS for CellKind in "option.cell" {
        RnnTanh => { value: "rnn", short: "RNN", aliases: ["rnn_tanh", "tanh"] },
        RnnRelu => { value: "relu", short: "RNN (ReLU)", aliases: ["rnn_relu"] },
        Lstm => { value: "lstm", short: "LSTM", aliases: [] },
        Gru => { value: "gru", short: "GRU", aliases: [] },
    }
}

choice_options! {
    OPTIMIZER_OPTIONS for OptimizerChoice in "option.opt" {
        Sgd => { value: "sgd", short: "SGD", aliases: [] },
        Adam => { value: "adam", short: "Adam", aliases: [] },
    }
}
