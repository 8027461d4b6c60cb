//! One recurrent layer over a whole sequence: the parts every cell shares.
//!
//! Layout: sequences are processed *time-major*, row `t * B + b`, so the rows of one step
//! are contiguous and every step is a plain `[B, ...]` block.
//!
//! Forward, per layer:
//! 1. the input projection of every step at once, `X [T*B, in] · W_ihᵀ` (one GEMM; for
//!    token inputs a gather of W_ih's columns, since a one-hot row picks one column);
//! 2. per step, the recurrent product `h_{t-1} [B, H] · W_hhᵀ [H, G*H]` (all gates fused in
//!    one GEMM), then the cell's elementwise step (rnn.rs, lstm.rs, gru.rs).
//!
//! Backward runs the time loop in reverse (the cell's step, then `d_pre · W_hh` for
//! h_{t-1}), and only afterwards forms the weight gradients, one GEMM over all steps.

use super::gru;
use super::init::{default_bound, uniform};
use super::kernels::{column_sums, fill_rows, gemm, grown, mat, mat_mut, transpose_into};
use super::lstm;
use super::param::Param;
use super::rnn::{self, Nonlinearity};
use super::CellKind;
use crate::rng::Rng;
use ndarray::{Ix1, Ix2};

/// Parameters of one layer, in PyTorch's fused layout (gate blocks stacked by rows).
#[derive(Clone, Debug)]
pub(crate) struct RecurrentLayer {
    pub cell: CellKind,
    /// `weight_ih_l{k}`: `[G*H, input_size]`
    pub weight_ih: Param<Ix2>,
    /// `weight_hh_l{k}`: `[G*H, H]`
    pub weight_hh: Param<Ix2>,
    /// `bias_ih_l{k}`: `[G*H]`
    pub bias_ih: Param<Ix1>,
    /// `bias_hh_l{k}`: `[G*H]`
    pub bias_hh: Param<Ix1>,
}

