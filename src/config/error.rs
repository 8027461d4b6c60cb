//! Messages about single parameters, for the page to show next to their controls.

use std::fmt;

use std::collections::BTreeMap;

use serde::Serialize;

use super::Config;
use crate::i18n::{catalogs, english, Catalog, Message};

/// A problem with one parameter (or an unknown key), named by its table key.
/// Displays as `"hidden: 9999 is above the maximum 512; using 512"`. The message is in
/// English; `words` holds it in every language when it came from the catalogs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub key: String,
    pub message: String,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub words: BTreeMap<&'static str, String>,
}

impl FieldError {
    /// A message in English only.
    pub fn new(key: impl Into<String>, message: impl Into<String>) -> FieldError {
        FieldError {
            key: key.into(),
            message: message.into(),
            words: BTreeMap::new(),
        }
    }

    /// A catalog message, in every language.
    pub fn said(key: impl Into<String>, message: &Message) -> FieldError {
        FieldError::in_words(key, |words| message.render(words))
    }

    /// A message that `render` writes in the words of a catalog, for every catalog.
    pub fn in_words(
        key: impl Into<String>,
        render: impl Fn(&'static Catalog) -> String,
    ) -> FieldError {
        FieldError {
            key: key.into(),
            message: render(english()),
            words: catalogs().iter().map(|c| (c.lang, render(c))).collect(),
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
