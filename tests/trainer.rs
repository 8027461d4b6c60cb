//! The training loop: slices, determinism, best epoch, live changes and divergence.
#![cfg(not(target_arch = "wasm32"))]

use rnn_playground::config::{Config, OptimizerChoice, TaskKind};
use rnn_playground::trainer::{Budget, LiveChange, RunStatus, Trainer};

/// The forecast preset made small enough for an epoch to take a few milliseconds.
fn small_config() -> Config {
    Config {
        hidden: 8,
        train_size: 16,
        val_size: 16,
        batch: 4,
        max_epochs: 30,
        ..Config::default()
    }
}

#[test]
fn same_seed_gives_bit_identical_histories_and_another_seed_differs() {
    let run = |seed| {
        let mut trainer = Trainer::new(Config {
            seed,
            ..small_config()
        })
        .unwrap();
        trainer.run_for(Budget::Epochs(5));
        trainer.history().to_vec()
    };
    let first = run(7);
    let second = run(7);
    assert_eq!(first.len(), 5);
    for (a, b) in first.iter().zip(&second) {
        assert_eq!(a.train_loss.to_bits(), b.train_loss.to_bits());
        assert_eq!(a.val_loss.to_bits(), b.val_loss.to_bits());
    }
    assert_ne!(first[4].val_loss, run(8)[4].val_loss);
}

#[test]
fn a_step_budget_takes_exactly_that_many_steps_and_epochs_span_slices() {
    let mut trainer = Trainer::new(small_config()).unwrap();
    // 16 sequences in batches of 4: four steps per epoch.
    assert!(trainer.run_for(Budget::Steps(3)).is_empty());
    assert_eq!(trainer.total_steps(), 3);
    let finished = trainer.run_for(Budget::Steps(6));
    assert_eq!(trainer.total_steps(), 9);
    assert_eq!(
        finished.iter().map(|r| r.epoch).collect::<Vec<_>>(),
        vec![1, 2]
    );
    assert!(finished.iter().all(|r| r.steps == 4));
}

#[test]
fn best_epoch_is_the_lowest_validation_loss_and_the_run_finishes_at_its_limit() {
    let mut trainer = Trainer::new(small_config()).unwrap();
    while *trainer.status() == RunStatus::Running {
        trainer.run_for(Budget::Millis(50.0));
    }
    assert_eq!(*trainer.status(), RunStatus::Finished);
    let history = trainer.history();
    assert_eq!(history.len(), 30);
    let lowest = history
        .iter()
        .min_by(|a, b| a.val_loss.total_cmp(&b.val_loss))
        .unwrap();
    assert_eq!(trainer.best_epoch(), Some((lowest.epoch, lowest.val_loss)));
    // Training lowers the training loss.
    assert!(history[29].train_loss < history[0].train_loss);
    assert!(history
        .iter()
        .all(|r| r.wall_ms >= 0.0 && r.grad_norm.is_finite() && r.grad_norm > 0.0));
}

#[test]
fn live_settings_apply_in_place_and_structural_ones_need_a_reset() {
    let mut trainer = Trainer::new(small_config()).unwrap();
    trainer.run_for(Budget::Epochs(2));
    let mut live = trainer.config().clone();
    live.lr = 0.003;
    live.dropout = 0.2;
    live.l2 = 1e-4;
    assert_eq!(trainer.apply_live(&live), LiveChange::Applied);
    assert_eq!(trainer.config().lr, 0.003);
    trainer.run_for(Budget::Epochs(1));
    assert_eq!(
        trainer.epochs_done(),
        3,
        "training continued from where it was"
    );

    let mut wider = live.clone();
    wider.hidden += 1;
    assert_eq!(trainer.apply_live(&wider), LiveChange::NeedsReset);
    assert_eq!(trainer.config().hidden, live.hidden, "nothing changed");
}

#[test]
fn raising_the_epoch_limit_resumes_a_finished_run() {
    let mut trainer = Trainer::new(Config {
        max_epochs: 2,
        ..small_config()
    })
    .unwrap();
    trainer.run_for(Budget::Epochs(5));
    assert_eq!(*trainer.status(), RunStatus::Finished);
    let more = Config {
        max_epochs: 4,
        ..trainer.config().clone()
    };
    assert_eq!(trainer.apply_live(&more), LiveChange::Applied);
    assert_eq!(trainer.run_for(Budget::Epochs(5)).len(), 2);
}

#[test]
fn learning_rate_ten_without_clipping_diverges_quickly_and_reports_no_nan() {
    for optimizer in [OptimizerChoice::Sgd, OptimizerChoice::Adam] {
        for task in [TaskKind::Forecast, TaskKind::Classify] {
            let config = Config {
                lr: 10.0,
                clip: 0.0,
                optimizer,
                hidden: 16,
                train_size: 32,
                val_size: 32,
                batch: 8,
                ..Config::preset(task)
            };
            let mut trainer = Trainer::new(config).unwrap();
            trainer.run_for(Budget::Epochs(10));
            let RunStatus::Diverged { message, .. } = trainer.status() else {
                panic!(
                    "{task:?} {optimizer:?}: still {:?} after {:?}",
                    trainer.status(),
                    trainer.history()
                );
            };
            assert!(message.contains("learning rate"), "{message}");
            assert!(trainer.epochs_done() < 10);
            for report in trainer.history() {
                assert!(
                    report.train_loss.is_finite() && report.val_loss.is_finite(),
                    "{report:?}"
                );
            }
        }
    }
}

#[test]
fn an_invalid_config_is_refused_with_the_field_named() {
    let error = Trainer::new(Config {
        hidden: 0,
        ..Config::default()
    })
    .err()
    .unwrap();
    assert!(error.to_string().contains("hidden"), "{error}");
}