/// What a layer reads: the network's inputs (layer 0) or the layer below's outputs.
#[derive(Clone, Copy)]
pub(crate) enum LayerInput<'a> {
    /// Real-valued rows, time-major `[T*B, input_size]`.
    Dense(&'a [f32]),
    /// Token ids, time-major `[T*B]`; each stands for a one-hot row over `input_size`.
    Tokens(&'a [u32]),
}

/// What the forward pass of one layer keeps for its backward pass (time-major).
#[derive(Default, Debug)]
pub(crate) struct LayerTape {
    /// `[(T+1)*B, H]`: block 0 is the zero initial state, block t+1 is h_t.
    pub hidden: Vec<f32>,
    /// `[T*B, G*H]`: gate activations (LSTM i,f,g,o; GRU r,z,n; RNN h_t).
    pub gates: Vec<f32>,
    /// LSTM only, `[(T+1)*B, H]`: block 0 is the zero initial cell, block t+1 is c_t.
    pub cell: Vec<f32>,
    /// GRU only, `[T*B, H]`: `h_{t-1} W_hnᵀ + b_hn`, the term the reset gate scales.
    pub hidden_n: Vec<f32>,
    /// `[T*B, H]`: dropout scale per element (0 or 1/(1-p)), when dropout follows this layer.
    pub dropout_mask: Vec<f32>,
    /// `[T*B, H]`: this layer's outputs after dropout, what the next layer reads.
    pub dropped: Vec<f32>,
}

/// Buffers a layer needs only while it runs; one set serves every layer in turn.
#[derive(Default, Debug)]
pub(crate) struct LayerScratch {
    /// GRU, `[B, 3H]`: `h_{t-1} W_hhᵀ` of the current step.
    step_hidden_proj: Vec<f32>,
    /// `[T*B, G*H]`: d loss / d input-side pre-activations, every step.
    d_pre_ih: Vec<f32>,
    /// GRU only, `[T*B, G*H]`: hidden-side pre-activation gradients (differ in the n block).
    d_pre_hh: Vec<f32>,
    /// `[B, H]`: d loss / d h_t at the current step.
    d_h: Vec<f32>,
    /// `[B, H]`: d loss / d h_{t-1} through the recurrence.
    d_h_prev: Vec<f32>,
    /// LSTM, `[B, H]`: d loss / d c_t through the recurrence.
    d_c: Vec<f32>,
    /// Token inputs, `[input_size, G*H]`: W_ihᵀ (forward) or its gradient (backward), so a
    /// token's column is a contiguous row.
    weight_ih_t: Vec<f32>,
    /// `[G*H]`: the biases summed as the input projection needs them.
    bias_sum: Vec<f32>,
}

impl RecurrentLayer {
    /// PyTorch's default init: every tensor from U(-1/sqrt(H), 1/sqrt(H)), drawn in
    /// state_dict order (weight_ih, weight_hh, bias_ih, bias_hh).
    pub fn new(cell: CellKind, input_size: usize, hidden_size: usize, rng: &mut Rng) -> Self {
        let rows = cell.gate_count() * hidden_size;
        let bound = default_bound(hidden_size);
        RecurrentLayer {
            cell,
            weight_ih: Param::new(uniform((rows, input_size), bound, rng)),
            weight_hh: Param::new(uniform((rows, hidden_size), bound, rng)),
            bias_ih: Param::new(uniform(rows, bound, rng)),
            bias_hh: Param::new(uniform(rows, bound, rng)),
        }
    }

    pub fn input_size(&self) -> usize {
        self.weight_ih.value.ncols()
    }

    pub fn hidden_size(&self) -> usize {
        self.weight_hh.value.ncols()
    }

    /// G * H, the width of the fused gate block.
    fn gate_width(&self) -> usize {
        self.weight_hh.value.nrows()
    }

    fn nonlinearity(&self) -> Nonlinearity {
        match self.cell {
            CellKind::RnnRelu => Nonlinearity::Relu,
            _ => Nonlinearity::Tanh,
        }
    }

    /// Forward over `steps` steps of `batch` sequences, from a zero initial state.
    /// Reads `input` (`[T*B, in]` or `[T*B]` tokens), fills `tape` (see [`LayerTape`]).
    pub fn forward(
        &self,
        input: LayerInput<'_>,
        batch: usize,
        steps: usize,
        tape: &mut LayerTape,
        scratch: &mut LayerScratch,
    ) {
        let (h_size, width) = (self.hidden_size(), self.gate_width());
        let rows = steps * batch;
        let step_len = batch * h_size;

        // Biases that can be added once with the input projection: both for RNN and LSTM
        // (they are simply summed); for GRU only b_hr and b_hz, since b_hn sits inside r ⊙ (...).
        let bias_sum = grown(&mut scratch.bias_sum, width);
        bias_sum.copy_from_slice(self.bias_ih.values());
        let folded = if self.cell == CellKind::Gru {
            2 * h_size
        } else {
            width
        };
        for (b, &bh) in bias_sum[..folded].iter_mut().zip(self.bias_hh.values()) {
            *b += bh;
        }

        // 1. Input projection for the whole sequence: gates [T*B, G*H].
        let gates = grown(&mut tape.gates, rows * width);
        self.project_input(
            input,
            rows,
            gates,
            &scratch.bias_sum[..width],
            &mut scratch.weight_ih_t,
        );

        // 2. The recurrence.
        let hidden = grown(&mut tape.hidden, (steps + 1) * step_len);
        hidden[..step_len].fill(0.0);
        let w_hh_t = self.weight_hh.value.t();
        match self.cell {
            CellKind::RnnTanh | CellKind::RnnRelu => {
                let act = self.nonlinearity();
                for t in 0..steps {
                    let (past, future) = hidden.split_at_mut((t + 1) * step_len);
                    let h_prev = &past[t * step_len..];
                    let pre = &mut gates[t * step_len..(t + 1) * step_len];
                    gemm(
                        mat(h_prev, batch, h_size),
                        w_hh_t,
                        1.0,
                        mat_mut(pre, batch, width),
                    );
                    rnn::forward_step(act, pre);
                    future[..step_len].copy_from_slice(pre);
                }
            }
            CellKind::Lstm => {
                let cell = grown(&mut tape.cell, (steps + 1) * step_len);
                cell[..step_len].fill(0.0);
                for t in 0..steps {
                    let (past, future) = hidden.split_at_mut((t + 1) * step_len);
                    let h_prev = &past[t * step_len..];
                    let pre = &mut gates[t * batch * width..(t + 1) * batch * width];
                    gemm(
                        mat(h_prev, batch, h_size),
                        w_hh_t,
                        1.0,
                        mat_mut(pre, batch, width),
                    );
                    let (c_past, c_future) = cell.split_at_mut((t + 1) * step_len);
                    let c_prev = &c_past[t * step_len..];
                    lstm::forward_step(
                        h_size,
                        pre,
                        c_prev,
                        &mut c_future[..step_len],
                        &mut future[..step_len],
                    );
                }
            }
            CellKind::Gru => {
                let hidden_n = grown(&mut tape.hidden_n, rows * h_size);
                let proj = grown(&mut scratch.step_hidden_proj, batch * width);
                let bias_hn = &self.bias_hh.values()[2 * h_size..];
                for t in 0..steps {
                    let (past, future) = hidden.split_at_mut((t + 1) * step_len);
                    let h_prev = &past[t * step_len..];
                    gemm(
                        mat(h_prev, batch, h_size),
                        w_hh_t,
                        0.0,
                        mat_mut(proj, batch, width),
                    );
                    let pre = &mut gates[t * batch * width..(t + 1) * batch * width];
                    let hn = &mut hidden_n[t * step_len..(t + 1) * step_len];
                    gru::forward_step(
                        h_size,
                        pre,
                        proj,
                        bias_hn,
                        h_prev,
                        &mut future[..step_len],
                        hn,
                    );
                }
            }
        }
    }

    /// `gates [rows, G*H] = input · W_ihᵀ + bias_sum`.
    fn project_input(
        &self,
        input: LayerInput<'_>,
        rows: usize,
        gates: &mut [f32],
        bias_sum: &[f32],
        weight_ih_t: &mut Vec<f32>,
    ) {
        let (in_size, width) = (self.input_size(), self.gate_width());
        match input {
            LayerInput::Dense(x) => {
                fill_rows(gates, rows, bias_sum);
                gemm(
                    mat(x, rows, in_size),
                    self.weight_ih.value.t(),
                    1.0,
                    mat_mut(gates, rows, width),
                );
            }
            LayerInput::Tokens(tokens) => {
                // A one-hot row times W_ihᵀ is the token's column of W_ih: gather, don't multiply.
                let w_t = grown(weight_ih_t, in_size * width);
                transpose_into(self.weight_ih.values(), width, in_size, w_t);
                for (row, &token) in gates.chunks_exact_mut(width).zip(&tokens[..rows]) {
                    let column = &w_t[token as usize * width..(token as usize + 1) * width];
                    for ((g, &w), &b) in row.iter_mut().zip(column).zip(bias_sum) {
                        *g = w + b;
                    }
                }
            }
        }
    }

    /// Backpropagation through time over the sequence of the last [`forward`](Self::forward).
    ///
    /// - `d_output [T*B, H]`: d loss / d h_t from above (the head or the next layer), every step;
    /// - stores the gradients of all four tensors (overwriting);
    /// - `d_input`, when given, `[T*B, in]`: receives d loss / d input (dense inputs only).
    #[allow(clippy::too_many_arguments)]
    pub fn backward(
        &mut self,
        input: LayerInput<'_>,
        batch: usize,
        steps: usize,
        tape: &LayerTape,
        d_output: &[f32],
        d_input: Option<&mut [f32]>,
        scratch: &mut LayerScratch,
    ) {
        let (h_size, width) = (self.hidden_size(), self.gate_width());
        let rows = steps * batch;
        let step_len = batch * h_size;
        let gate_len = batch * width;
        let is_gru = self.cell == CellKind::Gru;
        let act = self.nonlinearity();

        let d_pre_ih = grown(&mut scratch.d_pre_ih, rows * width);
        let d_pre_hh = grown(&mut scratch.d_pre_hh, if is_gru { rows * width } else { 0 });
        let d_h = grown(&mut scratch.d_h, step_len);
        let d_h_prev = grown(&mut scratch.d_h_prev, step_len);
        let d_c = grown(&mut scratch.d_c, step_len);
        d_h_prev.fill(0.0);
        d_c.fill(0.0);
        let w_hh = self.weight_hh.value.view();

        for t in (0..steps).rev() {
            // d loss / d h_t = from above + through step t+1.
            for ((d, &above), &through) in d_h
                .iter_mut()
                .zip(&d_output[t * step_len..])
                .zip(d_h_prev.iter())
            {
                *d = above + through;
            }
            let h_prev = &tape.hidden[t * step_len..(t + 1) * step_len];
            let gates = &tape.gates[t * gate_len..(t + 1) * gate_len];
            let d_pre = &mut d_pre_ih[t * gate_len..(t + 1) * gate_len];
            // The cell's own step; then d h_{t-1} = (direct part) + d_pre_hh · W_hh.
            let direct = match self.cell {
                CellKind::RnnTanh | CellKind::RnnRelu => {
                    let h = &tape.hidden[(t + 1) * step_len..(t + 2) * step_len];
                    rnn::backward_step(act, h, d_h, d_pre);
                    false
                }
                CellKind::Lstm => {
                    let c_prev = &tape.cell[t * step_len..(t + 1) * step_len];
                    let c = &tape.cell[(t + 1) * step_len..(t + 2) * step_len];
                    lstm::backward_step(h_size, gates, c_prev, c, d_h, d_c, d_pre);
                    false
                }
                CellKind::Gru => {
                    let hn = &tape.hidden_n[t * step_len..(t + 1) * step_len];
                    let d_hh = &mut d_pre_hh[t * gate_len..(t + 1) * gate_len];
                    gru::backward_step(h_size, gates, hn, h_prev, d_h, d_pre, d_hh, d_h_prev);
                    true
                }
            };
            let d_hidden_side: &[f32] = if is_gru {
                &d_pre_hh[t * gate_len..(t + 1) * gate_len]
            } else {
                d_pre
            };
            let beta = if direct { 1.0 } else { 0.0 };
            gemm(
                mat(d_hidden_side, batch, width),
                w_hh,
                beta,
                mat_mut(d_h_prev, batch, h_size),
            );
        }

        // Weight gradients: one product over all T*B rows each.
        let d_ih: &[f32] = &scratch.d_pre_ih[..rows * width];
        let d_hh: &[f32] = if is_gru {
            &scratch.d_pre_hh[..rows * width]
        } else {
            d_ih
        };
        // dW_hh [G*H, H] = d_hhᵀ [G*H, T*B] · h_{t-1} rows [T*B, H] (blocks 0..T of `hidden`).
        gemm(
            mat(d_hh, rows, width).t(),
            mat(&tape.hidden, rows, h_size),
            0.0,
            self.weight_hh.grad.view_mut(),
        );
        column_sums(d_hh, rows, width, self.bias_hh.grads_mut());
        column_sums(d_ih, rows, width, self.bias_ih.grads_mut());
        let in_size = self.input_size();
        match input {
            LayerInput::Dense(x) => {
                gemm(
                    mat(d_ih, rows, width).t(),
                    mat(x, rows, in_size),
                    0.0,
                    self.weight_ih.grad.view_mut(),
                );
            }
            LayerInput::Tokens(tokens) => {
                // Scatter-add each row into its token's column (a row of the transposed buffer).
                let d_w_t = grown(&mut scratch.weight_ih_t, in_size * width);
                d_w_t.fill(0.0);
                for (d_row, &token) in d_ih.chunks_exact(width).zip(&tokens[..rows]) {
                    let column = &mut d_w_t[token as usize * width..(token as usize + 1) * width];
                    for (c, &d) in column.iter_mut().zip(d_row) {
                        *c += d;
                    }
                }
                transpose_into(d_w_t, in_size, width, self.weight_ih.grads_mut());
            }
        }
        if let Some(d_x) = d_input {
            // d input [T*B, in] = d_ih [T*B, G*H] · W_ih [G*H, in].
            gemm(
                mat(d_ih, rows, width),
                self.weight_ih.value.view(),
                0.0,
                mat_mut(d_x, rows, in_size),
            );
        }
    }
}
