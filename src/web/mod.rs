//! wasm32 bindings. The same module is instantiated twice: in the worker, which trains
//! ([`TrainerHandle`]), and on the page, which reads the parameter table, parses URLs and
//! draws the chart. The JS side of this contract is documented in `www/protocol.md`.

mod bench_api;
mod canvas_size;
mod chart_labels;
mod chart_view;
mod lab_api;
mod lab_query_api;
mod page_api;
mod views_api;
mod worker_api;

pub use bench_api::*;
pub use chart_view::*;
pub use lab_api::*;
pub use lab_query_api::*;
pub use page_api::*;
pub use views_api::*;
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
