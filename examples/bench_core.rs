//! Training-step benchmark of the recurrent core: the reference configurations T1-T4, as
//! defined once in `rnn_playground::bench` (shapes, synthetic batch, Adam, FLOP count).
//!
//! `cargo run --release --example bench_core` (single thread). One step is forward, loss,
//! BPTT and an Adam update on a fixed batch; every step is timed on its own and the table
//! shows the median, min and max over the timed steps, steps/s from the median, and GFLOP/s
//! from the nominal matrix-product count of `BenchConfig::flops_per_step`:
//!
//! per layer, with R = B*T rows, G*H gate columns and input width I (0 for token inputs):
//!   forward   2R·I·GH (input projection) + 2R·H·GH (recurrence)
//!   backward  2R·GH·H (d h_{t-1}) + 2R·GH·H (dW_hh) + 2R·GH·I (dW_ih) + 2R·GH·I (d input, layers > 0)
//! plus the head with N rows (R, or B for last-step readout): 3 · 2N·H·O.
//!
//! The table is also read by the browser benchmark (benches/browser/native.mjs): keep one
//! `| T<n> ... | median | min | max | steps/s | GFLOP/s |` line per configuration.

use std::time::Instant;

use rnn_playground::bench::{reference_configs, TrainingBench};

/// Untimed steps first: buffers reach their size, caches warm up.
const WARM_UP_STEPS: usize = 5;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!(
        "Training step = forward + loss + BPTT + Adam, single thread; times in ms per step.\n"
    );
    println!(
        "| {:<62} | {:>7} | {:>7} | {:>7} | {:>8} | {:>7} |",
        "config", "median", "min", "max", "steps/s", "GFLOP/s"
    );
    println!(
        "|{:-<64}|{:->9}|{:->9}|{:->9}|{:->10}|{:->9}|",
        "", "", "", "", "", ""
    );
    for config in reference_configs() {
        // Small steps are timed more often so every row takes about the same wall time.
        let timed_steps = if config.flops_per_step() < 1e8 {
            400
        } else {
            40
        };
        let label = format!("{} {}", config.name, config.title);
        let flops = config.flops_per_step();
        let mut bench = TrainingBench::new(config, 1)?;
        for _ in 0..WARM_UP_STEPS {
            bench.step()?;
        }
        let mut times = Vec::with_capacity(timed_steps);
        for _ in 0..timed_steps {
            let start = Instant::now();
            bench.step()?;
            times.push(start.elapsed().as_secs_f64() * 1e3);
        }
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        println!(
            "| {:<62} | {:>7.3} | {:>7.3} | {:>7.3} | {:>8.1} | {:>7.2} |",
            label,
            median,
            times[0],
            times[times.len() - 1],
            1e3 / median,
            flops / (median * 1e-3) / 1e9
        );
    }
    Ok(())
}
