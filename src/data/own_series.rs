//! The forecast task on the reader's own series: predict the next value at every step.
//!
//! The series is split in time: the first [`TRAIN_FRACTION`] trains, the rest validates, and
//! no window straddles the split, so validation is the future the model never saw. Both
//! parts are normalised with the training part's mean and standard deviation (the
//! validation part's own statistics would leak its future). Windows of `seq_len + 1` values
//! (inputs, then the same shifted by one as targets) are cut evenly spaced over each part,
//! as many as the training and validation sizes ask for and the part holds.
//!
//! Baseline: MSE on validation of predicting the training mean (0 after normalisation).

use crate::i18n::Message;
use std::fmt;

use ndarray::{Array2, Array3};

use super::{Sizes, TaskData};
use crate::nn::{Dataset, Inputs, Readout, Targets};

/// Share of the series that trains; the later rest validates.
pub const TRAIN_FRACTION: f64 = 0.8;

/// A series too short for the chosen sequence length.
#[derive(Clone, Debug, PartialEq)]
pub struct TooShortForWindows {
    pub values: usize,
    pub seq_len: usize,
}

impl TooShortForWindows {
    /// What is wrong and what to change, as a catalog message.
    pub fn message(&self) -> Message {
        let needed = (self.seq_len + 1) as f64 / (1.0 - TRAIN_FRACTION);
        Message::new(
            "series.error.too_short_for_windows",
            &[
                ("count", self.values.to_string()),
                ("seq_len", self.seq_len.to_string()),
                ("percent", format!("{:.0}", (1.0 - TRAIN_FRACTION) * 100.0)),
                ("window", (self.seq_len + 1).to_string()),
                ("needed", format!("{:.0}", needed.ceil())),
            ],
        )
    }
}

impl fmt::Display for TooShortForWindows {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().english())
    }
}

impl std::error::Error for TooShortForWindows {}

/// Where the series splits: values before this index train, the rest validate.
pub fn split_index(len: usize) -> usize {
    (len as f64 * TRAIN_FRACTION).round() as usize
}

/// `count` window starts spread evenly over `0..=last`, first and last included.
pub fn window_starts(last: usize, count: usize) -> Vec<usize> {
    match count {
        0 => Vec::new(),
        1 => vec![0],
        _ => (0..count).map(|i| i * last / (count - 1)).collect(),
    }
}

/// Whether a series of `len` values holds a window of `seq_len + 1` values on each side
/// of the split.
pub fn check_fits(len: usize, seq_len: usize) -> Result<(), TooShortForWindows> {
    let split = split_index(len);
    if split.min(len - split) < seq_len + 1 {
        return Err(TooShortForWindows {
            values: len,
            seq_len,
        });
    }
    Ok(())
}

pub fn build(values: &[f32], sizes: Sizes) -> Result<TaskData, TooShortForWindows> {
    check_fits(values.len(), sizes.seq_len)?;
    let (train_part, val_part) = values.split_at(split_index(values.len()));
    let (mean, std) = mean_and_std(train_part);
    let normalise = |v: f32| ((f64::from(v) - mean) / std) as f32;
    let train = windows(train_part, sizes.seq_len, sizes.train, normalise);
    let val = windows(val_part, sizes.seq_len, sizes.val, normalise);
    let mut task = TaskData::regression(
        train,
        val,
        1,
        Readout::AllSteps,
        Message::plain("task.own.baseline"),
    );
    task.loss_label = Message::plain("task.own.loss");
    Ok(task)
}

/// Mean and standard deviation; a constant series gets 1 so it is only shifted.
fn mean_and_std(values: &[f32]) -> (f64, f64) {
    let n = values.len().max(1) as f64;
    let mean = values.iter().map(|&v| f64::from(v)).sum::<f64>() / n;
    let variance = values
        .iter()
        .map(|&v| (f64::from(v) - mean).powi(2))
        .sum::<f64>()
        / n;
    let std = variance.sqrt();
    (mean, if std > 1e-12 { std } else { 1.0 })
}

/// Up to `wanted` windows of `seq_len + 1` values inside `part`.
fn windows(part: &[f32], seq_len: usize, wanted: usize, normalise: impl Fn(f32) -> f32) -> Dataset {
    let last_start = part.len() - (seq_len + 1);
    let starts = window_starts(last_start, wanted.min(last_start + 1));
    let mut inputs = Array3::zeros((starts.len(), seq_len, 1));
    let mut targets = Array2::zeros((starts.len() * seq_len, 1));
    for (b, &start) in starts.iter().enumerate() {
        for t in 0..seq_len {
            inputs[[b, t, 0]] = normalise(part[start + t]);
            targets[[b * seq_len + t, 0]] = normalise(part[start + t + 1]);
        }
    }
    Dataset {
        inputs: Inputs::Dense(inputs),
        targets: Targets::Values(targets),
    }
}
