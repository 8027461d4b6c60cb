//! Training-step benchmark of the recurrent core, configurations T1-T4 of DESIGN.md.
//!
//! `cargo run --release --example bench_core` (single thread). One step is forward, loss,
//! BPTT and an Adam update on a fixed batch; each step is timed on its own and the table
//! shows the median, min and max over the timed steps.
//!
//! GFLOP/s counts matrix-product work only (2 flops per multiply-add), per layer with
//! R = B*T rows, G*H gate columns, input width I (0 for token inputs, a gather):
//!   forward   2R·I·GH (input projection) + 2R·H·GH (recurrence)
//!   backward  2R·GH·H (d h_{t-1}) + 2R·GH·H (dW_hh) + 2R·GH·I (dW_ih) + 2R·GH·I (d input, layers > 0)
//! plus the head with N rows (R, or B for last-step readout): 3 · 2N·H·O.
//! Activations, losses and the optimiser are not counted.

use std::time::Instant;

use ndarray::{Array2, Array3};
use rnn_playground::nn::{
    CellKind, Dataset, Inputs, LossKind, ModelSpec, Network, Readout, Targets,
};
use rnn_playground::optim::{Optimizer, OptimizerKind, StepSettings};
use rnn_playground::rng::Rng;

struct Config {
    name: &'static str,
    spec: ModelSpec,
    batch: usize,
    steps: usize,
    tokens: bool,
    timed_steps: usize,
}

fn configs() -> Vec<Config> {
    let t2 = |name, cell| Config {
        name,
        spec: ModelSpec {
            cell,
            input_size: 48,
            hidden_size: 128,
            num_layers: 2,
            output_size: 48,
            readout: Readout::AllSteps,
            loss: LossKind::CrossEntropy,
        },
        batch: 32,
        steps: 32,
        tokens: true,
        timed_steps: 40,
    };
    vec![
        Config {
            name: "T1 LSTM 1x32, in 1, T50 B16, last-step Linear(1), MSE",
            spec: ModelSpec {
                cell: CellKind::Lstm,
                input_size: 1,
                hidden_size: 32,
                num_layers: 1,
                output_size: 1,
                readout: Readout::LastStep,
                loss: LossKind::Mse,
            },
            batch: 16,
            steps: 50,
            tokens: false,
            timed_steps: 400,
        },
        t2(
            "T2 LSTM 2x128, one-hot 48, T32 B32, per-step Linear(48), CE",
            CellKind::Lstm,
        ),
        t2("T3 = T2 with GRU", CellKind::Gru),
        t2("T4 = T2 with tanh RNN", CellKind::RnnTanh),
    ]
}

fn batch(c: &Config, rng: &mut Rng) -> Dataset {
    let (b, t) = (c.batch, c.steps);
    let inputs = if c.tokens {
        Inputs::Tokens(Array2::from_shape_simple_fn((b, t), || {
            rng.below(c.spec.input_size) as u32
        }))
    } else {
        Inputs::Dense(Array3::from_shape_simple_fn(
            (b, t, c.spec.input_size),
            || rng.normal(),
        ))
    };
    let positions = match c.spec.readout {
        Readout::AllSteps => b * t,
        Readout::LastStep => b,
    };
    let targets = match c.spec.loss {
        LossKind::Mse => Targets::Values(Array2::from_shape_simple_fn(
            (positions, c.spec.output_size),
            || rng.normal(),
        )),
        LossKind::CrossEntropy => Targets::Classes(
            (0..positions)
                .map(|_| rng.below(c.spec.output_size) as u32)
                .collect(),
        ),
    };
    Dataset { inputs, targets }
}

/// Matrix-product flops of one training step (see the module docs).
fn flops_per_step(c: &Config) -> f64 {
    let s = &c.spec;
    let (h, gh) = (
        s.hidden_size as f64,
        (s.cell.gate_count() * s.hidden_size) as f64,
    );
    let rows = (c.batch * c.steps) as f64;
    let mut total = 0.0;
    for layer in 0..s.num_layers {
        let input = match (layer, c.tokens) {
            (0, true) => 0.0,
            (0, false) => s.input_size as f64,
            _ => h,
        };
        total += 2.0 * rows * input * gh + 2.0 * rows * h * gh; // forward
        total += 2.0 * 2.0 * rows * gh * h + 2.0 * rows * gh * input; // d h_{t-1}, dW_hh, dW_ih
        if layer > 0 {
            total += 2.0 * rows * gh * input; // d input
        }
    }
    let head_rows = match s.readout {
        Readout::AllSteps => rows,
        Readout::LastStep => c.batch as f64,
    };
    total + 3.0 * 2.0 * head_rows * h * s.output_size as f64
}

fn main() {
    println!(
        "Training step = forward + loss + BPTT + Adam, single thread; times in ms per step.\n"
    );
    println!(
        "| {:<58} | {:>7} | {:>7} | {:>7} | {:>8} | {:>7} |",
        "config", "median", "min", "max", "steps/s", "GFLOP/s"
    );
    println!(
        "|{:-<60}|{:->9}|{:->9}|{:->9}|{:->10}|{:->9}|",
        "", "", "", "", "", ""
    );
    for c in configs() {
        let mut rng = Rng::new(1);
        let mut net = Network::new(c.spec.clone(), &mut rng).expect("valid benchmark model");
        let data = batch(&c, &mut rng);
        let mut opt = Optimizer::new(
            OptimizerKind::Adam {
                beta1: 0.9,
                beta2: 0.999,
                eps: 1e-8,
            },
            &net,
        );
        let settings = StepSettings {
            lr: 1e-3,
            weight_decay: 0.0,
            clip_grad_norm: None,
        };
        let mut step = |net: &mut Network| {
            let score = net.train_batch(&data, 0.0, &mut rng);
            opt.step(net, &settings);
            score.loss
        };
        for _ in 0..5 {
            step(&mut net); // warm-up: buffers sized, caches hot
        }
        let mut times: Vec<f64> = Vec::with_capacity(c.timed_steps);
        let mut last_loss = 0.0;
        for _ in 0..c.timed_steps {
            let start = Instant::now();
            last_loss = step(&mut net);
            times.push(start.elapsed().as_secs_f64() * 1e3);
        }
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        let gflops = flops_per_step(&c) / (median * 1e-3) / 1e9;
        assert!(last_loss.is_finite(), "{}: training diverged", c.name);
        println!(
            "| {:<58} | {:>7.3} | {:>7.3} | {:>7.3} | {:>8.1} | {:>7.2} |",
            c.name,
            median,
            times[0],
            times[times.len() - 1],
            1e3 / median,
            gflops
        );
    }
}
