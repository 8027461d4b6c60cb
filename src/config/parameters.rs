//! Every parameter of a run, declared once. Each entry is a [`Config`] field (its doc
//! comment, name, Rust type and [`Field`] variant) with its declaration: URL key, label,
//! page group, kind and range, per-task defaults, unit, help, the tasks that use it, what
//! it depends on and whether a running trainer takes it live. The last four may be left
//! out: no unit, every task, no dependency, not live (see `declare.rs`).
//!
//! Adding a parameter means adding an entry here and writing the code that uses the value:
//! the URL and JSON readers, validation, the page's controls and the docs all follow from
//! the entry (see `declare.rs` for what the macro generates).

use super::declare::parameters;
use super::spec::{
    choices, floats, ints, same, DefaultValue, Dependency, Group, ParamKind, ParamSpec, Scale,
    MAX_TEXT_CHARS,
};
use super::value::Value;
use super::{OptimizerChoice, TaskKind, CELL_OPTIONS, OPTIMIZER_OPTIONS, TASK_OPTIONS};
use crate::nn::CellKind;

/// The tasks whose data has a noise knob.
const NOISY_TASKS: &[TaskKind] = &[TaskKind::Forecast, TaskKind::Classify];

parameters! {
    // ---- data ----
    task: TaskKind as Task {
        key: "task",
        label: "Task",
        group: Group::Data,
        kind: ParamKind::Choice { options: TASK_OPTIONS },
        defaults: choices("forecast", "adding", "text", "classify"),
        help: "What the network learns; choosing a task loads its preset for every parameter not given",
    },
    seq_len: usize as SeqLen {
        key: "len",
        label: "Sequence length",
        group: Group::Data,
        kind: ParamKind::Int { min: 2, max: 256 },
        defaults: ints(32, 100, 48, 30),
        unit: "steps",
        help: "Time steps per sequence; backpropagation runs through all of them",
    },
    train_size: usize as TrainSize {
        key: "train",
        label: "Training sequences",
        group: Group::Data,
        kind: ParamKind::Int { min: 2, max: 4096 },
        defaults: ints(64, 1024, 256, 64),
        unit: "sequences",
        help: "Size of the training set; fewer sequences are easier to memorise",
    },
    val_size: usize as ValSize {
        key: "val",
        label: "Validation sequences",
        group: Group::Data,
        kind: ParamKind::Int { min: 2, max: 4096 },
        defaults: ints(64, 256, 64, 256),
        unit: "sequences",
        help: "Held-out sequences, never trained on, that measure generalisation",
    },
    /// Forecast: noise std; classify: fraction of training labels flipped.
    noise: f32 as Noise {
        key: "noise",
        label: "Noise",
        group: Group::Data,
        kind: ParamKind::Float { min: 0.0, max: 1.0, scale: Scale::Linear, step: 0.01 },
        defaults: floats(0.4, 0.0, 0.0, 0.25),
        help: "Forecast: std of Gaussian noise on the wave (inputs and targets). Classify: fraction of training labels flipped",
        tasks: NOISY_TASKS,
    },
    // ---- model ----
    cell: CellKind as Cell {
        key: "cell",
        label: "Cell",
        group: Group::Model,
        kind: ParamKind::Choice { options: CELL_OPTIONS },
        defaults: choices("lstm", "lstm", "lstm", "gru"),
        help: "Recurrent cell: vanilla RNN, LSTM or GRU (PyTorch semantics)",
    },
    hidden: usize as Hidden {
        key: "hidden",
        label: "Hidden units",
        group: Group::Model,
        kind: ParamKind::Int { min: 1, max: 512 },
        defaults: ints(64, 32, 128, 64),
        unit: "units",
        help: "Size of each layer's hidden state; more units can memorise more",
    },
    layers: usize as Layers {
        key: "layers",
        label: "Layers",
        group: Group::Model,
        kind: ParamKind::Int { min: 1, max: 4 },
        defaults: ints(1, 1, 1, 1),
        unit: "layers",
        help: "Recurrent layers stacked on top of each other",
    },
    /// Text only: 0 feeds one-hot characters; otherwise an embedding of this width.
    embed: usize as Embed {
        key: "embed",
        label: "Embedding size",
        group: Group::Model,
        kind: ParamKind::Int { min: 0, max: 64 },
        defaults: same(DefaultValue::Int(0)),
        unit: "features",
        help: "Text: 0 feeds each character as a one-hot vector; otherwise an embedding layer first maps it to this many learned features",
        tasks: &[TaskKind::Text],
    },
    /// LSTM only: the initial bias of every layer's forget gate; 0 = PyTorch's init.
    forget_bias: f32 as ForgetBias {
        key: "forget_bias",
        label: "Forget-gate bias",
        group: Group::Model,
        kind: ParamKind::Float { min: 0.0, max: 5.0, scale: Scale::Linear, step: 0.5 },
        defaults: same(DefaultValue::Float(0.0)),
        help: "LSTM: initial forget-gate bias; 1 starts the gate open so memories last (Jozefowicz et al. 2015); 0 = PyTorch's initialisation",
        depends_on: Some(Dependency { key: "cell", value: "lstm" }),
    },
    // ---- training ----
    dropout: f32 as Dropout {
        key: "dropout",
        label: "Dropout",
        group: Group::Training,
        kind: ParamKind::Float { min: 0.0, max: 0.9, scale: Scale::Linear, step: 0.05 },
        defaults: same(DefaultValue::Float(0.0)),
        help: "Probability of zeroing a unit's output during training (regularisation)",
        live: true,
    },
    l2: f32 as L2 {
        key: "l2",
        label: "Weight decay (L2)",
        group: Group::Training,
        kind: ParamKind::Float {
            min: 0.0,
            max: 0.1,
            scale: Scale::LogOrZero { smallest_positive: 1e-6 },
            step: 0.0,
        },
        defaults: same(DefaultValue::Float(0.0)),
        help: "L2 penalty added to the gradient, pulling weights towards zero (0 = off)",
        live: true,
    },
    optimizer: OptimizerChoice as Optimizer {
        key: "opt",
        label: "Optimiser",
        group: Group::Training,
        kind: ParamKind::Choice { options: OPTIMIZER_OPTIONS },
        defaults: same(DefaultValue::Choice("adam")),
        help: "Update rule for the weights",
    },
    lr: f32 as Lr {
        key: "lr",
        label: "Learning rate",
        group: Group::Training,
        kind: ParamKind::Float { min: 1e-4, max: 10.0, scale: Scale::Log, step: 0.0 },
        defaults: floats(0.01, 0.01, 0.005, 0.01),
        help: "Step size of each update; too high diverges, too low crawls",
        live: true,
    },
    momentum: f32 as Momentum {
        key: "mom",
        label: "Momentum",
        group: Group::Training,
        kind: ParamKind::Float { min: 0.0, max: 0.99, scale: Scale::Linear, step: 0.01 },
        defaults: same(DefaultValue::Float(0.9)),
        help: "SGD momentum: fraction of the previous update carried into the next",
        depends_on: Some(Dependency { key: "opt", value: "sgd" }),
        live: true,
    },
    batch: usize as Batch {
        key: "batch",
        label: "Batch size",
        group: Group::Training,
        kind: ParamKind::Int { min: 1, max: 1024 },
        defaults: ints(8, 32, 32, 16),
        unit: "sequences",
        help: "Sequences per update; at most the number of training sequences",
    },
    /// Largest global gradient norm; 0 = no clipping.
    clip: f32 as Clip {
        key: "clip",
        label: "Gradient clipping",
        group: Group::Training,
        kind: ParamKind::Float {
            min: 0.0,
            max: 100.0,
            scale: Scale::LogOrZero { smallest_positive: 0.01 },
            step: 0.0,
        },
        defaults: same(DefaultValue::Float(1.0)),
        unit: "norm",
        help: "Largest global gradient norm; longer gradients are scaled down (0 = off)",
        live: true,
    },
    seed: u64 as Seed {
        key: "seed",
        label: "Seed",
        group: Group::Training,
        kind: ParamKind::Int { min: 0, max: u32::MAX as u64 },
        defaults: same(DefaultValue::Int(1)),
        help: "Seeds the data, the initial weights, dropout and shuffling: same seed, same run",
    },
    max_epochs: u32 as MaxEpochs {
        key: "epochs",
        label: "Epochs",
        group: Group::Training,
        kind: ParamKind::Int { min: 1, max: 10_000 },
        defaults: ints(200, 100, 80, 300),
        unit: "epochs",
        help: "Training stops after this many passes over the training set",
        live: true,
    },
    /// Epochs without a better validation loss before training stops and keeps the best
    /// weights; 0 = off.
    patience: u32 as Patience {
        key: "patience",
        label: "Early-stopping patience",
        group: Group::Training,
        kind: ParamKind::Int { min: 0, max: 200 },
        defaults: same(DefaultValue::Int(0)),
        unit: "epochs",
        help: "Stop when validation has not improved for this many epochs and keep the best weights; 0 = off",
        live: true,
    },
    /// 1: when the run reaches its last epoch, put back the best epoch's weights.
    keep_best: u32 as KeepBest {
        key: "keep_best",
        label: "Keep best weights",
        group: Group::Training,
        kind: ParamKind::Int { min: 0, max: 1 },
        defaults: same(DefaultValue::Int(0)),
        help: "1: when training ends, the network (and the views of it) goes back to the weights of the best validation epoch; early stopping always does",
        live: true,
    },
    // Last, so that long pasted text ends the URL instead of hiding the short keys.
    /// Pasted text for the text task; empty means the built-in corpus.
    text: String as Text {
        key: "text",
        label: "Your text",
        group: Group::Data,
        kind: ParamKind::Text { max_chars: MAX_TEXT_CHARS },
        defaults: same(DefaultValue::Text("")),
        unit: "characters",
        help: "Text to model instead of the built-in sentences (empty = built-in corpus)",
        tasks: &[TaskKind::Text],
    },
}
