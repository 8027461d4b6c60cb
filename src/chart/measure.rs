//! Measuring text before drawing it (legend widths, label boxes, tick label widths).
//!
//! Natively the ab_glyph font registered by `native` measures. In the browser, plotters
//! measures by inserting a `<span>` into the page and reading its size, which forces a page
//! layout on every call and ignores bold; a 2D canvas context's `measureText` is cheap and
//! uses the same font string the canvas backend draws with.

use super::ChartError;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Width and height in pixels of `text` drawn with `style`.
pub(crate) fn text_size<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
) -> Result<(i32, i32), ChartError> {
    #[cfg(target_arch = "wasm32")]
    if let Some(size) = browser::measure(text, style) {
        return Ok(size);
    }
    let (w, h) = area.estimate_text_size(text, style)?;
    Ok((w as i32, h as i32))
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use plotters::style::TextStyle;
    use wasm_bindgen::JsCast;
    use web_sys::CanvasRenderingContext2d;

    thread_local! {
        /// A detached canvas used only for measuring; None where there is no document.
        static CONTEXT: Option<CanvasRenderingContext2d> = measuring_context();
    }

    fn measuring_context() -> Option<CanvasRenderingContext2d> {
        let document = web_sys::window()?.document()?;
        let canvas: web_sys::HtmlCanvasElement =
            document.create_element("canvas").ok()?.dyn_into().ok()?;
        canvas.get_context("2d").ok()??.dyn_into().ok()
    }

    pub(super) fn measure(text: &str, style: &TextStyle) -> Option<(i32, i32)> {
        CONTEXT.with(|context| {
            let context = context.as_ref()?;
            let size = style.font.get_size();
            // The same font shorthand plotters-canvas sets before fillText.
            context.set_font(&format!(
                "{} {}px {}",
                style.font.get_style().as_str(),
                size,
                style.font.get_family().as_str()
            ));
            let width = context.measure_text(text).ok()?.width();
            // Line height of the em box; labels only need a box that surely covers the glyphs.
            Some((width.ceil() as i32, (size * 1.15).ceil() as i32))
        })
    }
}
