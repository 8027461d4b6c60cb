//! Forecasting: predict the next value of a noisy wave, at every step.
//!
//! Each sequence is a sum of [`COMPONENTS`] sines with random amplitudes, periods (8 to
//! 20 steps) and phases, scaled to variance [`SIGNAL_VARIANCE`], plus Gaussian noise of std
//! `noise` on every value. The input at step `t` is the noisy value `x_t`, the target the
//! noisy `x_{t+1}`: the noise sits in the targets too, so it cannot be predicted, only
//! memorised. A few training sequences and a big network make that memorising visible:
//! training loss sinks below the noise floor (`noise²`) while validation loss turns up.
//!
//! Baseline: MSE on validation of predicting the training mean at every step
//! (≈ `SIGNAL_VARIANCE + noise²`).

use std::f32::consts::TAU;

use ndarray::{Array2, Array3};

use super::{mean_predictor_mse, Sizes, TaskData};
use crate::nn::{Dataset, Inputs, LossKind, Readout, Targets};
use crate::rng::Rng;

/// Variance of the clean wave; fixes the scale of every loss on the chart.
pub const SIGNAL_VARIANCE: f32 = 0.5;
/// Shortest and longest period of a component, in steps.
pub const PERIOD_RANGE: (f32, f32) = (8.0, 20.0);
/// Sines per wave: two need more state than the smallest network has (two units hold
/// one oscillator), yet 32 sequences are enough to learn them.
pub const COMPONENTS: usize = 2;

pub fn build(sizes: Sizes, noise: f32, train_rng: &mut Rng, val_rng: &mut Rng) -> TaskData {
    let train = generate(sizes.train, sizes.seq_len, noise, train_rng);
    let val = generate(sizes.val, sizes.seq_len, noise, val_rng);
    let baseline_loss = match (&train.targets, &val.targets) {
        (Targets::Values(train_y), Targets::Values(val_y)) => mean_predictor_mse(train_y, val_y),
        _ => f32::NAN, // unreachable: generate only makes values
    };
    TaskData {
        train,
        val,
        input_size: 1,
        output_size: 1,
        readout: Readout::AllSteps,
        loss: LossKind::Mse,
        baseline_loss,
        baseline_label: format!("predict the mean (noise floor {:.3})", noise * noise),
        loss_label: "MSE".to_string(),
        vocab: None,
    }
}

/// `count` sequences of `seq_len` steps. Waves and noise come from separate streams, so
/// the same generator with another noise level gives the same waves.
pub fn generate(count: usize, seq_len: usize, noise: f32, rng: &mut Rng) -> Dataset {
    let mut wave_rng = rng.fork(1);
    let mut noise_rng = rng.fork(2);
    let mut inputs = Array3::zeros((count, seq_len, 1));
    let mut targets = Array2::zeros((count * seq_len, 1));
    for b in 0..count {
        let mut series = clean_wave(seq_len + 1, &mut wave_rng);
        for value in series.iter_mut() {
            *value += noise * noise_rng.normal();
        }
        for t in 0..seq_len {
            inputs[[b, t, 0]] = series[t];
            targets[[b * seq_len + t, 0]] = series[t + 1];
        }
    }
    Dataset {
        inputs: Inputs::Dense(inputs),
        targets: Targets::Values(targets),
    }
}

/// One noise-free wave of `len` values with variance [`SIGNAL_VARIANCE`] (over a whole period).
pub fn clean_wave(len: usize, rng: &mut Rng) -> Vec<f32> {
    let sines: Vec<(f32, f32, f32)> = (0..COMPONENTS)
        .map(|_| {
            let amplitude = rng.uniform_range(0.5, 1.0);
            let period = rng.uniform_range(PERIOD_RANGE.0, PERIOD_RANGE.1);
            let phase = rng.uniform_range(0.0, TAU);
            (amplitude, TAU / period, phase)
        })
        .collect();
    // A sine of amplitude a has variance a²/2; rescale the sum to the target variance.
    let power: f32 = sines.iter().map(|(a, _, _)| a * a / 2.0).sum();
    let scale = (SIGNAL_VARIANCE / power).sqrt();
    (0..len)
        .map(|t| {
            scale
                * sines
                    .iter()
                    .map(|(a, w, phase)| a * (w * t as f32 + phase).sin())
                    .sum::<f32>()
        })
        .collect()
}
