//! The GRU cell, `nn.GRU`: three gate blocks (G = 3) in PyTorch's row order r, z, n.
//!
//! ```text
//! r = σ(x W_irᵀ + b_ir + h_{t-1} W_hrᵀ + b_hr)
//! z = σ(x W_izᵀ + b_iz + h_{t-1} W_hzᵀ + b_hz)
//! n = tanh(x W_inᵀ + b_in + r ⊙ (h_{t-1} W_hnᵀ + b_hn))      reset applied after W_hn, as PyTorch
//! h_t = (1 - z) ⊙ n + z ⊙ h_{t-1}
//! ```
//!
//! Because r multiplies only the hidden part of n, the input-side and hidden-side gradients
//! of the n block differ, so backward writes both (`d_ih`, `d_hh`). Reading bottom-up:
//!
//! ```text
//! dn = dh ⊙ (1 - z)    dz = dh ⊙ (h_{t-1} - n)    dh_{t-1} (direct) = dh ⊙ z
//! da_n = dn ⊙ (1 - n²)                  (input side of n; hidden side is da_n ⊙ r)
//! dr = da_n ⊙ hn    where hn = h_{t-1} W_hnᵀ + b_hn
//! da_r = dr ⊙ r(1-r)    da_z = dz ⊙ z(1-z)
//! ```

use super::activation::{sigmoid, tanh};

/// The three gate blocks of one row `[3H]`, named.
struct Gates<T> {
    reset: T,
    update: T,
    new: T,
}

fn split(row: &[f32], hidden: usize) -> Gates<&[f32]> {
    let (reset, rest) = row.split_at(hidden);
    let (update, new) = rest.split_at(hidden);
    Gates { reset, update, new }
}

fn split_mut(row: &mut [f32], hidden: usize) -> Gates<&mut [f32]> {
    let (reset, rest) = row.split_at_mut(hidden);
    let (update, new) = rest.split_at_mut(hidden);
    Gates { reset, update, new }
}

/// One step forward for a batch.
///
/// - `gates [B, 3H]`: in, `x W_ihᵀ + b_ih` with `b_hr`, `b_hz` already added to the r and z
///   blocks; out, the activations r, z, n (kept for backward);
/// - `hidden_proj [B, 3H]`: `h_{t-1} W_hhᵀ` without bias;
/// - `bias_hn [H]`: b_hn, added inside the reset product;
/// - `h_prev [B, H]`; `h [B, H]` (out); `hn [B, H]` (out): `h_{t-1} W_hnᵀ + b_hn`, kept for backward.
pub(crate) fn forward_step(
    hidden: usize,
    gates: &mut [f32],
    hidden_proj: &[f32],
    bias_hn: &[f32],
    h_prev: &[f32],
    h: &mut [f32],
    hn: &mut [f32],
) {
    let per_row = gates
        .chunks_exact_mut(3 * hidden)
        .zip(hidden_proj.chunks_exact(3 * hidden))
        .zip(h_prev.chunks_exact(hidden))
        .zip(h.chunks_exact_mut(hidden).zip(hn.chunks_exact_mut(hidden)));
    for (((row, proj_row), h_prev), (h, hn)) in per_row {
        let g = split_mut(row, hidden);
        let p = split(proj_row, hidden);
        // Equal lengths up front let the compiler drop bounds checks and vectorise.
        let (reset, update, new) = (
            &mut g.reset[..hidden],
            &mut g.update[..hidden],
            &mut g.new[..hidden],
        );
        let (p_reset, p_update, p_new) =
            (&p.reset[..hidden], &p.update[..hidden], &p.new[..hidden]);
        let (bias_hn, h_prev, h, hn) = (
            &bias_hn[..hidden],
            &h_prev[..hidden],
            &mut h[..hidden],
            &mut hn[..hidden],
        );
        for j in 0..hidden {
            reset[j] = sigmoid(reset[j] + p_reset[j]);
            update[j] = sigmoid(update[j] + p_update[j]);
        }
        for j in 0..hidden {
            hn[j] = p_new[j] + bias_hn[j];
            new[j] = tanh(new[j] + reset[j] * hn[j]);
            h[j] = (1.0 - update[j]) * new[j] + update[j] * h_prev[j];
        }
    }
}

/// One step backward for a batch.
///
/// - `gates [B, 3H]`: activations r, z, n from [`forward_step`]; `hn [B, H]` likewise;
/// - `h_prev [B, H]`: h_{t-1};  `d_h [B, H]`: d loss / d h_t;
/// - `d_ih [B, 3H]` (out): d loss / d (input-side pre-activations, including b_ih);
/// - `d_hh [B, 3H]` (out): d loss / d (hidden-side pre-activations `h W_hhᵀ + b_hh`);
/// - `d_h_prev [B, H]` (out): the direct part `dh ⊙ z`; the caller adds `d_hh · W_hh`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn backward_step(
    hidden: usize,
    gates: &[f32],
    hn: &[f32],
    h_prev: &[f32],
    d_h: &[f32],
    d_ih: &mut [f32],
    d_hh: &mut [f32],
    d_h_prev: &mut [f32],
) {
    let per_row = gates
        .chunks_exact(3 * hidden)
        .zip(
            d_ih.chunks_exact_mut(3 * hidden)
                .zip(d_hh.chunks_exact_mut(3 * hidden)),
        )
        .zip(hn.chunks_exact(hidden).zip(h_prev.chunks_exact(hidden)))
        .zip(
            d_h.chunks_exact(hidden)
                .zip(d_h_prev.chunks_exact_mut(hidden)),
        );
    for (((row, (d_ih_row, d_hh_row)), (hn, h_prev)), (d_h, d_h_prev)) in per_row {
        let g = split(row, hidden);
        let di = split_mut(d_ih_row, hidden);
        let dh = split_mut(d_hh_row, hidden);
        let (reset, update, new) = (&g.reset[..hidden], &g.update[..hidden], &g.new[..hidden]);
        let (hn, h_prev, d_h, d_h_prev) = (
            &hn[..hidden],
            &h_prev[..hidden],
            &d_h[..hidden],
            &mut d_h_prev[..hidden],
        );
        let (di_r, di_z, di_n) = (
            &mut di.reset[..hidden],
            &mut di.update[..hidden],
            &mut di.new[..hidden],
        );
        let (dh_r, dh_z, dh_n) = (
            &mut dh.reset[..hidden],
            &mut dh.update[..hidden],
            &mut dh.new[..hidden],
        );
        for j in 0..hidden {
            let (r, z, n) = (reset[j], update[j], new[j]);
            let d_n = d_h[j] * (1.0 - z);
            let d_z = d_h[j] * (h_prev[j] - n);
            d_h_prev[j] = d_h[j] * z;
            let d_a_n = d_n * (1.0 - n * n);
            let d_r = d_a_n * hn[j];
            let d_a_r = d_r * r * (1.0 - r);
            let d_a_z = d_z * z * (1.0 - z);
            di_r[j] = d_a_r;
            di_z[j] = d_a_z;
            di_n[j] = d_a_n;
            dh_r[j] = d_a_r;
            dh_z[j] = d_a_z;
            dh_n[j] = d_a_n * r;
        }
    }
}
