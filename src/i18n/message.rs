//! A message chosen by key with the values of its blanks, kept unrendered so that each
//! reader (a chart on a Korean page, the English README) renders it in its own language.

use std::collections::BTreeMap;

use super::{catalogs, english, fill, Catalog};

/// A catalog key and the values of its blanks, e.g. `task.forecast.baseline` with
/// `{floor: "0.160"}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub key: &'static str,
    pub values: Vec<(&'static str, String)>,
}

impl Message {
    pub fn new(key: &'static str, values: &[(&'static str, String)]) -> Message {
        Message {
            key,
            values: values.to_vec(),
        }
    }

    /// The message without blanks.
    pub fn plain(key: &'static str) -> Message {
        Message::new(key, &[])
    }

    /// The message in `catalog`'s language.
    pub fn render(&self, catalog: &'static Catalog) -> String {
        let values: Vec<(&str, &str)> = self.values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        fill(catalog.text(self.key), &values)
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
