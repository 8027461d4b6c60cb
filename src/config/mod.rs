//! The configuration of a run: one typed [`Config`], declared parameter by parameter in
//! the table [`PARAMETERS`], read from URLs ([`Config::from_query`]) and JSON
//! ([`Config::from_json`]) and checked by [`Config::validate`].
//!
//! Every error names the parameter by its table `key` (the URL key, e.g. `len` for
//! `seq_len`) so the page can put the message next to the right control.

mod error;
mod json;
mod query;
mod repair;
mod table;
mod value;
pub(crate) use value::Value;

pub use error::{FieldError, QueryParse};
pub use repair::{chars_needed, distinct_chars};
pub use table::{
    docs_markdown, spec, spec_by_name, ChoiceOption, DefaultValue, Dependency, Field, Group,
    ParamKind, ParamSpec, Scale, TaskDefaults, CELL_OPTIONS, MAX_TEXT_CHARS, OPTIMIZER_OPTIONS,
    PARAMETERS, TASK_OPTIONS,
};

use serde::{Deserialize, Serialize};

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

impl TaskKind {
    pub const ALL: [TaskKind; 4] = [
        TaskKind::Forecast,
        TaskKind::Adding,
        TaskKind::Text,
        TaskKind::Classify,
    ];

    /// The URL value, e.g. `"forecast"`.
    pub fn key(self) -> &'static str {
        match self {
            TaskKind::Forecast => "forecast",
            TaskKind::Adding => "adding",
            TaskKind::Text => "text",
            TaskKind::Classify => "classify",
        }
    }

    fn from_key(key: &str) -> Option<TaskKind> {
        TaskKind::ALL.into_iter().find(|task| task.key() == key)
    }
}

/// The update rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OptimizerChoice {
    /// SGD with (heavy-ball) momentum.
    Sgd,
    Adam,
}

impl OptimizerChoice {
    pub fn key(self) -> &'static str {
        match self {
            OptimizerChoice::Sgd => "sgd",
            OptimizerChoice::Adam => "adam",
        }
    }

    fn from_key(key: &str) -> Option<OptimizerChoice> {
        [OptimizerChoice::Sgd, OptimizerChoice::Adam]
            .into_iter()
            .find(|o| o.key() == key)
    }
}

/// The URL value of a cell kind (`rnn`, `relu`, `lstm`, `gru`).
pub fn cell_key(cell: CellKind) -> &'static str {
    match cell {
        CellKind::RnnTanh => "rnn",
        CellKind::RnnRelu => "relu",
        CellKind::Lstm => "lstm",
        CellKind::Gru => "gru",
    }
}

fn cell_from_key(key: &str) -> Option<CellKind> {
    [
        CellKind::RnnTanh,
        CellKind::RnnRelu,
        CellKind::Lstm,
        CellKind::Gru,
    ]
    .into_iter()
    .find(|cell| cell_key(*cell) == key)
}

/// Everything that defines a run. Ranges and per-task defaults live in [`PARAMETERS`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Config {
    pub task: TaskKind,
    pub seq_len: usize,
    pub train_size: usize,
    pub val_size: usize,
    /// Forecast: noise std; classify: fraction of training labels flipped.
    pub noise: f32,
    /// Pasted text for the text task; empty means the built-in corpus.
    pub text: String,
    pub cell: CellKind,
    pub hidden: usize,
    pub layers: usize,
    pub dropout: f32,
    pub l2: f32,
    pub optimizer: OptimizerChoice,
    pub lr: f32,
    pub momentum: f32,
    pub batch: usize,
    /// Largest global gradient norm; 0 = no clipping.
    pub clip: f32,
    pub seed: u64,
    pub max_epochs: u32,
}

impl Default for Config {
    /// The forecast preset: the playground's first screen.
    fn default() -> Self {
        Config::preset(TaskKind::Forecast)
    }
}

impl Config {
    /// The preset of `task`: the table's column for that task.
    pub fn preset(task: TaskKind) -> Config {
        let mut config = Config {
            task,
            seq_len: 0,
            train_size: 0,
            val_size: 0,
            noise: 0.0,
            text: String::new(),
            cell: CellKind::Lstm,
            hidden: 0,
            layers: 0,
            dropout: 0.0,
            l2: 0.0,
            optimizer: OptimizerChoice::Adam,
            lr: 0.0,
            momentum: 0.0,
            batch: 0,
            clip: 0.0,
            seed: 0,
            max_epochs: 0,
        };
        for spec in PARAMETERS {
            config.set(
                spec.field,
                Value::from_default(spec.defaults.for_task(task)),
            );
        }
        config
    }

