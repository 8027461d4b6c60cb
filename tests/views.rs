//! The trainer's "inside the network" views: heatmaps, predictions and samples built from
//! a run without changing it, and the page's view requests.
#![cfg(not(target_arch = "wasm32"))]

use rnn_playground::config::{Config, TaskKind};
use rnn_playground::data::sample::argmax;
use rnn_playground::nn::CellKind;
use rnn_playground::trainer::{Budget, InputTrack, PredictionData, Trainer, ViewKind, ViewRequest};

mod common;
use common::tasks::small_text_run;

#[test]
fn heatmaps_match_layers_units_and_steps() {
    let mut trainer = Trainer::new(small_text_run(CellKind::Lstm, 2)).unwrap();
    trainer.run_for(Budget::Epochs(1));
    for layer in [0, 1, 7] {
        let heatmap = trainer.heatmap_data(layer).unwrap();
        assert_eq!(
            heatmap.layer,
            layer.min(1),
            "a layer past the top shows the top one"
        );
        assert_eq!((heatmap.layers, heatmap.units, heatmap.steps), (2, 16, 20));
        assert_eq!(heatmap.hidden.len(), 20 * 16);
        assert_eq!(heatmap.cell.as_ref().map(Vec::len), Some(20 * 16));
        assert!(
            heatmap.hidden.iter().all(|h| h.abs() < 1.0),
            "LSTM h = o * tanh(c) lies in (-1, 1)"
        );
        let InputTrack::Chars { chars } = &heatmap.inputs else {
            panic!("text shows characters")
        };
        assert_eq!(chars.len(), 20);
        assert!(chars.iter().all(|c| c.chars().count() == 1));
    }
    // A GRU has no cell state; the forecast task shows its input values.
    let steps = Config::default().seq_len;
    let mut trainer = Trainer::new(Config {
        cell: CellKind::Gru,
        hidden: 5,
        layers: 3,
        ..Config::default()
    })
    .unwrap();
    let heatmap = trainer.heatmap_data(2).unwrap();
    assert_eq!(
        (heatmap.layer, heatmap.layers, heatmap.units, heatmap.steps),
        (2, 3, 5, steps)
    );
    assert_eq!(heatmap.hidden.len(), steps * 5);
    assert!(heatmap.cell.is_none());
    let InputTrack::Values { names, series } = &heatmap.inputs else {
        panic!("forecast shows values")
    };
    assert_eq!((names.len(), series.len(), series[0].len()), (1, 1, steps));
}

#[test]
fn looking_inside_does_not_change_the_run() {
    let config = Config {
        hidden: 8,
        train_size: 16,
        val_size: 16,
        batch: 4,
        dropout: 0.3,
        layers: 2,
        ..Config::default()
    };
    let mut watched = Trainer::new(config.clone()).unwrap();
    let mut unwatched = Trainer::new(config).unwrap();
    for _ in 0..6 {
        watched.run_for(Budget::Epochs(1));
        let data = watched.view_data(&ViewRequest::default());
        assert!(data.predictions.is_some() && data.heatmap.is_some() && data.saturation.is_some());
        unwatched.run_for(Budget::Epochs(1));
    }
    for (a, b) in watched.history().iter().zip(unwatched.history()) {
        assert_eq!(a.train_loss.to_bits(), b.train_loss.to_bits());
        assert_eq!(a.val_loss.to_bits(), b.val_loss.to_bits());
    }
}

#[test]
fn forecast_predictions_trace_a_training_and_a_validation_sequence() {
    let steps = Config::default().seq_len;
    let mut trainer = Trainer::new(Config {
        hidden: 16,
        max_epochs: 400,
        ..Config::default()
    })
    .unwrap();
    let before = trainer.prediction_data().unwrap();
    trainer.run_for(Budget::Epochs(150));
    let after = trainer.prediction_data().unwrap();
    let (PredictionData::Sequences { train: train0, .. }, PredictionData::Sequences { train, val }) =
        (&before, &after)
    else {
        panic!("forecast predicts at every step")
    };
    for trace in [train, val] {
        assert_eq!(
            (
                trace.inputs.len(),
                trace.targets.len(),
                trace.predictions.len()
            ),
            (steps, steps, steps)
        );
        // The target is the next input: the task is forecasting.
        assert_eq!(&trace.targets[..steps - 1], &trace.inputs[1..]);
        let mse: f32 = trace
            .targets
            .iter()
            .zip(&trace.predictions)
            .map(|(t, p)| (t - p).powi(2))
            .sum::<f32>()
            / steps as f32;
        assert!((mse - trace.mse).abs() < 1e-5);
    }
    assert_eq!(
        train.targets, train0.targets,
        "the same sequence is traced every time"
    );
    assert!(
        train.mse < 0.5 * train0.mse,
        "training fits the traced sequence: {} -> {}",
        train0.mse,
        train.mse
    );
}

