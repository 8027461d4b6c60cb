//! The forward and backward pass of [`Network`], and the buffers they share.
//!
//! ```text
//! inputs [B, T, in] or ids [B, T] ─► (embedding) ─► layer 0 ─► dropout ─► layer 1 ─► ...
//!     ─► layer L-1 ─► (dropout before head) ─► head ─► loss
//!        (h_0 = 0)                              (every step or the last)
//! ```
//! Dropout acts in train mode only, with a fresh mask per element and step.

use std::ops::Range;

use super::dropout::{apply_mask, mask_in_place, sample_mask};
use super::kernels::grown;
use super::layer::{LayerInput, LayerScratch, LayerTape};
use super::loss::{cross_entropy, squared_error, LossSums, RowOrder};
use super::network::Network;
use super::{Inputs, Readout, Targets};
use crate::rng::Rng;

/// Every buffer of a forward and backward pass, kept between calls so that repeated
/// batches of the same shape allocate nothing.
#[derive(Default, Debug)]
pub(super) struct Workspace {
    pub tapes: Vec<LayerTape>,
    pub scratch: LayerScratch,
    /// Layer 0's dense input, time-major `[T*B, in]`: the inputs, or the embedded tokens.
    pub dense_input: Vec<f32>,
    /// Token inputs, time-major `[T*B]`.
    pub token_input: Vec<u32>,
    /// Head outputs `[rows, O]`, rows in [`RowOrder`].
    pub head_out: Vec<f32>,
    /// d loss / d head outputs, same shape.
    pub d_head_out: Vec<f32>,
    /// d loss / d outputs of the layer being differentiated, `[T*B, H]`.
    pub d_upper: Vec<f32>,
    /// d loss / d inputs of that layer, which become the layer below's `d_upper`.
    pub d_lower: Vec<f32>,
}

impl Workspace {
    pub fn new(layers: usize) -> Self {
        let mut work = Workspace::default();
        work.tapes.resize_with(layers, LayerTape::default);
        work
    }
}

/// The shape of the last forward pass, needed by the backward pass.
#[derive(Clone, Copy, Debug)]
pub(super) struct Pass {
    pub batch: usize,
    pub steps: usize,
    /// Layer 0 reads token ids (one-hot inputs, no embedding).
    pub tokens: bool,
    /// Train mode: masks between layers.
    pub dropout: bool,
    /// Train mode: a mask on the last layer's outputs too.
    pub head_dropout: bool,
}

impl Network {
    /// Forward over sequences `seqs` of `inputs`, filling the workspace (tapes and head
    /// outputs). `dropout`: rate and mask source in train mode, `None` in eval mode.
    pub(super) fn forward(
        &mut self,
        inputs: &Inputs,
        seqs: Range<usize>,
        mut dropout: Option<(f32, &mut Rng)>,
    ) -> Pass {
        let (batch, steps) = (seqs.len(), inputs.seq_len());
        let rows = batch * steps;
        let h = self.spec.hidden_size;
        let step_len = batch * h;
        let work = &mut self.work;
        let mut tokens =
            copy_time_major(inputs, seqs, &mut work.dense_input, &mut work.token_input);
        if let Some(embedding) = &self.embedding {
            let out = grown(&mut work.dense_input, rows * embedding.size());
            embedding.forward(&work.token_input[..rows], out);
            tokens = false;
        }

        let last_layer = self.layers.len() - 1;
        let head_dropout = dropout.is_some() && self.spec.dropout_before_head;
        let pass = Pass {
            batch,
            steps,
            tokens,
            dropout: dropout.is_some(),
            head_dropout,
        };
        for (k, layer) in self.layers.iter().enumerate() {
            let (below, current) = work.tapes.split_at_mut(k);
            let tape = &mut current[0];
            let network_input = (&work.dense_input[..], &work.token_input[..]);
            let input = layer_input(network_input, below.last(), pass, h, layer.input_size());
            layer.forward(input, batch, steps, tape, &mut work.scratch);
            if let Some((p, rng)) = dropout.as_mut() {
                if k < last_layer || head_dropout {
                    let mask = grown(&mut tape.dropout_mask, rows * h);
                    sample_mask(*p, rng, mask);
                    let dropped = grown(&mut tape.dropped, rows * h);
                    apply_mask(
                        &tape.hidden[step_len..(steps + 1) * step_len],
                        mask,
                        dropped,
                    );
                }
            }
        }

        let (features, head_rows) =
            head_features(&work.tapes[last_layer], self.spec.readout, pass, h);
        let out = grown(&mut work.head_out, head_rows * self.spec.output_size);
        self.head.forward(features, head_rows, out);
        pass
    }

    /// Loss sums of the head outputs against `targets`; with `with_grad`, also
    /// d (mean loss) / d outputs, the mean being over `positions` (times O for MSE).
    pub(super) fn score(
        &mut self,
        targets: &Targets,
        order: RowOrder,
        positions: usize,
        with_grad: bool,
    ) -> LossSums {
        let width = self.spec.output_size;
        let rows = order.rows();
        let outputs = &self.work.head_out[..rows * width];
        let d_out = with_grad.then(|| grown(&mut self.work.d_head_out, rows * width));
        match targets {
            Targets::Values(y) => {
                let scale = 1.0 / (positions * width) as f32;
                squared_error(outputs, width, y, order, scale, d_out)
            }
            Targets::Classes(c) => {
                cross_entropy(outputs, width, c, order, 1.0 / positions as f32, d_out)
            }
        }
    }

