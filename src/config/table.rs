//! The one table that declares every parameter of a run.
//!
//! The URL codec, the validation, the JSON reader, the page's sliders and the docs all
//! read [`PARAMETERS`]; adding a parameter means adding a row here (and a field to
//! [`Config`](super::Config)), nothing else. The table is `Serialize` so the page can ask
//! the wasm module for it and build its controls from it.

use serde::Serialize;

use super::TaskKind;

/// Names a field of [`Config`](super::Config); serialises to the struct's field name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Task,
    SeqLen,
    TrainSize,
    ValSize,
    Noise,
    Cell,
    Hidden,
    Layers,
    Dropout,
    L2,
    Optimizer,
    Lr,
    Momentum,
    Batch,
    Clip,
    Seed,
    MaxEpochs,
    Text,
}

impl Field {
    /// The struct / JSON field name, e.g. `"seq_len"`.
    pub fn name(self) -> &'static str {
        match self {
            Field::Task => "task",
            Field::SeqLen => "seq_len",
            Field::TrainSize => "train_size",
            Field::ValSize => "val_size",
            Field::Noise => "noise",
            Field::Cell => "cell",
            Field::Hidden => "hidden",
            Field::Layers => "layers",
            Field::Dropout => "dropout",
            Field::L2 => "l2",
            Field::Optimizer => "optimizer",
            Field::Lr => "lr",
            Field::Momentum => "momentum",
            Field::Batch => "batch",
            Field::Clip => "clip",
            Field::Seed => "seed",
            Field::MaxEpochs => "max_epochs",
            Field::Text => "text",
        }
    }
}

/// How a slider maps its position to a value.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Scale {
    Linear,
    /// Logarithmic between `min` and `max` (both positive).
    Log,
    /// Logarithmic from `smallest_positive` to `max`, with an extra "0 = off" stop.
    LogOrZero {
        smallest_positive: f32,
    },
}

/// One allowed value of a choice parameter.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ChoiceOption {
    /// The canonical value written in URLs, e.g. `"lstm"`.
    pub value: &'static str,
    pub label: &'static str,
    /// Other spellings accepted when reading (JSON uses the serde names, e.g. `rnn_tanh`).
    pub aliases: &'static [&'static str],
}

/// The type of a parameter and its allowed values.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ParamKind {
    /// A whole number in `min..=max`.
    Int {
        min: u64,
        max: u64,
    },
    /// A finite number in `min..=max`; `step` is the slider step on a linear scale.
    Float {
        min: f32,
        max: f32,
        scale: Scale,
        step: f32,
    },
    Choice {
        options: &'static [ChoiceOption],
    },
    /// Free text of at most `max_chars` Unicode scalar values.
    Text {
        max_chars: usize,
    },
}

/// A default value as written in the table.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum DefaultValue {
    Int(u64),
    Float(f32),
    Choice(&'static str),
    Text(&'static str),
}

/// The preset value of a parameter for each task: a task's preset is the column of this
/// table for that task, so "missing keys take the chosen task's defaults" needs no other list.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct TaskDefaults {
    pub forecast: DefaultValue,
    pub adding: DefaultValue,
    pub text: DefaultValue,
    pub classify: DefaultValue,
}

impl TaskDefaults {
    pub fn for_task(&self, task: TaskKind) -> DefaultValue {
        match task {
            TaskKind::Forecast => self.forecast,
            TaskKind::Adding => self.adding,
            TaskKind::Text => self.text,
            TaskKind::Classify => self.classify,
        }
    }
}

const fn same(value: DefaultValue) -> TaskDefaults {
    TaskDefaults {
        forecast: value,
        adding: value,
        text: value,
        classify: value,
    }
}

const fn ints(forecast: u64, adding: u64, text: u64, classify: u64) -> TaskDefaults {
    TaskDefaults {
        forecast: DefaultValue::Int(forecast),
        adding: DefaultValue::Int(adding),
        text: DefaultValue::Int(text),
        classify: DefaultValue::Int(classify),
    }
}

const fn floats(forecast: f32, adding: f32, text: f32, classify: f32) -> TaskDefaults {
    TaskDefaults {
        forecast: DefaultValue::Float(forecast),
        adding: DefaultValue::Float(adding),
        text: DefaultValue::Float(text),
        classify: DefaultValue::Float(classify),
    }
}

