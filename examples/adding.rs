//! The adding problem at the preset's sequence length: gated cells carry the two marked
//! values across the whole sequence, a vanilla RNN does not.
//!
//! `cargo run --release --example adding [-- T]` prints each cell's best validation MSE
//! (the mean predictor scores about 1/6 = 0.167) and its training time.

use rnn_playground::config::{Config, TaskKind};
use rnn_playground::nn::CellKind;
use rnn_playground::trainer::{Budget, RunStatus, Trainer};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut preset = Config::preset(TaskKind::Adding);
    if let Some(len) = std::env::args().nth(1) {
        preset.seq_len = len.parse()?;
    }
    println!("adding problem: {}", preset.to_query());
    println!(
        "{:<6} {:>8} {:>10} {:>6} {:>10} {:>9}",
        "cell", "params", "best val", "epoch", "final val", "seconds"
    );
    let mut baseline = 0.0;
    for cell in [CellKind::Lstm, CellKind::Gru, CellKind::RnnTanh] {
        let mut trainer = Trainer::new(Config {
            cell,
            ..preset.clone()
        })?;
        baseline = trainer.task().baseline_loss;
        let started = std::time::Instant::now();
        while *trainer.status() == RunStatus::Running {
            trainer.run_for(Budget::Epochs(5));
        }
        if let RunStatus::Diverged { message, .. } = trainer.status() {
            println!("{}: {message}", cell.key());
        }
        let (best_epoch, best_val) = trainer.best_epoch().unwrap_or((0, f32::NAN));
        let final_val = trainer.history().last().map_or(f32::NAN, |r| r.val_loss);
        println!(
            "{:<6} {:>8} {:>10.4} {:>6} {:>10.4} {:>9.1}",
            cell.key(),
            trainer.network().param_count(),
            best_val,
            best_epoch,
            final_val,
            started.elapsed().as_secs_f64()
        );
    }
    println!("baseline (predict the mean): {baseline:.4}");
    Ok(())
}
