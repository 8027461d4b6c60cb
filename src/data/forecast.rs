//! Forecasting: predict the next value of a noisy wave, at every step.
//!
//! Every sequence is a stretch of the same periodic wave, a fundamental of [`PERIOD`] steps
//! plus its second and third harmonics ([`HARMONICS`]), entered at a random point of its
//! cycle, scaled to variance [`SIGNAL_VARIANCE`], plus Gaussian noise of std `noise` on
//! every value. The input at step `t` is the noisy value `x_t`, the target the noisy
//! `x_{t+1}`: the noise sits in the targets too, so it cannot be predicted, only memorised.
//!
//! Why this wave: its shape is shared by every sequence, so a model that has learnt it only
//! needs a few steps of a new sequence to find where in the cycle it is, and its validation
//! loss comes close to the noise floor (`noise²`). Drawing three harmonics takes several
//! hidden units, so the tiniest models underfit. And the noise of a few dozen training
//! sequences is there to be memorised, which is what big models do: validation turns up.
//!
//! Baseline: MSE on validation of predicting the training mean at every step
//! (≈ `SIGNAL_VARIANCE + noise²`).

use crate::i18n::Message;
use std::f32::consts::TAU;

use ndarray::{Array2, Array3};

use super::{Sizes, TaskData};
use crate::nn::{Dataset, Inputs, Readout, Targets};
use crate::rng::Rng;

/// Variance of the clean wave; fixes the scale of every loss on the chart.
pub const SIGNAL_VARIANCE: f32 = 0.5;
/// Period of the fundamental, in steps.
pub const PERIOD: f32 = 16.0;
/// (multiple of the fundamental's frequency, amplitude, phase) of each component. Fixed,
/// so every sequence has the same shape; only its starting point in the cycle varies.
pub const HARMONICS: [(f32, f32, f32); 3] = [(1.0, 1.0, 0.0), (2.0, 0.7, 1.3), (3.0, 0.5, 2.1)];

pub fn build(sizes: Sizes, noise: f32, train_rng: &mut Rng, val_rng: &mut Rng) -> TaskData {
    let train = generate(sizes.train, sizes.seq_len, noise, train_rng);
    let val = generate(sizes.val, sizes.seq_len, noise, val_rng);
    TaskData::regression(
        train,
        val,
        1,
        Readout::AllSteps,
        Message::new(
            "task.forecast.baseline",
            &[("floor", format!("{:.3}", noise * noise))],
        ),
    )
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

/// `len` noise-free values of the wave from a random point of its cycle, with variance
/// [`SIGNAL_VARIANCE`] (over a whole period).
pub fn clean_wave(len: usize, rng: &mut Rng) -> Vec<f32> {
    let start = rng.uniform_range(0.0, PERIOD);
    // A sine of amplitude a has variance a²/2; rescale the sum to the target variance.
    let power: f32 = HARMONICS.iter().map(|(_, a, _)| a * a / 2.0).sum();
    let scale = (SIGNAL_VARIANCE / power).sqrt();
    (0..len)
        .map(|t| {
            let cycles = (t as f32 + start) / PERIOD;
            scale
                * HARMONICS
                    .iter()
                    .map(|(multiple, a, phase)| a * (TAU * multiple * cycles + phase).sin())
                    .sum::<f32>()
        })
        .collect()
}
