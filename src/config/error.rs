//! Messages about single parameters, for the page to show next to their controls.

use std::fmt;

use serde::Serialize;

use super::Config;

/// A problem with one parameter (or an unknown key), named by its table key.
/// Displays as `"hidden: 9999 is above the maximum 512; using 512"`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub key: String,
    pub message: String,
}

impl FieldError {
    pub fn new(key: impl Into<String>, message: impl Into<String>) -> FieldError {
        FieldError {
            key: key.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.key, self.message)
    }
}

impl std::error::Error for FieldError {}

/// The result of a lenient read: a valid config and what had to be changed to get it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QueryParse {
    pub config: Config,
    /// Unknown keys, repeated keys, unreadable or out-of-range values, each saying
    /// what was used instead.
    pub notices: Vec<FieldError>,
}

/// Shortens user input quoted in a message (a key or value can be a whole pasted page).
pub(crate) fn quote(raw: &str) -> String {
    quote_within(raw, 40)
}

/// `raw` in quotes, cut after `limit` characters.
pub(crate) fn quote_within(raw: &str, limit: usize) -> String {
    let mut shown: String = raw.chars().take(limit).collect();
    if raw.chars().nth(limit).is_some() {
        shown.push('…');
    }
    format!("'{shown}'")
}
