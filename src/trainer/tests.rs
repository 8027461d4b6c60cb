//! Internal errors end a run as failed, never as divergence; early stopping and "keep best
//! weights" put the best epoch's weights back.

use ndarray::Array2;

use super::{Budget, RunStatus, Trainer};
use crate::config::{Config, TaskKind};
use crate::nn::{Dataset, Inputs, Targets};

/// A forecast run small enough that an epoch takes microseconds.
fn small_forecast() -> Trainer {
    Trainer::new(small_forecast_config()).expect("a valid small config")
}

fn small_forecast_config() -> Config {
    Config {
        task: TaskKind::Forecast,
        hidden: 4,
        layers: 1,
        seq_len: 8,
        train_size: 8,
        val_size: 4,
        batch: 4,
        max_epochs: 3,
        ..Config::default()
    }
}

/// Token inputs: a dense-input forecasting network refuses them.
fn tokens_dataset() -> Dataset {
    Dataset {
        inputs: Inputs::Tokens(Array2::zeros((2, 8))),
        targets: Targets::Classes(vec![0; 16]),
    }
}

fn assert_failed_without_advice(trainer: &Trainer) {
    let RunStatus::Failed { message, words } = trainer.status() else {
        panic!("expected a failed run, got {:?}", trainer.status());
    };
    assert!(!message.is_empty());
    assert_eq!(
        words.get("en"),
        Some(message),
        "the words hold the English message too"
    );
    assert!(words.len() >= 2, "every language: {words:?}");
    assert!(
        !message.contains("learning rate"),
        "an internal error gets no training advice: {message}"
    );
}

#[test]
fn a_validation_set_the_network_refuses_fails_the_run() {
    let mut trainer = small_forecast();
    trainer.task.val = tokens_dataset();
    let reports = trainer.run_for(Budget::Epochs(1));
    assert!(reports.is_empty(), "no epoch is reported: {reports:?}");
    assert_failed_without_advice(&trainer);
    // A failed run stays stopped.
    assert!(trainer.run_for(Budget::Steps(5)).is_empty());
    assert_eq!(trainer.total_steps(), 2, "two steps made the first epoch");
}

#[test]
fn a_training_batch_the_network_refuses_fails_the_run() {
    let mut trainer = small_forecast();
    trainer.task.train = tokens_dataset();
    trainer.current = super::EpochInProgress::new(trainer.task.train.len());
    assert!(trainer.run_for(Budget::Steps(3)).is_empty());
    assert_failed_without_advice(&trainer);
    assert_eq!(trainer.total_steps(), 0);
}

/// A run long and big enough for validation to turn up after its best epoch.
fn overfitting_forecast(patience: u32, keep_best: u32) -> Trainer {
    let config = Config {
        task: TaskKind::Forecast,
        hidden: 32,
        seq_len: 16,
        train_size: 8,
        val_size: 8,
        batch: 4,
        max_epochs: 60,
        patience,
        keep_best,
        ..Config::default()
    };
    Trainer::new(config).expect("a valid config")
}

fn run_to_end(trainer: &mut Trainer) {
    while *trainer.status() == RunStatus::Running {
        trainer.run_for(Budget::Epochs(10));
    }
}

#[test]
fn keep_best_puts_the_best_epochs_weights_back_at_the_end() {
    let mut trainer = overfitting_forecast(0, 1);
    run_to_end(&mut trainer);
    assert_eq!(*trainer.status(), RunStatus::Finished);
    let (best_epoch, best_val) = trainer.best_epoch().unwrap();
    assert!(best_epoch < 60, "validation turned up in this run");
    let now = trainer.network.evaluate(&trainer.task.val).unwrap().loss;
    assert_eq!(now, best_val);
}

#[test]
fn early_stopping_stops_after_patience_epochs_and_keeps_the_best_weights() {
    let mut trainer = overfitting_forecast(5, 0);
    run_to_end(&mut trainer);
    let (best_epoch, best_val) = trainer.best_epoch().unwrap();
    let RunStatus::StoppedEarly {
        best_epoch: kept,
        kept_val_loss,
    } = *trainer.status()
    else {
        panic!("{:?}", trainer.status())
    };
    assert_eq!(kept, best_epoch);
    assert_eq!(trainer.epochs_done(), best_epoch + 5);
    assert_eq!(kept_val_loss, best_val);
    let now = trainer.network.evaluate(&trainer.task.val).unwrap().loss;
    assert_eq!(now, best_val);
}

#[test]
fn epoch_progress_counts_the_mini_batches_of_the_epoch_in_progress() {
    let mut trainer = small_forecast();
    // 8 training sequences in batches of 4: two steps per epoch.
    assert_eq!(trainer.epoch_progress(), (0, 2));
    trainer.run_for(Budget::Steps(1));
    assert_eq!(trainer.epoch_progress(), (1, 2));
    trainer.run_for(Budget::Steps(1));
    assert_eq!(
        trainer.epoch_progress(),
        (0, 2),
        "a finished epoch starts the count again"
    );
    assert_eq!(trainer.epochs_done(), 1);
}

#[test]
fn flops_per_step_grow_with_the_model() {
    let small = small_forecast();
    let big = Trainer::new(Config {
        hidden: 8,
        ..small.config().clone()
    })
    .expect("a valid config");
    assert!(small.flops_per_step() > 0.0);
    assert!(big.flops_per_step() > 3.0 * small.flops_per_step());
}

#[test]
fn a_step_budget_stops_at_the_first_finished_epoch() {
    let mut trainer = small_forecast();
    // A generous time budget: tiny epochs would fit several, the budget allows one.
    let reports = trainer.run_for(Budget::MillisUntilEpoch(10_000.0));
    assert_eq!(reports.len(), 1);
    assert_eq!(trainer.epochs_done(), 1);
}

/// A saved run in the middle of its validation pass (which spans slices) goes on with the
/// chunks left, and ends up where the run that was never saved does.
#[test]
fn a_snapshot_taken_during_validation_resumes_the_pass() {
    let config = Config {
        val_size: 700, // 256 sequences a chunk: three chunks
        ..small_forecast_config()
    };
    let mut straight = Trainer::new(config.clone()).unwrap();
    straight.run_for(Budget::Epochs(3));

    let mut first = Trainer::new(config).unwrap();
    while first.validating.as_ref().is_none_or(|v| v.progress().0 < 1) {
        first.work_once().unwrap();
    }
    assert_eq!(
        first.validating.as_ref().map(|v| v.progress()),
        Some((1, 3))
    );
    let json = serde_json::to_string(&first.snapshot()).unwrap();
    let mut resumed = Trainer::resume(serde_json::from_str(&json).unwrap()).unwrap();
    assert!(resumed.is_validating());
    resumed.run_for(Budget::Epochs(3));
    let losses = |t: &Trainer| {
        let history = t.history().iter();
        history
            .map(|r| (r.train_loss.to_bits(), r.val_loss.to_bits()))
            .collect::<Vec<_>>()
    };
    assert_eq!(losses(&resumed), losses(&straight));
    assert_eq!(
        resumed.network().state_dict_json(),
        straight.network().state_dict_json()
    );
}
