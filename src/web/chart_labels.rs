//! The words around a loss chart on the page (title, loss axis label, the task's baseline),
//! kept by the loss, comparison and capacity chart views alike, and the page's chart style.

use crate::chart::{ChartStyle, ChartWords, Theme};

/// The colours and words of every chart on the page: the light theme in English. A page
/// theme or a message catalog changes this one place.
pub(crate) fn page_style() -> ChartStyle<'static> {
    ChartStyle {
        theme: &Theme::LIGHT,
        words: &ChartWords::ENGLISH,
    }
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
