//! The whole model and its entry points: build, train on a batch, evaluate, predict,
//! export and import the parameters. The passes themselves are in `passes.rs`.

use std::ops::Range;

use ndarray::{Array2, Array3};

use super::checks::validate_spec;
use super::dropout::effective_rate;
use super::embedding::Embedding;
use super::layer::{LayerTape, RecurrentLayer};
use super::linear::Linear;
use super::loss::{LossSums, RowOrder};
use super::param::{ParamView, ParamViewMut};
use super::passes::Workspace;
use super::{CellKind, Dataset, Inputs, LossKind, ModelSpec, NnError, Readout};
use crate::rng::Rng;

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

/// A recurrent network with PyTorch's semantics. For a [`ModelSpec`] `s` it computes what
/// this PyTorch module computes (batch_first, zero initial state), parameter names, shapes,
/// gate order and default initialisation included:
///
/// ```python
/// class Net(nn.Module):
///     def __init__(self, s, dropout):
///         super().__init__()
///         rnn_in = s.input_size
///         if s.embed > 0:                              # token inputs only
///             self.embed = nn.Embedding(s.input_size, s.embed)   # init N(0, 1)
///             rnn_in = s.embed
///         cell = {"rnn_tanh": nn.RNN, "rnn_relu": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}
///         self.rnn = cell[s.cell](rnn_in, s.hidden_size, s.num_layers, batch_first=True,
///                                 dropout=dropout)     # between stacked layers only
///         self.drop = nn.Dropout(dropout if s.dropout_before_head else 0.0)
///         self.head = nn.Linear(s.hidden_size, s.output_size)
///         # LSTM with s.forget_bias != 0: after init, for every layer k,
///         #   self.rnn.bias_ih_l{k}[H:2H] = s.forget_bias
///
///     def forward(self, x):            # x: [B, T, input_size] floats, or [B, T] token ids
///         if s.embed > 0:
///             x = self.embed(x)
///         elif tokens:
///             x = F.one_hot(x, s.input_size).float()
///         seq, _ = self.rnn(x)         # [B, T, H]
///         seq = self.drop(seq)
///         if s.readout == "last_step":
///             seq = seq[:, -1, :]
///         return self.head(seq)        # [B, T, O] or [B, O]
/// ```
///
/// `train_batch` is train mode (dropout at the rate it is given); `evaluate`, `predict`
/// and the inspection code are eval mode (dropout is the identity). Loss: mean squared error
/// over every output element, or softmax cross-entropy over positions.
pub struct Network {
    pub(super) spec: ModelSpec,
    pub(super) embedding: Option<Embedding>,
    pub(super) layers: Vec<RecurrentLayer>,
    pub(super) head: Linear,
    pub(super) work: Workspace,
}

