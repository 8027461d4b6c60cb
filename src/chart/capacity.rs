//! The capacity curve: loss against parameter count (log axis) after a fixed epoch budget,
//! one colour per depth. Three metrics per depth:
//! - best validation loss (solid line, filled dots): what early stopping would keep;
//! - final validation loss (dashed, rings): above the best one when the model overfits;
//! - final training loss (dotted, squares): keeps falling as the model grows.
//!
//! Small models sit high on the left (underfitting: even the training loss is high); big
//! ones open a gap between training and validation on the right (overfitting).
//! Drawn by [`draw_chart`](super::draw_chart) on any plotters backend: the page's
//! `CapacityChartView` draws it on a canvas, [`write_png`](super::write_png) into a PNG.

use super::compare::{baseline_entry, draw_loss_axes, LossAxis};
use super::entry::{Canvas, Chart};
use super::frame::{
    axis_desc, draw_header, draw_note, plot_pixels, AxisRequest, LegendEntry, Swatch,
};
use super::prepare::{loss_axis_range, series_log_floor};
use super::series::{draw_series_line, draw_series_markers, Dash, Marker, Stroke};
use super::sizes::Sizes;
use super::words::{fill, ChartWords};
use super::{ChartError, ChartStyle};
use crate::sweep::SweepRow;
use plotters::prelude::*;

/// The baseline is drawn only when it is at most this many times the highest plotted loss.
const BASELINE_HEADROOM: f32 = 1.6;

/// One trained model. Missing losses (no epoch finished) are `None`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CapacityPoint {
    pub layers: usize,
    pub hidden: usize,
    /// Trainable parameters: the x coordinate.
    pub params: f32,
    pub best_val: Option<f32>,
    pub final_val: Option<f32>,
    pub final_train: Option<f32>,
}

impl CapacityPoint {
    /// A trained model of a sweep as a point of the chart.
    pub fn from_row(row: &SweepRow) -> CapacityPoint {
        CapacityPoint {
            layers: row.layers,
            hidden: row.hidden,
            params: row.params as f32,
            best_val: row.losses.best_val_loss,
            final_val: row.losses.final_val_loss,
            final_train: row.losses.final_train_loss,
        }
    }
}

/// The three losses plotted for each depth.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CapacityMetric {
    BestVal,
    FinalVal,
    FinalTrain,
}

impl CapacityMetric {
    pub const ALL: [CapacityMetric; 3] = [
        CapacityMetric::BestVal,
        CapacityMetric::FinalVal,
        CapacityMetric::FinalTrain,
    ];

    pub fn label<'w>(self, words: &ChartWords<'w>) -> &'w str {
        match self {
            CapacityMetric::BestVal => words.best_validation,
            CapacityMetric::FinalVal => words.final_validation,
            CapacityMetric::FinalTrain => words.final_training,
        }
    }

    pub fn value(self, point: &CapacityPoint) -> Option<f32> {
        match self {
            CapacityMetric::BestVal => point.best_val,
            CapacityMetric::FinalVal => point.final_val,
            CapacityMetric::FinalTrain => point.final_train,
        }
    }

    fn stroke(self, colour: RGBColor, sizes: &Sizes) -> Stroke {
        match self {
            CapacityMetric::BestVal => Stroke {
                colour,
                width: sizes.val_width,
                dash: Dash::Solid,
                marker: Marker::Disc,
            },
            CapacityMetric::FinalVal => Stroke {
                colour,
                width: sizes.train_width,
                dash: Dash::Dashed,
                marker: Marker::Ring,
            },
            CapacityMetric::FinalTrain => Stroke {
                colour,
                width: sizes.train_width,
                dash: Dash::Dotted,
                marker: Marker::Square,
            },
        }
    }
}

