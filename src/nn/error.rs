//! Errors a user can cause when building a network, feeding it data or loading weights.
//! Each says what is wrong as a catalog message (`crate::i18n`), so the page shows it in the
//! reader's language; `Display` is the English text (logs, native tools, tests).

use std::fmt;

use crate::i18n::Message;

/// Everything that can go wrong in [`crate::nn`], with messages a user can read.
#[derive(Clone, Debug, PartialEq)]
pub enum NnError {
    /// The model description is unusable (a zero size, a model too large to allocate).
    InvalidSpec {
        field: &'static str,
        reason: Message,
    },
    /// Inputs or targets do not fit the model (wrong feature count, token id out of range...).
    InvalidData(Message),
    /// The state_dict text is not JSON, or not a JSON object.
    InvalidJson(Message),
    /// A parameter the model needs is absent from the state_dict.
    MissingKey(String),
    /// The state_dict holds a key this model does not have.
    UnexpectedKey(String),
    /// A tensor's nesting does not match the parameter's shape.
    WrongShape {
        key: String,
        expected: Vec<usize>,
        found: Message,
    },
    /// An entry is not a number (null, a string, a boolean...).
    NotANumber {
        key: String,
        index: Vec<usize>,
        found: Message,
    },
    /// An entry is a number that is not a finite f32 (for example 1e39 overflows).
    NonFinite {
        key: String,
        index: Vec<usize>,
        value: String,
    },
}

impl NnError {
    /// A data error with the catalog message `key` and its blanks.
    pub(crate) fn data(key: &'static str, values: &[(&'static str, String)]) -> NnError {
        NnError::InvalidData(Message::new(key, values))
    }

    /// What went wrong, as a catalog message.
    pub fn message(&self) -> Message {
        let key_only =
            |key: &'static str, name: &String| Message::new(key, &[("key", name.clone())]);
        let at = |index: &Vec<usize>| format!("{index:?}");
        match self {
            NnError::InvalidSpec { field, reason } => {
                Message::new("nn.error.invalid_spec", &[("field", field.to_string())])
                    .with_part("reason", reason.clone())
            }
            NnError::InvalidData(reason) => {
                Message::plain("nn.error.invalid_data").with_part("reason", reason.clone())
            }
            NnError::InvalidJson(reason) => {
                Message::plain("nn.error.invalid_json").with_part("reason", reason.clone())
            }
            NnError::MissingKey(key) => key_only("nn.error.missing_key", key),
            NnError::UnexpectedKey(key) => key_only("nn.error.unexpected_key", key),
            NnError::WrongShape {
                key,
                expected,
                found,
            } => Message::new(
                "nn.error.wrong_shape",
                &[("key", key.clone()), ("expected", format!("{expected:?}"))],
            )
            .with_part("found", found.clone()),
            NnError::NotANumber { key, index, found } => Message::new(
                "nn.error.not_a_number",
                &[("key", key.clone()), ("index", at(index))],
            )
            .with_part("found", found.clone()),
            NnError::NonFinite { key, index, value } => Message::new(
                "nn.error.non_finite",
                &[
                    ("key", key.clone()),
                    ("index", at(index)),
                    ("value", value.clone()),
                ],
            ),
        }
    }
}

impl fmt::Display for NnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().english())
    }
}

impl std::error::Error for NnError {}
