//! Several runs on one chart: each run's validation loss solid, its training loss dashed,
//! one colour per run, a dot on each run's best validation epoch, and the task's baseline.
//!
//! [`draw_compare_chart`] is generic over plotters' `DrawingBackend`: the page's
//! `CompareChartView` draws it on a canvas, [`write_compare_png`] into a PNG.

use super::multi::{
    baseline_entry, draw_baseline, draw_frame, draw_header, draw_note, draw_series_line,
    draw_series_markers, log_floor, loss_axis_range, series_colour, AxisRequest, Dash, LegendEntry,
    Marker, Stroke,
};
use super::text::checked_sizes;
use super::{best_point, decimate, palette, ChartError, MAX_POINTS_PER_SERIES};
use plotters::coord::Shift;
use plotters::prelude::*;

/// What the empty chart says before the first epoch of any run.
pub const WAITING_FOR_RUNS: &str = "waiting for the first epochs…";

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
    /// Run `i` is drawn in [`series_colour`]`(i)`.
    pub runs: &'a [RunCurves<'a>],
    /// `(loss, label)` of the task's baseline, a dashed grey line.
    pub baseline: Option<(f32, &'a str)>,
    pub log_y: bool,
    /// Device pixels per CSS pixel.
    pub scale: f32,
}

/// A run ready to draw: finite, thinned, lifted to the log floor when needed.
struct PreparedRun {
    train: Vec<(f32, f32)>,
    val: Vec<(f32, f32)>,
    best: Option<(f32, f32)>,
}

fn finite(points: &[(f32, f32)]) -> Vec<(f32, f32)> {
    let mut kept: Vec<(f32, f32)> = points
        .iter()
        .copied()
        .filter(|p| p.0.is_finite() && p.1.is_finite())
        .collect();
    if !kept.windows(2).all(|w| w[0].0 <= w[1].0) {
        kept.sort_by(|a, b| a.0.total_cmp(&b.0));
    }
    decimate(&kept, MAX_POINTS_PER_SERIES)
}

