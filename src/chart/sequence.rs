//! Predictions against the truth, a training panel beside a validation panel: a model that
//! memorises follows every wiggle of the first and misses the second.
//! - [`draw_sequences`]: one sequence per panel, target and prediction at every step;
//! - [`draw_prediction_scatter`]: one dot per sequence, target across, prediction up, with
//!   the diagonal where they are equal.

use super::axis::Axis;
use super::layout::Sizes;
use super::text::text_style;
use super::view_frame::{begin, draw_header, draw_note, line, panel_grid, plot_with_axes, Swatch};
use super::{palette, ChartError};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// One panel of [`SequenceChart`].
#[derive(Clone, Copy, Debug)]
pub struct SequencePanel<'a> {
    /// e.g. "training sequence 1 · MSE 0.012".
    pub title: &'a str,
    pub targets: &'a [f32],
    pub predictions: &'a [f32],
    /// The prediction's colour: the page's training blue or validation orange.
    pub color: RGBColor,
}

/// Target and prediction step by step, one panel per sequence, on a shared y scale.
#[derive(Clone, Copy, Debug)]
pub struct SequenceChart<'a> {
    pub title: &'a str,
    pub panels: &'a [SequencePanel<'a>],
    /// Device pixels per CSS pixel.
    pub scale: f32,
}

/// One panel of [`ScatterChart`]: `[target, prediction]` per sequence.
#[derive(Clone, Copy, Debug)]
pub struct ScatterPanel<'a> {
    pub title: &'a str,
    pub points: &'a [[f32; 2]],
    pub color: RGBColor,
}

/// Prediction against target, one dot per sequence, one panel per set, shared scales.
#[derive(Clone, Copy, Debug)]
pub struct ScatterChart<'a> {
    pub title: &'a str,
    pub panels: &'a [ScatterPanel<'a>],
    pub scale: f32,
}

/// Draws `chart` filling `area` (cleared first).
pub fn draw_sequences<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &SequenceChart,
) -> Result<(), ChartError> {
    let sizes = begin(area, chart.scale)?;
    let legend = [
        ("target", Swatch::Line(palette::TEXT, 1.5)),
        ("prediction (training)", Swatch::Line(palette::TRAIN, 2.5)),
        ("prediction (validation)", Swatch::Line(palette::VAL, 2.5)),
    ];
    let header = draw_header(area, chart.title, &legend, &sizes)?;
    let body = area.margin(header, sizes.margin / 2, sizes.margin / 2, sizes.margin);
    let values = chart
        .panels
        .iter()
        .flat_map(|p| p.targets.iter().chain(p.predictions));
    let Some((lo, hi)) = finite_range(values) else {
        return draw_note(&body, "waiting for the first predictions…", &sizes);
    };
    let pad = (hi - lo).max(1e-3) * 0.06;
    let steps = chart
        .panels
        .iter()
        .map(|p| p.targets.len().max(p.predictions.len()))
        .max()
        .unwrap_or(1)
        .max(1);
    for (panel, data) in panel_grid(&body, chart.panels.len(), 1.7)
        .iter()
        .zip(chart.panels)
    {
        let plot_area = panel_with_title(panel, data.title, data.color, &sizes)?;
        let x_ticks = (f64::from(plot_area.dim_in_pixel().0) / (sizes.tick_font * 5.0))
            .clamp(2.0, 10.0) as usize;
        let y_ticks = (f64::from(plot_area.dim_in_pixel().1) / (sizes.tick_font * 3.0))
            .clamp(2.0, 8.0) as usize;
        let x = Axis::linear(0.5, steps as f64 + 0.5, x_ticks, true);
        let y = Axis::linear(f64::from(lo - pad), f64::from(hi + pad), y_ticks, false);
        let mut plot = plot_with_axes(&plot_area, x, y, "step", "value", &sizes)?;
        let at = |values: &[f32]| -> Vec<(f32, f32)> {
            values
                .iter()
                .enumerate()
                .filter(|(_, v)| v.is_finite())
                .map(|(t, &v)| ((t + 1) as f32, v))
                .collect()
        };
        let targets = at(data.targets);
        plot.draw_series(std::iter::once(PathElement::new(
            targets.clone(),
            palette::TEXT.mix(0.75).stroke_width(line(&sizes, 1.3)),
        )))?;
        let radius = sizes.px(2.3).max(2);
        plot.draw_series(
            targets
                .iter()
                .map(|&p| Circle::new(p, radius, palette::TEXT.mix(0.75).filled())),
        )?;
        plot.draw_series(std::iter::once(PathElement::new(
            at(data.predictions),
            data.color.stroke_width(line(&sizes, 2.5)),
        )))?;
    }
    Ok(())
}

