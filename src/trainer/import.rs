//! Loading weights into a running trainer: a state_dict JSON (a previous download, or
//! PyTorch's `{k: v.tolist()}`) replaces the network's parameters, and the run continues
//! from them. Any problem leaves the run exactly as it was.

use std::fmt;

use super::epoch::EpochInProgress;
use super::{optimizer_kind, Trainer};
use crate::i18n::Message;
use crate::nn::{BatchScore, NnError};
use crate::optim::Optimizer;

/// Bytes a state_dict may take per parameter: the longest f32 in shortest form
/// (`-1.2345678e-38`) with its separator is 16, so 32 leaves room for indentation and
/// PyTorch's longer float64 spellings.
const BYTES_PER_PARAMETER: usize = 32;
/// Plus this much for names and brackets.
const BYTES_OVERHEAD: usize = 64 * 1024;

/// Why weights were not loaded. The message names the parameter and its expected shape.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportError {
    /// The file is larger than any state_dict of this model can be.
    TooLarge { bytes: usize, limit: usize },
    /// The weights load but their validation loss is not a finite number.
    NonFiniteLoss,
    /// The JSON does not fit the model; `shapes` lists what the model expects.
    Mismatch {
        /// Boxed: a network error with its messages is large, and this error is returned
        /// by value from every load.
        error: Box<NnError>,
        shapes: Vec<(String, Vec<usize>)>,
    },
}

impl ImportError {
    /// Why the file was refused, as a catalog message naming the key and expected shape.
    pub fn message(&self) -> Message {
        match self {
            ImportError::TooLarge { bytes, limit } => Message::new(
                "import.error.too_large",
                &[("size", megabytes(*bytes)), ("limit", megabytes(*limit))],
            ),
            ImportError::NonFiniteLoss => Message::plain("import.error.non_finite_loss"),
            ImportError::Mismatch { error, shapes } => {
                let shape_of = |key: &str| shapes.iter().find(|(name, _)| name == key);
                match error.as_ref() {
                    NnError::MissingKey(key) => match shape_of(key) {
                        Some((_, shape)) => Message::new(
                            "import.error.missing_with_shape",
                            &[("shape", format!("{shape:?}"))],
                        )
                        .with_part("error", error.message()),
                        None => error.message(),
                    },
                    NnError::UnexpectedKey(_) => {
                        let names: Vec<&str> = shapes.iter().map(|(n, _)| n.as_str()).collect();
                        Message::new(
                            "import.error.unexpected_expects",
                            &[("names", names.join(", "))],
                        )
                        .with_part("error", error.message())
                    }
                    other => other.message(),
                }
            }
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().english())
    }
}

impl std::error::Error for ImportError {}

fn megabytes(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

impl Trainer {
    /// The largest state_dict JSON, in bytes, this run's network can be loaded from.
    pub fn max_state_dict_bytes(&self) -> usize {
        self.network.param_count() * BYTES_PER_PARAMETER + BYTES_OVERHEAD
    }

    /// Replaces every parameter with the state_dict's and returns the validation score of
    /// the loaded weights. The optimiser's moments and the epoch in progress belonged to
    /// the old weights, so they start afresh; the history and the epoch count stay. On any
    /// error nothing changes.
    pub fn load_state_dict_json(&mut self, json: &str) -> Result<BatchScore, ImportError> {
        let limit = self.max_state_dict_bytes();
        if json.len() > limit {
            return Err(ImportError::TooLarge {
                bytes: json.len(),
                limit,
            });
        }
        let mismatch = |network: &crate::nn::Network, error: NnError| ImportError::Mismatch {
            error: Box::new(error),
            shapes: network
                .parameters()
                .into_iter()
                .map(|p| (p.name, p.shape))
                .collect(),
        };
        // Score the new weights on a copy first: the run changes only once all went well.
        let mut candidate = self.network.clone();
        candidate
            .load_state_dict_json(json)
            .map_err(|e| mismatch(&self.network, e))?;
        let score = candidate
            .evaluate(&self.task.val)
            .map_err(|e| mismatch(&self.network, e))?;
        if !score.loss.is_finite() {
            return Err(ImportError::NonFiniteLoss);
        }
        self.network = candidate;
        self.optimizer = Optimizer::new(optimizer_kind(&self.config), &self.network);
        self.current = EpochInProgress::new(self.task.train.len());
        Ok(score)
    }
}
