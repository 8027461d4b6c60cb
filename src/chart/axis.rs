//! The chart's axes: one plotters coordinate type for linear and log scales, with ticks at
//! round numbers and labels that stay short at any magnitude.
//!
//! plotters' own `LogCoord` puts ticks only at powers of ten, so a log axis spanning
//! 0.3..0.9 would have no labels at all; this axis falls back to 1-2-5 ticks, then to
//! evenly spaced ones, and formats huge and tiny values in scientific notation.

use plotters::coord::ranged1d::{KeyPointHint, NoDefaultFormatting, Ranged, ValueFormatter};
use std::ops::Range;

/// Above this many ticks an axis is thinned, whatever the caller asked for.
const MAX_TICKS: usize = 40;

#[derive(Clone, Debug)]
pub(crate) struct Axis {
    lo: f64,
    hi: f64,
    log: bool,
    /// Major ticks: labelled, with a grid line.
    major: Vec<f64>,
    /// Minor ticks (log scale only): a fainter grid line, no label.
    minor: Vec<f64>,
    /// How labels are written, chosen once for the whole axis so they line up.
    format: TickFormat,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum TickFormat {
    /// Fixed decimals, e.g. 0.25 with 2.
    Fixed(usize),
    /// Scientific with as many mantissa digits as the step needs: 8e29 and 1e30 for a step
    /// of 2e29, 1.2e-6 for a step of 2e-7.
    Scientific { step_exponent: i32 },
    /// Each value in its shortest readable form (log axes: 0.002, 0.01, 1e-6).
    Compact,
}

impl Axis {
    /// A linear axis over `lo..hi` with about `target_ticks` labels; with `integer` the
    /// ticks fall on whole numbers (epochs).
    pub(crate) fn linear(lo: f64, hi: f64, target_ticks: usize, integer: bool) -> Axis {
        let (lo, hi) = ordered_span(lo, hi);
        let step = nice_step((hi - lo) / target_ticks.max(1) as f64, integer);
        let major = ticks_between(lo, hi, step);
        let magnitude = lo.abs().max(hi.abs());
        // Scientific outside 0.001..100000, like format_compact; epoch axes only from 1e7
        // because epoch 250000 reads fine as it is.
        let scientific = if integer {
            magnitude >= 1e7
        } else {
            !(1e-3..1e5).contains(&magnitude)
        };
        let format = if scientific {
            TickFormat::Scientific {
                step_exponent: step.log10().floor() as i32,
            }
        } else {
            TickFormat::Fixed((-step.log10().floor()).clamp(0.0, 9.0) as usize)
        };
        Axis {
            lo,
            hi,
            log: false,
            major,
            minor: Vec::new(),
            format,
        }
    }

    /// A base-10 log axis over `lo..hi` (both > 0) with about `target_ticks` labels.
    pub(crate) fn log(lo: f64, hi: f64, target_ticks: usize) -> Axis {
        let (lo, hi) = ordered_span(lo.max(f64::MIN_POSITIVE), hi.max(f64::MIN_POSITIVE));
        let target = target_ticks.clamp(2, MAX_TICKS);
        let (first_decade, last_decade) = (lo.log10().floor() as i32, hi.log10().ceil() as i32);
        let in_range = |v: &f64| *v >= lo * (1.0 - 1e-9) && *v <= hi * (1.0 + 1e-9);
        let with_mantissas = |mantissas: &[f64]| -> Vec<f64> {
            (first_decade..=last_decade)
                .flat_map(|d| mantissas.iter().map(move |m| m * 10f64.powi(d)))
                .filter(in_range)
                .collect()
        };

        let powers = with_mantissas(&[1.0]);
        let one_two_five = with_mantissas(&[1.0, 2.0, 5.0]);
        let major = if powers.len() >= 3 {
            // Wide range: every k-th power of ten so the labels do not crowd.
            let stride = powers.len().div_ceil(target);
            powers.into_iter().step_by(stride.max(1)).collect()
        } else if one_two_five.len() >= 2 && one_two_five.len() <= target + 2 {
            one_two_five
        } else if powers.len() == 2 {
            powers
        } else {
            // Less than about half a decade: round numbers, evenly spaced.
            return Axis {
                log: true,
                ..Axis::linear(lo, hi, target_ticks.min(5), false)
            }
            .with_compact_labels();
        };
        let decades = (last_decade - first_decade) as usize;
        let minor = if decades <= 8 {
            with_mantissas(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0])
        } else {
            Vec::new()
        };
        Axis {
            lo,
            hi,
            log: true,
            major,
            minor,
            format: TickFormat::Compact,
        }
    }

