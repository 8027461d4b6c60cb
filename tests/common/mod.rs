//! Helpers shared by the integration tests (each test file that needs them declares
//! `mod common;`). Not every file uses every helper, hence the `dead_code` allowance.
//! `tasks` holds small task configurations; `gradcheck.rs`, the finite-difference machinery,
//! is included by tests/gradcheck.rs alone (by path) rather than compiled into every test.
#![allow(dead_code)]

// A test that uses only `tasks` leaves these unused.
#[cfg(not(target_arch = "wasm32"))]
#[allow(unused_imports)]
pub use native::*;
#[cfg(target_arch = "wasm32")]
pub use wasm::*;

#[cfg(not(target_arch = "wasm32"))]
pub mod tasks;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use rnn_playground::trainer::EpochReport;
    use std::path::PathBuf;

    /// Where a test writes a PNG for a human to look at: target/tmp/`name`.png.
    pub fn png_path(name: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}.png"))
    }

    /// An epoch report with the given losses, no accuracy, 4 steps and 12.5 ms per epoch
    /// (so wall times add up to something checkable).
    pub fn report(epoch: u32, train_loss: f32, val_loss: f32) -> EpochReport {
        EpochReport {
            epoch,
            train_loss,
            val_loss,
            train_accuracy: None,
            val_accuracy: None,
            grad_norm: 1.0,
            wall_ms: 12.5 * epoch as f64,
            steps: 4,
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod wasm {
    use serde_json::Value;

    /// A value the bindings returned, read back as JSON (they return plain objects).
    pub fn as_json(value: wasm_bindgen::JsValue) -> Value {
        serde_wasm_bindgen::from_value(value).expect("a plain JSON value")
    }
}