#[test]
fn adding_predictions_are_a_scatter_and_text_has_none() {
    let mut trainer = Trainer::new(Config {
        seq_len: 20,
        train_size: 40,
        val_size: 200,
        ..Config::preset(TaskKind::Adding)
    })
    .unwrap();
    let PredictionData::Scatter {
        train,
        val,
        val_mse,
        ..
    } = trainer.prediction_data().unwrap()
    else {
        panic!("the adding problem predicts once per sequence")
    };
    assert_eq!((train.len(), val.len()), (40, 128));
    assert!(
        train.iter().chain(&val).all(|p| (0.0..2.0).contains(&p[0])),
        "targets are sums of two values in [0, 1)"
    );
    let mse = val.iter().map(|p| (p[1] - p[0]).powi(2)).sum::<f32>() / 128.0;
    assert!((mse - val_mse).abs() < 1e-5);

    let mut text = Trainer::new(small_text_run(CellKind::Lstm, 1)).unwrap();
    let data = text.view_data(&ViewRequest {
        views: vec![ViewKind::Predictions, ViewKind::Samples],
        ..ViewRequest::default()
    });
    assert!(data.predictions.is_none() && data.samples.is_some());
    assert_eq!(data.unavailable[0].view, ViewKind::Predictions);
}

#[test]
fn samples_are_reproducible_and_greedy_sampling_follows_the_argmax() {
    let mut trainer = Trainer::new(small_text_run(CellKind::Gru, 2)).unwrap();
    trainer.run_for(Budget::Epochs(5));
    let a = trainer.sample_data(1.0, 120).unwrap();
    let b = trainer.sample_data(1.0, 120).unwrap();
    assert_eq!(
        a.generated, b.generated,
        "same run, epoch and temperature: same text"
    );
    assert_eq!(a.generated.chars().count(), 120);
    assert_eq!(a.prompt.chars().count(), 8);

    // At temperature 0 every character is the argmax given everything before it.
    let greedy = trainer.sample_data(0.0, 30).unwrap();
    let vocab = trainer.task().vocab.clone().unwrap();
    let id = |c: char| vocab.iter().position(|&v| v == c).unwrap() as u32;
    let mut stepper = trainer.network().stepper();
    let mut logits = Vec::new();
    for c in greedy.prompt.chars() {
        logits = stepper.step_token(id(c)).unwrap().to_vec();
    }
    for c in greedy.generated.chars() {
        assert_eq!(vocab[argmax(&logits)], c);
        logits = stepper.step_token(id(c)).unwrap().to_vec();
    }

    // The scored snippets: one loss per predicted character, averaging to the model's
    // loss on that sequence.
    for scored in [&a.train, &a.val] {
        assert_eq!((scored.chars.len(), scored.loss.len()), (20, 20));
        assert!(scored.loss.iter().all(|&l| l.is_finite() && l >= 0.0));
        let set = if std::ptr::eq(scored, &a.train) {
            &trainer.task().train
        } else {
            &trainer.task().val
        };
        let one = set.gather(&[scored.sequence]);
        let mut network = trainer.network().clone();
        let loss = network.evaluate(&one).unwrap().loss;
        assert!(
            (scored.mean_loss - loss).abs() < 1e-4,
            "{} vs {loss}",
            scored.mean_loss
        );
    }
    assert!((a.uniform_loss - (vocab.len() as f32).ln()).abs() < 1e-6);
}

#[test]
fn requests_from_the_page_are_read_leniently() {
    let names: Vec<String> = ["saturation", "bogus", "predictions", "saturation"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let request = ViewRequest::lenient(&names, f64::NAN, -3.0, 1e9);
    assert_eq!(
        request.views,
        vec![ViewKind::Predictions, ViewKind::Saturation]
    );
    assert_eq!((request.temperature, request.layer), (1.0, 0));
    assert_eq!(
        request.sample_chars,
        rnn_playground::trainer::MAX_SAMPLE_CHARS
    );
    assert_eq!(ViewRequest::lenient(&[], 99.0, 2.7, 10.0).temperature, 5.0);
}