const fn choices(
    forecast: &'static str,
    adding: &'static str,
    text: &'static str,
    classify: &'static str,
) -> TaskDefaults {
    TaskDefaults {
        forecast: DefaultValue::Choice(forecast),
        adding: DefaultValue::Choice(adding),
        text: DefaultValue::Choice(text),
        classify: DefaultValue::Choice(classify),
    }
}

/// A parameter shown only when another parameter has a given value.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Dependency {
    /// The other parameter's `key`.
    pub key: &'static str,
    /// Its canonical choice value.
    pub value: &'static str,
}

/// Where a control lives on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    Data,
    Model,
    Training,
}

/// One row of the table.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ParamSpec {
    /// Short, stable URL key; also the key of every [`FieldError`](super::FieldError).
    pub key: &'static str,
    /// The [`Config`](super::Config) field (and JSON name).
    pub field: Field,
    pub label: &'static str,
    pub group: Group,
    pub kind: ParamKind,
    /// Preset value per task.
    pub defaults: TaskDefaults,
    /// Unit shown next to the value ("" when none).
    pub unit: &'static str,
    /// One line of help for tooltips and docs.
    pub help: &'static str,
    /// Tasks that use this parameter; empty means every task.
    pub tasks: &'static [TaskKind],
    pub depends_on: Option<Dependency>,
    /// True when a running trainer can take a new value without rebuilding data or model.
    pub live: bool,
}

/// Longest pasted text accepted, in Unicode scalar values (a URL must be able to carry it).
pub const MAX_TEXT_CHARS: usize = 20_000;

pub const TASK_OPTIONS: &[ChoiceOption] = &[
    ChoiceOption {
        value: "forecast",
        label: "Forecast a noisy wave",
        aliases: &[],
    },
    ChoiceOption {
        value: "adding",
        label: "Adding problem (long memory)",
        aliases: &[],
    },
    ChoiceOption {
        value: "text",
        label: "Character-level text",
        aliases: &["char", "chars"],
    },
    ChoiceOption {
        value: "classify",
        label: "Classify waves, noisy labels",
        aliases: &["classification"],
    },
];

pub const CELL_OPTIONS: &[ChoiceOption] = &[
    ChoiceOption {
        value: "rnn",
        label: "Vanilla RNN (tanh)",
        aliases: &["rnn_tanh", "tanh"],
    },
    ChoiceOption {
        value: "relu",
        label: "Vanilla RNN (ReLU)",
        aliases: &["rnn_relu"],
    },
    ChoiceOption {
        value: "lstm",
        label: "LSTM",
        aliases: &[],
    },
    ChoiceOption {
        value: "gru",
        label: "GRU",
        aliases: &[],
    },
];

pub const OPTIMIZER_OPTIONS: &[ChoiceOption] = &[
    ChoiceOption {
        value: "sgd",
        label: "SGD with momentum",
        aliases: &[],
    },
    ChoiceOption {
        value: "adam",
        label: "Adam",
        aliases: &[],
    },
];

const NOISY_TASKS: &[TaskKind] = &[TaskKind::Forecast, TaskKind::Classify];

