//! The lesson the playground exists to teach, as numbers: on the default presets a tiny
//! model underfits, and a big one fits the training set while its validation loss turns
//! and climbs. Seeded, so the figures are stable; the assertions below state them.
#![cfg(not(target_arch = "wasm32"))]

use rnn_playground::config::{Config, TaskKind};
use rnn_playground::trainer::{Budget, EpochReport, RunStatus, Trainer};

struct Outcome {
    last: EpochReport,
    best_val: f32,
    best_epoch: u32,
}

fn train(config: Config) -> Outcome {
    let label = format!(
        "{:?} hidden {} layers {}",
        config.task, config.hidden, config.layers
    );
    let mut trainer = Trainer::new(config).unwrap();
    while *trainer.status() == RunStatus::Running {
        trainer.run_for(Budget::Epochs(50));
    }
    assert_eq!(*trainer.status(), RunStatus::Finished, "{label}");
    let (best_epoch, best_val) = trainer.best_epoch().unwrap();
    let last = trainer.history().last().unwrap().clone();
    println!(
        "{label}: best val {best_val:.4} at epoch {best_epoch}; final train {:.4}, final val {:.4}",
        last.train_loss, last.val_loss
    );
    Outcome {
        last,
        best_val,
        best_epoch,
    }
}

/// Smallest model: both losses high and close together.
fn assert_underfits(small: &Outcome, big: &Outcome) {
    let (train, val) = (small.last.train_loss, small.last.val_loss);
    assert!(
        val < 1.25 * train,
        "small model's losses close: train {train}, val {val}"
    );
    assert!(
        train > 5.0 * big.last.train_loss,
        "small model cannot fit the training set: {train} vs the big model's {}",
        big.last.train_loss
    );
}

/// Largest model: final train at most half final validation, and validation at least 20%
/// above its own minimum by the end.
fn assert_overfits(big: &Outcome) {
    let (train, val) = (big.last.train_loss, big.last.val_loss);
    assert!(
        train <= 0.5 * val,
        "big model fits train ({train}) far better than val ({val})"
    );
    assert!(
        val >= 1.2 * big.best_val,
        "validation rose from {} (epoch {}) to {val}",
        big.best_val,
        big.best_epoch
    );
    assert!(
        big.best_epoch < big.last.epoch,
        "the minimum came before the end"
    );
}

#[test]
fn forecasting_preset_underfits_small_and_overfits_large() {
    let preset = Config::preset(TaskKind::Forecast);
    let small = train(Config {
        hidden: 2,
        ..preset.clone()
    });
    let big = train(Config {
        hidden: 128,
        ..preset
    });
    assert_underfits(&small, &big);
    assert_overfits(&big);
}

#[test]
fn text_preset_underfits_small_and_overfits_large() {
    let preset = Config::preset(TaskKind::Text);
    let small = train(Config {
        hidden: 2,
        ..preset.clone()
    });
    let big = train(Config {
        hidden: 256,
        ..preset
    });
    assert_underfits(&small, &big);
    assert_overfits(&big);
}

#[test]
fn adding_problem_needs_a_gated_cell() {
    use rnn_playground::nn::CellKind;
    let preset = Config::preset(TaskKind::Adding);
    assert!((50..=200).contains(&preset.seq_len));
    let best_val = |cell| {
        train(Config {
            cell,
            ..preset.clone()
        })
        .best_val
    };
    let lstm = best_val(CellKind::Lstm);
    let gru = best_val(CellKind::Gru);
    let rnn = best_val(CellKind::RnnTanh);
    assert!(lstm < 0.05, "LSTM validation MSE {lstm}");
    assert!(gru < 0.05, "GRU validation MSE {gru}");
    assert!(
        rnn > 0.1,
        "a tanh RNN of the same size should stay near the 1/6 baseline, got {rnn}"
    );
}
