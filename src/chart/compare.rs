//! Several runs on one chart: each run's validation loss solid, its training loss dashed,
//! one colour per run, a dot on each run's best validation epoch, and the task's baseline.
//!
//! Drawn by [`draw_chart`](super::draw_chart) on any plotters backend: the page's
//! `CompareChartView` draws it on a canvas, [`write_png`](super::write_png) into a PNG.

use super::entry::{Canvas, Chart};
use super::frame::{
    axis_desc, draw_axes, draw_header, draw_note, plot_pixels, AxisRequest, Frame, LegendEntry,
    Swatch,
};
use super::prepare::{epoch_range, loss_axis_range, series_log_floor, thinned};
use super::series::{
    baseline_text, draw_baseline, draw_series_line, draw_series_markers, Dash, Marker, Stroke,
};
use super::sizes::Sizes;
use super::{best_point, ChartError, ChartStyle};
use plotters::coord::Shift;
use plotters::prelude::*;

/// One run's curves, `(epoch, loss)` sorted by epoch.
#[derive(Clone, Copy, Debug)]
pub struct RunCurves<'a> {
    /// Legend text, e.g. "LSTM 1×32 · 4,513 params".
    pub label: &'a str,
    pub train: &'a [(f32, f32)],
    pub val: &'a [(f32, f32)],
}

/// Everything one frame of the comparison shows.
#[derive(Clone, Copy, Debug)]
pub struct CompareChart<'a> {
    pub title: &'a str,
    /// What the loss measures ("MSE", "nats per char"); the y axis label.
    pub y_label: &'a str,
    /// Run `i` is drawn in the theme's series colour `i`.
    pub runs: &'a [RunCurves<'a>],
    /// `(loss, label)` of the task's baseline, a dashed grey line.
    pub baseline: Option<(f32, &'a str)>,
    pub log_y: bool,
    /// Device pixels per CSS pixel.
    pub scale: f32,
    /// Colours and words.
    pub style: ChartStyle<'a>,
}

/// A run ready to draw: finite, thinned, lifted to the log floor when needed.
struct PreparedRun {
    train: Vec<(f32, f32)>,
    val: Vec<(f32, f32)>,
    best: Option<(f32, f32)>,
}

impl Chart for CompareChart<'_> {
    type Drawn = ();
    fn draw_in<DB: DrawingBackend>(&self, on: &Canvas<DB>) -> Result<(), ChartError> {
        let (area, sizes) = (on.area, on.sizes);
        let (runs, baseline) = prepare_runs(self);
        let header = draw_header(
            area,
            self.title,
            &[&run_entries(self, &sizes), &keys(self, &sizes)],
            &sizes,
        )?;
        let body = area.margin(header, sizes.margin, sizes.margin, sizes.margin);

        let points = || runs.iter().flat_map(|r| r.train.iter().chain(&r.val));
        let x = AxisRequest {
            integer: true,
            ..AxisRequest::linear(
                epoch_range(points().map(|p| f64::from(p.0))),
                self.style.words.epoch,
            )
        };
        let losses = points().map(|p| f64::from(p.1));
        let loss_axis = LossAxis {
            range: loss_axis_range(losses, baseline, self.log_y),
            log: self.log_y,
            label: self.y_label,
            baseline,
        };
        let frame = draw_loss_axes(&body, x, loss_axis, self.style, &sizes)?;

        let stroke = |i: usize, dash, width, marker| Stroke {
            colour: sizes.theme.series_colour(i),
            width,
            dash,
            marker,
        };
        // Validation first: the thin dashed training lines stay visible where they cross.
        for (i, run) in runs.iter().enumerate() {
            let solid = stroke(i, Dash::Solid, sizes.val_width, Marker::None);
            draw_series_line(&frame, &run.val, &solid, &sizes)?;
        }
        for (i, run) in runs.iter().enumerate() {
            let dashed = stroke(i, Dash::Dashed, sizes.train_width, Marker::None);
            draw_series_line(&frame, &run.train, &dashed, &sizes)?;
        }
        for (i, run) in runs.iter().enumerate() {
            // A lone point has no line: show it as a marker so the first epoch is visible.
            let lone = [&run.val, &run.train].into_iter().filter(|s| s.len() == 1);
            for series in lone {
                draw_series_markers(
                    &frame,
                    series,
                    &stroke(i, Dash::Solid, 0, Marker::Ring),
                    &sizes,
                )?;
            }
            let best = stroke(i, Dash::Solid, 0, Marker::Disc);
            draw_series_markers(&frame, run.best.as_slice(), &best, &sizes)?;
        }
        if runs.iter().all(|r| r.train.is_empty() && r.val.is_empty()) {
            draw_note(
                &plot_pixels(&frame).0,
                self.style.words.waiting_for_runs,
                &sizes,
            )?;
        }
        Ok(())
    }
}

