//! Why a trainer could not be built.

use std::collections::BTreeMap;
use std::fmt;

use crate::config::FieldError;
use crate::data::DataError;
use crate::i18n::{catalogs, english, fill, Catalog, Message};

/// Why a trainer could not be built. Its words come from the catalogs: `render` says it
/// in one language, `every_language` in all (the page picks its reader's).
#[derive(Debug, Clone, PartialEq)]
pub enum TrainerError {
    /// The configuration has bad fields; each names its field.
    InvalidConfig(Vec<FieldError>),
    /// The task could not produce data (for example pasted text that is too short).
    Data(Message),
    /// The network could not be built.
    Network(Message),
    /// A saved run (`TrainerSnapshot`) does not fit its own settings; names the part.
    Snapshot(String),
}

impl TrainerError {
    /// The error in `catalog`'s language.
    pub fn render(&self, catalog: &'static Catalog) -> String {
        match self {
            TrainerError::InvalidConfig(errors) => {
                let listed: Vec<String> = errors
                    .iter()
                    .map(|e| {
                        format!(
                            "{}: {}",
                            e.key,
                            e.words.get(catalog.lang).unwrap_or(&e.message)
                        )
                    })
                    .collect();
                fill(
                    catalog.text("trainer.error.invalid_config"),
                    &[("errors", &listed.join("; "))],
                )
            }
            TrainerError::Data(cause) => Message::plain("trainer.error.data")
                .with_part("cause", cause.clone())
                .render(catalog),
            TrainerError::Network(cause) => Message::plain("trainer.error.network")
                .with_part("cause", cause.clone())
                .render(catalog),
            TrainerError::Snapshot(part) => {
                fill(catalog.text("trainer.error.snapshot"), &[("part", part)])
            }
        }
    }

    /// The error in every language: `{lang: text}`.
    pub fn every_language(&self) -> BTreeMap<&'static str, String> {
        catalogs()
            .iter()
            .map(|c| (c.lang, self.render(c)))
            .collect()
    }
}

impl From<DataError> for TrainerError {
    fn from(error: DataError) -> TrainerError {
        match error {
            DataError::InvalidConfig(errors) => TrainerError::InvalidConfig(errors),
            other => TrainerError::Data(other.message()),
        }
    }
}

impl fmt::Display for TrainerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(english()))
    }
}

impl std::error::Error for TrainerError {}
