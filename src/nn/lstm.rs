//! The LSTM cell, `nn.LSTM`: four gate blocks (G = 4) in PyTorch's row order i, f, g, o.
//!
//! ```text
//! [a_i a_f a_g a_o] = x_t W_ihᵀ + b_ih + h_{t-1} W_hhᵀ + b_hh      (computed by the layer)
//! i = σ(a_i)   f = σ(a_f)   g = tanh(a_g)   o = σ(a_o)
//! c_t = f ⊙ c_{t-1} + i ⊙ g
//! h_t = o ⊙ tanh(c_t)
//! ```
//!
//! Backward, read against the lines above from the bottom up (dc arrives from step t+1):
//!
//! ```text
//! do = dh ⊙ tanh(c_t)
//! dc = dc + dh ⊙ o ⊙ (1 - tanh²(c_t))
//! di = dc ⊙ g     df = dc ⊙ c_{t-1}     dg = dc ⊙ i     dc_{t-1} = dc ⊙ f
//! da_i = di ⊙ i(1-i)   da_f = df ⊙ f(1-f)   da_g = dg ⊙ (1-g²)   da_o = do ⊙ o(1-o)
//! ```

use super::activation::{sigmoid, tanh};

/// The four gate blocks of one row `[4H]`, named.
struct Gates<T> {
    input: T,
    forget: T,
    cell: T,
    output: T,
}

impl<T> Gates<T> {
    /// Names the blocks of a row in PyTorch's order: input, forget, cell, output.
    fn from_blocks(mut blocks: impl Iterator<Item = T>) -> Gates<T> {
        let mut next = || blocks.next().expect("an LSTM gate row holds four blocks");
        Gates {
            input: next(),
            forget: next(),
            cell: next(),
            output: next(),
        }
    }
}

/// The blocks of `row` (`hidden` >= 1, checked when the network is built).
fn split(row: &[f32], hidden: usize) -> Gates<&[f32]> {
    Gates::from_blocks(row.chunks_exact(hidden))
}

fn split_mut(row: &mut [f32], hidden: usize) -> Gates<&mut [f32]> {
    Gates::from_blocks(row.chunks_exact_mut(hidden))
}

/// One step forward for a batch.
///
/// - `gates [B, 4H]`: pre-activations in, activations i, f, g, o out (kept for backward);
/// - `c_prev [B, H]`: c_{t-1};  `c [B, H]`: c_t (out);  `h [B, H]`: h_t (out).
pub(crate) fn forward_step(
    hidden: usize,
    gates: &mut [f32],
    c_prev: &[f32],
    c: &mut [f32],
    h: &mut [f32],
) {
    let rows = gates
        .chunks_exact_mut(4 * hidden)
        .zip(c_prev.chunks_exact(hidden));
    for ((row, c_prev), (c, h)) in
        rows.zip(c.chunks_exact_mut(hidden).zip(h.chunks_exact_mut(hidden)))
    {
        // One simple loop per activation, so each compiles to SIMD code.
        let g = split_mut(row, hidden);
        g.input.iter_mut().for_each(|v| *v = sigmoid(*v));
        g.forget.iter_mut().for_each(|v| *v = sigmoid(*v));
        g.cell.iter_mut().for_each(|v| *v = tanh(*v));
        g.output.iter_mut().for_each(|v| *v = sigmoid(*v));
        let (i, f, gg, o) = (
            &g.input[..hidden],
            &g.forget[..hidden],
            &g.cell[..hidden],
            &g.output[..hidden],
        );
        let (c_prev, c, h) = (&c_prev[..hidden], &mut c[..hidden], &mut h[..hidden]);
        for j in 0..hidden {
            c[j] = f[j] * c_prev[j] + i[j] * gg[j];
            h[j] = o[j] * tanh(c[j]);
        }
    }
}

/// One step backward for a batch.
///
/// - `gates [B, 4H]`: the activations i, f, g, o saved by [`forward_step`];
/// - `c_prev`, `c [B, H]`: c_{t-1} and c_t;
/// - `d_h [B, H]`: d loss / d h_t (from above and from step t+1);
/// - `d_c [B, H]`: in, d loss / d c_t through step t+1; out, d loss / d c_{t-1};
/// - `d_pre [B, 4H]`: out, d loss / d pre-activations (the caller turns these into
///   d h_{t-1} = d_pre · W_hh and into the weight gradients).
pub(crate) fn backward_step(
    hidden: usize,
    gates: &[f32],
    c_prev: &[f32],
    c: &[f32],
    d_h: &[f32],
    d_c: &mut [f32],
    d_pre: &mut [f32],
) {
    let per_row = gates
        .chunks_exact(4 * hidden)
        .zip(d_pre.chunks_exact_mut(4 * hidden))
        .zip(c_prev.chunks_exact(hidden).zip(c.chunks_exact(hidden)))
        .zip(d_h.chunks_exact(hidden).zip(d_c.chunks_exact_mut(hidden)));
    for (((row, d_row), (c_prev, c)), (d_h, d_c)) in per_row {
        let g = split(row, hidden);
        let d = split_mut(d_row, hidden);
        // Equal lengths up front let the compiler drop bounds checks and vectorise.
        let (gi, gf, gc, go) = (
            &g.input[..hidden],
            &g.forget[..hidden],
            &g.cell[..hidden],
            &g.output[..hidden],
        );
        let (c_prev, c, d_h, d_c) = (
            &c_prev[..hidden],
            &c[..hidden],
            &d_h[..hidden],
            &mut d_c[..hidden],
        );
        let (di, df, dc, dout) = (
            &mut d.input[..hidden],
            &mut d.forget[..hidden],
            &mut d.cell[..hidden],
            &mut d.output[..hidden],
        );
        for j in 0..hidden {
            let (i, f, gg, o) = (gi[j], gf[j], gc[j], go[j]);
            let tanh_c = tanh(c[j]);
            let d_o = d_h[j] * tanh_c;
            let d_c_total = d_c[j] + d_h[j] * o * (1.0 - tanh_c * tanh_c);
            di[j] = d_c_total * gg * i * (1.0 - i);
            df[j] = d_c_total * c_prev[j] * f * (1.0 - f);
            dc[j] = d_c_total * i * (1.0 - gg * gg);
            dout[j] = d_o * o * (1.0 - o);
            d_c[j] = d_c_total * f;
        }
    }
}
