//! The whole model: a stack of recurrent layers and a Linear head, trained by BPTT.
//!
//! ```text
//! inputs [B, T, in] ─► layer 0 ─► dropout ─► layer 1 ─► ... ─► layer L-1 ─► head ─► loss
//!                      (h_0 = 0)                                 (every step or the last)
//! ```

use std::ops::Range;

use ndarray::{Array2, Array3};

use super::dropout::{apply_mask, effective_rate, mask_in_place, sample_mask};
use super::kernels::grown;
use super::layer::{LayerInput, LayerScratch, LayerTape, RecurrentLayer};
use super::linear::Linear;
use super::loss::{cross_entropy, squared_error, LossSums, RowOrder};
use super::param::{ParamView, ParamViewMut};
use super::state_dict;
use super::{CellKind, Dataset, Inputs, LossKind, ModelSpec, NnError, Readout, Targets};
use crate::rng::Rng;

/// Largest model we agree to allocate (parameters), far above anything the playground offers.
const MAX_PARAMETERS: usize = 50_000_000;
/// Sequences evaluated at once, at most.
const EVAL_CHUNK_SEQUENCES: usize = 256;
/// Floats an evaluation chunk may keep in its buffers (16 MB), which caps the chunk for
/// big models and long sequences.
const EVAL_CHUNK_FLOATS: usize = 4 << 20;

/// The score of a forward pass over a batch or a data set.
#[derive(Clone, Copy, Debug)]
pub struct BatchScore {
    /// Mean loss: over positions (cross-entropy) or over every output element (MSE).
    pub loss: f32,
    /// Positions whose argmax equals the target class (cross-entropy only, else 0).
    pub correct: usize,
    /// Positions scored: B*T (all-steps readout) or B (last step).
    pub positions: usize,
}

/// The recurrent state after the last step of a forward pass (PyTorch's `h_n`, `c_n`).
#[derive(Clone, Debug, PartialEq)]
pub struct FinalState {
    /// `[num_layers, B, H]`
    pub hidden: Array3<f32>,
    /// LSTM only: `[num_layers, B, H]`
    pub cell: Option<Array3<f32>>,
}

/// A recurrent network with PyTorch's semantics (see the module docs of [`crate::nn`]).
pub struct Network {
    spec: ModelSpec,
    layers: Vec<RecurrentLayer>,
    head: Linear,
    work: Workspace,
}

/// Every buffer of a forward and backward pass, kept between calls so that repeated
/// batches of the same shape allocate nothing.
#[derive(Default, Debug)]
struct Workspace {
    tapes: Vec<LayerTape>,
    scratch: LayerScratch,
    /// Dense inputs, time-major `[T*B, in]`.
    dense_input: Vec<f32>,
    /// Token inputs, time-major `[T*B]`.
    token_input: Vec<u32>,
    /// Head outputs `[rows, O]`, rows in [`RowOrder`].
    head_out: Vec<f32>,
    /// d loss / d head outputs, same shape.
    d_head_out: Vec<f32>,
    /// d loss / d outputs of the layer being differentiated, `[T*B, H]`.
    d_upper: Vec<f32>,
    /// d loss / d inputs of that layer, which become the layer below's `d_upper`.
    d_lower: Vec<f32>,
}

/// A copy with the same parameters and gradients and empty buffers (e.g. to keep the
/// weights of the best epoch).
impl Clone for Network {
    fn clone(&self) -> Self {
        let mut work = Workspace::default();
        work.tapes
            .resize_with(self.layers.len(), LayerTape::default);
        Network {
            spec: self.spec.clone(),
            layers: self.layers.clone(),
            head: self.head.clone(),
            work,
        }
    }
}

/// The spec and size only: the buffers are large and say nothing.
impl std::fmt::Debug for Network {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Network")
            .field("spec", &self.spec)
            .field("param_count", &self.param_count())
            .finish_non_exhaustive()
    }
}

/// The shape of the last forward pass, needed by the backward pass.
#[derive(Clone, Copy, Debug)]
struct Pass {
    batch: usize,
    steps: usize,
    tokens: bool,
    dropout: bool,
}

