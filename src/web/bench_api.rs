//! What the browser benchmark (`benches/browser/`) calls inside its module worker: the
//! reference configurations T1-T4 of [`crate::bench`], as a case that takes timed training
//! steps, and their shapes, which the TensorFlow.js side builds its model from.

use super::to_js;
use crate::bench::{find_config, reference_configs, BenchConfig, TrainingBench};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Seed of the weights and the synthetic batch; fixed so every run times the same numbers.
const BENCH_SEED: u64 = 1;

/// One reference configuration, built and ready to train (forward, loss, BPTT, Adam).
#[wasm_bindgen]
pub struct BenchCase {
    bench: TrainingBench,
}

/// A configuration as JS sees it: the model shapes plus the figures the table needs.
#[derive(Serialize)]
struct BenchDescription<'a> {
    #[serde(flatten)]
    config: &'a BenchConfig,
    flops_per_step: f64,
    param_count: usize,
}

fn describe(config: &BenchConfig, param_count: usize) -> Result<JsValue, JsError> {
    to_js(&BenchDescription {
        config,
        flops_per_step: config.flops_per_step(),
        param_count,
    })
}

#[wasm_bindgen]
impl BenchCase {
    /// Builds the network, its Adam state and the synthetic batch of configuration `name`
    /// ("T1" to "T4"); throws for an unknown name.
    #[wasm_bindgen(constructor)]
    pub fn new(name: &str) -> Result<BenchCase, JsError> {
        let config = find_config(name).map_err(|e| JsError::new(&e.to_string()))?;
        let bench =
            TrainingBench::new(config, BENCH_SEED).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(BenchCase { bench })
    }

    /// Takes `n` training steps and returns the milliseconds they took (performance.now).
    /// Throws if the loss stops being finite.
    pub fn step(&mut self, n: u32) -> Result<f64, JsError> {
        let started = crate::clock::now_ms();
        for _ in 0..n {
            self.bench
                .step()
                .map_err(|e| JsError::new(&e.to_string()))?;
        }
        Ok(crate::clock::now_ms() - started)
    }

    /// Nominal matrix-product flops of one step (the count every engine's GFLOP/s uses).
    pub fn flops_per_step(&self) -> f64 {
        self.bench.config().flops_per_step()
    }

    /// Loss of the latest step (NaN before the first), to check the run really trains.
    pub fn last_loss(&self) -> f32 {
        self.bench.last_loss()
    }

    /// `{ name, title, spec: {cell, input_size, hidden_size, num_layers, output_size,
    /// readout, loss}, batch, seq_len, tokens, flops_per_step, param_count }`.
    pub fn describe(&self) -> Result<JsValue, JsError> {
        describe(self.bench.config(), self.bench.param_count())
    }
}

/// Every reference configuration, described as [`BenchCase::describe`] does, in order T1-T4.
#[wasm_bindgen]
pub fn bench_configs() -> Result<JsValue, JsError> {
    let configs = reference_configs();
    let mut described = Vec::with_capacity(configs.len());
    for config in &configs {
        let built = TrainingBench::new(config.clone(), BENCH_SEED)
            .map_err(|e| JsError::new(&e.to_string()))?;
        described.push(BenchDescription {
            config,
            flops_per_step: config.flops_per_step(),
            param_count: built.param_count(),
        });
    }
    to_js(&described)
}
