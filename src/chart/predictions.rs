//! Predictions against the truth, a training panel beside a validation panel: a model that
//! memorises follows every wiggle of the first and misses the second.
//! - [`SequenceChart`]: one sequence per panel, target and prediction at every step;
//! - [`ScatterChart`]: one dot per sequence, target across, prediction up, with
//!   the diagonal where they are equal.

use super::entry::{Canvas, Chart};
use super::frame::{
    draw_axes, draw_header, draw_note, panel_grid, panel_with_title, plot_pixels, AxisRequest,
    Frame, LegendEntry, Swatch,
};
use super::series::{draw_polyline, line, Dash, Stroke};
use super::sizes::Sizes;
use super::{ChartError, ChartStyle};
use plotters::prelude::*;

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
pub type SequenceChart<'a> = PanelChart<'a, SequencePanel<'a>>;

/// One panel of [`ScatterChart`]: `[target, prediction]` per sequence.
#[derive(Clone, Copy, Debug)]
pub struct ScatterPanel<'a> {
    pub title: &'a str,
    pub points: &'a [[f32; 2]],
    pub color: RGBColor,
}

/// Prediction against target, one dot per sequence, one panel per set, shared scales.
pub type ScatterChart<'a> = PanelChart<'a, ScatterPanel<'a>>;

/// A title over panels side by side, a training panel beside a validation panel.
#[derive(Clone, Copy, Debug)]
pub struct PanelChart<'a, Panel> {
    pub title: &'a str,
    pub panels: &'a [Panel],
    /// Device pixels per CSS pixel.
    pub scale: f32,
    /// Colours and words.
    pub style: ChartStyle<'a>,
}

impl Chart for SequenceChart<'_> {
    type Drawn = ();
    fn draw_in<DB: DrawingBackend>(&self, on: &Canvas<DB>) -> Result<(), ChartError> {
        let (area, sizes) = (on.area, on.sizes);
        let (theme, words) = (self.style.theme, self.style.words);
        let key = |label, colour, css| {
            LegendEntry::new(
                label,
                Swatch::Line(Stroke::solid(colour, line(&sizes, css))),
            )
        };
        let legend = [
            key(words.target, theme.text, 1.5),
            key(words.prediction_training, theme.train, 2.5),
            key(words.prediction_validation, theme.val, 2.5),
        ];
        let header = draw_header(area, self.title, &[&legend], &sizes)?;
        let body = area.margin(header, sizes.margin / 2, sizes.margin / 2, sizes.margin);
        let values = self
            .panels
            .iter()
            .flat_map(|p| p.targets.iter().chain(p.predictions));
        let Some((lo, hi)) = finite_range(values) else {
            return draw_note(&body, words.waiting_for_predictions, &sizes);
        };
        let pad = (hi - lo).max(1e-3) * 0.06;
        let steps = self
            .panels
            .iter()
            .map(|p| p.targets.len().max(p.predictions.len()))
            .max()
            .unwrap_or(1)
            .max(1);
        let panels = panel_grid(&body, self.panels.len(), 1.7);
        for (panel, data) in panels.iter().zip(self.panels) {
            let plot_area = panel_with_title(panel, data.title, &darker(data.color), &sizes)?;
            let (w, h) = plot_area.dim_in_pixel();
            let x = AxisRequest {
                integer: true,
                ticks: Some((f64::from(w) / (sizes.tick_font * 5.0)).clamp(2.0, 10.0) as usize),
                ..AxisRequest::linear((0.5, steps as f64 + 0.5), words.step)
            };
            let y = AxisRequest {
                ticks: Some((f64::from(h) / (sizes.tick_font * 3.0)).clamp(2.0, 8.0) as usize),
                ..AxisRequest::linear((f64::from(lo - pad), f64::from(hi + pad)), words.value)
            };
            let (plot, _, _) = draw_axes(&plot_area, x, y, &sizes)?;
            draw_sequence(&plot, data, &sizes)?;
        }
        Ok(())
    }
}

/// The target as a muted line with dots, the prediction as a line in the panel's colour.
fn draw_sequence<DB: DrawingBackend>(
    plot: &Frame<DB>,
    data: &SequencePanel,
    sizes: &Sizes,
) -> Result<(), ChartError> {
    let (area, to_pixel) = plot_pixels(plot);
    let at = |values: &[f32]| -> Vec<(i32, i32)> {
        values
            .iter()
            .enumerate()
            .filter(|(_, v)| v.is_finite())
            .map(|(t, &v)| to_pixel(((t + 1) as f32, v)))
            .collect()
    };
    let targets = at(data.targets);
    let muted = sizes.theme.text.mix(0.75);
    area.draw(&PathElement::new(
        targets.clone(),
        muted.stroke_width(line(sizes, 1.3)),
    ))?;
    let radius = sizes.px(2.3).max(2);
    for &p in &targets {
        area.draw(&Circle::new(p, radius, muted.filled()))?;
    }
    draw_polyline(&area, &at(data.predictions), data.color, line(sizes, 2.5))
}

impl Chart for ScatterChart<'_> {
    type Drawn = ();
    fn draw_in<DB: DrawingBackend>(&self, on: &Canvas<DB>) -> Result<(), ChartError> {
        let (area, sizes) = (on.area, on.sizes);
        let (theme, words) = (self.style.theme, self.style.words);
        let diagonal = Stroke {
            dash: Dash::Dashed,
            ..Stroke::solid(theme.baseline, line(&sizes, 1.5))
        };
        let legend = [LegendEntry::new(
            words.prediction_equals_target,
            Swatch::Line(diagonal),
        )];
        let header = draw_header(area, self.title, &[&legend], &sizes)?;
        let body = area.margin(header, sizes.margin / 2, sizes.margin / 2, sizes.margin);
        let values = self.panels.iter().flat_map(|p| p.points.iter().flatten());
        let Some((lo, hi)) = finite_range(values) else {
            return draw_note(&body, words.waiting_for_predictions, &sizes);
        };
        let pad = (hi - lo).max(1e-3) * 0.05;
        let (lo, hi) = (f64::from(lo - pad), f64::from(hi + pad));
        let panels = panel_grid(&body, self.panels.len(), 1.15);
        for (panel, data) in panels.iter().zip(self.panels) {
            let plot_area = panel_with_title(panel, data.title, &darker(data.color), &sizes)?;
            let (w, h) = plot_area.dim_in_pixel();
            let ticks = (f64::from(w.min(h)) / (sizes.tick_font * 4.5)).clamp(2.0, 8.0) as usize;
            let axis = |desc| AxisRequest {
                ticks: Some(ticks),
                ..AxisRequest::linear((lo, hi), desc)
            };
            let (mut plot, _, _) = draw_axes(
                &plot_area,
                axis(words.target),
                axis(words.prediction),
                &sizes,
            )?;
            plot.draw_series(DashedLineSeries::new(
                [(lo as f32, lo as f32), (hi as f32, hi as f32)],
                sizes.px(6.0),
                sizes.px(4.0),
                theme.baseline.stroke_width(line(&sizes, 1.3)),
            ))?;
            let radius = sizes.px(3.0).max(2);
            let points = data
                .points
                .iter()
                .filter(|p| p[0].is_finite() && p[1].is_finite());
            let fill = data.color.mix(0.4).filled();
            plot.draw_series(
                points
                    .clone()
                    .map(|p| Circle::new((p[0], p[1]), radius, fill)),
            )?;
            let ring = data.color.stroke_width(line(&sizes, 1.0));
            plot.draw_series(points.map(|p| Circle::new((p[0], p[1]), radius, ring)))?;
        }
        Ok(())
    }
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