/// Draws `chart` filling `area` (cleared first).
pub fn draw_prediction_scatter<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &ScatterChart,
) -> Result<(), ChartError> {
    let sizes = begin(area, chart.scale)?;
    let legend = [("prediction = target", Swatch::Dashed(palette::BASELINE))];
    let header = draw_header(area, chart.title, &legend, &sizes)?;
    let body = area.margin(header, sizes.margin / 2, sizes.margin / 2, sizes.margin);
    let values = chart.panels.iter().flat_map(|p| p.points.iter().flatten());
    let Some((lo, hi)) = finite_range(values) else {
        return draw_note(&body, "waiting for the first predictions…", &sizes);
    };
    let pad = (hi - lo).max(1e-3) * 0.05;
    let (lo, hi) = (f64::from(lo - pad), f64::from(hi + pad));
    for (panel, data) in panel_grid(&body, chart.panels.len(), 1.15)
        .iter()
        .zip(chart.panels)
    {
        let plot_area = panel_with_title(panel, data.title, data.color, &sizes)?;
        let (w, h) = plot_area.dim_in_pixel();
        let ticks = (f64::from(w.min(h)) / (sizes.tick_font * 4.5)).clamp(2.0, 8.0) as usize;
        let mut plot = plot_with_axes(
            &plot_area,
            Axis::linear(lo, hi, ticks, false),
            Axis::linear(lo, hi, ticks, false),
            "target",
            "prediction",
            &sizes,
        )?;
        let dash = sizes.px(6.0);
        plot.draw_series(DashedLineSeries::new(
            [(lo as f32, lo as f32), (hi as f32, hi as f32)],
            dash,
            sizes.px(4.0),
            palette::BASELINE.stroke_width(line(&sizes, 1.3)),
        ))?;
        let radius = sizes.px(3.0).max(2);
        let points = data
            .points
            .iter()
            .filter(|p| p[0].is_finite() && p[1].is_finite());
        plot.draw_series(
            points
                .clone()
                .map(|p| Circle::new((p[0], p[1]), radius, data.color.mix(0.4).filled())),
        )?;
        plot.draw_series(points.map(|p| {
            Circle::new(
                (p[0], p[1]),
                radius,
                data.color.stroke_width(line(&sizes, 1.0)),
            )
        }))?;
    }
    Ok(())
}

/// The panel's title (in the panel's colour, bold) and the area left under it.
fn panel_with_title<DB: DrawingBackend>(
    panel: &DrawingArea<DB, Shift>,
    title: &str,
    color: RGBColor,
    sizes: &Sizes,
) -> Result<DrawingArea<DB, Shift>, ChartError> {
    let style = text_style(
        sizes.label_font,
        FontStyle::Bold,
        &darker(color),
        HPos::Center,
        VPos::Top,
    );
    let (w, _) = panel.dim_in_pixel();
    let shown = super::text::fit_text(panel, title, &style, w as i32 - sizes.px(8.0))?;
    panel.draw_text(&shown, &style, (w as i32 / 2, sizes.px(2.0)))?;
    Ok(panel.margin((sizes.label_font * 1.5).round() as i32, 0, 0, sizes.px(6.0)))
}

/// A darker shade for text in a curve's colour (the page's --train-text and --val-text).
fn darker(color: RGBColor) -> RGBColor {
    RGBColor(
        (color.0 as f32 * 0.72) as u8,
        (color.1 as f32 * 0.72) as u8,
        (color.2 as f32 * 0.72) as u8,
    )
}

fn finite_range<'a>(values: impl Iterator<Item = &'a f32>) -> Option<(f32, f32)> {
    let (lo, hi) = values
        .filter(|v| v.is_finite())
        .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    (lo.is_finite() && hi.is_finite()).then_some((lo, hi))
}
