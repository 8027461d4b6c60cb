//! The page's loss chart: a `<canvas>` plus the run's history, drawn with the same
//! [`draw_chart`] as the native PNGs.
//!
//! The page pushes epoch reports as they arrive and calls `draw` at most once per animation
//! frame. Each draw sizes the canvas' backing store to its CSS size times
//! `devicePixelRatio` and draws at that resolution with fonts and lines scaled to match, so
//! the chart is crisp on HiDPI screens. Pushing is O(1) (the best epoch is kept up to
//! date) and drawing decimates, so both stay cheap on long runs.

use super::canvas_size::{draw_at_scale, draw_on_canvas};
use super::chart_labels::{canvas_style, ChartLabels};
use crate::chart::{draw_chart, draw_loss_chart_with_subtitle, LossChart, LossHistory};
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// Below this many device pixels per side the chart is not drawn (a collapsed layout).
const MIN_BACKING_PX: f64 = 32.0;
/// A downloaded PNG has this many pixels per CSS pixel of the chart on the page.
const EXPORT_SCALE: f64 = 2.0;
/// Sides of a downloaded PNG, in CSS pixels (times [`EXPORT_SCALE`] in pixels).
const EXPORT_CSS_PX: std::ops::RangeInclusive<f64> = 160.0..=4096.0;

#[wasm_bindgen]
pub struct ChartView {
    canvas: HtmlCanvasElement,
    history: LossHistory,
    labels: ChartLabels,
    log_y: bool,
    /// The epoch early stopping ended the run at, if it did.
    stopped_at: Option<f32>,
}

#[wasm_bindgen]
impl ChartView {
    /// A chart drawing on `canvas`, empty until the first `push`.
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement) -> ChartView {
        ChartView {
            canvas,
            history: LossHistory::default(),
            labels: ChartLabels::default(),
            log_y: false,
            stopped_at: None,
        }
    }

    /// Start a new run: forget the history, take the run's title, loss label (e.g. "MSE",
    /// "nats per char") and baseline from its `started` info. Keeps the log-scale choice.
    pub fn reset(&mut self, info: JsValue) -> Result<(), JsError> {
        self.labels = ChartLabels::from_js(info)?;
        self.history.clear();
        self.stopped_at = None;
        Ok(())
    }

    /// Add one epoch. Non-finite losses are ignored, as are epochs not after the last one.
    pub fn push(&mut self, epoch: u32, train_loss: f32, val_loss: f32) {
        self.history.push(epoch, train_loss, val_loss);
    }

    /// Early stopping ended the run at `stop_epoch`: mark it, and label the best epoch as the
    /// weights kept.
    pub fn set_stopped(&mut self, stop_epoch: u32) {
        self.stopped_at = Some(stop_epoch as f32);
    }

    pub fn set_log_scale(&mut self, on: bool) {
        self.log_y = on;
    }

    /// Epochs held (the longer of the two series).
    pub fn point_count(&self) -> u32 {
        u32::try_from(self.history.len()).unwrap_or(u32::MAX)
    }

    /// Draws the chart for a download on `canvas` (not on the page): `css_width` x
    /// `css_height` CSS pixels (clamped to 160..4096) at twice that in pixels, with
    /// `subtitle` (the run's settings) in a line under it. The page saves it as PNG.
    pub fn draw_for_download(
        &self,
        canvas: HtmlCanvasElement,
        css_width: f64,
        css_height: f64,
        subtitle: &str,
    ) -> Result<(), JsError> {
        let side = |css: f64| {
            let css = if css.is_finite() { css } else { 640.0 };
            (css.clamp(*EXPORT_CSS_PX.start(), *EXPORT_CSS_PX.end()) * EXPORT_SCALE).round()
        };
        canvas.set_width(side(css_width) as u32);
        canvas.set_height(side(css_height) as u32);
        draw_at_scale(&canvas, EXPORT_SCALE, |area, scale| {
            draw_loss_chart_with_subtitle(area, &self.chart(scale), subtitle)
        })
    }

    /// Redraw the whole chart at the canvas' current size. A canvas with no size (hidden,
    /// collapsed) is left alone rather than reported as an error.
    pub fn draw(&mut self) -> Result<(), JsError> {
        draw_on_canvas(&self.canvas, MIN_BACKING_PX, |area, scale| {
            draw_chart(area, &self.chart(scale))
        })?;
        Ok(())
    }
}

impl ChartView {
    /// The chart of the history at `scale` device pixels per CSS pixel.
    fn chart(&self, scale: f32) -> LossChart<'_> {
        // The theme the page's CSS gives the canvas and the language around it, as on screen.
        let style = canvas_style(&self.canvas);
        LossChart {
            title: self.labels.title(&style),
            y_label: self.labels.loss_axis(&style),
            train: &self.history.train,
            val: &self.history.val,
            best: self.history.best,
            baseline: self.labels.baseline(&style),
            log_y: self.log_y,
            stopped_at: self.stopped_at,
            // The effective ratio: equal to devicePixelRatio unless the size was capped.
            scale,
            style,
        }
    }
}
