#![cfg(not(target_arch = "wasm32"))]
//! The tasks as the trainer sees them: shapes, determinism, held-out validation,
//! baselines and noise measured on the generated data (the text task: text_task.rs).

use std::f32::consts::TAU;

use rnn_playground::config::{Config, TaskKind};
use rnn_playground::data::{self, classify};
use rnn_playground::nn::{Dataset, Inputs, LossKind, Readout, Targets};
use rnn_playground::rng::Rng;

mod common;
use common::tasks::{build, classes, dense, sized, small, values};

#[test]
fn same_seed_gives_the_same_data_and_another_seed_other_data() {
    for task in TaskKind::ALL {
        let config = small(task);
        let a = build(&config, 11);
        let b = build(&config, 11);
        let c = build(&config, 12);
        assert_eq!(a, b, "{task:?}");
        assert_ne!(a.train.inputs, c.train.inputs, "{task:?}");
        assert_ne!(a.val.inputs, c.val.inputs, "{task:?}");
    }
}

#[test]
fn shapes_match_the_declared_sizes_and_readout() {
    for task in TaskKind::ALL {
        let config = small(task);
        let data = build(&config, 3);
        let t = config.seq_len;
        for (set, n) in [
            (&data.train, config.train_size),
            (&data.val, config.val_size),
        ] {
            assert_eq!(set.len(), n, "{task:?}");
            assert_eq!(set.inputs.seq_len(), t, "{task:?}");
            let positions = match data.readout {
                Readout::AllSteps => n * t,
                Readout::LastStep => n,
            };
            assert_eq!(set.targets.num_positions(), positions, "{task:?}");
            match &set.inputs {
                Inputs::Dense(x) => assert_eq!(x.shape(), &[n, t, data.input_size]),
                Inputs::Tokens(x) => {
                    assert_eq!(x.shape(), &[n, t]);
                    assert!(x.iter().all(|&id| (id as usize) < data.input_size));
                }
            }
            match (&set.targets, data.loss) {
                (Targets::Values(y), LossKind::Mse) => assert_eq!(y.ncols(), data.output_size),
                (Targets::Classes(y), LossKind::CrossEntropy) => {
                    assert!(y.iter().all(|&c| (c as usize) < data.output_size))
                }
                _ => panic!("{task:?}: targets do not fit the loss"),
            }
        }
        assert!(
            data.baseline_loss.is_finite() && data.baseline_loss > 0.0,
            "{task:?}"
        );
        assert!(!data.baseline_label.english().is_empty() && !data.loss_label.english().is_empty());
        assert_eq!(data.vocab.is_some(), task == TaskKind::Text);
    }
    let expected = [
        (TaskKind::Forecast, 1, 1, Readout::AllSteps, LossKind::Mse),
        (TaskKind::Adding, 2, 1, Readout::LastStep, LossKind::Mse),
        (
            TaskKind::Classify,
            1,
            classify::CLASSES,
            Readout::LastStep,
            LossKind::CrossEntropy,
        ),
    ];
    for (task, input, output, readout, loss) in expected {
        let data = build(&small(task), 3);
        assert_eq!(
            (data.input_size, data.output_size, data.readout, data.loss),
            (input, output, readout, loss)
        );
    }
}

#[test]
fn validation_set_does_not_depend_on_the_training_size() {
    for task in TaskKind::ALL {
        let config = small(task);
        let mut bigger = config.clone();
        bigger.train_size = 40;
        assert_eq!(build(&config, 5).val, build(&bigger, 5).val, "{task:?}");
    }
}

#[test]
fn no_validation_sequence_repeats_a_training_sequence() {
    for task in [TaskKind::Forecast, TaskKind::Adding, TaskKind::Classify] {
        let data = build(&small(task), 8);
        let train = dense(&data.train);
        let val = dense(&data.val);
        for v in val.outer_iter() {
            assert!(train.outer_iter().all(|t| t != v), "{task:?}");
        }
    }
}

#[test]
fn forecast_targets_are_the_next_noisy_value() {
    let config = small(TaskKind::Forecast);
    let data = build(&config, 2);
    let (x, y) = (dense(&data.train), values(&data.train));
    let t_len = config.seq_len;
    for b in 0..config.train_size {
        for t in 0..t_len - 1 {
            assert_eq!(y[[b * t_len + t, 0]], x[[b, t + 1, 0]]);
        }
    }
}

