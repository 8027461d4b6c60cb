//! Sequence classification with label noise: which frequency band is this noisy wave in?
//!
//! Class `k` of [`CLASSES`] is a sine whose frequency lies in band `k` of
//! [`FREQUENCY_RANGE`] (drawn from the middle 70% of the band, so neighbouring classes
//! are separated by a gap), with random amplitude and phase, plus Gaussian input noise of
//! std [`INPUT_NOISE`]. A recurrent network has to count oscillations over time.
//!
//! `noise` is the fraction of *training* labels flipped to another class, chosen
//! uniformly: exactly `round(noise × train_size)` labels are wrong. Validation labels are
//! clean, so validation measures the true task: when a big network memorises the wrong
//! training labels, training accuracy climbs to 100% while validation accuracy falls.
//!
//! Baseline: cross-entropy on validation of predicting the training set's class
//! frequencies (≈ ln 4 ≈ 1.386 nats); chance accuracy is 1/4.

use crate::i18n::Message;
use std::f32::consts::TAU;

use ndarray::Array3;

use super::{frequency_predictor_cross_entropy, Sizes, TaskData};
use crate::nn::{Dataset, Inputs, LossKind, Readout, Targets};
use crate::rng::Rng;

pub const CLASSES: usize = 4;
/// Frequencies in cycles per step, split into [`CLASSES`] equal bands.
pub const FREQUENCY_RANGE: (f32, f32) = (0.05, 0.45);
/// Std of the Gaussian noise added to every input value.
pub const INPUT_NOISE: f32 = 0.3;
/// Part of each band's width left empty on either side.
const BAND_MARGIN: f32 = 0.15;

pub fn build(sizes: Sizes, label_noise: f32, train_rng: &mut Rng, val_rng: &mut Rng) -> TaskData {
    let (mut train, _) = generate(sizes.train, sizes.seq_len, train_rng);
    flip_labels(&mut train, label_noise, &mut train_rng.fork(3));
    let (val, _) = generate(sizes.val, sizes.seq_len, val_rng);
    let baseline_loss = match (&train.targets, &val.targets) {
        (Targets::Classes(train_y), Targets::Classes(val_y)) => {
            frequency_predictor_cross_entropy(train_y, val_y, CLASSES)
        }
        _ => f32::NAN, // unreachable: generate only makes classes
    };
    TaskData {
        train,
        val,
        input_size: 1,
        output_size: CLASSES,
        readout: Readout::LastStep,
        loss: LossKind::CrossEntropy,
        baseline_loss,
        baseline_label: Message::plain("task.classify.baseline"),
        loss_label: Message::plain("task.loss.cross_entropy"),
        vocab: None,
    }
}

/// The frequencies (cycles per step) that class `class` draws from.
pub fn band(class: usize) -> (f32, f32) {
    let width = (FREQUENCY_RANGE.1 - FREQUENCY_RANGE.0) / CLASSES as f32;
    let low = FREQUENCY_RANGE.0 + width * class as f32;
    (low + BAND_MARGIN * width, low + (1.0 - BAND_MARGIN) * width)
}

/// `count` clean-labelled sequences: inputs `[count, seq_len, 1]`, one class each; also
/// returns each sequence's frequency.
pub fn generate(count: usize, seq_len: usize, rng: &mut Rng) -> (Dataset, Vec<f32>) {
    let mut inputs = Array3::zeros((count, seq_len, 1));
    let mut labels = Vec::with_capacity(count);
    let mut frequencies = Vec::with_capacity(count);
    for b in 0..count {
        let class = rng.below(CLASSES);
        let (low, high) = band(class);
        let frequency = rng.uniform_range(low, high);
        let amplitude = rng.uniform_range(0.7, 1.3);
        let phase = rng.uniform_range(0.0, TAU);
        for t in 0..seq_len {
            let wave = amplitude * (TAU * frequency * t as f32 + phase).sin();
            inputs[[b, t, 0]] = wave + INPUT_NOISE * rng.normal();
        }
        labels.push(class as u32);
        frequencies.push(frequency);
    }
    (
        Dataset {
            inputs: Inputs::Dense(inputs),
            targets: Targets::Classes(labels),
        },
        frequencies,
    )
}

/// Gives `round(fraction × len)` randomly chosen sequences a different, random class.
/// Returns how many were flipped.
pub fn flip_labels(data: &mut Dataset, fraction: f32, rng: &mut Rng) -> usize {
    let Targets::Classes(labels) = &mut data.targets else {
        return 0;
    };
    let flips =
        ((fraction.clamp(0.0, 1.0) * labels.len() as f32).round() as usize).min(labels.len());
    let mut order: Vec<usize> = (0..labels.len()).collect();
    rng.shuffle(&mut order);
    for &i in &order[..flips] {
        let shift = 1 + rng.below(CLASSES - 1) as u32;
        labels[i] = (labels[i] + shift) % CLASSES as u32;
    }
    flips
}
