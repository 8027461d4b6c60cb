//! The tasks: seeded generators that produce a training set and a held-out validation
//! set, with the loss a model that learns nothing would score on validation.
//!
//! | task | inputs | target | readout, loss | baseline |
//! |---|---|---|---|---|
//! | [`forecast`] | noisy sum of sines, 1 value/step | next value | all steps, MSE | predict the training mean |
//! | [`adding`] | (value, marker) pairs | sum of the 2 marked values | last step, MSE | predict the training mean (≈ 1/6) |
//! | [`text`] | characters | next character | all steps, cross-entropy | training-set character frequencies |
//! | [`classify`] | noisy wave | its frequency band (4 classes) | last step, cross-entropy | training-set class frequencies (≈ ln 4) |
//! | [`own_series`] | the reader's own series (forecast), split in time | next value | all steps, MSE | predict the training mean |
//!
//! Every generator draws the training and the validation set from two independent
//! streams forked from the caller's generator, so the validation set does not change
//! when only the training size changes, and the two sets never share a draw.
//!
//! Data builds what a [`Config`] describes, so it imports `config`; `config` never imports
//! `data` (the text task's size rules, which settings repair needs, live in `config`).

pub mod adding;
pub mod classify;
pub mod forecast;
mod grammar;
pub mod own_series;
pub mod sample;
mod series_file;
pub mod text;

use crate::i18n::Message;
use std::fmt;

pub use series_file::{
    parse_series, ParsedSeries, SeriesError, MAX_SERIES_BYTES, MAX_SERIES_VALUES, MIN_SERIES_VALUES,
};

use ndarray::Array2;

use crate::config::{Config, FieldError, TaskKind};
use crate::nn::{Dataset, LossKind, Readout, Targets};
use crate::rng::Rng;

/// The data of one run and how to read its losses.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskData {
    pub train: Dataset,
    pub val: Dataset,
    /// Features per step (dense) or vocabulary size (tokens).
    pub input_size: usize,
    pub output_size: usize,
    pub readout: Readout,
    pub loss: LossKind,
    /// Validation loss of a model that learns nothing (see each task's docs).
    pub baseline_loss: f32,
    /// What the baseline is, without its value (the chart prints the value beside it).
    pub baseline_label: Message,
    /// The unit of the loss axis, e.g. "MSE" or "nats per char".
    pub loss_label: Message,
    /// The characters behind token ids (text task only).
    pub vocab: Option<Vec<char>>,
}

impl TaskData {
    /// A regression task scored by MSE, whose baseline is always predicting the mean of
    /// the training targets; `baseline_label` says what that is for this task.
    pub fn regression(
        train: Dataset,
        val: Dataset,
        input_size: usize,
        readout: Readout,
        baseline_label: Message,
    ) -> TaskData {
        let baseline_loss = match (&train.targets, &val.targets) {
            (Targets::Values(train_y), Targets::Values(val_y)) => {
                mean_predictor_mse(train_y, val_y)
            }
            _ => f32::NAN, // a regression task only makes values
        };
        TaskData {
            train,
            val,
            input_size,
            output_size: 1,
            readout,
            loss: LossKind::Mse,
            baseline_loss,
            baseline_label,
            loss_label: Message::plain("task.loss.mse"),
            vocab: None,
        }
    }
}

/// Why a task could not be built. Every message says what to change.
#[derive(Clone, Debug, PartialEq)]
pub enum DataError {
    /// The config itself is invalid (see [`Config::validate`]).
    InvalidConfig(Vec<FieldError>),
    /// Pasted text with fewer than two distinct characters: nothing to predict.
    TooFewDistinctChars { distinct: usize },
    /// Pasted text too short to cut the requested windows from.
    TextTooShort {
        chars: usize,
        needed: usize,
        seq_len: usize,
        train_size: usize,
        val_size: usize,
    },
}

