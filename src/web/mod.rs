//! wasm32 bindings, built into two modules: the worker's (feature `worker`, no `chart`),
//! which trains ([`TrainerHandle`] when built with it), and the page's (feature `chart`),
//! which reads the parameter table, parses URLs and draws the charts. The JS side of this
//! contract is documented in `www/protocol.md`.

#[cfg(feature = "bench")]
mod bench_api;
#[cfg(feature = "chart")]
mod canvas_size;
#[cfg(feature = "chart")]
mod chart_labels;
#[cfg(feature = "chart")]
mod chart_view;
#[cfg(feature = "chart")]
mod i18n_api;
#[cfg(feature = "chart")]
mod lab_api;
#[cfg(feature = "chart")]
mod lab_query_api;
mod notices;
mod page_api;
#[cfg(feature = "chart")]
mod series_api;
#[cfg(feature = "chart")]
mod views_api;
#[cfg(feature = "worker")]
mod worker_api;

#[cfg(feature = "bench")]
pub use bench_api::*;
#[cfg(feature = "chart")]
pub use chart_view::*;
#[cfg(feature = "chart")]
pub use i18n_api::*;
#[cfg(feature = "chart")]
pub use lab_api::*;
#[cfg(feature = "chart")]
pub use lab_query_api::*;
pub use page_api::*;
#[cfg(feature = "chart")]
pub use series_api::*;
#[cfg(feature = "chart")]
pub use views_api::*;
#[cfg(feature = "worker")]
pub use worker_api::*;

use wasm_bindgen::prelude::*;

/// Runs when the module is instantiated: a Rust panic then reaches the console with its
/// message instead of a bare "unreachable".
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// A JS `Error` for a message said in every language (`{lang: text}`): its `message` is the
/// English text, its `words` property every language's, so the page shows its reader's
/// and a language switch can pick again (`www/i18n.js`).
pub(crate) fn said_error(words: &std::collections::BTreeMap<&'static str, String>) -> JsValue {
    let english = words.get(crate::i18n::REFERENCE).map_or("", String::as_str);
    let error = js_sys::Error::new(english);
    if let Ok(words) = to_js(words) {
        // Setting a property on a fresh Error object cannot fail.
        let _ = js_sys::Reflect::set(&error, &JsValue::from_str("words"), &words);
    }
    error.into()
}

/// Serialises a value for JS as plain objects (not `Map`s), so JS reads `x.key`.
pub(crate) fn to_js<T: serde::Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value
        .serialize(&serializer)
        .map_err(|e| JsError::new(&e.to_string()))
}
