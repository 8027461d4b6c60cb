//! The page reads the reader's own series (`crate::data::parse_series`) before any run
//! uses it, so a bad file gets its message at once and the current run goes on.

use super::{said_error, to_js};
use crate::data::own_series::{check_fits, TRAIN_FRACTION};
use crate::data::{
    parse_series, ParsedSeries, MAX_SERIES_BYTES, MAX_SERIES_VALUES, MIN_SERIES_VALUES,
};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A series read from a file: the values as a `Float32Array` (`values()`, ready to post to
/// the worker) and where they came from (`info()`).
#[wasm_bindgen]
pub struct SeriesReading {
    parsed: ParsedSeries,
}

#[derive(Serialize)]
struct SeriesInfo<'a> {
    count: usize,
    columns: &'a [String],
    numeric_columns: &'a [usize],
    column: usize,
    has_header: bool,
}

#[wasm_bindgen]
impl SeriesReading {
    pub fn values(&self) -> Vec<f32> {
        self.parsed.values.clone()
    }

    /// `{count, columns, numeric_columns, column, has_header}`.
    pub fn info(&self) -> Result<JsValue, JsError> {
        to_js(&SeriesInfo {
            count: self.parsed.values.len(),
            columns: &self.parsed.columns,
            numeric_columns: &self.parsed.numeric_columns,
            column: self.parsed.column,
            has_header: self.parsed.has_header,
        })
    }
}

/// Reads a CSV or a list of numbers; `column` (0-based) picks a CSV column, `undefined`
/// the last numeric one. Throws an Error naming the line for a bad cell, with `words`: the
/// message in every language.
#[wasm_bindgen]
pub fn read_series(text: &str, column: Option<u32>) -> Result<SeriesReading, JsValue> {
    parse_series(text, column.map(|c| c as usize))
        .map(|parsed| SeriesReading { parsed })
        .map_err(|e| said_error(&e.message().every_language()))
}

/// Why a series of `count` values cannot train with sequences of `seq_len` steps, in every
/// language (`{lang: text}`), or `undefined` when it can.
#[wasm_bindgen]
pub fn series_problem(count: u32, seq_len: u32) -> Result<JsValue, JsError> {
    match check_fits(count as usize, seq_len as usize) {
        Ok(()) => Ok(JsValue::UNDEFINED),
        Err(e) => to_js(&e.message().every_language()),
    }
}

#[derive(Serialize)]
struct SeriesLimits {
    min_values: usize,
    max_values: usize,
    max_bytes: usize,
    train_percent: f64,
}

/// What the page states about own series: `{min_values, max_values, max_bytes, train_percent}`.
#[wasm_bindgen]
pub fn series_limits() -> Result<JsValue, JsError> {
    to_js(&SeriesLimits {
        min_values: MIN_SERIES_VALUES,
        max_values: MAX_SERIES_VALUES,
        max_bytes: MAX_SERIES_BYTES,
        train_percent: (TRAIN_FRACTION * 100.0).round(),
    })
}