/// A copy with the same parameters and gradients and empty buffers (e.g. to keep the
/// weights of the best epoch).
impl Clone for Network {
    fn clone(&self) -> Self {
        Network {
            spec: self.spec.clone(),
            embedding: self.embedding.clone(),
            layers: self.layers.clone(),
            head: self.head.clone(),
            work: Workspace::new(self.layers.len()),
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

/// The parameter tensors named and viewed with `$view`, in PyTorch state_dict order. One
/// list for the shared and the mutable views, so their orders cannot drift apart.
macro_rules! in_state_dict_order {
    ($net:expr, $as_ref:ident, $iter:ident, $view:ident) => {{
        let net = $net;
        let mut out = Vec::with_capacity(4 * net.layers.len() + 3);
        if let Some(e) = net.embedding.$as_ref() {
            out.push(e.weight.$view("embed.weight".into()));
        }
        for (k, layer) in net.layers.$iter().enumerate() {
            out.push(layer.weight_ih.$view(format!("rnn.weight_ih_l{k}")));
            out.push(layer.weight_hh.$view(format!("rnn.weight_hh_l{k}")));
            out.push(layer.bias_ih.$view(format!("rnn.bias_ih_l{k}")));
            out.push(layer.bias_hh.$view(format!("rnn.bias_hh_l{k}")));
        }
        out.push(net.head.weight.$view("head.weight".into()));
        out.push(net.head.bias.$view("head.bias".into()));
        out
    }};
}

impl Network {
    /// A network with PyTorch's default initialisation, drawn from `rng` in module order
    /// (embedding, layers, head), then the forget-gate bias if the spec sets one.
    pub fn new(spec: ModelSpec, rng: &mut Rng) -> Result<Network, NnError> {
        validate_spec(&spec)?;
        let embedding = (spec.embed > 0).then(|| Embedding::new(spec.input_size, spec.embed, rng));
        let first_in = embedding.as_ref().map_or(spec.input_size, Embedding::size);
        let mut layers: Vec<RecurrentLayer> = (0..spec.num_layers)
            .map(|k| {
                let input_size = if k == 0 { first_in } else { spec.hidden_size };
                RecurrentLayer::new(spec.cell, input_size, spec.hidden_size, rng)
            })
            .collect();
        if spec.cell == CellKind::Lstm && spec.forget_bias != 0.0 {
            // Gate rows are i, f, g, o: the forget gate is the second block of H.
            let h = spec.hidden_size;
            for layer in &mut layers {
                layer.bias_ih.value.as_slice_mut().expect("contiguous")[h..2 * h]
                    .fill(spec.forget_bias);
            }
        }
        let head = Linear::new(spec.hidden_size, spec.output_size, rng);
        let work = Workspace::new(spec.num_layers);
        Ok(Network {
            spec,
            embedding,
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
    /// (`embed.weight` when there is an embedding, `rnn.weight_ih_l0`, `rnn.weight_hh_l0`,
    /// `rnn.bias_ih_l0`, `rnn.bias_hh_l0`, ..., `head.weight`, `head.bias`).
    pub fn parameters(&self) -> Vec<ParamView<'_>> {
        in_state_dict_order!(self, as_ref, iter, view)
    }

    /// Like [`Self::parameters`], with values that may be changed.
    pub fn parameters_mut(&mut self) -> Vec<ParamViewMut<'_>> {
        in_state_dict_order!(self, as_mut, iter_mut, view_mut)
    }

    /// Train mode on one batch: forward with dropout `dropout` (between layers, and before
    /// the head when the spec asks; masks drawn from `rng`), loss, and backpropagation
    /// through time. The gradients are stored in the network (overwritten). A batch that
    /// does not fit the model is an error and leaves the parameters and gradients as they were.
    pub fn train_batch(
        &mut self,
        batch: &Dataset,
        dropout: f32,
        rng: &mut Rng,
    ) -> Result<BatchScore, NnError> {
        self.check_dataset(batch)?;
        let rate = if self.layers.len() > 1 || self.spec.dropout_before_head {
            effective_rate(dropout)
        } else {
            None
        };
        let pass = self.forward(&batch.inputs, 0..batch.len(), rate.map(|p| (p, rng)));
        let order = self.row_order(pass.batch, pass.steps, 0);
        let positions = order.rows();
        let sums = self.score(&batch.targets, order, positions, true);
        self.backward(pass);
        Ok(self.mean_score(sums, positions))
    }

    /// Head outputs in eval mode, `[positions, output_size]`, positions ordered as the
    /// targets (`b * T + t`, or `b` for last-step readout); an error when the inputs do not
    /// fit the model.
    pub fn predict(&mut self, inputs: &Inputs) -> Result<Array2<f32>, NnError> {
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
            let order = self.row_order(pass.batch, pass.steps, first);
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
        let outputs = self.predict_unchunked(inputs)?;
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

    fn predict_unchunked(&mut self, inputs: &Inputs) -> Result<Array2<f32>, NnError> {
        self.check_inputs(inputs)?;
        let width = self.spec.output_size;
        let pass = self.forward(inputs, 0..inputs.num_sequences(), None);
        let order = self.row_order(pass.batch, pass.steps, 0);
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
            return Err(NnError::data(
                "nn.data.sequences_outside",
                &[
                    ("start", seqs.start.to_string()),
                    ("end", seqs.end.to_string()),
                    ("count", inputs.num_sequences().to_string()),
                ],
            ));
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

    /// The embedding, the recurrent layers and the head, for [`super::inspect`]'s
    /// step-by-step evaluation.
    pub(crate) fn modules(&self) -> (Option<&Embedding>, &[RecurrentLayer], &Linear) {
        (self.embedding.as_ref(), &self.layers, &self.head)
    }

    pub(super) fn row_order(&self, batch: usize, steps: usize, first_sequence: usize) -> RowOrder {
        RowOrder {
            readout: self.spec.readout,
            batch,
            steps,
            first_sequence,
        }
    }

    pub(super) fn mean_score(&self, sums: LossSums, positions: usize) -> BatchScore {
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
    pub(super) fn eval_chunks(&self, inputs: &Inputs) -> Vec<Range<usize>> {
        let s = &self.spec;
        let gate_width = s.cell.gate_count() * s.hidden_size;
        // Per sequence: tapes (gates, hidden, cell, GRU hn) of every layer, the input
        // projection scratch, the embedded inputs and the head outputs.
        let per_step =
            s.num_layers * (gate_width + 3 * s.hidden_size) + gate_width + s.embed + s.output_size;
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
