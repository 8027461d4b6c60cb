//! The reference training benchmarks T1-T4, defined once for every harness: the native one
//! (`examples/bench_core.rs`) and the browser one (`benches/browser/`, through
//! `web::BenchCase`, built with the `bench` feature), which also hands these shapes to the
//! TensorFlow.js side so both engines train the same model.
//!
//! One *step* is what the playground does per mini-batch: forward, loss, BPTT and an Adam
//! update (lr 1e-3, betas 0.9/0.999, eps 1e-8, no clipping, no weight decay) on a fixed
//! synthetic batch.
//!
//! [`BenchConfig::flops_per_step`] counts matrix-product work only (2 flops per multiply-add),
//! per layer with R = B*T rows, G*H gate columns and input width I (0 for token inputs:
//! the input projection of a one-hot vector is a row gather, not a product):
//!   forward   2R·I·GH (input projection) + 2R·H·GH (recurrence)
//!   backward  2R·GH·H (d h_{t-1}) + 2R·GH·H (dW_hh) + 2R·GH·I (dW_ih) + 2R·GH·I (d input, layers > 0)
//! plus the head with N rows (R, or B for last-step readout): 3 · 2N·H·O.
//! Activations, losses and the optimiser are not counted. The same nominal count is used
//! for every engine, so GFLOP/s compare like steps/s do.

use std::fmt;

use ndarray::{Array2, Array3};
use serde::Serialize;

use crate::nn::{
    CellKind, Dataset, Inputs, LossKind, ModelSpec, Network, NnError, Readout, Targets,
};
use crate::optim::{Optimizer, OptimizerKind, StepSettings};
use crate::rng::Rng;

/// Adam as the benchmark (and PyTorch's default) uses it.
pub const ADAM: OptimizerKind = OptimizerKind::Adam {
    beta1: 0.9,
    beta2: 0.999,
    eps: 1e-8,
};
pub const LEARNING_RATE: f32 = 1e-3;

/// One reference configuration: model shapes and batch geometry.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BenchConfig {
    /// Short name: "T1" to "T4".
    pub name: &'static str,
    /// What it is, in one line.
    pub title: &'static str,
    pub spec: ModelSpec,
    /// Sequences per mini-batch (B).
    pub batch: usize,
    /// Steps per sequence (T).
    pub seq_len: usize,
    /// Inputs are token ids, one-hot over `spec.input_size` (else dense normal values).
    pub tokens: bool,
}

/// Every reference configuration, in order T1 to T4.
pub fn reference_configs() -> Vec<BenchConfig> {
    let t2_like = |name, title, cell| BenchConfig {
        name,
        title,
        spec: ModelSpec {
            cell,
            input_size: 48,
            hidden_size: 128,
            num_layers: 2,
            output_size: 48,
            readout: Readout::AllSteps,
            loss: LossKind::CrossEntropy,
            embed: 0,
            dropout_before_head: false,
            forget_bias: 0.0,
        },
        batch: 32,
        seq_len: 32,
        tokens: true,
    };
    vec![
        BenchConfig {
            name: "T1",
            title: "LSTM 1x32, in 1, T50 B16, last-step Linear(1), MSE",
            spec: ModelSpec {
                cell: CellKind::Lstm,
                input_size: 1,
                hidden_size: 32,
                num_layers: 1,
                output_size: 1,
                readout: Readout::LastStep,
                loss: LossKind::Mse,
                embed: 0,
                dropout_before_head: false,
                forget_bias: 0.0,
            },
            batch: 16,
            seq_len: 50,
            tokens: false,
        },
        t2_like(
            "T2",
            "LSTM 2x128, one-hot 48, T32 B32, per-step Linear(48), CE",
            CellKind::Lstm,
        ),
        t2_like("T3", "T2 with GRU", CellKind::Gru),
        t2_like("T4", "T2 with tanh RNN", CellKind::RnnTanh),
    ]
}

/// The reference configuration called `name` ("T2" or "t2").
pub fn find_config(name: &str) -> Result<BenchConfig, BenchError> {
    reference_configs()
        .into_iter()
        .find(|c| c.name.eq_ignore_ascii_case(name.trim()))
        .ok_or_else(|| BenchError::UnknownConfig(name.to_string()))
}

impl BenchConfig {
    /// Nominal matrix-product flops of one training step (see the module docs).
    pub fn flops_per_step(&self) -> f64 {
        self.spec
            .flops_per_step(self.batch, self.seq_len, self.tokens)
    }

