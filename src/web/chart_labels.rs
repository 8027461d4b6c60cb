//! The words around a loss chart on the page (title, loss axis label, the task's baseline),
//! kept by the loss, comparison and capacity chart views alike, and the page's chart style.

use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::chart::{ChartStyle, ChartWords, Theme};
use web_sys::Element;

/// The colours and words of a chart drawn on `canvas`: the theme the page's CSS chose for
/// it (`--chart-theme: dark` on the canvas or an ancestor, see `www/theme.js`), light when
/// none is set, in English. A message catalog would change the words here.
pub(crate) fn canvas_style(canvas: &Element) -> ChartStyle<'static> {
    ChartStyle {
        theme: Theme::named(&css_chart_theme(canvas)).unwrap_or(&Theme::LIGHT),
        words: &ChartWords::ENGLISH,
    }
}

/// The computed `--chart-theme` of `element` ("" without a window or the property).
fn css_chart_theme(element: &Element) -> String {
    web_sys::window()
        .and_then(|window| window.get_computed_style(element).ok().flatten())
        .and_then(|style| style.get_property_value("--chart-theme").ok())
        .unwrap_or_default()
}

/// What the page last said about the task; the curves are kept separately by each view.
/// The page passes it as one object, the run's `started` info or a part of it:
/// `{title, loss_label, baseline, baseline_label}`, every field optional.
#[derive(Deserialize)]
#[serde(default)]
pub(crate) struct ChartLabels {
    pub title: String,
    #[serde(rename = "loss_label")]
    pub y_label: String,
    /// Finite or absent: a NaN or infinite baseline from the page is dropped.
    baseline: Option<f32>,
    baseline_label: String,
}

impl Default for ChartLabels {
    /// No title and no baseline; the axis just says "loss" until a task is known.
    fn default() -> ChartLabels {
        ChartLabels {
            title: String::new(),
            y_label: "loss".to_string(),
            baseline: None,
            baseline_label: String::new(),
        }
    }
}

impl ChartLabels {
    /// Reads the page's object (see the type's doc); `undefined` or `{}` gives the defaults.
    pub fn from_js(heading: JsValue) -> Result<ChartLabels, JsError> {
        if heading.is_undefined() || heading.is_null() {
            return Ok(ChartLabels::default());
        }
        let mut labels: ChartLabels = serde_wasm_bindgen::from_value(heading)
            .map_err(|e| JsError::new(&format!("unreadable chart labels: {e}")))?;
        labels.baseline = labels.baseline.filter(|b| b.is_finite());
        Ok(labels)
    }

    /// The baseline with its label, as the chart structs take it.
    pub fn baseline(&self) -> Option<(f32, &str)> {
        self.baseline.map(|b| (b, self.baseline_label.as_str()))
    }
}
