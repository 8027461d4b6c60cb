//! Every parameter of a run, declared once, in sections by the page's group of controls.
//! Each entry is a [`Config`] field (its doc comment, name, Rust type and [`Field`]
//! variant) with its declaration: URL key, kind and range, per-task defaults, the tasks that
//! use it, what it depends on and whether a running trainer takes it live. The last three
//! may be left out: every task, no dependency, not live (see `declare.rs`). Labels, units
//! and help are catalog messages named after the key.
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
    Group::Data {
        task: TaskKind as Task {
            key: "task",
            kind: ParamKind::Choice { options: TASK_OPTIONS },
            defaults: choices("forecast", "adding", "text", "classify"),
        },
        seq_len: usize as SeqLen {
            key: "len",
            kind: ParamKind::Int { min: 2, max: 256 },
            defaults: ints(32, 100, 48, 30),
        },
        train_size: usize as TrainSize {
            key: "train",
            kind: ParamKind::Int { min: 2, max: 4096 },
            defaults: ints(64, 1024, 256, 64),
        },
        val_size: usize as ValSize {
            key: "val",
            kind: ParamKind::Int { min: 2, max: 4096 },
            defaults: ints(64, 256, 64, 256),
        },
        /// Forecast: noise std; classify: fraction of training labels flipped.
        noise: f32 as Noise {
            key: "noise",
            kind: ParamKind::Float { min: 0.0, max: 1.0, scale: Scale::Linear, step: 0.01 },
            defaults: floats(0.4, 0.0, 0.0, 0.25),
            tasks: NOISY_TASKS,
        },
    },
    Group::Model {
        cell: CellKind as Cell {
            key: "cell",
            kind: ParamKind::Choice { options: CELL_OPTIONS },
            defaults: choices("lstm", "lstm", "lstm", "gru"),
        },
        hidden: usize as Hidden {
            key: "hidden",
            kind: ParamKind::Int { min: 1, max: 512 },
            defaults: ints(64, 32, 128, 64),
        },
        layers: usize as Layers {
            key: "layers",
            kind: ParamKind::Int { min: 1, max: 4 },
            defaults: ints(1, 1, 1, 1),
        },
        /// Text only: 0 feeds one-hot characters; otherwise an embedding of this width.
        embed: usize as Embed {
            key: "embed",
            kind: ParamKind::Int { min: 0, max: 64 },
            defaults: same(DefaultValue::Int(0)),
            tasks: &[TaskKind::Text],
        },
        /// LSTM only: the initial bias of every layer's forget gate; 0 = PyTorch's init.
        forget_bias: f32 as ForgetBias {
            key: "forget_bias",
            kind: ParamKind::Float { min: 0.0, max: 5.0, scale: Scale::Linear, step: 0.5 },
            defaults: same(DefaultValue::Float(0.0)),
            depends_on: Some(Dependency { key: "cell", value: "lstm" }),
        },
    },
    Group::Training {
        dropout: f32 as Dropout {
            key: "dropout",
            kind: ParamKind::Float { min: 0.0, max: 0.9, scale: Scale::Linear, step: 0.05 },
            defaults: same(DefaultValue::Float(0.0)),
            live: true,
        },
        l2: f32 as L2 {
            key: "l2",
            kind: ParamKind::Float {
                min: 0.0,
                max: 0.1,
                scale: Scale::LogOrZero { smallest_positive: 1e-6 },
                step: 0.0,
            },
            defaults: same(DefaultValue::Float(0.0)),
            live: true,
        },
        optimizer: OptimizerChoice as Optimizer {
            key: "opt",
            kind: ParamKind::Choice { options: OPTIMIZER_OPTIONS },
            defaults: same(DefaultValue::Choice("adam")),
        },
        lr: f32 as Lr {
            key: "lr",
            kind: ParamKind::Float { min: 1e-4, max: 10.0, scale: Scale::Log, step: 0.0 },
            defaults: floats(0.01, 0.01, 0.005, 0.01),
            live: true,
        },
        momentum: f32 as Momentum {
            key: "mom",
            kind: ParamKind::Float { min: 0.0, max: 0.99, scale: Scale::Linear, step: 0.01 },
            defaults: same(DefaultValue::Float(0.9)),
            depends_on: Some(Dependency { key: "opt", value: "sgd" }),
            live: true,
        },
        batch: usize as Batch {
            key: "batch",
            kind: ParamKind::Int { min: 1, max: 1024 },
            defaults: ints(8, 32, 32, 16),
        },
        /// Largest global gradient norm; 0 = no clipping.
        clip: f32 as Clip {
            key: "clip",
            kind: ParamKind::Float {
                min: 0.0,
                max: 100.0,
                scale: Scale::LogOrZero { smallest_positive: 0.01 },
                step: 0.0,
            },
            defaults: same(DefaultValue::Float(1.0)),
            live: true,
        },
        seed: u64 as Seed {
            key: "seed",
            kind: ParamKind::Int { min: 0, max: u32::MAX as u64 },
            defaults: same(DefaultValue::Int(1)),
        },
        max_epochs: u32 as MaxEpochs {
            key: "epochs",
            kind: ParamKind::Int { min: 1, max: 10_000 },
            defaults: ints(200, 100, 80, 300),
            live: true,
        },
        /// Epochs without a better validation loss before training stops and keeps the best
        /// weights; 0 = off.
        patience: u32 as Patience {
            key: "patience",
            kind: ParamKind::Int { min: 0, max: 200 },
            defaults: same(DefaultValue::Int(0)),
            live: true,
        },
        /// 1: when the run reaches its last epoch, put back the best epoch's weights.
        keep_best: u32 as KeepBest {
            key: "keep_best",
            kind: ParamKind::Int { min: 0, max: 1 },
            defaults: same(DefaultValue::Int(0)),
            live: true,
        },
    },
    // Last, so that long pasted text ends the URL instead of hiding the short keys.
    Group::Data {
        /// Pasted text for the text task; empty means the built-in corpus.
        text: String as Text {
            key: "text",
            kind: ParamKind::Text { max_chars: MAX_TEXT_CHARS },
            defaults: same(DefaultValue::Text("")),
            tasks: &[TaskKind::Text],
        },
    },
}
