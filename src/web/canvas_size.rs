//! Sizing a `<canvas>`' backing store to its CSS size times `devicePixelRatio`, shared by
//! every chart on the page so they are all equally crisp on HiDPI screens and equally
//! bounded on huge ones.

use crate::chart::ChartError;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The backing store never exceeds this many device pixels per side, whatever the CSS size
/// and pixel ratio claim (browsers refuse or crawl on huge canvases).
const MAX_BACKING_PX: f64 = 8192.0;

/// Sizes `canvas`' backing store to its CSS size times `devicePixelRatio` (capped) and
/// returns the effective scale, device pixels per CSS pixel: equal to the ratio unless the
/// size was capped. `None` when a side would be under `min_px` (hidden or collapsed).
/// `no_window` is the error when there is no window (called in a worker).
fn fit_backing_store(
    canvas: &HtmlCanvasElement,
    min_px: f64,
    no_window: &str,
) -> Result<Option<f64>, JsError> {
    let window = web_sys::window().ok_or_else(|| JsError::new(no_window))?;
    let ratio = window.device_pixel_ratio();
    let ratio = if ratio.is_finite() && ratio > 0.0 {
        ratio
    } else {
        1.0
    };
    let rect = canvas.get_bounding_client_rect();
    let device = |css: f64| (css * ratio).round().min(MAX_BACKING_PX);
    let (width, height) = (device(rect.width()), device(rect.height()));
    if !(width >= min_px && height >= min_px) {
        return Ok(None);
    }
    // Assigning width/height clears the canvas and its state, so only when it changed.
    if canvas.width() != width as u32 {
        canvas.set_width(width as u32);
    }
    if canvas.height() != height as u32 {
        canvas.set_height(height as u32);
    }
    Ok(Some(width / rect.width()))
}

/// The one canvas set-up of every chart on the page: sizes the backing store (see
/// [`fit_backing_store`]), sets round line joins and caps (they keep the decimated zig-zags
/// of a noisy curve free of miter spikes), runs `draw` on the whole canvas at the effective
/// scale and presents it. `Ok(None)` when the canvas is hidden or collapsed.
pub(crate) fn draw_on_canvas<T>(
    canvas: &HtmlCanvasElement,
    min_px: f64,
    draw: impl FnOnce(&DrawingArea<CanvasBackend, Shift>, f32) -> Result<T, ChartError>,
) -> Result<Option<T>, JsError> {
    let no_window = "charts are drawn on the page, not in a worker";
    let Some(scale) = fit_backing_store(canvas, min_px, no_window)? else {
        return Ok(None);
    };
    draw_at_scale(canvas, scale, draw).map(Some)
}

/// Draws on `canvas` at its current backing size and `scale` device pixels per CSS pixel,
/// with the set-up of [`draw_on_canvas`]: for a canvas that is not on the page (a download).
pub(crate) fn draw_at_scale<T>(
    canvas: &HtmlCanvasElement,
    scale: f64,
    draw: impl FnOnce(&DrawingArea<CanvasBackend, Shift>, f32) -> Result<T, ChartError>,
) -> Result<T, JsError> {
    if let Some(context) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
    {
        context.set_line_join("round");
        context.set_line_cap("round");
    }
    let backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or_else(|| JsError::new("the canvas has no 2D context"))?;
    let root = backend.into_drawing_area();
    let js_error = |e: &dyn std::fmt::Display| JsError::new(&e.to_string());
    let value = draw(&root, scale as f32).map_err(|e| js_error(&e))?;
    root.present().map_err(|e| js_error(&e))?;
    Ok(value)
}