/// Everything one frame of the capacity chart shows.
#[derive(Clone, Copy, Debug)]
pub struct CapacityChart<'a> {
    pub title: &'a str,
    /// What the loss measures; the y axis label.
    pub y_label: &'a str,
    pub points: &'a [CapacityPoint],
    /// The depths of the grid, in legend order; depth `depths[i]` is drawn in
    /// the theme's series colour `i`, so colours stay put while points arrive. Depths of points
    /// not listed follow them.
    pub depths: &'a [usize],
    /// `(loss, label)` of the task's baseline, a dashed grey line.
    pub baseline: Option<(f32, &'a str)>,
    pub log_y: bool,
    /// Device pixels per CSS pixel.
    pub scale: f32,
    /// Colours and words.
    pub style: ChartStyle<'a>,
}

/// One line of the chart: a depth and a metric, `(params, loss)` sorted by params.
#[derive(Clone, Debug, PartialEq)]
pub struct CapacityLine {
    pub depth: usize,
    /// Index into the theme's series colours.
    pub colour_index: usize,
    pub metric: CapacityMetric,
    pub points: Vec<(f32, f32)>,
}

impl CapacityChart<'_> {
    /// Every depth drawn, in colour order: the listed ones, then any others ascending.
    pub fn depth_order(&self) -> Vec<usize> {
        let mut depths: Vec<usize> = Vec::new();
        for &depth in self.depths {
            if !depths.contains(&depth) {
                depths.push(depth);
            }
        }
        let mut extra: Vec<usize> = self
            .points
            .iter()
            .map(|p| p.layers)
            .filter(|d| !depths.contains(d))
            .collect();
        extra.sort_unstable();
        extra.dedup();
        depths.extend(extra);
        depths
    }

    /// The lines as drawn: finite, positive parameter counts only (a log axis), finite
    /// losses only; one line per depth and metric, empty lines left out.
    pub fn lines(&self) -> Vec<CapacityLine> {
        let mut lines = Vec::new();
        for (colour_index, depth) in self.depth_order().into_iter().enumerate() {
            for metric in CapacityMetric::ALL {
                let mut points: Vec<(f32, f32)> = self
                    .points
                    .iter()
                    .filter(|p| p.layers == depth && p.params.is_finite() && p.params > 0.0)
                    .filter_map(|p| {
                        metric
                            .value(p)
                            .filter(|v| v.is_finite())
                            .map(|v| (p.params, v))
                    })
                    .collect();
                points.sort_by(|a, b| a.0.total_cmp(&b.0));
                if !points.is_empty() {
                    lines.push(CapacityLine {
                        depth,
                        colour_index,
                        metric,
                        points,
                    });
                }
            }
        }
        lines
    }

    /// Points drawn for each metric, in [`CapacityMetric::ALL`] order.
    pub fn metric_counts(&self) -> [usize; 3] {
        let lines = self.lines();
        CapacityMetric::ALL.map(|metric| {
            lines
                .iter()
                .filter(|l| l.metric == metric)
                .map(|l| l.points.len())
                .sum()
        })
    }
}

/// "1 layer", "3 layers" (a plural message).
fn depth_label(depth: usize, words: &ChartWords) -> String {
    fill(words.many_layers, &[("layers", &depth.to_string())])
}

