//! The adding problem (Hochreiter & Schmidhuber, 1997): remember two numbers across a
//! long sequence.
//!
//! Each step carries two features: a value drawn uniformly from [0, 1) and a marker (0 or
//! 1). Exactly two steps are marked, one in the first half and one in the second; the
//! target, read at the last step, is the sum of the two marked values. Nothing between
//! the first marker and the end helps, so the gradient must survive that whole gap:
//! vanilla RNNs fail at lengths around 100 where LSTM and GRU succeed.
//!
//! Baseline: always predicting the mean (1) scores the variance of a sum of two
//! uniforms, 2 × 1/12 = 1/6 ≈ 0.167; we report the measured MSE on validation of
//! predicting the training mean.

use crate::i18n::Message;
use ndarray::{Array2, Array3};

use super::{Sizes, TaskData};
use crate::nn::{Dataset, Inputs, Readout, Targets};
use crate::rng::Rng;

pub fn build(sizes: Sizes, train_rng: &mut Rng, val_rng: &mut Rng) -> TaskData {
    let train = generate(sizes.train, sizes.seq_len, train_rng);
    let val = generate(sizes.val, sizes.seq_len, val_rng);
    TaskData::regression(
        train,
        val,
        2,
        Readout::LastStep,
        Message::plain("task.adding.baseline"),
    )
}

/// `count` sequences of `seq_len >= 2` steps; inputs `[count, seq_len, 2]` (value,
/// marker), targets `[count, 1]`.
pub fn generate(count: usize, seq_len: usize, rng: &mut Rng) -> Dataset {
    let mut inputs = Array3::zeros((count, seq_len, 2));
    let mut targets = Array2::zeros((count, 1));
    let half = seq_len / 2;
    for b in 0..count {
        for t in 0..seq_len {
            inputs[[b, t, 0]] = rng.uniform();
        }
        if half == 0 {
            continue; // seq_len < 2 is refused by validation; leave an empty problem
        }
        let first = rng.below(half);
        let second = half + rng.below(seq_len - half);
        inputs[[b, first, 1]] = 1.0;
        inputs[[b, second, 1]] = 1.0;
        targets[[b, 0]] = inputs[[b, first, 0]] + inputs[[b, second, 0]];
    }
    Dataset {
        inputs: Inputs::Dense(inputs),
        targets: Targets::Values(targets),
    }
}
