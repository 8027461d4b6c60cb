//! A saved run continues bit for bit: training N epochs straight gives the same history
//! and weights as training k, saving, resuming in a fresh trainer and training the rest.
#![cfg(not(target_arch = "wasm32"))]

use rnn_playground::config::{Config, OptimizerChoice, TaskKind};
use rnn_playground::nn::CellKind;
use rnn_playground::trainer::{Budget, EpochReport, RunStatus, Trainer, TrainerSnapshot};

const EPOCHS: u32 = 5;

fn config(cell: CellKind, dropout: f32, optimizer: OptimizerChoice) -> Config {
    Config {
        cell,
        dropout,
        optimizer,
        momentum: 0.9,
        hidden: 8,
        layers: 2,
        train_size: 18,
        val_size: 12,
        batch: 4,
        max_epochs: EPOCHS,
        ..Config::default()
    }
}

/// Everything but the wall time, which no two runs share.
fn numbers(history: &[EpochReport]) -> Vec<[u32; 7]> {
    let bits = |x: Option<f32>| x.map_or(u32::MAX, f32::to_bits);
    history
        .iter()
        .map(|r| {
            [
                r.epoch,
                r.train_loss.to_bits(),
                r.val_loss.to_bits(),
                bits(r.train_accuracy),
                bits(r.val_accuracy),
                r.grad_norm.to_bits(),
                r.steps,
            ]
        })
        .collect()
}

fn weight_bits(trainer: &Trainer) -> Vec<Vec<u32>> {
    let params = trainer.network().parameters();
    params
        .iter()
        .map(|p| p.value.iter().map(|v| v.to_bits()).collect())
        .collect()
}

/// Through JSON, as the page keeps it between turns (serde-wasm-bindgen keeps the same
/// numbers: f32 and f64 both travel as JS numbers).
fn round_trip(snapshot: &TrainerSnapshot) -> TrainerSnapshot {
    serde_json::from_str(&serde_json::to_string(snapshot).unwrap()).unwrap()
}

fn finish(trainer: &mut Trainer) {
    while *trainer.status() == RunStatus::Running {
        trainer.run_for(Budget::Epochs(1));
    }
}

#[test]
fn a_resumed_run_equals_the_straight_one_for_every_cell_dropout_and_optimizer() {
    for cell in [
        CellKind::RnnTanh,
        CellKind::RnnRelu,
        CellKind::Lstm,
        CellKind::Gru,
    ] {
        for dropout in [0.0, 0.3] {
            for optimizer in [OptimizerChoice::Adam, OptimizerChoice::Sgd] {
                let settings = config(cell, dropout, optimizer);
                let case = format!("{cell:?}, dropout {dropout}, {optimizer:?}");
                let mut straight = Trainer::new(settings.clone()).unwrap();
                finish(&mut straight);
                assert_eq!(straight.epochs_done(), EPOCHS, "{case}");

                // Saved twice: at an epoch boundary, and in the middle of an epoch (5 steps
                // per epoch: 2 epochs and 2 steps).
                let mut first = Trainer::new(settings.clone()).unwrap();
                first.run_for(Budget::Epochs(2));
                let mut second = Trainer::resume(round_trip(&first.snapshot())).unwrap();
                assert_eq!(second.total_steps(), 10, "{case}");
                second.run_for(Budget::Steps(2));
                let mut third = Trainer::resume(round_trip(&second.snapshot())).unwrap();
                assert_eq!(third.epoch_progress().0, 2, "{case}: mid-epoch place kept");
                finish(&mut third);

                assert_eq!(
                    numbers(third.history()),
                    numbers(straight.history()),
                    "{case}"
                );
                assert_eq!(weight_bits(&third), weight_bits(&straight), "{case}");
                assert_eq!(third.total_steps(), straight.total_steps(), "{case}");
                assert_eq!(third.best_epoch(), straight.best_epoch(), "{case}");
                assert_eq!(third.status(), straight.status(), "{case}");
            }
        }
    }
}