impl Chart for CapacityChart<'_> {
    type Drawn = ();
    fn draw_in<DB: DrawingBackend>(&self, on: &Canvas<DB>) -> Result<(), ChartError> {
        let (area, sizes) = (on.area, on.sizes);
        let (theme, words) = (self.style.theme, self.style.words);
        let mut lines = self.lines();
        let mut baseline = self.baseline.map(|b| b.0).filter(|v| v.is_finite());
        if self.log_y {
            let values = lines
                .iter()
                .flat_map(|l| l.points.iter().map(|p| f64::from(p.1)));
            let floor = series_log_floor(values.chain(baseline.map(f64::from)));
            for line in &mut lines {
                line.points.iter_mut().for_each(|p| p.1 = p.1.max(floor));
            }
            baseline = baseline.map(|value| value.max(floor));
        }
        // A baseline far above every model would squash the curves into a sliver at the bottom:
        // it stays in the legend, marked as off the self, instead of stretching the axis.
        let highest = lines
            .iter()
            .flat_map(|l| l.points.iter().map(|p| p.1))
            .fold(f32::NEG_INFINITY, f32::max);
        let off_chart = baseline
            .is_some_and(|value| highest.is_finite() && value > highest * BASELINE_HEADROOM);
        let header = draw_header(
            area,
            self.title,
            &[&depth_entries(self, &sizes), &keys(self, off_chart, &sizes)],
            &sizes,
        )?;
        let body = area.margin(header, sizes.margin, sizes.margin, sizes.margin);
        let baseline = baseline.filter(|_| !off_chart);

        let all = || lines.iter().flat_map(|l| l.points.iter());
        let x_desc = axis_desc(words.parameters, true, self.style);
        let x = AxisRequest {
            log: true,
            ..AxisRequest::linear(params_range(all().map(|p| f64::from(p.0))), &x_desc)
        };
        let loss_axis = LossAxis {
            range: loss_axis_range(all().map(|p| f64::from(p.1)), baseline, self.log_y),
            log: self.log_y,
            label: self.y_label,
            baseline,
        };
        let frame = draw_loss_axes(&body, x, loss_axis, self.style, &sizes)?;

        // Training under validation, the best validation (the headline) on top.
        let mut draw_order: Vec<&CapacityLine> = lines.iter().collect();
        draw_order.sort_by_key(|l| match l.metric {
            CapacityMetric::FinalTrain => 0,
            CapacityMetric::FinalVal => 1,
            CapacityMetric::BestVal => 2,
        });
        let stroke = |line: &CapacityLine| {
            line.metric
                .stroke(theme.series_colour(line.colour_index), &sizes)
        };
        for line in &draw_order {
            draw_series_line(&frame, &line.points, &stroke(line), &sizes)?;
        }
        for line in &draw_order {
            draw_series_markers(&frame, &line.points, &stroke(line), &sizes)?;
        }
        if lines.is_empty() {
            draw_note(&plot_pixels(&frame).0, words.waiting_for_models, &sizes)?;
        }
        Ok(())
    }
}

/// One legend entry per depth, in its colour.
fn depth_entries(chart: &CapacityChart, sizes: &Sizes) -> Vec<LegendEntry> {
    let theme = chart.style.theme;
    let entry = |(i, depth): (usize, usize)| {
        let stroke = Stroke::solid(theme.series_colour(i), sizes.val_width);
        LegendEntry::new(&depth_label(depth, chart.style.words), Swatch::Line(stroke))
    };
    chart
        .depth_order()
        .into_iter()
        .enumerate()
        .map(entry)
        .collect()
}

/// The keys to the three metrics' line styles, and the baseline's entry (marked when its
/// line is off the chart).
fn keys(chart: &CapacityChart, off_chart: bool, sizes: &Sizes) -> Vec<LegendEntry> {
    let (theme, words) = (chart.style.theme, chart.style.words);
    let key = |metric: CapacityMetric| {
        let stroke = metric.stroke(theme.muted_text, sizes);
        LegendEntry::new(metric.label(words), Swatch::Line(stroke))
    };
    let mut keys: Vec<LegendEntry> = CapacityMetric::ALL.map(key).into();
    let note = if off_chart { words.above_the_chart } else { "" };
    let baseline = chart.baseline.filter(|(v, _)| v.is_finite());
    keys.extend(baseline.map(|b| baseline_entry(b, note, chart.style, sizes)));
    keys
}

/// Parameter counts on a log axis, with room for the markers at both ends; 10..10000
/// before any model has finished.
fn params_range(xs: impl Iterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) = xs
        .filter(|x| x.is_finite() && *x > 0.0)
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
            (lo.min(x), hi.max(x))
        });
    if lo > hi {
        return (10.0, 10_000.0);
    }
    let (a, b) = (lo.log10(), hi.log10());
    let pad = ((b - a) * 0.06).max(0.15);
    (10f64.powf(a - pad), 10f64.powf(b + pad))
}
