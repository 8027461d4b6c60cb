//! Errors a user can cause when building a network, feeding it data or loading weights.

use std::fmt;

/// Everything that can go wrong in [`crate::nn`], with messages a user can read.
#[derive(Clone, Debug, PartialEq)]
pub enum NnError {
    /// The model description is unusable (a zero size, a model too large to allocate).
    InvalidSpec { field: &'static str, reason: String },
    /// Inputs or targets do not fit the model (wrong feature count, token id out of range...).
    InvalidData(String),
    /// The state_dict text is not JSON, or not a JSON object.
    InvalidJson(String),
    /// A parameter the model needs is absent from the state_dict.
    MissingKey(String),
    /// The state_dict holds a key this model does not have.
    UnexpectedKey(String),
    /// A tensor's nesting does not match the parameter's shape.
    WrongShape {
        key: String,
        expected: Vec<usize>,
        found: String,
    },
    /// An entry is not a number (null, a string, a boolean...).
    NotANumber {
        key: String,
        index: Vec<usize>,
        found: String,
    },
    /// An entry is a number that is not a finite f32 (for example 1e39 overflows).
    NonFinite {
        key: String,
        index: Vec<usize>,
        value: String,
    },
}

impl fmt::Display for NnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NnError::InvalidSpec { field, reason } => write!(f, "invalid model: {field} {reason}"),
            NnError::InvalidData(msg) => write!(f, "invalid data: {msg}"),
            NnError::InvalidJson(msg) => write!(f, "state_dict is not valid: {msg}"),
            NnError::MissingKey(key) => write!(f, "state_dict is missing parameter \"{key}\""),
            NnError::UnexpectedKey(key) => {
                write!(f, "state_dict has parameter \"{key}\", which this model does not have")
            }
            NnError::WrongShape { key, expected, found } => write!(
                f,
                "parameter \"{key}\" should have shape {expected:?} but has shape {found}"
            ),
            NnError::NotANumber { key, index, found } => {
                write!(f, "parameter \"{key}\" at index {index:?} is {found}, not a number")
            }
            NnError::NonFinite { key, index, value } => write!(
                f,
                "parameter \"{key}\" at index {index:?} is {value}, which is not a finite 32-bit float"
            ),
        }
    }
}

impl std::error::Error for NnError {}