/// Draw `chart` filling `area` (cleared first).
pub fn draw_compare_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &CompareChart,
) -> Result<(), ChartError> {
    let sizes = checked_sizes(area, chart.scale)?;
    area.fill(&palette::BACKGROUND)?;

    let mut runs: Vec<PreparedRun> = chart
        .runs
        .iter()
        .map(|run| {
            // The best epoch is found before thinning, so it is the true minimum.
            let best = best_point(run.val);
            PreparedRun {
                train: finite(run.train),
                val: finite(run.val),
                best,
            }
        })
        .collect();
    let mut baseline = chart.baseline.filter(|(value, _)| value.is_finite());
    if chart.log_y {
        let all = runs
            .iter()
            .flat_map(|r| r.train.iter().chain(&r.val))
            .map(|p| f64::from(p.1));
        let floor = log_floor(all.chain(baseline.map(|b| f64::from(b.0))));
        for run in &mut runs {
            for p in run
                .train
                .iter_mut()
                .chain(run.val.iter_mut())
                .chain(run.best.iter_mut())
            {
                p.1 = p.1.max(floor);
            }
        }
        baseline = baseline.map(|(value, label)| (value.max(floor), label));
    }

    let run_entries: Vec<LegendEntry> = chart
        .runs
        .iter()
        .enumerate()
        .map(|(i, run)| LegendEntry {
            label: run.label.to_string(),
            stroke: Stroke {
                colour: series_colour(i),
                width: sizes.val_width,
                dash: Dash::Solid,
                marker: Marker::None,
            },
        })
        .collect();
    let key = |label: &str, dash, width, marker| LegendEntry {
        label: label.to_string(),
        stroke: Stroke {
            colour: palette::MUTED_TEXT,
            width,
            dash,
            marker,
        },
    };
    let mut keys = vec![
        key("validation", Dash::Solid, sizes.val_width, Marker::None),
        key("training", Dash::Dashed, sizes.train_width, Marker::None),
        key("best validation", Dash::Solid, 0, Marker::Disc),
    ];
    keys.extend(
        chart
            .baseline
            .filter(|(v, _)| v.is_finite())
            .map(|(value, label)| baseline_entry(value, label, "", &sizes)),
    );
    let header = draw_header(area, chart.title, &[&run_entries, &keys], &sizes)?;
    let body = area.margin(header, sizes.margin, sizes.margin, sizes.margin);

    let points = || runs.iter().flat_map(|r| r.train.iter().chain(&r.val));
    let x_range = epoch_range(points().map(|p| f64::from(p.0)));
    let y_range = loss_axis_range(
        points().map(|p| f64::from(p.1)),
        baseline.map(|b| b.0),
        chart.log_y,
    );
    let (mut frame, x_axis, _) = draw_frame(
        &body,
        AxisRequest {
            range: x_range,
            log: false,
            integer: true,
            desc: "epoch",
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

    let stroke = |i: usize, dash, width, marker| Stroke {
        colour: series_colour(i),
        width,
        dash,
        marker,
    };
    // Validation first: the thin dashed training lines stay visible where they cross.
    for (i, run) in runs.iter().enumerate() {
        draw_series_line(
            &frame,
            &run.val,
            &stroke(i, Dash::Solid, sizes.val_width, Marker::None),
            &sizes,
        )?;
    }
    for (i, run) in runs.iter().enumerate() {
        draw_series_line(
            &frame,
            &run.train,
            &stroke(i, Dash::Dashed, sizes.train_width, Marker::None),
            &sizes,
        )?;
    }
    for (i, run) in runs.iter().enumerate() {
        // A lone point has no line: show it as a marker so the first epoch is visible.
        for series in [&run.val, &run.train] {
            if series.len() == 1 {
                draw_series_markers(
                    &frame,
                    series,
                    &stroke(i, Dash::Solid, 0, Marker::Ring),
                    &sizes,
                )?;
            }
        }
        if let Some(best) = run.best {
            draw_series_markers(
                &frame,
                &[best],
                &stroke(i, Dash::Solid, 0, Marker::Disc),
                &sizes,
            )?;
        }
    }
    if runs.iter().all(|r| r.train.is_empty() && r.val.is_empty()) {
        draw_note(&frame, WAITING_FOR_RUNS, &sizes)?;
    }
    Ok(())
}

/// Epochs from the first to the last with a sliver of room, or 0..10 before any.
fn epoch_range(xs: impl Iterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) = xs
        .filter(|x| x.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
            (lo.min(x), hi.max(x))
        });
    if lo > hi {
        (0.0, 10.0)
    } else if hi - lo < 1.0 {
        (lo - 1.0, hi + 1.0)
    } else {
        (lo - (hi - lo) * 0.01, hi + (hi - lo) * 0.015)
    }
}

/// Draw `chart` into a `width` x `height` PNG at `path` (supersampled like the loss chart).
#[cfg(not(target_arch = "wasm32"))]
pub fn write_compare_png(
    path: &std::path::Path,
    width: u32,
    height: u32,
    chart: &CompareChart,
) -> Result<(), ChartError> {
    super::native::write_png_with(path, width, height, chart.scale, &|area, scale| {
        draw_compare_chart(area, &CompareChart { scale, ..*chart })
    })
}

/// Draw `chart` into memory: `width * height * 3` bytes of RGB (for tests).
#[cfg(not(target_arch = "wasm32"))]
pub fn render_compare_rgb(
    width: u32,
    height: u32,
    chart: &CompareChart,
) -> Result<Vec<u8>, ChartError> {
    super::native::render_rgb_with(width, height, chart.scale, &|area, scale| {
        draw_compare_chart(area, &CompareChart { scale, ..*chart })
    })
}