    /// A random batch of this shape: normal inputs or uniform tokens, normal regression
    /// targets or uniform classes. Speed does not depend on the values, only on the shapes.
    pub fn synthetic_batch(&self, rng: &mut Rng) -> Dataset {
        let (b, t, s) = (self.batch, self.seq_len, &self.spec);
        let inputs = if self.tokens {
            Inputs::Tokens(Array2::from_shape_simple_fn((b, t), || {
                rng.below(s.input_size) as u32
            }))
        } else {
            Inputs::Dense(Array3::from_shape_simple_fn((b, t, s.input_size), || {
                rng.normal()
            }))
        };
        let positions = match s.readout {
            Readout::AllSteps => b * t,
            Readout::LastStep => b,
        };
        let targets = match s.loss {
            LossKind::Mse => Targets::Values(Array2::from_shape_simple_fn(
                (positions, s.output_size),
                || rng.normal(),
            )),
            LossKind::CrossEntropy => Targets::Classes(
                (0..positions)
                    .map(|_| rng.below(s.output_size) as u32)
                    .collect(),
            ),
        };
        Dataset { inputs, targets }
    }
}

/// Why a benchmark could not be built or run.
#[derive(Debug, Clone, PartialEq)]
pub enum BenchError {
    UnknownConfig(String),
    Model(NnError),
    /// The loss became NaN or infinite: the figures would time a broken run.
    Diverged {
        step: u64,
        loss: f32,
    },
}

impl fmt::Display for BenchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BenchError::UnknownConfig(name) => {
                let known: Vec<&str> = reference_configs().iter().map(|c| c.name).collect();
                write!(
                    f,
                    "unknown benchmark configuration \"{name}\" (known: {})",
                    known.join(", ")
                )
            }
            BenchError::Model(e) => write!(f, "benchmark model: {e}"),
            BenchError::Diverged { step, loss } => {
                write!(f, "benchmark diverged at step {step} (loss {loss})")
            }
        }
    }
}

impl std::error::Error for BenchError {}

impl From<NnError> for BenchError {
    fn from(e: NnError) -> Self {
        BenchError::Model(e)
    }
}

/// A network, its Adam state and one fixed batch, ready to take training steps.
#[derive(Debug)]
pub struct TrainingBench {
    config: BenchConfig,
    net: Network,
    optimizer: Optimizer,
    data: Dataset,
    /// Dropout is off, so this is never drawn from; `train_batch` asks for one anyway.
    rng: Rng,
    steps: u64,
    last_loss: f32,
}

impl TrainingBench {
    /// Weights and data drawn from `seed` (PyTorch's default initialisation).
    pub fn new(config: BenchConfig, seed: u64) -> Result<TrainingBench, BenchError> {
        let mut rng = Rng::new(seed);
        let net = Network::new(config.spec.clone(), &mut rng.fork(1))?;
        let data = config.synthetic_batch(&mut rng.fork(2));
        net.check_dataset(&data)?;
        let optimizer = Optimizer::new(ADAM, &net);
        Ok(TrainingBench {
            config,
            net,
            optimizer,
            data,
            rng,
            steps: 0,
            last_loss: f32::NAN,
        })
    }

    /// One training step: forward, loss, BPTT, Adam. Returns the loss before the update.
    pub fn step(&mut self) -> Result<f32, BenchError> {
        let settings = StepSettings {
            lr: LEARNING_RATE,
            weight_decay: 0.0,
            clip_grad_norm: None,
        };
        let score = self.net.train_batch(&self.data, 0.0, &mut self.rng)?;
        self.optimizer.step(&mut self.net, &settings);
        self.steps += 1;
        self.last_loss = score.loss;
        if !score.loss.is_finite() {
            return Err(BenchError::Diverged {
                step: self.steps,
                loss: score.loss,
            });
        }
        Ok(score.loss)
    }

    pub fn config(&self) -> &BenchConfig {
        &self.config
    }

    pub fn param_count(&self) -> usize {
        self.net.param_count()
    }

    pub fn steps_taken(&self) -> u64 {
        self.steps
    }

