//! Sizing a `<canvas>`' backing store to its CSS size times `devicePixelRatio`, shared by
//! every chart on the page so they are all equally crisp on HiDPI screens and equally
//! bounded on huge ones.

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
pub(crate) fn fit_backing_store(
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

/// A plotters backend on `canvas` drawing lines with round joins and caps, which keep the
/// decimated zig-zags of a noisy curve free of miter spikes. `no_context` is the error when
/// the canvas has no 2D context.
pub(crate) fn round_line_backend(
    canvas: &HtmlCanvasElement,
    no_context: &str,
) -> Result<CanvasBackend, JsError> {
    if let Some(context) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
    {
        context.set_line_join("round");
        context.set_line_cap("round");
    }
    CanvasBackend::with_canvas_object(canvas.clone()).ok_or_else(|| JsError::new(no_context))
}
