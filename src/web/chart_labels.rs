//! The words around a loss chart on the page (title, loss axis label, the task's baseline),
//! kept by the loss, comparison and capacity chart views alike, and the page's chart style.

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
pub(crate) struct ChartLabels {
    pub title: String,
    pub y_label: String,
    /// Finite or absent: a NaN or infinite baseline from the page is dropped.
    baseline: Option<f32>,
    baseline_label: String,
}

impl ChartLabels {
    /// No title and no baseline; the axis just says "loss" until a task is known.
    pub fn new() -> ChartLabels {
        ChartLabels {
            title: String::new(),
            y_label: "loss".to_string(),
            baseline: None,
            baseline_label: String::new(),
        }
    }

    /// Takes the run's title, loss label (e.g. "MSE", "nats per char") and baseline.
    pub fn set(&mut self, title: &str, y_label: &str, baseline: Option<f32>, baseline_label: &str) {
        self.title = title.to_string();
        self.y_label = y_label.to_string();
        self.baseline = baseline.filter(|b| b.is_finite());
        self.baseline_label = baseline_label.to_string();
    }

    /// The baseline with its label, as the chart structs take it.
    pub fn baseline(&self) -> Option<(f32, &str)> {
        self.baseline.map(|b| (b, self.baseline_label.as_str()))
    }
}
