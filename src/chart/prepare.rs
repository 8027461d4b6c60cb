//! Turning what the caller passed into what can safely be drawn: finite, sorted, thinned
//! points, clamped to the log floor when needed, and the axis ranges that contain them
//! (for the loss chart here, for the multi-series charts at the end).

use super::{decimate, LossChart, MAX_POINTS_PER_SERIES};
use std::borrow::Cow;

/// On a log axis, nothing is drawn lower than this fraction of the largest value: losses
/// of exactly zero (a memorised training set) must not stretch the axis to -infinity.
const LOG_DYNAMIC_RANGE: f64 = 1e-6;
/// Smallest floor at all, comfortably inside f32.
const ABSOLUTE_FLOOR: f64 = 1e-30;

#[derive(Clone, Debug)]
pub(crate) struct Prepared<'a> {
    pub train: Vec<(f32, f32)>,
    pub val: Vec<(f32, f32)>,
    pub best: Option<(f32, f32)>,
    pub baseline: Option<(f32, &'a str)>,
    pub x_range: (f64, f64),
    pub y_range: (f64, f64),
    pub log_y: bool,
}

impl<'a> Prepared<'a> {
    pub(crate) fn new(chart: &LossChart<'a>) -> Prepared<'a> {
        let mut train = thinned(chart.train);
        let mut val = thinned(chart.val);
        let mut best = chart.best.filter(|(x, y)| x.is_finite() && y.is_finite());
        let mut baseline = chart.baseline.filter(|(y, _)| y.is_finite());

        if chart.log_y {
            let floor = log_floor(
                train
                    .iter()
                    .chain(&val)
                    .map(|p| p.1)
                    .chain(best.map(|p| p.1))
                    .chain(baseline.map(|b| b.0)),
            );
            let lift = |y: f32| y.max(floor);
            train.iter_mut().for_each(|p| p.1 = lift(p.1));
            val.iter_mut().for_each(|p| p.1 = lift(p.1));
            best = best.map(|(x, y)| (x, lift(y)));
            baseline = baseline.map(|(y, label)| (lift(y), label));
        }

        let xs: Vec<f64> = train
            .iter()
            .chain(&val)
            .chain(&best)
            .map(|p| f64::from(p.0))
            .collect();
        let ys: Vec<f64> = train
            .iter()
            .chain(&val)
            .chain(&best)
            .map(|p| f64::from(p.1))
            .chain(baseline.map(|b| f64::from(b.0)))
            .collect();
        let y_range = match (train.is_empty() && val.is_empty(), baseline) {
            // Before the first epoch only the baseline is known: show it in the upper part
            // of an axis from (near) zero, leaving the middle free for the waiting note.
            (true, Some((b, _))) if chart.log_y && b > 0.0 => {
                (f64::from(b) / 30.0, f64::from(b) * 2.0)
            }
            (true, Some((b, _))) if !chart.log_y && b > 0.0 => (0.0, f64::from(b) * 1.25),
            _ if chart.log_y => log_y_range(&ys),
            _ => linear_y_range(&ys),
        };
        Prepared {
            x_range: epoch_range(xs.into_iter()),
            y_range,
            train,
            val,
            best,
            baseline,
            log_y: chart.log_y,
        }
    }

    /// No epoch to draw yet.
    pub(crate) fn is_empty(&self) -> bool {
        self.train.is_empty() && self.val.is_empty()
    }
}

/// The finite points in epoch order, decimated to at most [`MAX_POINTS_PER_SERIES`].
pub(crate) fn thinned(points: &[(f32, f32)]) -> Vec<(f32, f32)> {
    decimate(&sorted_finite(points), MAX_POINTS_PER_SERIES)
}

/// The finite points in epoch order; borrowed when the input already is (the usual case,
/// which keeps a redraw of a long history to one pass before decimation).
fn sorted_finite(points: &[(f32, f32)]) -> Cow<'_, [(f32, f32)]> {
    let is_finite = |p: &(f32, f32)| p.0.is_finite() && p.1.is_finite();
    let is_sorted = |ps: &[(f32, f32)]| ps.windows(2).all(|w| w[0].0 <= w[1].0);
    if points.iter().all(is_finite) && is_sorted(points) {
        return Cow::Borrowed(points);
    }
    let mut kept: Vec<(f32, f32)> = points.iter().copied().filter(is_finite).collect();
    if !is_sorted(&kept) {
        kept.sort_by(|a, b| a.0.total_cmp(&b.0));
    }
    Cow::Owned(kept)
}

/// The smallest value a log axis shows: the smallest positive value, but no lower than a
/// millionth of the largest (six decades keep the interesting part readable).
fn log_floor(values: impl Iterator<Item = f32>) -> f32 {
    let (mut min_positive, mut max_positive) = (f64::INFINITY, 0.0f64);
    for v in values.map(f64::from).filter(|v| *v > 0.0) {
        min_positive = min_positive.min(v);
        max_positive = max_positive.max(v);
    }
    if max_positive == 0.0 {
        // Nothing positive at all: every value sits on an arbitrary small floor.
        return 1e-3;
    }
    min_positive
        .max(max_positive * LOG_DYNAMIC_RANGE)
        .max(ABSOLUTE_FLOOR) as f32
}

fn min_max(values: &[f64]) -> Option<(f64, f64)> {
    values.iter().fold(None, |acc, &v| match acc {
        None => Some((v, v)),
        Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
    })
}

