//! The network one step at a time, with its state carried from step to step.
//!
//! Training and evaluation run whole sequences from a zero state; sampling text needs the
//! next output after every character it draws. Rerunning the whole prefix per character
//! would cost a sequence per character, so the [`Stepper`] keeps `h` (and the LSTM's `c`)
//! of every layer and advances them by one step, with the same cell functions as the
//! batched forward pass (see the test that compares the two).

use crate::nn::layer::RecurrentLayer;
use crate::nn::rnn::Nonlinearity;
use crate::nn::{gru, lstm, rnn, CellKind, Network, NnError};

/// One sequence, one step at a time; starts from the zero state like every forward pass.
pub struct Stepper<'a> {
    network: &'a Network,
    /// Per layer: h of the last step `[H]`.
    hidden: Vec<Vec<f32>>,
    /// Per layer, LSTM only: c of the last step `[H]`.
    cell: Vec<Vec<f32>>,
    buffers: Buffers,
    /// `[O]`: head outputs of the last step.
    outputs: Vec<f32>,
}

/// Per-step work space, reused by every layer in turn.
struct Buffers {
    /// `[G*H]`: the current layer's gate pre-activations, then activations.
    gates: Vec<f32>,
    /// GRU `[3H]`: `W_hh h_{t-1}` without bias.
    hidden_proj: Vec<f32>,
    /// GRU `[H]`: `W_hn h_{t-1} + b_hn` (the cell writes it; only backward reads it).
    hidden_n: Vec<f32>,
    /// `[H]`: the new h while the old one is still read.
    next_hidden: Vec<f32>,
    /// LSTM `[H]`: the new c while the old one is still read.
    next_cell: Vec<f32>,
}

/// One step's input.
#[derive(Clone, Copy, Debug)]
enum StepInput<'x> {
    Token(u32),
    Dense(&'x [f32]),
}

impl Network {
    /// A [`Stepper`] over this network's current parameters, at the zero state.
    pub fn stepper(&self) -> Stepper<'_> {
        let spec = self.spec();
        let h = spec.hidden_size;
        let layers = spec.num_layers;
        let lstm = spec.cell == CellKind::Lstm;
        Stepper {
            network: self,
            hidden: vec![vec![0.0; h]; layers],
            cell: if lstm {
                vec![vec![0.0; h]; layers]
            } else {
                Vec::new()
            },
            buffers: Buffers {
                gates: vec![0.0; spec.cell.gate_count() * h],
                hidden_proj: vec![0.0; spec.cell.gate_count() * h],
                hidden_n: vec![0.0; h],
                next_hidden: vec![0.0; h],
                next_cell: vec![0.0; h],
            },
            outputs: vec![0.0; spec.output_size],
        }
    }
}

impl Stepper<'_> {
    /// Back to the zero state.
    pub fn reset(&mut self) {
        self.hidden
            .iter_mut()
            .chain(self.cell.iter_mut())
            .for_each(|v| v.fill(0.0));
    }

    /// Feeds token `token` (token-input models) and returns the head's outputs `[O]`.
    pub fn step_token(&mut self, token: u32) -> Result<&[f32], NnError> {
        let size = self.network.spec().input_size;
        if token as usize >= size {
            return Err(NnError::data(
                "nn.data.token_outside",
                &[("id", token.to_string()), ("size", size.to_string())],
            ));
        }
        self.step(StepInput::Token(token))
    }

    /// Feeds one dense input vector `[input_size]` and returns the head's outputs `[O]`.
    pub fn step_dense(&mut self, x: &[f32]) -> Result<&[f32], NnError> {
        if self.network.spec().embed > 0 {
            return Err(NnError::data("nn.data.embeds_but_features", &[]));
        }
        let size = self.network.spec().input_size;
        if x.len() != size {
            return Err(NnError::data(
                "nn.data.feature_count",
                &[
                    ("found", x.len().to_string()),
                    ("expected", size.to_string()),
                ],
            ));
        }
        self.step(StepInput::Dense(x))
    }

    /// Hidden state `[H]` of layer `layer` after the last step.
    pub fn hidden(&self, layer: usize) -> Option<&[f32]> {
        self.hidden.get(layer).map(Vec::as_slice)
    }

    fn step(&mut self, input: StepInput<'_>) -> Result<&[f32], NnError> {
        let (embedding, layers, head) = self.network.modules();
        for (k, layer) in layers.iter().enumerate() {
            let (below, this_and_above) = self.hidden.split_at_mut(k);
            let x = match (k, input) {
                // An embedded token is its row of the embedding, a dense input to layer 0.
                (0, StepInput::Token(token)) => match embedding {
                    Some(e) => StepInput::Dense(e.row(token)),
                    None => StepInput::Token(token),
                },
                (0, StepInput::Dense(x)) => StepInput::Dense(x),
                _ => StepInput::Dense(&below[k - 1]),
            };
            let h = &mut this_and_above[0];
            let c = self.cell.get_mut(k);
            advance(layer, x, h, c, &mut self.buffers);
        }
        let top = self.hidden.last().map(Vec::as_slice).unwrap_or(&[]);
        head.forward(top, 1, &mut self.outputs);
        Ok(&self.outputs)
    }
}

