//! The words around a loss chart on the page (title, loss axis label, the task's baseline),
//! kept by the loss, comparison and capacity chart views alike, and the page's chart style.

use serde::Deserialize;
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

use crate::chart::{ChartStyle, ChartWords, Theme};
use crate::i18n::{english, for_tag, Catalog};
use web_sys::Element;

/// The colours and words of a chart drawn on `canvas`: the theme the page's CSS chose for
/// it (`--chart-theme: dark` on the canvas or an ancestor, see `www/theme.js`), light when
/// none is set, in the language of the canvas's nearest `lang` attribute (a figure's root
/// or the page's `<html>`), English when that has no catalog. The language read is left
/// on the canvas as `data-chart-lang`, so a test can see which catalog the chart asked.
pub(crate) fn canvas_style(canvas: &Element) -> ChartStyle<'static> {
    let catalog = canvas_catalog(canvas);
    // Only a marker for tests and tools: a failure to set it changes nothing drawn.
    let _ = canvas.set_attribute("data-chart-lang", catalog.lang);
    ChartStyle {
        theme: Theme::named(&css_chart_theme(canvas)).unwrap_or(&Theme::LIGHT),
        words: ChartWords::of(catalog),
    }
}

/// The catalog of the nearest `lang` attribute around `element`.
pub(crate) fn canvas_catalog(element: &Element) -> &'static Catalog {
    element
        .closest("[lang]")
        .ok()
        .flatten()
        .and_then(|holder| holder.get_attribute("lang"))
        .and_then(|tag| for_tag(&tag))
        .unwrap_or_else(english)
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
    /// The same words in other languages, by language code (the worker's `words`); the
    /// chart uses its own language's when there.
    words: BTreeMap<String, LabelWords>,
}

/// The chart's words about a run in one language (see `RunWords` in the worker's API).
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct LabelWords {
    title: String,
    loss_label: String,
    baseline_label: String,
}

impl Default for ChartLabels {
    /// No title and no baseline; the axis name is left to the chart's words until a task
    /// is known.
    fn default() -> ChartLabels {
        ChartLabels {
            title: String::new(),
            y_label: String::new(),
            baseline: None,
            baseline_label: String::new(),
            words: BTreeMap::new(),
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

    /// The words in `lang` when the page passed them, else the page's own.
    fn own_words(&self, lang: &str) -> Option<&LabelWords> {
        self.words.get(lang)
    }

    /// The title in the chart's language.
    pub fn title(&self, style: &ChartStyle) -> &str {
        match self.own_words(style.words.lang) {
            Some(words) if !words.title.is_empty() => &words.title,
            _ => &self.title,
        }
    }

    /// The loss axis name: the task's, or the chart words' "loss" before a task is known.
    pub fn loss_axis<'a>(&'a self, style: &ChartStyle<'a>) -> &'a str {
        let label = match self.own_words(style.words.lang) {
            Some(words) if !words.loss_label.is_empty() => &words.loss_label,
            _ => &self.y_label,
        };
        if label.is_empty() {
            style.words.loss
        } else {
            label
        }
    }

    /// The baseline with its label in the chart's language, as the chart structs take it.
    pub fn baseline(&self, style: &ChartStyle) -> Option<(f32, &str)> {
        let label = match self.own_words(style.words.lang) {
            Some(words) if !words.baseline_label.is_empty() => &words.baseline_label,
            _ => &self.baseline_label,
        };
        self.baseline.map(|b| (b, label.as_str()))
    }
}