/// Epochs from the first to the last with a sliver of room, or 0..10 before any.
pub(crate) fn epoch_range(xs: impl Iterator<Item = f64>) -> (f64, f64) {
    let xs: Vec<f64> = xs.filter(|x| x.is_finite()).collect();
    match min_max(&xs) {
        None => (0.0, 10.0),
        Some((lo, hi)) if hi - lo < 1.0 => (lo - 1.0, hi + 1.0),
        // A sliver of room so the curve ends are not drawn on the frame.
        Some((lo, hi)) => (lo - (hi - lo) * 0.01, hi + (hi - lo) * 0.015),
    }
}

fn linear_y_range(ys: &[f64]) -> (f64, f64) {
    let Some((lo, hi)) = min_max(ys) else {
        return (0.0, 1.0);
    };
    padded_linear_range(lo, hi)
}

/// A linear axis range around values from `lo` to `hi`: a little room above and below, and
/// never below zero when the values are not (the loss chart and the multi-series charts).
pub(crate) fn padded_linear_range(lo: f64, hi: f64) -> (f64, f64) {
    let span = hi - lo;
    let (mut bottom, top) = if span <= lo.abs().max(hi.abs()) * 1e-6 {
        // All values equal (or nearly): centre them in a band of +-10 %.
        let pad = if hi == 0.0 { 1.0 } else { hi.abs() * 0.1 };
        (lo - pad, hi + pad)
    } else {
        (lo - span * 0.05, hi + span * 0.08)
    };
    // Losses are non-negative; padding must not invent negative values.
    if lo >= 0.0 && bottom < 0.0 {
        bottom = 0.0;
    }
    (bottom, top)
}

fn log_y_range(ys: &[f64]) -> (f64, f64) {
    let Some((lo, hi)) = min_max(ys) else {
        return (0.01, 1.0);
    };
    padded_log_range(lo, hi)
}

fn padded_log_range(lo: f64, hi: f64) -> (f64, f64) {
    let (a, b) = (lo.log10(), hi.log10());
    let pad = ((b - a) * 0.05).max(0.05);
    (10f64.powf(a - pad), 10f64.powf(b + pad))
}

/// The loss axis of the comparison and the capacity chart: `values` and the task's
/// `baseline`, so the baseline line is always on the chart; 0.01..1 before either.
pub(crate) fn loss_axis_range(
    values: impl Iterator<Item = f64>,
    baseline: Option<f32>,
    log: bool,
) -> (f64, f64) {
    let values: Vec<f64> = values
        .chain(baseline.map(f64::from))
        .filter(|v| v.is_finite() && (!log || *v > 0.0))
        .collect();
    match min_max(&values) {
        Some((lo, hi)) if log => padded_log_range(lo.max(hi * LOG_DYNAMIC_RANGE), hi),
        Some((lo, hi)) => padded_linear_range(lo, hi),
        None => (0.01, 1.0),
    }
}

/// The smallest value a log axis of the multi-series charts shows (a millionth of the
/// largest), so a loss of zero cannot stretch the axis to minus infinity.
pub(crate) fn series_log_floor(values: impl Iterator<Item = f64>) -> f32 {
    let max = values
        .filter(|v| v.is_finite() && *v > 0.0)
        .fold(0.0f64, f64::max);
    if max == 0.0 {
        1e-3
    } else {
        (max * LOG_DYNAMIC_RANGE).max(ABSOLUTE_FLOOR) as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart<'a>(train: &'a [(f32, f32)], val: &'a [(f32, f32)], log_y: bool) -> LossChart<'a> {
        LossChart {
            title: "t",
            y_label: "MSE",
            train,
            val,
            best: None,
            baseline: None,
            log_y,
            stopped_at: None,
            scale: 1.0,
            style: Default::default(),
        }
    }

    #[test]
    fn non_finite_points_are_dropped_and_order_restored() {
        let train = [
            (2.0, 0.5),
            (1.0, f32::NAN),
            (3.0, f32::INFINITY),
            (1.0, 0.7),
        ];
        let prepared = Prepared::new(&chart(&train, &[], false));
        assert_eq!(prepared.train, vec![(1.0, 0.7), (2.0, 0.5)]);
    }

    #[test]
    fn zeros_on_a_log_axis_sit_on_the_smallest_positive_value() {
        let train = [(1.0, 1.0), (2.0, 0.01), (3.0, 0.0)];
        let prepared = Prepared::new(&chart(&train, &[], true));
        assert_eq!(prepared.train[2].1, 0.01);
        let (bottom, top) = prepared.y_range;
        assert!(bottom > 0.0 && bottom < 0.01 && top > 1.0, "{bottom} {top}");
    }

    #[test]
    fn equal_values_get_a_band_around_them() {
        let train = [(1.0, 0.5), (2.0, 0.5)];
        let prepared = Prepared::new(&chart(&train, &train, false));
        let (bottom, top) = prepared.y_range;
        assert!(
            (bottom - 0.45).abs() < 1e-9 && (top - 0.55).abs() < 1e-9,
            "{bottom} {top}"
        );
    }

    #[test]
    fn linear_range_does_not_go_below_zero_for_losses() {
        let train = [(1.0, 0.01), (2.0, 2.0)];
        let prepared = Prepared::new(&chart(&train, &[], false));
        assert_eq!(prepared.y_range.0, 0.0);
    }
}
