//! The shape of one parameter's declaration ([`ParamSpec`]) and of its parts: kind and
//! range, per-task defaults, page group. The declarations themselves are in
//! `parameters.rs`.

use serde::{Serialize, Serializer};

use super::{Field, TaskKind};

impl Serialize for Field {
    /// A field serialises to its struct / JSON name, e.g. `"seq_len"`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
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
    /// The catalog key of the name in menus, e.g. `"option.cell.rnn"` ("Vanilla RNN (tanh)").
    pub label_key: &'static str,
    /// The name where space is short (chart titles, tables), e.g. `"RNN"`.
    pub short: &'static str,
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

/// A default value as written in a declaration.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum DefaultValue {
    Int(u64),
    Float(f32),
    Choice(&'static str),
    Text(&'static str),
}

/// The preset value of a parameter for each task: a task's preset is the column of the
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

/// The same default for every task.
pub const fn same(value: DefaultValue) -> TaskDefaults {
    TaskDefaults {
        forecast: value,
        adding: value,
        text: value,
        classify: value,
    }
}

/// Whole-number defaults for forecast, adding, text and classify.
pub const fn ints(forecast: u64, adding: u64, text: u64, classify: u64) -> TaskDefaults {
    TaskDefaults {
        forecast: DefaultValue::Int(forecast),
        adding: DefaultValue::Int(adding),
        text: DefaultValue::Int(text),
        classify: DefaultValue::Int(classify),
    }
}

/// Number defaults for forecast, adding, text and classify.
pub const fn floats(forecast: f32, adding: f32, text: f32, classify: f32) -> TaskDefaults {
    TaskDefaults {
        forecast: DefaultValue::Float(forecast),
        adding: DefaultValue::Float(adding),
        text: DefaultValue::Float(text),
        classify: DefaultValue::Float(classify),
    }
}

/// Choice defaults (canonical values) for forecast, adding, text and classify.
pub const fn choices(
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

/// One parameter's declaration: everything but the [`Config`](super::Config) field itself.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ParamSpec {
    /// Short, stable URL key; also the key of every [`FieldError`](super::FieldError).
    pub key: &'static str,
    /// The [`Config`](super::Config) field (and JSON name).
    pub field: Field,
    pub group: Group,
    pub kind: ParamKind,
    /// Preset value per task.
    pub defaults: TaskDefaults,
    /// Tasks that use this parameter; empty means every task.
    pub tasks: &'static [TaskKind],
    pub depends_on: Option<Dependency>,
    /// True when a running trainer can take a new value without rebuilding data or model.
    pub live: bool,
}

/// Longest pasted text accepted, in Unicode scalar values (a URL must be able to carry it).
pub const MAX_TEXT_CHARS: usize = 20_000;
