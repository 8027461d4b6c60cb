//! Internal errors end a run as failed, never as divergence.

use ndarray::Array2;

use super::{Budget, RunStatus, Trainer};
use crate::config::{Config, TaskKind};
use crate::nn::{Dataset, Inputs, Targets};

/// A forecast run small enough that an epoch takes microseconds.
fn small_forecast() -> Trainer {
    let config = Config {
        task: TaskKind::Forecast,
        hidden: 4,
        layers: 1,
        seq_len: 8,
        train_size: 8,
        val_size: 4,
        batch: 4,
        max_epochs: 3,
        ..Config::default()
    };
    Trainer::new(config).expect("a valid small config")
}

/// Token inputs: a dense-input forecasting network refuses them.
fn tokens_dataset() -> Dataset {
    Dataset {
        inputs: Inputs::Tokens(Array2::zeros((2, 8))),
        targets: Targets::Classes(vec![0; 16]),
    }
}

fn assert_failed_without_advice(trainer: &Trainer) {
    let RunStatus::Failed { message } = trainer.status() else {
        panic!("expected a failed run, got {:?}", trainer.status());
    };
    assert!(!message.is_empty());
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
