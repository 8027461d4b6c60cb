//! The small types of the trainer's interface: how much to do, why a build failed, and
//! whether a settings change could be applied in place.

use std::fmt;

/// How much work one call to [`super::Trainer::run_for`] may do.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Budget {
    /// Stop starting new mini-batches once this many milliseconds have passed.
    Millis(f64),
    /// Do exactly this many mini-batches (optimiser steps), unless the run ends first.
    Steps(u32),
    /// Do mini-batches until this many more epochs have finished.
    Epochs(u32),
    /// Like `Millis`, but also stop once an epoch has finished: the Step button's epoch,
    /// advanced in slices so a long epoch never blocks the worker.
    MillisUntilEpoch(f64),
}

/// Why a trainer could not be built.
#[derive(Debug, Clone, PartialEq)]
pub enum TrainerError {
    /// The configuration has bad fields; each message names its field.
    InvalidConfig(Vec<String>),
    /// The task could not produce data (for example pasted text that is too short).
    Data(String),
    /// The network could not be built.
    Network(String),
}

impl fmt::Display for TrainerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TrainerError::InvalidConfig(errors) => {
                write!(f, "invalid settings: {}", errors.join("; "))
            }
            TrainerError::Data(message) => write!(f, "cannot build the task data: {message}"),
            TrainerError::Network(message) => write!(f, "cannot build the network: {message}"),
        }
    }
}

impl std::error::Error for TrainerError {}

/// Whether a settings change could be applied to the running trainer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LiveChange {
    /// Applied in place; training continues from where it was.
    Applied,
    /// The change alters the data or the network's shape: build a new trainer.
    NeedsReset,
}