impl DataError {
    /// What is wrong, as a catalog message. An invalid config lists its fields in English:
    /// the trainer hands those on as `FieldError`s, which carry every language.
    pub fn message(&self) -> Message {
        let n = |value: &usize| value.to_string();
        match self {
            DataError::InvalidConfig(errors) => {
                let listed: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
                Message::new(
                    "trainer.error.invalid_config",
                    &[("errors", listed.join("; "))],
                )
            }
            DataError::TooFewDistinctChars { distinct } => {
                Message::new("data.error.too_few_distinct", &[("distinct", n(distinct))])
            }
            DataError::TextTooShort {
                chars,
                needed,
                seq_len,
                train_size,
                val_size,
            } => Message::new(
                "data.error.text_too_short",
                &[
                    ("chars", n(chars)),
                    ("needed", n(needed)),
                    ("seq_len", n(seq_len)),
                    ("train", n(train_size)),
                    ("val", n(val_size)),
                ],
            ),
        }
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().english())
    }
}

impl std::error::Error for DataError {}

/// Stream ids for [`Rng::fork`]: one per set so each is independent of the other's size.
const TRAIN_STREAM: u64 = 1;
const VAL_STREAM: u64 = 2;

/// Builds the task `config` describes, drawing everything from `rng`: the same
/// generator state gives the same data.
pub fn build_task(config: &Config, rng: &mut Rng) -> Result<TaskData, DataError> {
    config.validate().map_err(DataError::InvalidConfig)?;
    let mut train_rng = rng.fork(TRAIN_STREAM);
    let mut val_rng = rng.fork(VAL_STREAM);
    let sizes = Sizes {
        seq_len: config.seq_len,
        train: config.train_size,
        val: config.val_size,
    };
    match config.task {
        TaskKind::Forecast => Ok(forecast::build(
            sizes,
            config.noise,
            &mut train_rng,
            &mut val_rng,
        )),
        TaskKind::Adding => Ok(adding::build(sizes, &mut train_rng, &mut val_rng)),
        TaskKind::Text => text::build(sizes, &config.text, &mut train_rng, &mut val_rng),
        TaskKind::Classify => Ok(classify::build(
            sizes,
            config.noise,
            &mut train_rng,
            &mut val_rng,
        )),
    }
}

/// The shape of the two sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sizes {
    pub seq_len: usize,
    pub train: usize,
    pub val: usize,
}

/// MSE on `val` of always predicting the mean of `train` (per output column).
pub fn mean_predictor_mse(train: &Array2<f32>, val: &Array2<f32>) -> f32 {
    let columns = train.ncols();
    let mut total = 0.0f64;
    for column in 0..columns {
        let mean = train.column(column).iter().map(|&v| v as f64).sum::<f64>()
            / train.nrows().max(1) as f64;
        total += val
            .column(column)
            .iter()
            .map(|&v| (v as f64 - mean).powi(2))
            .sum::<f64>();
    }
    (total / (val.nrows() * columns).max(1) as f64) as f32
}

/// Cross-entropy (nats) on `val` of predicting each class with its frequency in `train`,
/// add-one smoothed so a class unseen in training costs a finite amount.
pub fn frequency_predictor_cross_entropy(train: &[u32], val: &[u32], classes: usize) -> f32 {
    let mut counts = vec![1.0f64; classes];
    for &class in train {
        if let Some(count) = counts.get_mut(class as usize) {
            *count += 1.0;
        }
    }
    let total: f64 = counts.iter().sum();
    let nats: f64 = val
        .iter()
        .map(|&class| -(counts.get(class as usize).copied().unwrap_or(1.0) / total).ln())
        .sum();
    (nats / val.len().max(1) as f64) as f32
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn mean_predictor_scores_the_spread_around_the_training_mean() {
        let train = array![[1.0], [3.0]]; // mean 2
        let val = array![[2.0], [4.0]];
        assert!((mean_predictor_mse(&train, &val) - 2.0).abs() < 1e-6);
    }

    #[test]
    fn frequency_predictor_is_ln_k_for_balanced_classes() {
        let train: Vec<u32> = (0..400).map(|i| i % 4).collect();
        let val: Vec<u32> = (0..100).map(|i| i % 4).collect();
        let ce = frequency_predictor_cross_entropy(&train, &val, 4);
        assert!((ce - 4f32.ln()).abs() < 1e-4, "{ce}");
    }

    #[test]
    fn invalid_configs_are_refused_with_their_keys() {
        let config = Config {
            hidden: 0,
            ..Config::default()
        };
        let error = build_task(&config, &mut Rng::new(1)).unwrap_err();
        assert!(matches!(&error, DataError::InvalidConfig(errors) if errors[0].key == "hidden"));
        assert!(error.to_string().contains("hidden"));
    }
}