#[test]
fn forecast_noise_has_the_requested_std_and_sets_the_baseline() {
    let mut clean = Config::preset(TaskKind::Forecast);
    clean.train_size = 512;
    clean.val_size = 512;
    clean.noise = 0.0;
    let mut noisy = clean.clone();
    noisy.noise = 0.5;
    let (clean_data, noisy_data) = (build(&clean, 4), build(&noisy, 4));
    // Same seed, same waves: the difference is the noise alone.
    let diff = dense(&noisy_data.val) - dense(&clean_data.val);
    let std = (diff.mapv(|d| d * d).mean().unwrap()).sqrt();
    assert!((std - 0.5).abs() < 0.01, "noise std {std}");
    // Predicting the mean scores the wave's variance plus the noise's.
    let expected_clean = data::forecast::SIGNAL_VARIANCE;
    assert!(
        (clean_data.baseline_loss - expected_clean).abs() < 0.05,
        "{}",
        clean_data.baseline_loss
    );
    assert!(
        (noisy_data.baseline_loss - (expected_clean + 0.25)).abs() < 0.06,
        "{}",
        noisy_data.baseline_loss
    );
}

#[test]
fn adding_problem_has_two_markers_one_per_half_and_the_sum_as_target() {
    let config = small(TaskKind::Adding);
    let data = build(&config, 9);
    let (x, y) = (dense(&data.train), values(&data.train));
    let half = config.seq_len / 2;
    for b in 0..config.train_size {
        let marked: Vec<usize> = (0..config.seq_len)
            .filter(|&t| x[[b, t, 1]] == 1.0)
            .collect();
        assert_eq!(marked.len(), 2);
        assert!(marked[0] < half && marked[1] >= half);
        assert!((0..config.seq_len).all(|t| (0.0..1.0).contains(&x[[b, t, 0]])));
        assert_eq!(y[[b, 0]], x[[b, marked[0], 0]] + x[[b, marked[1], 0]]);
    }
}

#[test]
fn adding_problem_baseline_is_one_sixth() {
    let data = build(&sized(TaskKind::Adding, 4096, 4096), 1);
    assert!(
        (data.baseline_loss - 1.0 / 6.0).abs() < 0.01,
        "baseline {}",
        data.baseline_loss
    );
}

/// Frequency (cycles per step) where the periodogram of `x` peaks.
fn dominant_frequency(x: &[f32]) -> f32 {
    let mut best = (0.0f32, 0.0f32);
    for i in 10..=500 {
        let f = i as f32 / 1000.0;
        let (re, im) = x
            .iter()
            .enumerate()
            .fold((0.0f32, 0.0f32), |(re, im), (t, &v)| {
                let angle = TAU * f * t as f32;
                (re + v * angle.cos(), im + v * angle.sin())
            });
        let power = re * re + im * im;
        if power > best.1 {
            best = (f, power);
        }
    }
    best.0
}

/// Fraction of sequences whose label is not the band of their measured frequency.
fn mislabelled_fraction(data: &Dataset) -> f32 {
    let x = dense(data);
    let labels = classes(data);
    let wrong = x
        .outer_iter()
        .zip(labels)
        .filter(|(seq, &label)| {
            let f = dominant_frequency(&seq.iter().copied().collect::<Vec<_>>());
            let nearest = (0..classify::CLASSES)
                .min_by(|&a, &b| {
                    let distance = |c: usize| {
                        let (lo, hi) = classify::band(c);
                        if f < lo {
                            lo - f
                        } else if f > hi {
                            f - hi
                        } else {
                            0.0
                        }
                    };
                    distance(a).total_cmp(&distance(b))
                })
                .unwrap();
            nearest as u32 != label
        })
        .count();
    wrong as f32 / labels.len() as f32
}

#[test]
fn label_noise_flips_the_requested_fraction_of_training_labels_only() {
    let mut config = Config {
        seq_len: 64, // long enough to measure each wave's frequency reliably
        noise: 0.3,
        ..sized(TaskKind::Classify, 2000, 1000)
    };
    let data = build(&config, 21);
    let val_wrong = mislabelled_fraction(&data.val);
    let train_wrong = mislabelled_fraction(&data.train);
    assert!(
        val_wrong < 0.02,
        "clean validation labels disagree with the waves: {val_wrong}"
    );
    assert!(
        (train_wrong - 0.3).abs() < 0.03,
        "measured training label noise {train_wrong}"
    );

    config.noise = 0.0;
    let clean = build(&config, 21);
    assert!(mislabelled_fraction(&clean.train) < 0.02);
    // Baseline: class frequencies of 4 balanced classes, about ln 4.
    assert!(
        (clean.baseline_loss - 4f32.ln()).abs() < 0.02,
        "{}",
        clean.baseline_loss
    );
}

#[test]
fn flip_labels_changes_exactly_the_rounded_fraction_to_other_classes() {
    let (mut data, _) = classify::generate(200, 5, &mut Rng::new(1));
    let before = classes(&data).to_vec();
    let flipped = classify::flip_labels(&mut data, 0.25, &mut Rng::new(2));
    let after = classes(&data);
    assert_eq!(flipped, 50);
    assert_eq!(before.iter().zip(after).filter(|(a, b)| a != b).count(), 50);
}
