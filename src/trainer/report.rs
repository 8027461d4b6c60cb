//! What the trainer tells the outside world after each epoch.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::nn::NnError;

/// One finished epoch. Losses are finite: a non-finite loss ends the run as diverged and
/// is never reported as a number.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EpochReport {
    /// 1-based epoch number.
    pub epoch: u32,
    /// Mean training loss over the epoch's mini-batches (train mode, dropout on).
    pub train_loss: f32,
    /// Loss on the whole validation set in evaluation mode.
    pub val_loss: f32,
    /// Fraction of correct predictions (classification and text tasks only).
    pub train_accuracy: Option<f32>,
    pub val_accuracy: Option<f32>,
    /// Mean global gradient norm over the epoch, before clipping.
    pub grad_norm: f32,
    /// Wall time the epoch took, milliseconds.
    pub wall_ms: f64,
    /// Optimiser steps taken in this epoch.
    pub steps: u32,
}

/// Whether the run can continue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum RunStatus {
    Running,
    /// Reached the configured epoch limit.
    Finished,
    /// Early stopping: validation had not improved for `patience` epochs, so the run ended
    /// and the network holds the weights of `best_epoch` again, whose validation loss is
    /// `kept_val_loss`.
    StoppedEarly {
        best_epoch: u32,
        kept_val_loss: f32,
    },
    /// The loss became NaN/inf or exploded; `message` says what happened and what to try,
    /// in English, and `words` in every language by code.
    Diverged {
        message: String,
        #[serde(default)]
        words: BTreeMap<String, String>,
    },
    /// The network or the data refused an operation: a bug, not a training problem, so no
    /// learning-rate advice. `message` is the underlying error in English, `words` in
    /// every language by code.
    Failed {
        message: String,
        #[serde(default)]
        words: BTreeMap<String, String>,
    },
}

impl RunStatus {
    /// A run ended by a network error, said in English and in every language.
    pub(crate) fn failed(error: &NnError) -> RunStatus {
        let words = error.message().every_language();
        RunStatus::Failed {
            message: error.to_string(),
            words: words
                .into_iter()
                .map(|(lang, text)| (lang.to_string(), text))
                .collect(),
        }
    }
}
