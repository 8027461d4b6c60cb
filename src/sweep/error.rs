//! What can go wrong when defining or running a sweep.

use crate::trainer::TrainerError;
use std::fmt;

/// Why a grid could not be built or a sweep could not run.
#[derive(Clone, Debug, PartialEq)]
pub enum SweepError {
    /// A list (`sweep_hidden`, `sweep_layers`) has no usable value.
    EmptyList { key: &'static str },
    /// A value outside the parameter table's range.
    OutOfRange {
        key: &'static str,
        value: usize,
        min: usize,
        max: usize,
    },
    /// More values than a list may hold.
    TooManyValues {
        key: &'static str,
        count: usize,
        max: usize,
    },
    /// A list entry that is not a whole number.
    NotANumber { key: &'static str, entry: String },
    /// A worker pool needs at least one worker.
    NoWorkers,
    /// The trainer refused a point's configuration.
    Trainer(TrainerError),
}

impl fmt::Display for SweepError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SweepError::EmptyList { key } => write!(f, "{key}: the list has no usable value"),
            SweepError::OutOfRange {
                key,
                value,
                min,
                max,
            } => {
                write!(f, "{key}: {value} is outside {min} to {max}")
            }
            SweepError::TooManyValues { key, count, max } => {
                write!(f, "{key}: {count} values, at most {max} are allowed")
            }
            SweepError::NotANumber { key, entry } => {
                write!(f, "{key}: '{entry}' is not a whole number")
            }
            SweepError::NoWorkers => write!(f, "a sweep needs at least one worker"),
            SweepError::Trainer(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for SweepError {}

impl From<TrainerError> for SweepError {
    fn from(error: TrainerError) -> Self {
        SweepError::Trainer(error)
    }
}