/// The runs finite, thinned and lifted to the log floor when needed, and the baseline's
/// value if it is to be drawn.
fn prepare_runs(chart: &CompareChart) -> (Vec<PreparedRun>, Option<f32>) {
    let mut runs: Vec<PreparedRun> = chart
        .runs
        .iter()
        .map(|run| PreparedRun {
            // The best epoch is found before thinning, so it is the true minimum.
            best: best_point(run.val),
            train: thinned(run.train),
            val: thinned(run.val),
        })
        .collect();
    let mut baseline = chart.baseline.map(|b| b.0).filter(|v| v.is_finite());
    if chart.log_y {
        let all = runs
            .iter()
            .flat_map(|r| r.train.iter().chain(&r.val))
            .map(|p| f64::from(p.1));
        let floor = series_log_floor(all.chain(baseline.map(f64::from)));
        for run in &mut runs {
            let points = run.train.iter_mut().chain(run.val.iter_mut());
            for p in points.chain(run.best.iter_mut()) {
                p.1 = p.1.max(floor);
            }
        }
        baseline = baseline.map(|value| value.max(floor));
    }
    (runs, baseline)
}

/// One legend entry per run, in its colour.
fn run_entries(chart: &CompareChart, sizes: &Sizes) -> Vec<LegendEntry> {
    let theme = chart.style.theme;
    let entry = |(i, run): (usize, &RunCurves)| {
        let stroke = Stroke::solid(theme.series_colour(i), sizes.val_width);
        LegendEntry::new(run.label, Swatch::Line(stroke))
    };
    chart.runs.iter().enumerate().map(entry).collect()
}

/// The keys to the line styles, in a muted colour, and the baseline's entry.
fn keys(chart: &CompareChart, sizes: &Sizes) -> Vec<LegendEntry> {
    let (theme, words) = (chart.style.theme, chart.style.words);
    let key = |label: &str, dash, width, marker| {
        let colour = theme.muted_text;
        LegendEntry::new(
            label,
            Swatch::Line(Stroke {
                colour,
                width,
                dash,
                marker,
            }),
        )
    };
    let mut keys = vec![
        key(words.validation, Dash::Solid, sizes.val_width, Marker::None),
        key(
            words.training,
            Dash::Dashed,
            sizes.train_width,
            Marker::None,
        ),
        key(words.best_validation, Dash::Solid, 0, Marker::Disc),
    ];
    let baseline = chart.baseline.filter(|(v, _)| v.is_finite());
    keys.extend(baseline.map(|b| baseline_entry(b, "", chart.style, sizes)));
    keys
}

/// The loss axis of a multi-series chart and the baseline drawn across it.
pub(crate) struct LossAxis<'a> {
    pub range: (f64, f64),
    pub log: bool,
    /// What the loss measures.
    pub label: &'a str,
    pub baseline: Option<f32>,
}

/// The frame's axes with losses up the side, and the baseline's dashed line.
pub(crate) fn draw_loss_axes<'a, DB: DrawingBackend>(
    body: &'a DrawingArea<DB, Shift>,
    x: AxisRequest,
    loss: LossAxis,
    style: ChartStyle,
    sizes: &Sizes,
) -> Result<Frame<'a, DB>, ChartError> {
    let desc = axis_desc(loss.label, loss.log, style);
    let y = AxisRequest {
        log: loss.log,
        ..AxisRequest::linear(loss.range, &desc)
    };
    let (mut frame, x_axis, _) = draw_axes(body, x, y, sizes)?;
    if let Some(value) = loss.baseline {
        draw_baseline(&mut frame, &x_axis, value, sizes)?;
    }
    Ok(frame)
}

/// The legend key of a task's baseline: its dashed line, its label and its value (task
/// labels leave the value to the chart), plus `note` when there is one.
pub(crate) fn baseline_entry(
    (value, label): (f32, &str),
    note: &str,
    style: ChartStyle,
    sizes: &Sizes,
) -> LegendEntry {
    let mut label = baseline_text((value, label), style.words);
    if !note.is_empty() {
        label = format!("{label}, {note}");
    }
    let stroke = Stroke {
        dash: Dash::Dashed,
        ..Stroke::solid(style.theme.baseline, sizes.baseline_width)
    };
    LegendEntry::new(&label, Swatch::Line(stroke))
}