/// Every parameter, in canonical order (the order of URL keys and of the docs).
pub static PARAMETERS: &[ParamSpec] = &[
    // ---- data ----
    ParamSpec {
        key: "task",
        field: Field::Task,
        label: "Task",
        group: Group::Data,
        kind: ParamKind::Choice { options: TASK_OPTIONS },
        defaults: choices("forecast", "adding", "text", "classify"),
        unit: "",
        help: "What the network learns; choosing a task loads its preset for every parameter not given",
        tasks: &[],
        depends_on: None,
        live: false,
    },
    ParamSpec {
        key: "len",
        field: Field::SeqLen,
        label: "Sequence length",
        group: Group::Data,
        kind: ParamKind::Int { min: 2, max: 256 },
        defaults: ints(24, 100, 48, 30),
        unit: "steps",
        help: "Time steps per sequence; backpropagation runs through all of them",
        tasks: &[],
        depends_on: None,
        live: false,
    },
    ParamSpec {
        key: "train",
        field: Field::TrainSize,
        label: "Training sequences",
        group: Group::Data,
        kind: ParamKind::Int { min: 2, max: 4096 },
        defaults: ints(32, 1024, 256, 64),
        unit: "sequences",
        help: "Size of the training set; fewer sequences are easier to memorise",
        tasks: &[],
        depends_on: None,
        live: false,
    },
    ParamSpec {
        key: "val",
        field: Field::ValSize,
        label: "Validation sequences",
        group: Group::Data,
        kind: ParamKind::Int { min: 2, max: 4096 },
        defaults: ints(64, 256, 64, 256),
        unit: "sequences",
        help: "Held-out sequences, never trained on, that measure generalisation",
        tasks: &[],
        depends_on: None,
        live: false,
    },
    ParamSpec {
        key: "noise",
        field: Field::Noise,
        label: "Noise",
        group: Group::Data,
        kind: ParamKind::Float { min: 0.0, max: 1.0, scale: Scale::Linear, step: 0.01 },
        defaults: floats(0.3, 0.0, 0.0, 0.25),
        unit: "",
        help: "Forecast: std of Gaussian noise on the wave (inputs and targets). Classify: fraction of training labels flipped",
        tasks: NOISY_TASKS,
        depends_on: None,
        live: false,
    },
    // ---- model ----
    ParamSpec {
        key: "cell",
        field: Field::Cell,
        label: "Cell",
        group: Group::Model,
        kind: ParamKind::Choice { options: CELL_OPTIONS },
        defaults: choices("lstm", "lstm", "lstm", "gru"),
        unit: "",
        help: "Recurrent cell: vanilla RNN, LSTM or GRU (PyTorch semantics)",
        tasks: &[],
        depends_on: None,
        live: false,
    },
    ParamSpec {
        key: "hidden",
        field: Field::Hidden,
        label: "Hidden units",
        group: Group::Model,
        kind: ParamKind::Int { min: 1, max: 512 },
        defaults: ints(64, 32, 128, 64),
        unit: "units",
        help: "Size of each layer's hidden state; more units can memorise more",
        tasks: &[],
        depends_on: None,
        live: false,
    },
    ParamSpec {
        key: "layers",
        field: Field::Layers,
        label: "Layers",
        group: Group::Model,
        kind: ParamKind::Int { min: 1, max: 4 },
        defaults: ints(1, 1, 1, 1),
        unit: "layers",
        help: "Recurrent layers stacked on top of each other",
        tasks: &[],
        depends_on: None,
        live: false,
    },
    // ---- training ----
    ParamSpec {
        key: "dropout",
        field: Field::Dropout,
        label: "Dropout",
        group: Group::Training,
        kind: ParamKind::Float { min: 0.0, max: 0.9, scale: Scale::Linear, step: 0.05 },
        defaults: same(DefaultValue::Float(0.0)),
        unit: "",
        help: "Probability of zeroing a unit's output during training (regularisation)",
        tasks: &[],
        depends_on: None,
        live: true,
    },
    ParamSpec {
        key: "l2",
        field: Field::L2,
        label: "Weight decay (L2)",
        group: Group::Training,
        kind: ParamKind::Float {
            min: 0.0,
            max: 0.1,
            scale: Scale::LogOrZero { smallest_positive: 1e-6 },
            step: 0.0,
        },
        defaults: same(DefaultValue::Float(0.0)),
        unit: "",
        help: "L2 penalty added to the gradient, pulling weights towards zero (0 = off)",
        tasks: &[],
        depends_on: None,
        live: true,
    },
    ParamSpec {
        key: "opt",
        field: Field::Optimizer,
        label: "Optimiser",
        group: Group::Training,
        kind: ParamKind::Choice { options: OPTIMIZER_OPTIONS },
        defaults: same(DefaultValue::Choice("adam")),
        unit: "",
        help: "Update rule for the weights",
        tasks: &[],
        depends_on: None,
        live: false,
    },
    ParamSpec {
        key: "lr",
        field: Field::Lr,
        label: "Learning rate",
        group: Group::Training,
        kind: ParamKind::Float { min: 1e-4, max: 10.0, scale: Scale::Log, step: 0.0 },
        defaults: floats(0.01, 0.01, 0.005, 0.01),
        unit: "",
        help: "Step size of each update; too high diverges, too low crawls",
        tasks: &[],
        depends_on: None,
        live: true,
    },
    ParamSpec {
        key: "mom",
        field: Field::Momentum,
        label: "Momentum",
        group: Group::Training,
        kind: ParamKind::Float { min: 0.0, max: 0.99, scale: Scale::Linear, step: 0.01 },
        defaults: same(DefaultValue::Float(0.9)),
        unit: "",
        help: "SGD momentum: fraction of the previous update carried into the next",
        tasks: &[],
        depends_on: Some(Dependency { key: "opt", value: "sgd" }),
        live: true,
    },
    ParamSpec {
        key: "batch",
        field: Field::Batch,
        label: "Batch size",
        group: Group::Training,
        kind: ParamKind::Int { min: 1, max: 1024 },
        defaults: ints(8, 32, 32, 16),
        unit: "sequences",
        help: "Sequences per update; at most the number of training sequences",
        tasks: &[],
        depends_on: None,
        live: false,
    },
    ParamSpec {
        key: "clip",
        field: Field::Clip,
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
        tasks: &[],
        depends_on: None,
        live: true,
    },
    ParamSpec {
        key: "seed",
        field: Field::Seed,
        label: "Seed",
        group: Group::Training,
        kind: ParamKind::Int { min: 0, max: u32::MAX as u64 },
        defaults: same(DefaultValue::Int(1)),
        unit: "",
        help: "Seeds the data, the initial weights, dropout and shuffling: same seed, same run",
        tasks: &[],
        depends_on: None,
        live: false,
    },
    ParamSpec {
        key: "epochs",
        field: Field::MaxEpochs,
        label: "Epochs",
        group: Group::Training,
        kind: ParamKind::Int { min: 1, max: 10_000 },
        defaults: ints(400, 100, 80, 300),
        unit: "epochs",
        help: "Training stops after this many passes over the training set",
        tasks: &[],
        depends_on: None,
        live: true,
    },
    // Last, so that long pasted text ends the URL instead of hiding the short keys.
    ParamSpec {
        key: "text",
        field: Field::Text,
        label: "Your text",
        group: Group::Data,
        kind: ParamKind::Text { max_chars: MAX_TEXT_CHARS },
        defaults: same(DefaultValue::Text("")),
        unit: "characters",
        help: "Text to model instead of the built-in sentences (empty = built-in corpus)",
        tasks: &[TaskKind::Text],
        depends_on: None,
        live: false,
    },
];

