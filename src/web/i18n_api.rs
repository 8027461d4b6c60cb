//! The message catalogs for the page's scripts (`www/i18n.js`): which languages there are,
//! one language's messages, and which language a page or figure speaks.

use super::to_js;
use crate::i18n::{catalogs, english, fill, for_tag};
use serde::Serialize;
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

/// A language the page can switch to.
#[derive(Serialize)]
struct Language {
    lang: &'static str,
    /// Its own name for itself (`language.name`), for the switch.
    name: &'static str,
}

/// The chosen language and, when the requested one was unknown, why it is not used.
#[derive(Serialize)]
struct Choice {
    lang: &'static str,
    notice: Option<String>,
}

/// Every language with a catalog: `[{lang, name}]`, in code order.
#[wasm_bindgen]
pub fn languages() -> Result<JsValue, JsError> {
    let list: Vec<Language> = catalogs()
        .iter()
        .map(|c| Language {
            lang: c.lang,
            name: c.text("language.name"),
        })
        .collect();
    to_js(&list)
}

/// The messages of `lang` (English for an unknown code), each missing key filled from
/// English: `{key: message}`.
#[wasm_bindgen]
pub fn catalog_messages(lang: &str) -> Result<JsValue, JsError> {
    let catalog = for_tag(lang).unwrap_or_else(english);
    let mut messages: BTreeMap<&str, &str> = english()
        .messages()
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    messages.extend(
        catalog
            .messages()
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str())),
    );
    to_js(&messages)
}

/// Which language to speak: `requested` (the `lang` key or attribute) when it names a
/// catalog; otherwise the first of `fallbacks` (the browser's preferred languages for the
/// page, the embedding page's `lang` for a figure) that does, else English. A requested
/// value with no catalog gets a notice, in English, the language then used.
#[wasm_bindgen]
pub fn choose_language(requested: &str, fallbacks: Vec<String>) -> Result<JsValue, JsError> {
    let requested = requested.trim();
    if let Some(found) = for_tag(requested) {
        return to_js(&Choice {
            lang: found.lang,
            notice: None,
        });
    }
    let notice = (!requested.is_empty()).then(|| {
        let quoted: String = requested.chars().take(20).collect();
        let known: Vec<&str> = catalogs().iter().map(|c| c.lang).collect();
        fill(
            english().text("notice.lang_unknown"),
            &[("value", &quoted), ("languages", &known.join(", "))],
        )
    });
    let lang = if notice.is_some() {
        english().lang
    } else {
        fallbacks
            .iter()
            .find_map(|tag| for_tag(tag))
            .unwrap_or_else(english)
            .lang
    };
    to_js(&Choice { lang, notice })
}