    /// Every problem with this config: values outside their table range, and
    /// combinations that cannot work (a batch larger than the training set, pasted text
    /// too short for the requested sequences). Each error names the parameter's key and
    /// says what is allowed.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        for spec in PARAMETERS {
            if let Some(problem) = value::range_problem(spec, &self.get(spec.field)) {
                errors.push(FieldError::new(
                    spec.key,
                    format!("{problem} (allowed: {})", value::allowed(spec)),
                ));
            }
        }
        errors.extend(repair::combination_errors(self));
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Reads a URL query string leniently: always returns a valid config. Keys not given
    /// take the preset of the given task; unreadable values take the preset, values out of
    /// range are clamped, and each replacement, unknown key or repeated key is a notice.
    pub fn from_query(query: &str) -> QueryParse {
        query::parse_lenient(query)
    }

    /// Reads a URL query string, refusing anything the lenient reader would have to fix.
    pub fn from_query_strict(query: &str) -> Result<Config, Vec<FieldError>> {
        query::parse_strict(query)
    }

    /// The canonical query string: every key in table order, text last and only when
    /// non-empty; floats in Rust's shortest round-trip form, so
    /// `from_query(&c.to_query()).config == c` for every valid `c`.
    pub fn to_query(&self) -> String {
        query::encode(self)
    }

    /// Reads a JSON object with field names (`seq_len`) or URL keys (`len`); missing
    /// fields take the given task's preset. Strict: every problem is an error.
    pub fn from_json(json: &str) -> Result<Config, Vec<FieldError>> {
        json::parse(json)
    }

    /// True when going from `self` to `other` needs new data or a new network; false when
    /// only parameters marked `live` in the table differ (learning rate, momentum, dropout,
    /// L2, clipping, epoch limit), which a running trainer can take on the fly.
    pub fn is_structural_change(&self, other: &Config) -> bool {
        let mut with_live_values = self.clone();
        for spec in PARAMETERS.iter().filter(|spec| spec.live) {
            with_live_values.set(spec.field, other.get(spec.field));
        }
        with_live_values != *other
    }

    pub(crate) fn get(&self, field: Field) -> Value {
        match field {
            Field::Task => Value::Choice(self.task.key()),
            Field::SeqLen => Value::Int(self.seq_len as u64),
            Field::TrainSize => Value::Int(self.train_size as u64),
            Field::ValSize => Value::Int(self.val_size as u64),
            Field::Noise => Value::Float(self.noise),
            Field::Text => Value::Text(self.text.clone()),
            Field::Cell => Value::Choice(cell_key(self.cell)),
            Field::Hidden => Value::Int(self.hidden as u64),
            Field::Layers => Value::Int(self.layers as u64),
            Field::Dropout => Value::Float(self.dropout),
            Field::L2 => Value::Float(self.l2),
            Field::Optimizer => Value::Choice(self.optimizer.key()),
            Field::Lr => Value::Float(self.lr),
            Field::Momentum => Value::Float(self.momentum),
            Field::Batch => Value::Int(self.batch as u64),
            Field::Clip => Value::Float(self.clip),
            Field::Seed => Value::Int(self.seed),
            Field::MaxEpochs => Value::Int(self.max_epochs as u64),
        }
    }

    /// Stores a value read through the table. Values come from [`value::read`], which
    /// only yields the kind the table declares for `field`; a mismatch is a bug in this
    /// module and is ignored in release builds rather than panicking on user input.
    pub(crate) fn set(&mut self, field: Field, value: Value) {
        let as_usize = |v: u64| usize::try_from(v).unwrap_or(usize::MAX);
        match (field, value) {
            (Field::Task, Value::Choice(key)) => {
                if let Some(task) = TaskKind::from_key(key) {
                    self.task = task;
                }
            }
            (Field::SeqLen, Value::Int(v)) => self.seq_len = as_usize(v),
            (Field::TrainSize, Value::Int(v)) => self.train_size = as_usize(v),
            (Field::ValSize, Value::Int(v)) => self.val_size = as_usize(v),
            (Field::Noise, Value::Float(v)) => self.noise = v,
            (Field::Text, Value::Text(v)) => self.text = v,
            (Field::Cell, Value::Choice(key)) => {
                if let Some(cell) = cell_from_key(key) {
                    self.cell = cell;
                }
            }
            (Field::Hidden, Value::Int(v)) => self.hidden = as_usize(v),
            (Field::Layers, Value::Int(v)) => self.layers = as_usize(v),
            (Field::Dropout, Value::Float(v)) => self.dropout = v,
            (Field::L2, Value::Float(v)) => self.l2 = v,
            (Field::Optimizer, Value::Choice(key)) => {
                if let Some(optimizer) = OptimizerChoice::from_key(key) {
                    self.optimizer = optimizer;
                }
            }
            (Field::Lr, Value::Float(v)) => self.lr = v,
            (Field::Momentum, Value::Float(v)) => self.momentum = v,
            (Field::Batch, Value::Int(v)) => self.batch = as_usize(v),
            (Field::Clip, Value::Float(v)) => self.clip = v,
            (Field::Seed, Value::Int(v)) => self.seed = v,
            (Field::MaxEpochs, Value::Int(v)) => {
                self.max_epochs = u32::try_from(v).unwrap_or(u32::MAX)
            }
            (field, value) => debug_assert!(false, "{field:?} cannot hold {value:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_exactly_one_row_and_keys_are_unique() {
        use std::collections::HashSet;
        let fields: HashSet<Field> = PARAMETERS.iter().map(|s| s.field).collect();
        assert_eq!(fields.len(), PARAMETERS.len());
        assert_eq!(fields.len(), 18);
        let keys: HashSet<&str> = PARAMETERS.iter().map(|s| s.key).collect();
        assert_eq!(keys.len(), PARAMETERS.len());
    }

    #[test]
    fn every_choice_option_maps_to_an_enum_value() {
        for option in TASK_OPTIONS {
            assert_eq!(
                TaskKind::from_key(option.value).map(|t| t.key()),
                Some(option.value)
            );
        }
        for option in CELL_OPTIONS {
            assert_eq!(
                cell_from_key(option.value).map(cell_key),
                Some(option.value)
            );
        }
        for option in OPTIMIZER_OPTIONS {
            assert_eq!(
                OptimizerChoice::from_key(option.value).map(|o| o.key()),
                Some(option.value)
            );
        }
    }

    #[test]
    fn every_preset_is_valid_and_has_its_own_task() {
        for task in TaskKind::ALL {
            let preset = Config::preset(task);
            assert_eq!(preset.task, task);
            assert_eq!(preset.validate(), Ok(()), "{task:?}");
        }
        assert_eq!(Config::default(), Config::preset(TaskKind::Forecast));
    }

    #[test]
    fn presets_carry_the_per_task_values_of_the_table() {
        assert_eq!(Config::preset(TaskKind::Adding).seq_len, 100);
        assert_eq!(Config::preset(TaskKind::Forecast).seq_len, 24);
        assert_eq!(Config::preset(TaskKind::Classify).cell, CellKind::Gru);
    }

    #[test]
    fn live_parameters_are_not_structural() {
        let base = Config::default();
        let mut tweaked = base.clone();
        tweaked.lr = 0.1;
        tweaked.momentum = 0.5;
        tweaked.dropout = 0.3;
        tweaked.l2 = 1e-3;
        tweaked.clip = 5.0;
        tweaked.max_epochs = 7;
        assert!(!base.is_structural_change(&tweaked));
        for change in [
            |c: &mut Config| c.hidden += 1,
            |c: &mut Config| c.seed += 1,
            |c: &mut Config| c.optimizer = OptimizerChoice::Sgd,
            |c: &mut Config| c.batch += 1,
            |c: &mut Config| c.noise += 0.1,
            |c: &mut Config| c.text.push('x'),
        ] {
            let mut other = tweaked.clone();
            change(&mut other);
            assert!(base.is_structural_change(&other));
        }
    }

    #[test]
    fn docs_list_every_key() {
        let docs = docs_markdown();
        for spec in PARAMETERS {
            assert!(docs.contains(&format!("`{}`", spec.key)));
        }
    }
}