    /// Loss of the latest step (NaN before the first).
    pub fn last_loss(&self) -> f32 {
        self.last_loss
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configs_have_the_shapes_of_design_md() {
        let names: Vec<&str> = reference_configs().iter().map(|c| c.name).collect();
        assert_eq!(names, ["T1", "T2", "T3", "T4"]);
        let t1 = find_config("t1").unwrap();
        assert_eq!(
            (
                t1.spec.cell,
                t1.spec.input_size,
                t1.spec.hidden_size,
                t1.spec.num_layers
            ),
            (CellKind::Lstm, 1, 32, 1)
        );
        assert_eq!(
            (t1.batch, t1.seq_len, t1.tokens, t1.spec.readout),
            (16, 50, false, Readout::LastStep)
        );
        let cells: Vec<CellKind> = ["T2", "T3", "T4"]
            .iter()
            .map(|n| find_config(n).unwrap().spec.cell)
            .collect();
        assert_eq!(cells, [CellKind::Lstm, CellKind::Gru, CellKind::RnnTanh]);
        let t4 = find_config(" T4 ").unwrap();
        assert_eq!(
            (t4.spec.hidden_size, t4.spec.num_layers, t4.spec.output_size),
            (128, 2, 48)
        );
        assert_eq!(
            (t4.batch, t4.seq_len, t4.tokens, t4.spec.loss),
            (32, 32, true, LossKind::CrossEntropy)
        );
    }

    #[test]
    fn unknown_names_list_the_known_ones() {
        let err = find_config("T9").unwrap_err();
        assert_eq!(err, BenchError::UnknownConfig("T9".into()));
        assert!(err.to_string().contains("T1, T2, T3, T4"), "{err}");
    }

    #[test]
    fn flop_counts_match_hand_computed_figures() {
        // T1: R = 800, I = 1, H = 32, GH = 128; forward 204_800 + 6_553_600,
        // backward 13_107_200 + 204_800, head 3 * 2 * 16 * 32 * 1 = 3_072.
        assert_eq!(find_config("T1").unwrap().flops_per_step(), 20_073_472.0);
        // T4: R = 1024, H = GH = 128. Layer 0 (tokens): 2RH² + 4RH² = 6RH² = 100_663_296;
        // layer 1: 2RH² + 2RH² + 4RH² + 2RH² + 2RH² = 12RH² = 201_326_592;
        // head: 6 * 1024 * 128 * 48 = 37_748_736.
        assert_eq!(find_config("T4").unwrap().flops_per_step(), 339_738_624.0);
        // The LSTM and GRU recurrences are the tanh RNN's times their gate count.
        let head = 37_748_736.0;
        let t2 = find_config("T2").unwrap().flops_per_step();
        let t3 = find_config("T3").unwrap().flops_per_step();
        assert_eq!(t2 - head, 4.0 * (339_738_624.0 - head));
        assert_eq!(t3 - head, 3.0 * (339_738_624.0 - head));
    }

    #[test]
    fn synthetic_batches_fit_their_model_and_repeat_by_seed() {
        for config in reference_configs() {
            let a = config.synthetic_batch(&mut Rng::new(7));
            let b = config.synthetic_batch(&mut Rng::new(7));
            let c = config.synthetic_batch(&mut Rng::new(8));
            assert_eq!(a, b, "{}", config.name);
            assert_ne!(a, c, "{}", config.name);
            assert_eq!(a.len(), config.batch);
            assert_eq!(a.inputs.seq_len(), config.seq_len);
            let net = Network::new(config.spec.clone(), &mut Rng::new(1)).unwrap();
            net.check_dataset(&a).unwrap();
        }
    }

    #[test]
    fn training_steps_fit_the_fixed_batch() {
        // T1 is small enough to train here: Adam on one fixed batch must bring the loss down.
        let mut bench = TrainingBench::new(find_config("T1").unwrap(), 3).unwrap();
        assert!(bench.last_loss().is_nan());
        let first = bench.step().unwrap();
        let mut last = first;
        for _ in 0..199 {
            last = bench.step().unwrap();
        }
        assert_eq!(bench.steps_taken(), 200);
        assert_eq!(bench.last_loss(), last);
        assert!(last < 0.8 * first, "loss went from {first} to {last}");
        assert_eq!(bench.param_count(), 4 * 32 * (1 + 32 + 2) + 32 + 1);
    }

    #[test]
    fn same_seed_same_losses() {
        let run = |seed| {
            let mut bench = TrainingBench::new(find_config("T4").unwrap(), seed).unwrap();
            (0..3).map(|_| bench.step().unwrap()).collect::<Vec<f32>>()
        };
        assert_eq!(run(5), run(5));
        assert_ne!(run(5), run(6));
    }
}
