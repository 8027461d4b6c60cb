//! The page's loss chart: a `<canvas>` plus the run's history, drawn with the same
//! [`draw_loss_chart`] as the native PNGs.
//!
//! The page pushes epoch reports as they arrive and calls `draw` at most once per animation
//! frame. Each draw sizes the canvas' backing store to its CSS size times
//! `devicePixelRatio` and draws at that resolution with fonts and lines scaled to match, so
//! the chart is crisp on HiDPI screens. Pushing is O(1) (the best epoch is kept up to
//! date) and drawing decimates, so both stay cheap on long runs.

use crate::chart::{draw_loss_chart, LossChart, LossHistory};
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The backing store never exceeds this many device pixels per side, whatever the CSS size
/// and pixel ratio claim (browsers refuse or crawl on huge canvases).
const MAX_BACKING_PX: f64 = 8192.0;
/// Below this many device pixels per side the chart is not drawn (a collapsed layout).
const MIN_BACKING_PX: f64 = 32.0;

#[wasm_bindgen]
pub struct ChartView {
    canvas: HtmlCanvasElement,
    history: LossHistory,
    title: String,
    y_label: String,
    baseline: Option<f32>,
    baseline_label: String,
    log_y: bool,
}

#[wasm_bindgen]
impl ChartView {
    /// A chart drawing on `canvas`, empty until the first `push`.
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement) -> ChartView {
        ChartView {
            canvas,
            history: LossHistory::default(),
            title: String::new(),
            y_label: "loss".to_string(),
            baseline: None,
            baseline_label: String::new(),
            log_y: false,
        }
    }

    /// Start a new run: forget the history, take the run's title, loss label (e.g. "MSE",
    /// "nats per char") and baseline (`undefined` for none). Keeps the log-scale choice.
    pub fn reset(
        &mut self,
        title: &str,
        y_label: &str,
        baseline: Option<f32>,
        baseline_label: &str,
    ) {
        self.history.clear();
        self.title = title.to_string();
        self.y_label = y_label.to_string();
        self.baseline = baseline.filter(|b| b.is_finite());
        self.baseline_label = baseline_label.to_string();
    }

    /// Add one epoch. Non-finite losses are ignored, as are epochs not after the last one.
    pub fn push(&mut self, epoch: u32, train_loss: f32, val_loss: f32) {
        self.history.push(epoch, train_loss, val_loss);
    }

    pub fn set_log_scale(&mut self, on: bool) {
        self.log_y = on;
    }

    /// Epochs held (the longer of the two series).
    pub fn point_count(&self) -> u32 {
        u32::try_from(self.history.len()).unwrap_or(u32::MAX)
    }

    /// Redraw the whole chart at the canvas' current size. A canvas with no size (hidden,
    /// collapsed) is left alone rather than reported as an error.
    pub fn draw(&mut self) -> Result<(), JsError> {
        let window = web_sys::window().ok_or_else(|| {
            JsError::new("ChartView.draw needs a window: call it on the page, not in a worker")
        })?;
        let ratio = window.device_pixel_ratio();
        let ratio = if ratio.is_finite() && ratio > 0.0 {
            ratio
        } else {
            1.0
        };

        let rect = self.canvas.get_bounding_client_rect();
        let (css_width, css_height) = (rect.width(), rect.height());
        let device = |css: f64| (css * ratio).round().min(MAX_BACKING_PX);
        let (width, height) = (device(css_width), device(css_height));
        if !(width >= MIN_BACKING_PX && height >= MIN_BACKING_PX) {
            return Ok(());
        }
        // Assigning width/height clears the canvas and its state, so only when it changed.
        if self.canvas.width() != width as u32 {
            self.canvas.set_width(width as u32);
        }
        if self.canvas.height() != height as u32 {
            self.canvas.set_height(height as u32);
        }
        // Round joins keep the decimated zig-zags of a noisy curve free of miter spikes.
        if let Some(context) = self.context() {
            context.set_line_join("round");
            context.set_line_cap("round");
        }

        let backend = CanvasBackend::with_canvas_object(self.canvas.clone())
            .ok_or_else(|| JsError::new("the chart canvas has no 2D context"))?;
        let root = backend.into_drawing_area();
        let chart = LossChart {
            title: &self.title,
            y_label: &self.y_label,
            train: &self.history.train,
            val: &self.history.val,
            best: self.history.best,
            baseline: self.baseline.map(|b| (b, self.baseline_label.as_str())),
            log_y: self.log_y,
            // The effective ratio: equal to devicePixelRatio unless the size was capped.
            scale: (width / css_width) as f32,
        };
        draw_loss_chart(&root, &chart).map_err(|e| JsError::new(&e.to_string()))?;
        root.present().map_err(|e| JsError::new(&e.to_string()))?;
        Ok(())
    }
}

impl ChartView {
    fn context(&self) -> Option<CanvasRenderingContext2d> {
        self.canvas.get_context("2d").ok()??.dyn_into().ok()
    }
}
