//! Predictions against the truth, on training and on validation data side by side: a
//! model that memorises is perfect on the first and wrong on the second.

use crate::i18n::Message;
use serde::{Deserialize, Serialize};

use super::{all_finite, ViewError};
use crate::nn::{Dataset, Inputs, LossKind, Readout, Targets};
use crate::trainer::Trainer;

/// Sequences per set in a [`PredictionData::Scatter`].
pub const MAX_SCATTER_POINTS: usize = 128;

/// Target and prediction for the regression tasks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PredictionData {
    /// A prediction at every step (forecast): the first training and the first validation
    /// sequence, step by step.
    Sequences {
        train: SequenceTrace,
        val: SequenceTrace,
    },
    /// One prediction per sequence (adding): `[target, prediction]` of the first
    /// [`MAX_SCATTER_POINTS`] sequences of each set, and the MSE over those points.
    Scatter {
        train: Vec<[f32; 2]>,
        val: Vec<[f32; 2]>,
        train_mse: f32,
        val_mse: f32,
    },
}

/// One sequence, step by step (first output only).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SequenceTrace {
    /// Which sequence of its set.
    pub sequence: usize,
    /// The first input feature at each step.
    pub inputs: Vec<f32>,
    pub targets: Vec<f32>,
    pub predictions: Vec<f32>,
    /// Mean squared error over this sequence.
    pub mse: f32,
}

impl Trainer {
    /// Predictions against targets on training and validation data (regression tasks).
    pub fn prediction_data(&mut self) -> Result<PredictionData, ViewError> {
        if self.task.loss != LossKind::Mse {
            return Err(ViewError::NotApplicable(Message::plain(
                "view.predictions_regression",
            )));
        }
        let data = match self.task.readout {
            Readout::AllSteps => PredictionData::Sequences {
                train: self.trace(false, 0)?,
                val: self.trace(true, 0)?,
            },
            Readout::LastStep => {
                let (train, train_mse) = self.scatter(false)?;
                let (val, val_mse) = self.scatter(true)?;
                PredictionData::Scatter {
                    train,
                    val,
                    train_mse,
                    val_mse,
                }
            }
        };
        Ok(data)
    }

    fn trace(&mut self, validation: bool, sequence: usize) -> Result<SequenceTrace, ViewError> {
        let set = if validation {
            &self.task.val
        } else {
            &self.task.train
        };
        let inputs = set.inputs.gather(&[sequence]);
        let first_inputs = match &inputs {
            Inputs::Dense(x) => x.slice(ndarray::s![0, .., 0]).to_vec(),
            Inputs::Tokens(ids) => ids.row(0).iter().map(|&id| id as f32).collect(),
        };
        let targets = first_column(set, sequence, inputs.seq_len());
        let predictions: Vec<f32> = self.network.predict(&inputs)?.column(0).to_vec();
        all_finite(&predictions)?;
        Ok(SequenceTrace {
            sequence,
            inputs: first_inputs,
            mse: mse(targets.iter().copied().zip(predictions.iter().copied())),
            targets,
            predictions,
        })
    }

    fn scatter(&mut self, validation: bool) -> Result<(Vec<[f32; 2]>, f32), ViewError> {
        let set = if validation {
            &self.task.val
        } else {
            &self.task.train
        };
        let rows: Vec<usize> = (0..set.len().min(MAX_SCATTER_POINTS)).collect();
        let batch = set.gather(&rows);
        let predictions = self.network.predict(&batch.inputs)?;
        let targets = first_column(&batch, 0, rows.len());
        let points: Vec<[f32; 2]> = targets
            .iter()
            .zip(predictions.column(0))
            .map(|(&target, &prediction)| [target, prediction])
            .collect();
        all_finite(points.iter().flatten())?;
        let error = mse(points.iter().map(|p| (p[0], p[1])));
        Ok((points, error))
    }
}

/// First target column of `count` positions starting at position `first * count`.
fn first_column(set: &Dataset, first: usize, count: usize) -> Vec<f32> {
    match &set.targets {
        Targets::Values(y) => (0..count).map(|i| y[[first * count + i, 0]]).collect(),
        Targets::Classes(c) => (0..count).map(|i| c[first * count + i] as f32).collect(),
    }
}

fn mse(pairs: impl Iterator<Item = (f32, f32)>) -> f32 {
    let (mut total, mut n) = (0.0f64, 0usize);
    for (target, prediction) in pairs {
        total += f64::from(prediction - target).powi(2);
        n += 1;
    }
    (total / n.max(1) as f64) as f32
}
