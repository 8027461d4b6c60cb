//! The vanilla (Elman) cell, `nn.RNN`: one gate block (G = 1).
//!
//! ```text
//! h_t = act(x_t W_ihᵀ + b_ih + h_{t-1} W_hhᵀ + b_hh)        act = tanh or relu
//! ```
//!
//! The layer driver ([`super::layer`]) has already summed the input projection, the hidden
//! projection and both biases into `pre` when these functions run; what is left for the
//! cell is the nonlinearity and its derivative.

use super::activation::{relu, tanh};

/// Which nonlinearity an `nn.RNN` uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Nonlinearity {
    Tanh,
    Relu,
}

/// One step forward. `pre [B, H]` holds the pre-activation; it is replaced by `h_t`.
pub(crate) fn forward_step(act: Nonlinearity, pre: &mut [f32]) {
    match act {
        Nonlinearity::Tanh => pre.iter_mut().for_each(|v| *v = tanh(*v)),
        Nonlinearity::Relu => pre.iter_mut().for_each(|v| *v = relu(*v)),
    }
}

/// One step backward. From `h [B, H]` (this step's output) and `d_h [B, H]` (d loss / d h_t,
/// from above and from step t+1), write `d_pre [B, H]` = d loss / d pre-activation.
///
/// tanh' = 1 - h², relu' = 1 where h > 0 (PyTorch also takes 0 at the kink).
/// The caller turns `d_pre` into d h_{t-1} = d_pre · W_hh and into the weight gradients.
pub(crate) fn backward_step(act: Nonlinearity, h: &[f32], d_h: &[f32], d_pre: &mut [f32]) {
    let rows = d_pre.iter_mut().zip(h).zip(d_h);
    match act {
        Nonlinearity::Tanh => rows.for_each(|((d, &h), &dh)| *d = dh * (1.0 - h * h)),
        Nonlinearity::Relu => rows.for_each(|((d, &h), &dh)| *d = if h > 0.0 { dh } else { 0.0 }),
    }
}