    /// Backpropagation through the head, the dropout masks, every layer (top to bottom) and
    /// the embedding, from the d loss / d outputs left by [`Self::score`].
    pub(super) fn backward(&mut self, pass: Pass) {
        let Pass {
            batch,
            steps,
            dropout,
            head_dropout,
            ..
        } = pass;
        let h = self.spec.hidden_size;
        let (rows, step_len) = (batch * steps, batch * h);
        let work = &mut self.work;
        let last_layer = self.layers.len() - 1;

        // Head: d loss / d (top layer outputs), zero at steps the head does not read.
        let (features, head_rows) =
            head_features(&work.tapes[last_layer], self.spec.readout, pass, h);
        let d_upper = grown(&mut work.d_upper, rows * h);
        let d_features = match self.spec.readout {
            Readout::AllSteps => &mut d_upper[..],
            Readout::LastStep => {
                d_upper.fill(0.0);
                &mut d_upper[(steps - 1) * step_len..]
            }
        };
        self.head
            .backward(features, &work.d_head_out, head_rows, d_features);
        if head_dropout {
            mask_in_place(
                &mut work.d_upper[..rows * h],
                &work.tapes[last_layer].dropout_mask,
            );
        }

        let embedded = self.embedding.is_some();
        for k in (0..self.layers.len()).rev() {
            let layer = &mut self.layers[k];
            let network_input = (&work.dense_input[..], &work.token_input[..]);
            let below = k.checked_sub(1).map(|below| &work.tapes[below]);
            let input = layer_input(network_input, below, pass, h, layer.input_size());
            // Layer 0 passes a gradient down only to an embedding.
            let in_len = rows * layer.input_size();
            let d_input = (k > 0 || embedded).then(|| grown(&mut work.d_lower, in_len));
            layer.backward(
                input,
                batch,
                steps,
                &work.tapes[k],
                &work.d_upper,
                d_input,
                &mut work.scratch,
            );
            if k > 0 {
                if dropout {
                    mask_in_place(
                        &mut work.d_lower[..rows * h],
                        &work.tapes[k - 1].dropout_mask,
                    );
                }
                std::mem::swap(&mut work.d_upper, &mut work.d_lower);
            } else if let Some(embedding) = &mut self.embedding {
                embedding.backward(&work.token_input[..rows], &work.d_lower[..in_len]);
            }
        }
    }
}

/// Copy sequences `seqs` into time-major buffers (row `t * B + b`); true for token inputs.
fn copy_time_major(
    inputs: &Inputs,
    seqs: Range<usize>,
    dense: &mut Vec<f32>,
    tokens: &mut Vec<u32>,
) -> bool {
    let (batch, steps) = (seqs.len(), inputs.seq_len());
    match inputs {
        Inputs::Dense(x) => {
            let features = x.shape()[2];
            let out = grown(dense, steps * batch * features);
            for (b, seq) in seqs.enumerate() {
                for t in 0..steps {
                    let row = &mut out[(t * batch + b) * features..(t * batch + b + 1) * features];
                    for (o, &v) in row.iter_mut().zip(x.slice(ndarray::s![seq, t, ..])) {
                        *o = v;
                    }
                }
            }
            false
        }
        Inputs::Tokens(ids) => {
            if tokens.len() < steps * batch {
                tokens.resize(steps * batch, 0);
            }
            for (b, seq) in seqs.enumerate() {
                for t in 0..steps {
                    tokens[t * batch + b] = ids[[seq, t]];
                }
            }
            true
        }
    }
}

/// Layer 0's input view of the time-major buffers.
/// What a layer of `size` inputs reads: the network's input (`(dense, ids)` time-major) for
/// layer 0, otherwise the outputs of the layer below.
fn layer_input<'a>(
    (dense, ids): (&'a [f32], &'a [u32]),
    below: Option<&'a LayerTape>,
    pass: Pass,
    h: usize,
    size: usize,
) -> LayerInput<'a> {
    let rows = pass.batch * pass.steps;
    match below {
        None if pass.tokens => LayerInput::Tokens(&ids[..rows]),
        None => LayerInput::Dense(&dense[..rows * size]),
        Some(tape) => {
            LayerInput::Dense(layer_output(tape, pass.dropout, pass.batch * h, pass.steps))
        }
    }
}

/// What the next layer reads from `tape`: its outputs h_1..h_T `[T*B, H]`, after dropout
/// when dropout is on.
fn layer_output(tape: &LayerTape, dropout: bool, step_len: usize, steps: usize) -> &[f32] {
    if dropout {
        &tape.dropped[..steps * step_len]
    } else {
        &tape.hidden[step_len..(steps + 1) * step_len]
    }
}

/// The rows of the top layer the head reads (after dropout when it applies), and how
/// many: every step `[T*B, H]` or the last step `[B, H]`.
fn head_features(top: &LayerTape, readout: Readout, pass: Pass, h: usize) -> (&[f32], usize) {
    let step_len = pass.batch * h;
    // h_1..h_T: `dropped` holds them from index 0, `hidden` after the h_0 block.
    let outputs = if pass.head_dropout {
        &top.dropped[..pass.steps * step_len]
    } else {
        &top.hidden[step_len..(pass.steps + 1) * step_len]
    };
    match readout {
        Readout::AllSteps => (outputs, pass.batch * pass.steps),
        Readout::LastStep => (&outputs[(pass.steps - 1) * step_len..], pass.batch),
    }
}