#[test]
fn early_stopping_state_and_kept_best_weights_survive_a_resume() {
    // Patience on: early stopping needs the remembered best weights.
    let settings = Config {
        patience: 2,
        max_epochs: 40,
        lr: 0.05,
        ..config(CellKind::Gru, 0.0, OptimizerChoice::Adam)
    };
    let mut straight = Trainer::new(settings.clone()).unwrap();
    finish(&mut straight);
    assert!(
        matches!(straight.status(), RunStatus::StoppedEarly { .. }),
        "{:?}",
        straight.status()
    );
    let stopped_at = straight.epochs_done();
    for saved_after in 1..stopped_at {
        let mut first = Trainer::new(settings.clone()).unwrap();
        first.run_for(Budget::Epochs(saved_after));
        let mut resumed = Trainer::resume(round_trip(&first.snapshot())).unwrap();
        finish(&mut resumed);
        assert_eq!(
            resumed.status(),
            straight.status(),
            "saved after {saved_after}"
        );
        assert_eq!(
            weight_bits(&resumed),
            weight_bits(&straight),
            "saved after {saved_after}"
        );
    }
}

#[test]
fn a_finished_run_resumes_finished() {
    let mut trainer = Trainer::new(config(CellKind::RnnTanh, 0.0, OptimizerChoice::Sgd)).unwrap();
    finish(&mut trainer);
    let resumed = Trainer::resume(round_trip(&trainer.snapshot())).unwrap();
    assert_eq!(*resumed.status(), RunStatus::Finished);
    assert_eq!(numbers(resumed.history()), numbers(trainer.history()));
}

/// The snapshot as JSON, edited by `edit`, read back.
fn edited(snapshot: &TrainerSnapshot, edit: impl Fn(&mut serde_json::Value)) -> TrainerSnapshot {
    let mut json = serde_json::to_value(snapshot).unwrap();
    edit(&mut json);
    serde_json::from_value(json).unwrap()
}

fn refusal(snapshot: TrainerSnapshot) -> String {
    match Trainer::resume(snapshot) {
        Ok(_) => panic!("a snapshot that does not fit was accepted"),
        Err(error) => error.to_string(),
    }
}

#[test]
fn a_snapshot_that_does_not_fit_its_settings_is_refused_with_the_part_named() {
    let mut trainer = Trainer::new(config(CellKind::Lstm, 0.0, OptimizerChoice::Adam)).unwrap();
    trainer.run_for(Budget::Steps(7));
    let saved = trainer.snapshot();

    // Another hidden size: every tensor has the wrong size for the rebuilt network.
    let bigger = edited(&saved, |json| json["config"]["hidden"] = 9.into());
    assert!(refusal(bigger).contains("(weights)"));
    // One weight missing from a tensor.
    let short = edited(&saved, |json| {
        json["weights"][0].as_array_mut().unwrap().pop();
    });
    assert!(refusal(short).contains("(weights)"));
    // Adam's moments for SGD settings.
    let sgd = edited(&saved, |json| json["config"]["optimizer"] = "sgd".into());
    assert!(refusal(sgd).contains("(optimizer)"));
    // An epoch order that is not a permutation of the training set.
    let order = edited(&saved, |json| json["epoch"]["order"][0] = 99.into());
    assert!(refusal(order).contains("(epoch)"));
    // A history with a gap.
    let mut gap = trainer;
    gap.run_for(Budget::Epochs(2));
    let gap = edited(&gap.snapshot(), |json| {
        json["history"][0]["epoch"] = 5.into()
    });
    assert!(refusal(gap).contains("(history)"));
    // Settings that are not valid at all: refused like any other config.
    let invalid = edited(&saved, |json| json["config"]["hidden"] = 0.into());
    assert!(Trainer::resume(invalid).is_err());
}

#[test]
fn a_run_on_the_readers_own_series_resumes_on_it() {
    let values: Vec<f32> = (0..200).map(|i| (i as f32 * 0.3).sin()).collect();
    let settings = Config {
        task: TaskKind::Forecast,
        ..config(CellKind::Gru, 0.0, OptimizerChoice::Adam)
    };
    let mut straight = Trainer::with_own_series(settings.clone(), &values).unwrap();
    finish(&mut straight);
    let mut first = Trainer::with_own_series(settings, &values).unwrap();
    first.run_for(Budget::Steps(3));
    let mut resumed =
        Trainer::resume_with_own_series(round_trip(&first.snapshot()), &values).unwrap();
    finish(&mut resumed);
    assert_eq!(numbers(resumed.history()), numbers(straight.history()));
    assert_eq!(weight_bits(&resumed), weight_bits(&straight));
}