impl Network {
    /// A network with PyTorch's default initialisation, drawn from `rng`.
    pub fn new(spec: ModelSpec, rng: &mut Rng) -> Result<Network, NnError> {
        validate_spec(&spec)?;
        let layers = (0..spec.num_layers)
            .map(|k| {
                let input_size = if k == 0 {
                    spec.input_size
                } else {
                    spec.hidden_size
                };
                RecurrentLayer::new(spec.cell, input_size, spec.hidden_size, rng)
            })
            .collect();
        let head = Linear::new(spec.hidden_size, spec.output_size, rng);
        let mut work = Workspace::default();
        work.tapes.resize_with(spec.num_layers, LayerTape::default);
        Ok(Network {
            spec,
            layers,
            head,
            work,
        })
    }

    /// A network whose parameters come from a state_dict JSON (see [`Self::load_state_dict_json`]).
    pub fn from_state_dict_json(spec: ModelSpec, json: &str) -> Result<Network, NnError> {
        let mut net = Network::new(spec, &mut Rng::new(0))?;
        net.load_state_dict_json(json)?;
        Ok(net)
    }

    pub fn spec(&self) -> &ModelSpec {
        &self.spec
    }

    /// Number of trainable scalars.
    pub fn param_count(&self) -> usize {
        self.parameters().iter().map(|p| p.value.len()).sum()
    }