    fn with_compact_labels(self) -> Axis {
        Axis {
            format: TickFormat::Compact,
            ..self
        }
    }

    /// The axis bounds.
    pub(crate) fn bounds(&self) -> (f64, f64) {
        (self.lo, self.hi)
    }

    /// Where a value sits along the axis, in the space where lines are straight
    /// (log10 of the value on a log axis).
    pub(crate) fn to_line(&self, value: f64) -> f64 {
        if self.log {
            value.max(f64::MIN_POSITIVE).log10()
        } else {
            value
        }
    }

    pub(crate) fn value_at_line(&self, t: f64) -> f64 {
        if self.log {
            10f64.powf(t)
        } else {
            t
        }
    }

    /// Fraction 0..1 of the way from `lo` to `hi`, clamped a little beyond so that a wild
    /// value cannot overflow pixel arithmetic.
    pub(crate) fn fraction(&self, value: f64) -> f64 {
        let (a, b) = (self.to_line(self.lo), self.to_line(self.hi));
        let f = (self.to_line(value) - a) / (b - a);
        if f.is_finite() {
            f.clamp(-1.0, 2.0)
        } else {
            0.5
        }
    }

    pub(crate) fn major_ticks(&self) -> &[f64] {
        &self.major
    }

    pub(crate) fn label(&self, value: f64) -> String {
        match self.format {
            TickFormat::Fixed(decimals) => {
                let text = format!("{value:.decimals$}");
                // "-0.00" reads as a bug.
                if text
                    .trim_start_matches('-')
                    .chars()
                    .all(|c| c == '0' || c == '.')
                {
                    text.trim_start_matches('-').to_string()
                } else {
                    text
                }
            }
            TickFormat::Scientific { step_exponent } => {
                if value == 0.0 {
                    return "0".to_string();
                }
                let exponent = value.abs().log10().floor() as i32;
                format_scientific(value, (exponent - step_exponent + 1).clamp(1, 7) as usize)
            }
            TickFormat::Compact => format_compact(value, 3),
        }
    }
}

/// A value with at most `significant` significant digits, trailing zeros removed, in
/// scientific notation outside 0.001..100000. Used for tick labels on log axes and for the
/// values written next to the best marker and the baseline.
pub(crate) fn format_compact(value: f64, significant: usize) -> String {
    if !value.is_finite() {
        return "n/a".to_string();
    }
    if value == 0.0 {
        return "0".to_string();
    }
    let significant = significant.max(1);
    let magnitude = value.abs();
    if !(1e-3..1e5).contains(&magnitude) {
        return format_scientific(value, significant);
    }
    let exponent = magnitude.log10().floor() as i32;
    let decimals = (significant as i32 - 1 - exponent).max(0) as usize;
    trim_zeros(&format!("{value:.decimals$}")).to_string()
}

/// `value` as mantissa and exponent, e.g. 1.5e-7, trailing zeros removed.
fn format_scientific(value: f64, significant: usize) -> String {
    let text = format!("{:.*e}", significant.max(1) - 1, value);
    let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
    format!("{}e{}", trim_zeros(mantissa), exponent)
}

fn trim_zeros(text: &str) -> &str {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        text
    }
}

fn ordered_span(lo: f64, hi: f64) -> (f64, f64) {
    let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
    if hi > lo {
        (lo, hi)
    } else {
        // A zero-width span cannot be mapped to pixels; widen it symmetrically.
        let pad = if lo == 0.0 { 1.0 } else { lo.abs() * 0.1 };
        (lo - pad, hi + pad)
    }
}

/// The round step (1, 2 or 5 times a power of ten) closest above `raw`.
pub(crate) fn nice_step(raw: f64, integer: bool) -> f64 {
    let raw = if raw.is_finite() && raw > 0.0 {
        raw
    } else {
        1.0
    };
    let power = 10f64.powf(raw.log10().floor());
    // A hair of tolerance: 1e30 / 5 is 2.0000000000000004e29, and that is a step of 2.
    let mantissa = raw / power * (1.0 - 1e-9);
    let nice = if mantissa <= 1.0 {
        1.0
    } else if mantissa <= 2.0 {
        2.0
    } else if mantissa <= 5.0 {
        5.0
    } else {
        10.0
    };
    let step = nice * power;
    if integer {
        step.max(1.0)
    } else {
        step
    }
}

