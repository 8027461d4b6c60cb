//! The lesson of the playground, from the command line: train the default forecasting
//! preset at growing sizes and watch validation loss turn and climb for the big models.
//!
//! `cargo run --release --example overfitting [-- out.png]`
//! Prints one row per model and writes a grid of loss charts (default
//! `target/overfitting.png`) with the same chart code the page uses.

use plotters::prelude::*;
use rnn_playground::chart::{draw_chart, LossChart, LossHistory};
use rnn_playground::config::Config;
use rnn_playground::trainer::{Budget, RunStatus, Trainer};
use std::path::PathBuf;

const HIDDEN_SIZES: [usize; 4] = [2, 8, 32, 128];
const DEPTHS: [usize; 2] = [1, 3];

struct Outcome {
    title: String,
    history: LossHistory,
    baseline: (f32, String),
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out: PathBuf = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| "target/overfitting.png".into());
    let preset = Config::default();
    println!("default forecasting preset: {}", preset.to_query());
    println!(
        "{:<16} {:>8} {:>6} {:>10} {:>11} {:>10} {:>7} {:>8} {:>9}",
        "model",
        "params",
        "best",
        "best val",
        "final train",
        "final val",
        "rise",
        "epochs",
        "seconds"
    );
    report_time_to_the_turn(&preset)?;
    let mut outcomes = Vec::new();
    for layers in DEPTHS {
        for hidden in HIDDEN_SIZES {
            let config = Config {
                hidden,
                layers,
                ..preset.clone()
            };
            outcomes.push(train_and_report(config)?);
        }
    }
    draw_grid(&out, &outcomes)?;
    println!("wrote {}", out.display());
    Ok(())
}

/// How long the default preset takes, in wall time, to show the lesson: the validation
/// minimum, then validation 20% above it.
fn report_time_to_the_turn(preset: &Config) -> Result<(), Box<dyn std::error::Error>> {
    let mut trainer = Trainer::new(preset.clone())?;
    let started = std::time::Instant::now();
    let mut minimum: Option<(u32, f32, f64)> = None;
    while *trainer.status() == RunStatus::Running {
        let Some(report) = trainer.step_epoch() else {
            break;
        };
        let seconds = started.elapsed().as_secs_f64();
        if minimum.is_none_or(|(_, best, _)| report.val_loss < best) {
            minimum = Some((report.epoch, report.val_loss, seconds));
        } else if let Some((epoch, best, at)) = minimum {
            if report.val_loss >= 1.2 * best {
                println!(
                    "default preset (hidden {}): validation minimum {best:.4} at epoch {epoch} ({at:.2} s), \
                     20% above it ({:.4}) at epoch {} ({seconds:.2} s of training)",
                    preset.hidden, report.val_loss, report.epoch
                );
                return Ok(());
            }
        }
    }
    println!("default preset: validation never rose 20% above its minimum");
    Ok(())
}

fn train_and_report(config: Config) -> Result<Outcome, Box<dyn std::error::Error>> {
    let title = format!(
        "{} {}x{}",
        config.cell.short_label(),
        config.layers,
        config.hidden
    );
    let mut trainer = Trainer::new(config)?;
    let started = std::time::Instant::now();
    while *trainer.status() == RunStatus::Running {
        trainer.run_for(Budget::Epochs(10));
    }
    let seconds = started.elapsed().as_secs_f64();
    if let RunStatus::Diverged { message, .. } = trainer.status() {
        println!("{title:<16} diverged: {message}");
    }
    let history = trainer.history();
    let (best_epoch, best_val) = trainer.best_epoch().unwrap_or((0, f32::NAN));
    let last = history.last().ok_or("no epoch finished")?;
    let rise = 100.0 * (last.val_loss / best_val - 1.0);
    println!(
        "{:<16} {:>8} {:>6} {:>10.4} {:>11.4} {:>10.4} {:>6.0}% {:>8} {:>9.2}",
        title,
        trainer.network().param_count(),
        best_epoch,
        best_val,
        last.train_loss,
        last.val_loss,
        rise,
        history.len(),
        seconds
    );
    let task = trainer.task();
    Ok(Outcome {
        title,
        history: LossHistory::from_reports(history),
        baseline: (task.baseline_loss, task.baseline_label.english()),
    })
}

fn draw_grid(out: &PathBuf, outcomes: &[Outcome]) -> Result<(), Box<dyn std::error::Error>> {
    let columns = HIDDEN_SIZES.len();
    let rows = outcomes.len().div_ceil(columns);
    let root =
        BitMapBackend::new(out, (columns as u32 * 420, rows as u32 * 300)).into_drawing_area();
    let panels = root.split_evenly((rows, columns));
    for (panel, outcome) in panels.iter().zip(outcomes) {
        let mut chart = LossChart::from_history(&outcome.title, "MSE", &outcome.history);
        chart.baseline = Some((outcome.baseline.0, &outcome.baseline.1));
        chart.log_y = true;
        draw_chart(panel, &chart)?;
    }
    root.present()?;
    Ok(())
}