    /// Every parameter tensor with its gradient, in PyTorch state_dict order
    /// (`rnn.weight_ih_l0`, `rnn.weight_hh_l0`, `rnn.bias_ih_l0`, `rnn.bias_hh_l0`, ...,
    /// `head.weight`, `head.bias`).
    pub fn parameters(&self) -> Vec<ParamView<'_>> {
        let mut out = Vec::with_capacity(4 * self.layers.len() + 2);
        for (k, layer) in self.layers.iter().enumerate() {
            out.push(layer.weight_ih.view(format!("rnn.weight_ih_l{k}")));
            out.push(layer.weight_hh.view(format!("rnn.weight_hh_l{k}")));
            out.push(layer.bias_ih.view(format!("rnn.bias_ih_l{k}")));
            out.push(layer.bias_hh.view(format!("rnn.bias_hh_l{k}")));
        }
        out.push(self.head.weight.view("head.weight".into()));
        out.push(self.head.bias.view("head.bias".into()));
        out
    }

    /// Like [`Self::parameters`], with values that may be changed.
    pub fn parameters_mut(&mut self) -> Vec<ParamViewMut<'_>> {
        let mut out = Vec::with_capacity(4 * self.layers.len() + 2);
        for (k, layer) in self.layers.iter_mut().enumerate() {
            out.push(layer.weight_ih.view_mut(format!("rnn.weight_ih_l{k}")));
            out.push(layer.weight_hh.view_mut(format!("rnn.weight_hh_l{k}")));
            out.push(layer.bias_ih.view_mut(format!("rnn.bias_ih_l{k}")));
            out.push(layer.bias_hh.view_mut(format!("rnn.bias_hh_l{k}")));
        }
        out.push(self.head.weight.view_mut("head.weight".into()));
        out.push(self.head.bias.view_mut("head.bias".into()));
        out
    }

    /// Train mode on one batch: forward with inter-layer dropout `dropout` (masks drawn from
    /// `rng`), loss, and backpropagation through time. The gradients are stored in the
    /// network (overwritten). Invalid data gives a NaN loss and zero positions; use
    /// [`Self::try_train_batch`] for the reason.
    pub fn train_batch(&mut self, batch: &Dataset, dropout: f32, rng: &mut Rng) -> BatchScore {
        self.try_train_batch(batch, dropout, rng)
            .unwrap_or(INVALID_SCORE)
    }

    /// [`Self::train_batch`], with an error when the batch does not fit the model.
    pub fn try_train_batch(
        &mut self,
        batch: &Dataset,
        dropout: f32,
        rng: &mut Rng,
    ) -> Result<BatchScore, NnError> {
        self.check_dataset(batch)?;
        let rate = if self.layers.len() > 1 {
            effective_rate(dropout)
        } else {
            None
        };
        let pass = self.forward(&batch.inputs, 0..batch.len(), rate.map(|p| (p, rng)));
        let order = self.row_order(pass, 0);
        let positions = order.rows();
        let sums = self.score(&batch.targets, order, positions, true);
        self.backward(pass);
        Ok(self.mean_score(sums, positions))
    }

    /// Eval mode (no dropout, no gradients) over a whole data set, in chunks.
    /// Invalid data gives a NaN loss; use [`Self::try_evaluate`] for the reason.
    pub fn evaluate(&mut self, data: &Dataset) -> BatchScore {
        self.try_evaluate(data).unwrap_or(INVALID_SCORE)
    }

    /// [`Self::evaluate`], with an error when the data does not fit the model.
    pub fn try_evaluate(&mut self, data: &Dataset) -> Result<BatchScore, NnError> {
        self.check_dataset(data)?;
        let mut sums = LossSums::default();
        let mut positions = 0;
        for chunk in self.eval_chunks(&data.inputs) {
            let first = chunk.start;
            let pass = self.forward(&data.inputs, chunk, None);
            let order = self.row_order(pass, first);
            let part = self.score(&data.targets, order, 1, false);
            sums.total += part.total;
            sums.correct += part.correct;
            positions += order.rows();
        }
        Ok(self.mean_score(sums, positions))
    }

    /// Head outputs in eval mode, `[positions, output_size]`, positions ordered as the
    /// targets (`b * T + t`, or `b` for last-step readout). Invalid inputs give an empty array.
    pub fn predict(&mut self, inputs: &Inputs) -> Array2<f32> {
        self.try_predict(inputs)
            .unwrap_or_else(|_| Array2::zeros((0, self.spec.output_size)))
    }

    /// [`Self::predict`], with an error when the inputs do not fit the model.
    pub fn try_predict(&mut self, inputs: &Inputs) -> Result<Array2<f32>, NnError> {
        self.check_inputs(inputs)?;
        let per_seq = match self.spec.readout {
            Readout::AllSteps => inputs.seq_len(),
            Readout::LastStep => 1,
        };
        let width = self.spec.output_size;
        let mut out = Array2::zeros((inputs.num_sequences() * per_seq, width));
        for chunk in self.eval_chunks(inputs) {
            let first = chunk.start;
            let pass = self.forward(inputs, chunk, None);
            let order = self.row_order(pass, first);
            self.copy_head_outputs(order, &mut out);
        }
        Ok(out)
    }

    /// Eval-mode outputs of all `inputs` at once (no chunking), with the final state of
    /// every layer: what PyTorch's `rnn(x)` returns as `(h_n, c_n)`.
    pub fn predict_with_state(
        &mut self,
        inputs: &Inputs,
    ) -> Result<(Array2<f32>, FinalState), NnError> {
        let outputs = self.try_predict_unchunked(inputs)?;
        let (batch, steps, h) = (
            inputs.num_sequences(),
            inputs.seq_len(),
            self.spec.hidden_size,
        );
        let last_block = |buf: &[f32]| buf[steps * batch * h..(steps + 1) * batch * h].to_vec();
        let collect = |blocks: Vec<Vec<f32>>| {
            Array3::from_shape_vec((blocks.len(), batch, h), blocks.concat())
                .expect("L blocks of [B, H]")
        };
        let hidden = collect(
            self.work
                .tapes
                .iter()
                .map(|t| last_block(&t.hidden))
                .collect(),
        );
        let cell = (self.spec.cell == CellKind::Lstm).then(|| {
            collect(
                self.work
                    .tapes
                    .iter()
                    .map(|t| last_block(&t.cell))
                    .collect(),
            )
        });
        Ok((outputs, FinalState { hidden, cell }))
    }

    fn try_predict_unchunked(&mut self, inputs: &Inputs) -> Result<Array2<f32>, NnError> {
        self.check_inputs(inputs)?;
        let width = self.spec.output_size;
        let pass = self.forward(inputs, 0..inputs.num_sequences(), None);
        let order = self.row_order(pass, 0);
        let mut out = Array2::zeros((order.rows(), width));
        self.copy_head_outputs(order, &mut out);
        Ok(out)
    }

    /// Copies the head outputs of the last forward pass into `out`, each row at the
    /// position its target has (`order` maps pass rows to target positions).
    fn copy_head_outputs(&self, order: RowOrder, out: &mut Array2<f32>) {
        let width = self.spec.output_size;
        let rows = self.work.head_out.chunks_exact(width).take(order.rows());
        for (row, y) in rows.enumerate() {
            out.row_mut(order.position(row)).assign(&ndarray::aview1(y));
        }
    }

    /// All parameters as PyTorch state_dict JSON: `{"rnn.weight_ih_l0": [[...], ...], ...}`.
    pub fn state_dict_json(&self) -> String {
        state_dict::to_json(&self.parameters())
    }

    /// Replace every parameter from state_dict JSON (names and shapes as PyTorch's). On any
    /// error nothing is changed.
    pub fn load_state_dict_json(&mut self, json: &str) -> Result<(), NnError> {
        let expected: Vec<(String, Vec<usize>)> = self
            .parameters()
            .into_iter()
            .map(|p| (p.name, p.shape))
            .collect();
        let values = state_dict::from_json(json, &expected)?;
        for (param, value) in self.parameters_mut().into_iter().zip(values) {
            param.value.copy_from_slice(&value);
        }
        Ok(())
    }

    /// Whether `inputs` fit this model (feature count or token range, non-empty).
    pub fn check_inputs(&self, inputs: &Inputs) -> Result<(), NnError> {
        if inputs.num_sequences() == 0 {
            return Err(NnError::InvalidData("there are no sequences".into()));
        }
        if inputs.seq_len() == 0 {
            return Err(NnError::InvalidData("the sequences have no steps".into()));
        }
        let size = self.spec.input_size;
        match inputs {
            Inputs::Dense(x) if x.shape()[2] != size => Err(NnError::InvalidData(format!(
                "inputs have {} features per step but the model expects {size}",
                x.shape()[2]
            ))),
            Inputs::Tokens(ids) => match ids.iter().find(|&&id| id as usize >= size) {
                Some(id) => Err(NnError::InvalidData(format!(
                    "token id {id} is outside the model's vocabulary of {size}"
                ))),
                None => Ok(()),
            },
            Inputs::Dense(_) => Ok(()),
        }
    }

    /// Whether `data` (inputs and targets) fits this model.
    pub fn check_dataset(&self, data: &Dataset) -> Result<(), NnError> {
        self.check_inputs(&data.inputs)?;
        let per_seq = match self.spec.readout {
            Readout::AllSteps => data.inputs.seq_len(),
            Readout::LastStep => 1,
        };
        let want = data.len() * per_seq;
        if data.targets.num_positions() != want {
            return Err(NnError::InvalidData(format!(
                "there are {} targets but the model produces {want} outputs",
                data.targets.num_positions()
            )));
        }
        let outputs = self.spec.output_size;
        match (&data.targets, self.spec.loss) {
            (Targets::Values(y), LossKind::Mse) if y.ncols() != outputs => {
                Err(NnError::InvalidData(format!(
                    "targets have {} values per position but the model outputs {outputs}",
                    y.ncols()
                )))
            }
            (Targets::Values(_), LossKind::Mse) => Ok(()),
            (Targets::Classes(c), LossKind::CrossEntropy) => {
                match c.iter().find(|&&k| k as usize >= outputs) {
                    Some(k) => Err(NnError::InvalidData(format!(
                        "target class {k} is outside the model's {outputs} outputs"
                    ))),
                    None => Ok(()),
                }
            }
            (Targets::Values(_), LossKind::CrossEntropy) => Err(NnError::InvalidData(
                "cross-entropy needs class targets, not real values".into(),
            )),
            (Targets::Classes(_), LossKind::Mse) => Err(NnError::InvalidData(
                "mean squared error needs real-valued targets, not classes".into(),
            )),
        }
    }

    // ---- the passes ------------------------------------------------------------------

    /// Forward over sequences `seqs` of `inputs`, filling the workspace (tapes and head
    /// outputs). `dropout`: rate and mask source in train mode, `None` in eval mode.
    fn forward(
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
        let tokens = copy_time_major(inputs, seqs, &mut work.dense_input, &mut work.token_input);

        let last_layer = self.layers.len() - 1;
        for (k, layer) in self.layers.iter().enumerate() {
            let (below, current) = work.tapes.split_at_mut(k);
            let tape = &mut current[0];
            let input = match below.last() {
                None => network_input(
                    tokens,
                    &work.dense_input,
                    &work.token_input,
                    rows,
                    layer.input_size(),
                ),
                Some(prev) => {
                    LayerInput::Dense(layer_output(prev, dropout.is_some(), step_len, steps))
                }
            };
            layer.forward(input, batch, steps, tape, &mut work.scratch);
            if let Some((p, rng)) = dropout.as_mut() {
                if k < last_layer {
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

        let pass = Pass {
            batch,
            steps,
            tokens,
            dropout: dropout.is_some(),
        };
        let (features, head_rows) =
            head_features(&work.tapes[last_layer], self.spec.readout, pass, h);
        let out = grown(&mut work.head_out, head_rows * self.spec.output_size);
        self.head.forward(features, head_rows, out);
        pass
    }

    /// Loss sums of the head outputs against `targets`; with `with_grad`, also
    /// d (mean loss) / d outputs, the mean being over `positions` (times O for MSE).
    fn score(
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

    /// Backpropagation through the head, every layer (top to bottom) and the dropout masks,
    /// from the d loss / d outputs left by [`Self::score`].
    fn backward(&mut self, pass: Pass) {
        let Pass {
            batch,
            steps,
            tokens,
            dropout,
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

        for k in (0..self.layers.len()).rev() {
            let layer = &mut self.layers[k];
            let input = match k.checked_sub(1) {
                None => network_input(
                    tokens,
                    &work.dense_input,
                    &work.token_input,
                    rows,
                    layer.input_size(),
                ),
                Some(below) => {
                    LayerInput::Dense(layer_output(&work.tapes[below], dropout, step_len, steps))
                }
            };
            let d_input = (k > 0).then(|| grown(&mut work.d_lower, rows * h));
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
            }
        }
    }

    /// Eval-mode forward (no dropout, no gradients) over sequences `seqs` of `inputs`, with
    /// the tapes left for [`super::inspect`] to read. Training is unaffected: every training
    /// step runs its own forward before its backward.
    pub(crate) fn forward_for_inspection(
        &mut self,
        inputs: &Inputs,
        seqs: Range<usize>,
    ) -> Result<TapeView<'_>, NnError> {
        self.check_inputs(inputs)?;
        if seqs.is_empty() || seqs.end > inputs.num_sequences() {
            return Err(NnError::InvalidData(format!(
                "sequences {}..{} are not within the {} sequences given",
                seqs.start,
                seqs.end,
                inputs.num_sequences()
            )));
        }
        let pass = self.forward(inputs, seqs, None);
        let rows = match self.spec.readout {
            Readout::AllSteps => pass.batch * pass.steps,
            Readout::LastStep => pass.batch,
        };
        Ok(TapeView {
            batch: pass.batch,
            steps: pass.steps,
            tapes: &self.work.tapes,
            head_out: &self.work.head_out[..rows * self.spec.output_size],
        })
    }

    /// The recurrent layers and the head, for [`super::inspect`]'s step-by-step evaluation.
    pub(crate) fn layers_and_head(&self) -> (&[RecurrentLayer], &Linear) {
        (&self.layers, &self.head)
    }

    fn row_order(&self, pass: Pass, first_sequence: usize) -> RowOrder {
        RowOrder {
            readout: self.spec.readout,
            batch: pass.batch,
            steps: pass.steps,
            first_sequence,
        }
    }

    fn mean_score(&self, sums: LossSums, positions: usize) -> BatchScore {
        let elements = match self.spec.loss {
            LossKind::Mse => positions * self.spec.output_size,
            LossKind::CrossEntropy => positions,
        };
        BatchScore {
            loss: (sums.total / elements as f64) as f32,
            correct: sums.correct,
            positions,
        }
    }

    /// Sequence ranges small enough that an evaluation chunk's buffers stay bounded.
    fn eval_chunks(&self, inputs: &Inputs) -> Vec<Range<usize>> {
        let s = &self.spec;
        let gate_width = s.cell.gate_count() * s.hidden_size;
        // Per sequence: tapes (gates, hidden, cell, GRU hn) of every layer, the input
        // projection scratch, and the head outputs.
        let per_step = s.num_layers * (gate_width + 3 * s.hidden_size) + gate_width + s.output_size;
        let per_sequence = (inputs.seq_len() + 1) * per_step;
        let chunk = (EVAL_CHUNK_FLOATS / per_sequence.max(1)).clamp(1, EVAL_CHUNK_SEQUENCES);
        let n = inputs.num_sequences();
        (0..n)
            .step_by(chunk)
            .map(|start| start..(start + chunk).min(n))
            .collect()
    }
}

/// An eval-mode forward pass as the workspace holds it (see `forward_for_inspection`).
pub(crate) struct TapeView<'a> {
    pub batch: usize,
    pub steps: usize,
    /// One tape per layer, time-major (row `t * B + b`), see [`LayerTape`].
    pub tapes: &'a [LayerTape],
    /// Head outputs `[rows, O]`: row `t * B + b` (all-steps readout) or `b` (last step).
    pub head_out: &'a [f32],
}

/// What `train_batch` and `evaluate` return for data that does not fit the model.
const INVALID_SCORE: BatchScore = BatchScore {
    loss: f32::NAN,
    correct: 0,
    positions: 0,
};

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
fn network_input<'a>(
    tokens: bool,
    dense: &'a [f32],
    ids: &'a [u32],
    rows: usize,
    size: usize,
) -> LayerInput<'a> {
    if tokens {
        LayerInput::Tokens(&ids[..rows])
    } else {
        LayerInput::Dense(&dense[..rows * size])
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

/// The rows of the top layer the head reads, and how many: every step `[T*B, H]` or the
/// last step `[B, H]`.
fn head_features(top: &LayerTape, readout: Readout, pass: Pass, h: usize) -> (&[f32], usize) {
    let step_len = pass.batch * h;
    match readout {
        Readout::AllSteps => (
            &top.hidden[step_len..(pass.steps + 1) * step_len],
            pass.batch * pass.steps,
        ),
        Readout::LastStep => (
            &top.hidden[pass.steps * step_len..(pass.steps + 1) * step_len],
            pass.batch,
        ),
    }
}

fn validate_spec(spec: &ModelSpec) -> Result<(), NnError> {
    let sizes = [
        ("input_size", spec.input_size),
        ("hidden_size", spec.hidden_size),
        ("num_layers", spec.num_layers),
        ("output_size", spec.output_size),
    ];
    for (field, value) in sizes {
        if value == 0 {
            return Err(NnError::InvalidSpec {
                field,
                reason: "must be at least 1".into(),
            });
        }
    }
    let g = spec.cell.gate_count();
    let h = spec.hidden_size;
    let count = (|| {
        let first = g
            .checked_mul(h)?
            .checked_mul(spec.input_size.checked_add(h)?.checked_add(2)?)?;
        let rest = g
            .checked_mul(h)?
            .checked_mul(h.checked_add(h)?.checked_add(2)?)?;
        let rest = rest.checked_mul(spec.num_layers - 1)?;
        let head = spec.output_size.checked_mul(h.checked_add(1)?)?;
        first.checked_add(rest)?.checked_add(head)
    })();
    match count {
        Some(n) if n <= MAX_PARAMETERS => Ok(()),
        _ => Err(NnError::InvalidSpec {
            field: "size",
            reason: format!("is too large: the model would exceed {MAX_PARAMETERS} parameters"),
        }),
    }
}