/// The row of `field`.
pub fn spec(field: Field) -> &'static ParamSpec {
    PARAMETERS
        .iter()
        .find(|spec| spec.field == field)
        .expect("every Field has a row in PARAMETERS (checked by a unit test)")
}

/// The row whose URL key or field name is `name` (ASCII case-insensitive).
pub fn spec_by_name(name: &str) -> Option<&'static ParamSpec> {
    PARAMETERS.iter().find(|spec| {
        spec.key.eq_ignore_ascii_case(name) || spec.field.name().eq_ignore_ascii_case(name)
    })
}

/// The canonical option matching `raw` by value or alias (ASCII case-insensitive).
pub fn find_option(options: &'static [ChoiceOption], raw: &str) -> Option<&'static ChoiceOption> {
    let raw = raw.trim();
    options.iter().find(|option| {
        option.value.eq_ignore_ascii_case(raw)
            || option
                .aliases
                .iter()
                .any(|alias| alias.eq_ignore_ascii_case(raw))
    })
}

/// The parameter table as a Markdown table, for the README and the page's help.
pub fn docs_markdown() -> String {
    let mut out = String::from(
        "| key | parameter | allowed | forecast | adding | text | classify | help |\n",
    );
    out.push_str("|---|---|---|---|---|---|---|---|\n");
    for spec in PARAMETERS {
        let allowed = match spec.kind {
            ParamKind::Int { min, max } => format!("{min} to {max}"),
            ParamKind::Float {
                min, max, scale, ..
            } => match scale {
                Scale::Linear => format!("{min} to {max}"),
                Scale::Log => format!("{min} to {max} (log)"),
                Scale::LogOrZero { .. } => format!("0 (off) or up to {max} (log)"),
            },
            ParamKind::Choice { options } => options
                .iter()
                .map(|o| o.value)
                .collect::<Vec<_>>()
                .join(", "),
            ParamKind::Text { max_chars } => format!("up to {max_chars} characters"),
        };
        let show = |value: DefaultValue| match value {
            DefaultValue::Int(v) => v.to_string(),
            DefaultValue::Float(v) => v.to_string(),
            DefaultValue::Choice(v) => v.to_string(),
            DefaultValue::Text("") => "(empty)".to_string(),
            DefaultValue::Text(v) => v.to_string(),
        };
        let unit = if spec.unit.is_empty() {
            String::new()
        } else {
            format!(" ({})", spec.unit)
        };
        out.push_str(&format!(
            "| `{}` | {}{} | {} | {} | {} | {} | {} | {} |\n",
            spec.key,
            spec.label,
            unit,
            allowed,
            show(spec.defaults.forecast),
            show(spec.defaults.adding),
            show(spec.defaults.text),
            show(spec.defaults.classify),
            spec.help
        ));
    }
    out
}