/// Multiples of `step` inside `lo..=hi`, computed as k * step so errors do not accumulate.
fn ticks_between(lo: f64, hi: f64, step: f64) -> Vec<f64> {
    let first = (lo / step - 1e-9).ceil();
    let last = (hi / step + 1e-9).floor();
    if !(first.is_finite() && last.is_finite()) || last < first {
        return Vec::new();
    }
    let count = ((last - first) as usize + 1).min(MAX_TICKS * 4);
    (0..count).map(|k| (first + k as f64) * step).collect()
}

/// Every k-th element so at most `max` remain.
fn thin(values: &[f64], max: usize) -> Vec<f32> {
    let stride = values.len().div_ceil(max.max(1)).max(1);
    values.iter().step_by(stride).map(|&v| v as f32).collect()
}

impl Ranged for Axis {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f32;

    fn map(&self, value: &f32, limit: (i32, i32)) -> i32 {
        let length = f64::from(limit.1 - limit.0);
        limit.0 + (self.fraction(f64::from(*value)) * length).round() as i32
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f32> {
        let max = hint.max_num_points().min(MAX_TICKS * 10);
        if hint.weight().allow_light_points() {
            thin(&self.minor, max)
        } else {
            thin(&self.major, max)
        }
    }

    fn range(&self) -> Range<f32> {
        self.lo as f32..self.hi as f32
    }
}

impl ValueFormatter<f32> for Axis {
    fn format_ext(&self, value: &f32) -> String {
        // Ticks are f64 multiples of the step; f32 storage must not leak "0.30000001".
        let nearest = self
            .major
            .iter()
            .copied()
            .min_by(|a, b| {
                (a - f64::from(*value))
                    .abs()
                    .total_cmp(&(b - f64::from(*value)).abs())
            })
            .unwrap_or(f64::from(*value));
        self.label(nearest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_steps_are_one_two_five() {
        assert_eq!(nice_step(0.13, false), 0.2);
        assert_eq!(nice_step(3.0, false), 5.0);
        assert_eq!(nice_step(7.0, false), 10.0);
        assert_eq!(nice_step(0.3, true), 1.0);
    }

    #[test]
    fn linear_ticks_are_round_and_inside() {
        let axis = Axis::linear(0.03, 0.97, 5, false);
        let labels: Vec<String> = axis.major_ticks().iter().map(|&v| axis.label(v)).collect();
        assert_eq!(labels, ["0.2", "0.4", "0.6", "0.8"]);
        assert_eq!(axis.major_ticks().len(), 4);
    }

    #[test]
    fn epoch_ticks_are_whole_numbers() {
        let axis = Axis::linear(1.0, 3.0, 10, true);
        assert_eq!(axis.major_ticks(), &[1.0, 2.0, 3.0]);
        assert_eq!(axis.label(2.0), "2");
    }

    #[test]
    fn huge_and_tiny_values_use_scientific_labels() {
        let huge = Axis::linear(0.0, 1e30, 5, false);
        let labels: Vec<String> = huge.major_ticks().iter().map(|&v| huge.label(v)).collect();
        assert_eq!(labels, ["0", "2e29", "4e29", "6e29", "8e29", "1e30"]);
        let mixed = Axis::linear(0.0, 3e5, 3, false);
        assert_eq!(mixed.label(1e5), "1e5");
        assert_eq!(mixed.label(0.0), "0");
        let tiny = Axis::linear(1e-6, 5e-6, 4, false);
        assert_eq!(tiny.label(2e-6), "2e-6");
    }

    #[test]
    fn log_axis_over_decades_ticks_at_powers_of_ten() {
        let axis = Axis::log(1e-4, 10.0, 8);
        let labels: Vec<String> = axis.major_ticks().iter().map(|&v| axis.label(v)).collect();
        assert_eq!(labels, ["1e-4", "0.001", "0.01", "0.1", "1", "10"]);
    }

    #[test]
    fn narrow_log_axis_still_has_labels() {
        let axis = Axis::log(0.31, 0.87, 6);
        assert!(axis.major_ticks().len() >= 2, "{:?}", axis.major_ticks());
        for &tick in axis.major_ticks() {
            assert!((0.31..=0.87).contains(&tick));
        }
    }

    #[test]
    fn compact_format_trims() {
        assert_eq!(format_compact(0.021345, 3), "0.0213");
        assert_eq!(format_compact(2.0, 4), "2");
        assert_eq!(format_compact(123456.0, 3), "1.23e5");
        assert_eq!(format_compact(0.00012, 2), "1.2e-4");
        assert_eq!(format_compact(f64::NAN, 3), "n/a");
    }
}
