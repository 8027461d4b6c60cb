//! The capacity curve: loss against parameter count (log axis) after a fixed epoch budget,
//! one colour per depth. Three metrics per depth:
//! - best validation loss (solid line, filled dots): what early stopping would keep;
//! - final validation loss (dashed, rings): above the best one when the model overfits;
//! - final training loss (dotted, squares): keeps falling as the model grows.
//!
//! Small models sit high on the left (underfitting: even the training loss is high); big
//! ones open a gap between training and validation on the right (overfitting).
//! [`draw_capacity_chart`] is generic over plotters' `DrawingBackend`: the page's
//! `CapacityChartView` draws it on a canvas, [`write_capacity_png`] into a PNG.

use super::multi::{
    baseline_entry, draw_baseline, draw_frame, draw_header, draw_note, draw_series_line,
    draw_series_markers, log_floor, loss_axis_range, series_colour, AxisRequest, Dash, LegendEntry,
    Marker, Stroke,
};
use super::text::checked_sizes;
use super::{palette, ChartError};
use plotters::coord::Shift;
use plotters::prelude::*;

/// The baseline is drawn only when it is at most this many times the highest plotted loss.
const BASELINE_HEADROOM: f32 = 1.6;

/// What the empty chart says before the first model has finished.
pub const WAITING_FOR_MODELS: &str = "waiting for the first trained model…";

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

    pub fn label(self) -> &'static str {
        match self {
            CapacityMetric::BestVal => "best validation",
            CapacityMetric::FinalVal => "final validation",
            CapacityMetric::FinalTrain => "final training",
        }
    }

    pub fn value(self, point: &CapacityPoint) -> Option<f32> {
        match self {
            CapacityMetric::BestVal => point.best_val,
            CapacityMetric::FinalVal => point.final_val,
            CapacityMetric::FinalTrain => point.final_train,
        }
    }

    fn stroke(self, colour: RGBColor, sizes: &super::layout::Sizes) -> Stroke {
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
    /// [`series_colour`]`(i)`, so colours stay put while points arrive. Depths of points
    /// not listed follow them.
    pub depths: &'a [usize],
    /// `(loss, label)` of the task's baseline, a dashed grey line.
    pub baseline: Option<(f32, &'a str)>,
    pub log_y: bool,
    /// Device pixels per CSS pixel.
    pub scale: f32,
}

/// One line of the chart: a depth and a metric, `(params, loss)` sorted by params.
#[derive(Clone, Debug, PartialEq)]
pub struct CapacityLine {
    pub depth: usize,
    /// Index into [`SERIES_COLOURS`](super::SERIES_COLOURS).
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

/// "1 layer", "3 layers".
fn depth_label(depth: usize) -> String {
    if depth == 1 {
        "1 layer".to_string()
    } else {
        format!("{depth} layers")
    }
}

/// Draw `chart` filling `area` (cleared first).
pub fn draw_capacity_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &CapacityChart,
) -> Result<(), ChartError> {
    let sizes = checked_sizes(area, chart.scale)?;
    area.fill(&palette::BACKGROUND)?;

    let mut lines = chart.lines();
    let mut baseline = chart.baseline.filter(|(value, _)| value.is_finite());
    if chart.log_y {
        let values = lines
            .iter()
            .flat_map(|l| l.points.iter().map(|p| f64::from(p.1)));
        let floor = log_floor(values.chain(baseline.map(|b| f64::from(b.0))));
        for line in &mut lines {
            line.points.iter_mut().for_each(|p| p.1 = p.1.max(floor));
        }
        baseline = baseline.map(|(value, label)| (value.max(floor), label));
    }

    let depth_entries: Vec<LegendEntry> = chart
        .depth_order()
        .into_iter()
        .enumerate()
        .map(|(i, depth)| LegendEntry {
            label: depth_label(depth),
            stroke: Stroke {
                colour: series_colour(i),
                width: sizes.val_width,
                dash: Dash::Solid,
                marker: Marker::None,
            },
        })
        .collect();
    // A baseline far above every model would squash the curves into a sliver at the bottom:
    // it stays in the legend, marked as off the chart, instead of stretching the axis.
    let highest = lines
        .iter()
        .flat_map(|l| l.points.iter().map(|p| p.1))
        .fold(f32::NEG_INFINITY, f32::max);
    let baseline_off_chart = baseline
        .is_some_and(|(value, _)| highest.is_finite() && value > highest * BASELINE_HEADROOM);
    let mut keys: Vec<LegendEntry> = CapacityMetric::ALL
        .map(|metric| LegendEntry {
            label: metric.label().to_string(),
            stroke: metric.stroke(palette::MUTED_TEXT, &sizes),
        })
        .into();
    keys.extend(
        chart
            .baseline
            .filter(|(v, _)| v.is_finite())
            .map(|(value, label)| {
                baseline_entry(
                    value,
                    label,
                    if baseline_off_chart {
                        "above the chart"
                    } else {
                        ""
                    },
                    &sizes,
                )
            }),
    );
    if baseline_off_chart {
        baseline = None;
    }
    let header = draw_header(area, chart.title, &[&depth_entries, &keys], &sizes)?;
    let body = area.margin(header, sizes.margin, sizes.margin, sizes.margin);

    let all = || lines.iter().flat_map(|l| l.points.iter());
    let x_range = params_range(all().map(|p| f64::from(p.0)));
    let y_range = loss_axis_range(
        all().map(|p| f64::from(p.1)),
        baseline.map(|b| b.0),
        chart.log_y,
    );
    let (mut frame, x_axis, _) = draw_frame(
        &body,
        AxisRequest {
            range: x_range,
            log: true,
            integer: false,
            desc: "parameters",
        },
        AxisRequest {
            range: y_range,
            log: chart.log_y,
            integer: false,
            desc: chart.y_label,
        },
        &sizes,
    )?;
    if let Some((value, _)) = baseline {
        draw_baseline(&mut frame, &x_axis, value, &sizes)?;
    }

    // Training under validation, the best validation (the headline) on top.
    let mut draw_order: Vec<&CapacityLine> = lines.iter().collect();
    draw_order.sort_by_key(|l| match l.metric {
        CapacityMetric::FinalTrain => 0,
        CapacityMetric::FinalVal => 1,
        CapacityMetric::BestVal => 2,
    });
    for line in &draw_order {
        let stroke = line.metric.stroke(series_colour(line.colour_index), &sizes);
        draw_series_line(&frame, &line.points, &stroke, &sizes)?;
    }
    for line in &draw_order {
        let stroke = line.metric.stroke(series_colour(line.colour_index), &sizes);
        draw_series_markers(&frame, &line.points, &stroke, &sizes)?;
    }
    if lines.is_empty() {
        draw_note(&frame, WAITING_FOR_MODELS, &sizes)?;
    }
    Ok(())
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

/// Draw `chart` into a `width` x `height` PNG at `path` (supersampled like the loss chart).
#[cfg(not(target_arch = "wasm32"))]
pub fn write_capacity_png(
    path: &std::path::Path,
    width: u32,
    height: u32,
    chart: &CapacityChart,
) -> Result<(), ChartError> {
    super::native::write_png_with(path, width, height, chart.scale, &|area, scale| {
        draw_capacity_chart(area, &CapacityChart { scale, ..*chart })
    })
}

/// Draw `chart` into memory: `width * height * 3` bytes of RGB (for tests).
#[cfg(not(target_arch = "wasm32"))]
pub fn render_capacity_rgb(
    width: u32,
    height: u32,
    chart: &CapacityChart,
) -> Result<Vec<u8>, ChartError> {
    super::native::render_rgb_with(width, height, chart.scale, &|area, scale| {
        draw_capacity_chart(area, &CapacityChart { scale, ..*chart })
    })
}
