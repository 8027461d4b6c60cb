//! Why a trainer could not be built.

use std::fmt;

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
