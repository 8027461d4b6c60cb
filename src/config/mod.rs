//! The configuration of a run: one typed [`Config`], declared parameter by parameter in
//! `parameters.rs` (the table [`PARAMETERS`]), read from URLs ([`Config::from_query`]) and
//! JSON ([`Config::from_json`]) and checked by [`Config::validate`].
//!
//! Every error names the parameter by its declared `key` (the URL key, e.g. `len` for
//! `seq_len`) so the page can put the message next to the right control.

mod choices;
mod declare;
mod error;
mod json;
mod lessons;
mod page_keys;
mod parameters;
mod query;
mod repair;
mod spec;
mod table;
mod value;

pub use choices::{OptimizerChoice, TaskKind, CELL_OPTIONS, OPTIMIZER_OPTIONS, TASK_OPTIONS};
pub(crate) use error::quote_within;
pub use error::{FieldError, QueryParse};
pub use lessons::{expand_lesson, lesson, Lesson, LessonExpansion, LESSONS};
pub use page_keys::{PageKey, PAGE_KEYS};
pub use parameters::{Config, Field, PARAMETERS};
pub(crate) use query::percent_decode;
pub use query::{query_parts, MAX_QUERY_PARTS};
pub use repair::{chars_needed, distinct_chars};
pub use spec::{
    ChoiceOption, DefaultValue, Dependency, Group, ParamKind, ParamSpec, Scale, TaskDefaults,
    MAX_TEXT_CHARS,
};
pub use table::{docs_markdown, spec, spec_by_name};

impl Default for Config {
    /// The forecast preset: the playground's first screen.
    fn default() -> Self {
        Config::preset(TaskKind::Forecast)
    }
}

impl Config {
    /// Every problem with this config: values outside their table range, and
    /// combinations that cannot work (a batch larger than the training set, pasted text
    /// too short for the requested sequences). Each error names the parameter's key and
    /// says what is allowed.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        for spec in PARAMETERS {
            if let Some(problem) = value::range_problem(spec, &self.get(spec.field)) {
                errors.push(FieldError::said(
                    spec.key,
                    &value::with_allowed(problem, spec),
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
}

#[cfg(test)]
mod tests {
    use super::value::Value;
    use super::*;
    use crate::nn::CellKind;

    #[test]
    fn keys_and_names_are_unique_and_never_name_another_parameter() {
        use std::collections::HashSet;
        let keys: HashSet<&str> = PARAMETERS.iter().map(|s| s.key).collect();
        let names: HashSet<&str> = PARAMETERS.iter().map(|s| s.field.name()).collect();
        assert_eq!(keys.len(), PARAMETERS.len());
        assert_eq!(names.len(), PARAMETERS.len());
        for spec in PARAMETERS {
            assert_eq!(spec_by_name(spec.key), Some(spec));
            assert_eq!(spec_by_name(spec.field.name()), Some(spec));
        }
    }

    #[test]
    fn every_default_is_in_range_and_set_then_get_gives_it_back() {
        for task in TaskKind::ALL {
            let mut config = Config::preset(task);
            for spec in PARAMETERS {
                let default = Value::from_default(spec.defaults.for_task(task));
                assert_eq!(value::range_problem(spec, &default), None, "{}", spec.key);
                config.set(spec.field, default.clone());
                assert_eq!(config.get(spec.field), default, "{} for {task:?}", spec.key);
            }
        }
    }

    #[test]
    fn every_choice_option_maps_to_an_enum_value_and_back() {
        fn check(
            options: &[ChoiceOption],
            keys: Vec<&'static str>,
            parse: impl Fn(&str) -> Option<&'static str>,
        ) {
            let values: Vec<&str> = options.iter().map(|o| o.value).collect();
            assert_eq!(keys, values);
            for value in values {
                assert_eq!(parse(value), Some(value));
            }
        }
        check(
            TASK_OPTIONS,
            TaskKind::ALL.map(TaskKind::key).to_vec(),
            |k| TaskKind::from_key(k).map(TaskKind::key),
        );
        check(
            CELL_OPTIONS,
            CellKind::ALL.map(CellKind::key).to_vec(),
            |k| CellKind::from_key(k).map(CellKind::key),
        );
        check(
            OPTIMIZER_OPTIONS,
            OptimizerChoice::ALL.map(OptimizerChoice::key).to_vec(),
            |k| OptimizerChoice::from_key(k).map(OptimizerChoice::key),
        );
        assert_eq!(CellKind::RnnRelu.short_label(), "RNN (ReLU)");
        // Readers take aliases in any case, and nothing else.
        assert_eq!(CellKind::from_key(" LSTM"), Some(CellKind::Lstm));
        assert_eq!(CellKind::from_key("tanh"), Some(CellKind::RnnTanh));
        assert_eq!(CellKind::from_key("transformer"), None);
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
        assert_eq!(Config::preset(TaskKind::Forecast).seq_len, 32);
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
