//! A message chosen by key with the values of its blanks, kept unrendered so that each
//! reader (a chart on a Korean page, the English README) renders it in its own language.

use std::collections::BTreeMap;

use super::{catalogs, english, fill_in, Catalog};

/// A catalog key and the values of its blanks, e.g. `task.forecast.baseline` with
/// `{floor: "0.160"}`. A blank may also hold another message (`parts`), rendered in the
/// same language: an error that wraps a cause says both in the reader's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub key: &'static str,
    pub values: Vec<(&'static str, String)>,
    pub parts: Vec<(&'static str, Message)>,
}

impl Message {
    pub fn new(key: &'static str, values: &[(&'static str, String)]) -> Message {
        Message {
            key,
            values: values.to_vec(),
            parts: Vec::new(),
        }
    }

    /// This message with the blank `name` holding `part`, said in the same language.
    pub fn with_part(mut self, name: &'static str, part: Message) -> Message {
        self.parts.push((name, part));
        self
    }

    /// The message without blanks.
    pub fn plain(key: &'static str) -> Message {
        Message::new(key, &[])
    }

    /// The message in `catalog`'s language.
    pub fn render(&self, catalog: &'static Catalog) -> String {
        let parts: Vec<(&str, String)> = self
            .parts
            .iter()
            .map(|(name, part)| (*name, part.render(catalog)))
            .collect();
        let values: Vec<(&str, &str)> = self
            .values
            .iter()
            .chain(&parts)
            .map(|(k, v)| (*k, v.as_str()))
            .collect();
        fill_in(catalog.lang, catalog.text(self.key), &values)
    }

    /// The message in English (native charts, docs, tests).
    pub fn english(&self) -> String {
        self.render(english())
    }

    /// The message in every language there is a catalog for: `{lang: text}`.
    pub fn every_language(&self) -> BTreeMap<&'static str, String> {
        catalogs()
            .iter()
            .map(|c| (c.lang, self.render(c)))
            .collect()
    }
}

/// Why a JSON text could not be read, as a catalog message: where it broke (line and
/// column) and what kind of problem it is; serde's own English wording is left out.
pub fn json_error(error: &serde_json::Error) -> Message {
    use serde_json::error::Category;
    let key = match error.classify() {
        Category::Eof => "json.error.eof",
        Category::Syntax | Category::Io => "json.error.syntax",
        Category::Data => "json.error.data",
    };
    Message::new(
        key,
        &[
            ("line", error.line().to_string()),
            ("column", error.column().to_string()),
        ],
    )
}
