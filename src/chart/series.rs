//! How a series is drawn: one polyline for every chart (solid, dashed or dotted), markers,
//! and the task's baseline as a dashed line across the plot.

use super::axis::{format_compact, Axis};
use super::frame::{plot_pixels, Frame};
use super::sizes::Sizes;
use super::words::{fill, ChartWords};
use super::ChartError;
use plotters::coord::Shift;
use plotters::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Dash {
    Solid,
    Dashed,
    Dotted,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Marker {
    None,
    /// A filled circle on a halo of the background.
    Disc,
    /// A circle outline on a background fill.
    Ring,
    /// A small filled square.
    Square,
}

/// How one series is drawn.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Stroke {
    pub colour: RGBColor,
    pub width: u32,
    pub dash: Dash,
    pub marker: Marker,
}

impl Stroke {
    /// A solid line without markers.
    pub fn solid(colour: RGBColor, width: u32) -> Stroke {
        Stroke {
            colour,
            width,
            dash: Dash::Solid,
            marker: Marker::None,
        }
    }
}

/// A series as a styled line through `points` (data coordinates).
pub(crate) fn draw_series_line<DB: DrawingBackend>(
    frame: &Frame<DB>,
    points: &[(f32, f32)],
    stroke: &Stroke,
    sizes: &Sizes,
) -> Result<(), ChartError> {
    if points.len() < 2 {
        return Ok(());
    }
    let (area, to_pixel) = plot_pixels(frame);
    let pixels: Vec<(i32, i32)> = points.iter().map(|&p| to_pixel(p)).collect();
    draw_styled_path(&area, &pixels, stroke, sizes)
}

/// The stroke's marker at each point (data coordinates).
pub(crate) fn draw_series_markers<DB: DrawingBackend>(
    frame: &Frame<DB>,
    points: &[(f32, f32)],
    stroke: &Stroke,
    sizes: &Sizes,
) -> Result<(), ChartError> {
    let (area, to_pixel) = plot_pixels(frame);
    for &point in points {
        draw_marker(&area, to_pixel(point), stroke, sizes)?;
    }
    Ok(())
}

/// A polyline in pixel coordinates of `area`, solid, dashed or dotted.
pub(crate) fn draw_styled_path<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    pixels: &[(i32, i32)],
    stroke: &Stroke,
    sizes: &Sizes,
) -> Result<(), ChartError> {
    if stroke.width == 0 {
        // A marker-only legend key.
        return Ok(());
    }
    let (dash, gap) = match stroke.dash {
        Dash::Solid => return draw_polyline(area, pixels, stroke.colour, stroke.width),
        Dash::Dashed => (sizes.px(7.0), sizes.px(4.0)),
        // Dots as long as the line is wide read as dots at any scale.
        Dash::Dotted => (sizes.px(2.0).max(stroke.width as i32), sizes.px(3.5)),
    };
    area.draw(&plotters::element::DashedPathElement::new(
        pixels.iter().copied(),
        dash.max(1),
        gap.max(1),
        stroke.colour.stroke_width(stroke.width),
    ))?;
    Ok(())
}

/// In the browser one path per line: the canvas joins segments itself (round joins, set by
/// the canvas view) and one stroke is far cheaper than hundreds.
#[cfg(target_arch = "wasm32")]
pub(crate) fn draw_polyline<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    pixels: &[(i32, i32)],
    colour: RGBColor,
    width: u32,
) -> Result<(), ChartError> {
    area.draw(&PathElement::new(
        pixels.to_vec(),
        colour.stroke_width(width),
    ))?;
    Ok(())
}

/// Natively segment by segment with a disc on every joint. plotters' software rasteriser
/// fills a thick polyline as a single outline polygon, which folds over itself at the sharp
/// turns of a noisy, decimated curve and leaves spikes and holes; separate segments with
/// round joins do not.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn draw_polyline<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    pixels: &[(i32, i32)],
    colour: RGBColor,
    width: u32,
) -> Result<(), ChartError> {
    let style = colour.stroke_width(width);
    for pair in pixels.windows(2) {
        area.draw(&PathElement::new(vec![pair[0], pair[1]], style))?;
    }
    if width >= 3 {
        let radius = (width / 2) as i32;
        for &p in pixels {
            area.draw(&Circle::new(p, radius, colour.filled()))?;
        }
    }
    Ok(())
}

/// The stroke's marker centred at `centre` (pixels of `area`).
pub(crate) fn draw_marker<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    centre: (i32, i32),
    stroke: &Stroke,
    sizes: &Sizes,
) -> Result<(), ChartError> {
    let r = sizes.best_radius;
    let halo = sizes.px(1.5).max(1);
    let (colour, background) = (stroke.colour, sizes.theme.background);
    match stroke.marker {
        Marker::None => {}
        Marker::Disc => {
            area.draw(&Circle::new(centre, r + halo, background.filled()))?;
            area.draw(&Circle::new(centre, r, colour.filled()))?;
        }
        Marker::Ring => {
            let ring = sizes.px(2.0).max(2);
            area.draw(&Circle::new(centre, r + halo / 2, colour.filled()))?;
            let inner = (r + halo / 2 - ring).max(1);
            area.draw(&Circle::new(centre, inner, background.filled()))?;
        }
        Marker::Square => {
            let half = (r * 4 / 5).max(2);
            let (x, y) = centre;
            let square = |h: i32| [(x - h, y - h), (x + h, y + h)];
            area.draw(&Rectangle::new(square(half + halo), background.filled()))?;
            area.draw(&Rectangle::new(square(half), colour.filled()))?;
        }
    }
    Ok(())
}

/// The task's baseline as a dashed line across the plot.
pub(crate) fn draw_baseline<DB: DrawingBackend>(
    frame: &mut Frame<DB>,
    x_axis: &Axis,
    value: f32,
    sizes: &Sizes,
) -> Result<(), ChartError> {
    let (x_lo, x_hi) = x_axis.bounds();
    frame.draw_series(DashedLineSeries::new(
        [(x_lo as f32, value), (x_hi as f32, value)],
        sizes.px(7.0),
        sizes.px(5.0),
        sizes.theme.baseline.stroke_width(sizes.baseline_width),
    ))?;
    Ok(())
}

/// The baseline's name (or the word for a baseline when the task gives none) and value.
pub(crate) fn baseline_text((value, label): (f32, &str), words: &ChartWords) -> String {
    let name = if label.trim().is_empty() {
        words.baseline
    } else {
        label.trim()
    };
    let value = format_compact(f64::from(value), 3);
    fill(words.baseline_value, &[("name", name), ("value", &value)])
}

/// A stroke `css` CSS pixels wide, in whole device pixels (at least 1).
pub(crate) fn line(sizes: &Sizes, css: f64) -> u32 {
    (css * sizes.scale).round().max(1.0) as u32
}
