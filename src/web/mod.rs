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

/// Serialises a value for JS as plain objects (not `Map`s), so JS reads `x.key`.
pub(crate) fn to_js<T: serde::Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value
        .serialize(&serializer)
        .map_err(|e| JsError::new(&e.to_string()))
}