/// One step of one layer: `h` (and `c`) move from step t-1 to step t.
fn advance(
    layer: &RecurrentLayer,
    x: StepInput<'_>,
    h: &mut [f32],
    c: Option<&mut Vec<f32>>,
    work: &mut Buffers,
) {
    let size = layer.hidden_size();
    let b_ih = layer.bias_ih.values();
    let b_hh = layer.bias_hh.values();
    let gates = &mut work.gates[..];
    // Input side with both biases folded as the batched layer folds them: all of them for
    // RNN and LSTM, only b_hr and b_hz for GRU (b_hn sits inside the reset product).
    let folded = if layer.cell == CellKind::Gru {
        2 * size
    } else {
        gates.len()
    };
    for (j, g) in gates.iter_mut().enumerate() {
        *g = b_ih[j] + if j < folded { b_hh[j] } else { 0.0 };
    }
    match x {
        StepInput::Token(token) => {
            // A one-hot input picks one column of W_ih.
            for (g, &w) in gates
                .iter_mut()
                .zip(layer.weight_ih.value.column(token as usize))
            {
                *g += w;
            }
        }
        StepInput::Dense(x) => add_mat_vec(layer.weight_ih.values(), x, gates),
    }
    let w_hh = layer.weight_hh.values();
    match layer.cell {
        CellKind::RnnTanh | CellKind::RnnRelu => {
            add_mat_vec(w_hh, h, gates);
            let act = if layer.cell == CellKind::RnnRelu {
                Nonlinearity::Relu
            } else {
                Nonlinearity::Tanh
            };
            rnn::forward_step(act, gates);
            h.copy_from_slice(gates);
        }
        CellKind::Lstm => {
            add_mat_vec(w_hh, h, gates);
            let Some(c) = c else { return };
            lstm::forward_step(size, gates, c, &mut work.next_cell, &mut work.next_hidden);
            c.copy_from_slice(&work.next_cell);
            h.copy_from_slice(&work.next_hidden);
        }
        CellKind::Gru => {
            let proj = &mut work.hidden_proj[..];
            proj.fill(0.0);
            add_mat_vec(w_hh, h, proj);
            gru::forward_step(
                size,
                gates,
                proj,
                &b_hh[2 * size..],
                h,
                &mut work.next_hidden,
                &mut work.hidden_n,
            );
            h.copy_from_slice(&work.next_hidden);
        }
    }
}

/// `out[r] += w[r, :] · x` for a row-major `w [out.len(), x.len()]`.
fn add_mat_vec(w: &[f32], x: &[f32], out: &mut [f32]) {
    for (o, row) in out.iter_mut().zip(w.chunks_exact(x.len().max(1))) {
        *o += dot(row, x);
    }
}

/// A dot product in eight independent lanes, which the compiler turns into SIMD code (a
/// single running sum would force one addition after another).
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut lanes = [0.0f32; 8];
    let (a_main, a_rest) = a.split_at(a.len() / 8 * 8);
    let (b_main, b_rest) = b.split_at(a_main.len().min(b.len()));
    for (a8, b8) in a_main.chunks_exact(8).zip(b_main.chunks_exact(8)) {
        for k in 0..8 {
            lanes[k] += a8[k] * b8[k];
        }
    }
    let tail: f32 = a_rest.iter().zip(b_rest).map(|(x, y)| x * y).sum();
    lanes.iter().sum::<f32>() + tail
}
