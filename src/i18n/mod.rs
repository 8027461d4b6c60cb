//! The message catalogs: one JSON file per language in `i18n/` (flat keys to strings,
//! blanks named `{like_this}`), embedded at build time by `build.rs`. Every word a user
//! reads comes from here: parameter labels and help, option names, lesson sentences, chart
//! words and, through the page's wasm, the page's own strings. English is the reference
//! language: a missing key falls back to it, and the tests require every language to have
//! exactly English's keys with the same blanks.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

mod message;
pub use message::{json_error, Message};
mod plural;
pub use plural::{forms_needed, plural_blanks, PluralBlank};

mod sources {
    include!(concat!(env!("OUT_DIR"), "/catalogs.rs"));
}

/// The language every catalog is checked against and falls back to.
pub const REFERENCE: &str = "en";

/// One language's messages.
#[derive(Debug)]
pub struct Catalog {
    /// The language code, the file's name: `en`, `ko`.
    pub lang: &'static str,
    messages: BTreeMap<String, String>,
    /// Why the file could not be read (a test reports it; the app falls back to English).
    pub problem: Option<String>,
}

impl Catalog {
    /// The message `key`, falling back to English, or "" when no catalog has it (the
    /// catalog tests keep every key the code asks for in English).
    pub fn text(&'static self, key: &str) -> &'static str {
        self.get(key)
            .or_else(|| english().get(key))
            .unwrap_or_default()
    }

    /// The message `key` in this language only.
    pub fn get(&'static self, key: &str) -> Option<&'static str> {
        self.messages.get(key).map(String::as_str)
    }

    /// Every key, sorted.
    pub fn keys(&'static self) -> impl Iterator<Item = &'static str> {
        self.messages.keys().map(String::as_str)
    }

    /// Every (key, message), sorted by key: what the page's scripts receive.
    pub fn messages(&'static self) -> &'static BTreeMap<String, String> {
        &self.messages
    }
}

/// Every embedded catalog, parsed once, in language-code order.
pub fn catalogs() -> &'static [Catalog] {
    static PARSED: OnceLock<Vec<Catalog>> = OnceLock::new();
    PARSED.get_or_init(|| {
        sources::SOURCES
            .iter()
            .map(|(lang, json)| match serde_json::from_str(json) {
                Ok(messages) => Catalog {
                    lang,
                    messages,
                    problem: None,
                },
                Err(e) => Catalog {
                    lang,
                    messages: BTreeMap::new(),
                    problem: Some(format!(
                        "i18n/{lang}.json is not a flat JSON object of strings: {e}"
                    )),
                },
            })
            .collect()
    })
}

/// The catalog of `lang` (a code such as `ko`, ASCII case-insensitive), if there is one.
pub fn catalog(lang: &str) -> Option<&'static Catalog> {
    catalogs()
        .iter()
        .find(|c| c.lang.eq_ignore_ascii_case(lang.trim()))
}

/// The catalog for a BCP 47 language tag (`ko`, `ko-KR`, `en-GB`): the exact tag first,
/// then its primary language.
pub fn for_tag(tag: &str) -> Option<&'static Catalog> {
    let tag = tag.trim();
    catalog(tag).or_else(|| catalog(tag.split(['-', '_']).next().unwrap_or("")))
}

/// The English catalog.
pub fn english() -> &'static Catalog {
    catalog(REFERENCE).expect("build.rs embeds i18n/en.json")
}

/// The language codes there are catalogs for.
pub fn languages() -> Vec<&'static str> {
    catalogs().iter().map(|c| c.lang).collect()
}

/// The names of the blanks in `template`: `"{value} @ {epoch}"` → `{epoch, value}`; a
/// plural blank gives its number's name and the blanks inside its forms.
pub fn placeholders(template: &str) -> BTreeSet<&str> {
    let mut names = BTreeSet::new();
    let mut last = 0;
    for blank in plural_blanks(template) {
        names.insert(blank.name);
        names.extend(plain_placeholders(&template[last..blank.span.start]));
        for (_, form) in &blank.forms {
            names.extend(placeholders(form));
        }
        last = blank.span.end;
    }
    names.extend(plain_placeholders(&template[last..]));
    names
}

fn plain_placeholders(template: &str) -> BTreeSet<&str> {
    let mut names = BTreeSet::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if is_name(&after[..close]) => {
                names.insert(&after[..close]);
                rest = &after[close + 1..];
            }
            _ => rest = after,
        }
    }
    names
}

fn is_name(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `template` with each `{name}` replaced by its value, and each plural blank by its
/// form for English (a template with only the `other` form, as Korean's, gets that).
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    fill_in(REFERENCE, template, values)
}

/// `template` with its plural blanks chosen by `lang`'s rule, then each `{name}` replaced
/// by its value.
pub fn fill_in(lang: &str, template: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(
        plural::choose_forms(lang, template, values),
        |text, (name, value)| text.replace(&format!("{{{name}}}"), value),
    )
}

#[cfg(test)]
mod tests;
