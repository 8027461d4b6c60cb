#![cfg(not(target_arch = "wasm32"))]
//! The tasks as the trainer sees them: shapes, determinism, held-out validation,
//! baselines and noise measured on the generated data.

use std::f32::consts::TAU;

use ndarray::{Array2, Array3};
use rnn_playground::config::{Config, TaskKind};
use rnn_playground::data::{self, build_task, classify, text, DataError, TaskData};
use rnn_playground::nn::{Dataset, Inputs, LossKind, Readout, Targets};
use rnn_playground::rng::Rng;

fn small(task: TaskKind) -> Config {
    let mut config = Config::preset(task);
    config.train_size = 24;
    config.val_size = 16;
    config.batch = 8;
    config
}

fn build(config: &Config, seed: u64) -> TaskData {
    build_task(config, &mut Rng::new(seed)).expect("valid config builds")
}

fn dense(data: &Dataset) -> &Array3<f32> {
    match &data.inputs {
        Inputs::Dense(x) => x,
        Inputs::Tokens(_) => panic!("expected dense inputs"),
    }
}

fn tokens(data: &Dataset) -> &Array2<u32> {
    match &data.inputs {
        Inputs::Tokens(x) => x,
        Inputs::Dense(_) => panic!("expected tokens"),
    }
}

fn values(data: &Dataset) -> &Array2<f32> {
    match &data.targets {
        Targets::Values(y) => y,
        Targets::Classes(_) => panic!("expected values"),
    }
}

fn classes(data: &Dataset) -> &[u32] {
    match &data.targets {
        Targets::Classes(y) => y,
        Targets::Values(_) => panic!("expected classes"),
    }
}

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
        assert!(!data.baseline_label.is_empty() && !data.loss_label.is_empty());
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
    let mut config = Config::preset(TaskKind::Adding);
    config.train_size = 4096;
    config.val_size = 4096;
    let data = build(&config, 1);
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
    let mut config = Config::preset(TaskKind::Classify);
    config.seq_len = 64; // long enough to measure each wave's frequency reliably
    config.train_size = 2000;
    config.val_size = 1000;
    config.noise = 0.3;
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

#[test]
fn built_in_text_windows_decode_to_grammar_sentences_with_shifted_targets() {
    let config = small(TaskKind::Text);
    let data = build(&config, 6);
    let vocab = data.vocab.clone().unwrap();
    let mut sorted = vocab.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(vocab, sorted, "vocabulary is sorted and unique");
    assert_eq!(data.input_size, vocab.len());
    let (x, y) = (tokens(&data.train), classes(&data.train));
    let t_len = config.seq_len;
    for b in 0..config.train_size {
        for t in 0..t_len - 1 {
            assert_eq!(y[b * t_len + t], x[[b, t + 1]]);
        }
    }
    let train_text: String = (0..config.train_size)
        .map(|b| {
            let mut ids: Vec<u32> = x.row(b).to_vec();
            ids.push(y[b * t_len + t_len - 1]);
            text::decode(&vocab, &ids)
        })
        .collect();
    assert!(train_text.contains(". "), "{train_text}");
    assert!(
        train_text
            .chars()
            .all(|c| c.is_ascii_alphabetic() || " .,".contains(c)),
        "{train_text}"
    );
    // Encoding and decoding are inverse on the vocabulary.
    assert_eq!(
        text::decode(&vocab, &text::encode(&vocab, &train_text)),
        train_text
    );
    // Baseline: between "knows nothing" (uniform) and a real model.
    assert!(
        data.baseline_loss < (vocab.len() as f32).ln() && data.baseline_loss > 2.0,
        "{}",
        data.baseline_loss
    );
    assert!((text::nats_to_bits(std::f32::consts::LN_2) - 1.0).abs() < 1e-6);
}

#[test]
fn built_in_validation_sentences_never_occur_in_training() {
    let mut config = Config::preset(TaskKind::Text);
    config.train_size = 400;
    config.val_size = 100;
    let data = build(&config, 13);
    let vocab = data.vocab.unwrap();
    let decode_set = |set: &Dataset| -> String {
        let (x, y) = (tokens(set), classes(set));
        let t_len = config.seq_len;
        (0..set.len())
            .map(|b| {
                let mut ids = x.row(b).to_vec();
                ids.push(y[b * t_len + t_len - 1]);
                text::decode(&vocab, &ids)
            })
            .collect()
    };
    let train_text = decode_set(&data.train);
    let val_text = decode_set(&data.val);
    // Whole sentences of the validation text: the pieces between two ". " (the first
    // and last pieces may be cut by the window boundaries).
    let pieces: Vec<&str> = val_text.split(". ").collect();
    let mut checked = 0;
    for whole in &pieces[1..pieces.len() - 1] {
        assert!(
            !train_text.contains(&format!(". {whole}.")),
            "'{whole}.' is in both sets"
        );
        checked += 1;
    }
    assert!(checked > 50);
}

fn text_config(pasted: &str, seq_len: usize, train: usize, val: usize) -> Config {
    let mut config = Config::preset(TaskKind::Text);
    config.text = pasted.to_string();
    config.seq_len = seq_len;
    config.train_size = train;
    config.val_size = val;
    config.batch = train.min(config.batch);
    config
}

#[test]
fn pasted_text_with_odd_unicode_and_markup_trains_as_plain_characters() {
    let snippet =
        "<script>alert('hi')</script> naïve café 😀👍🏽 e\u{301} \u{202E}rtl\u{202C} \u{0}中文 ";
    let pasted = snippet.repeat(12);
    let config = text_config(&pasted, 16, 40, 20);
    let data = build(&config, 1);
    let vocab = data.vocab.unwrap();
    for c in ['<', '/', '😀', '\u{301}', '\u{0}', '中'] {
        assert!(vocab.contains(&c), "{c:?} missing");
    }
    for set in [&data.train, &data.val] {
        let x = tokens(set);
        for row in x.outer_iter() {
            let window = text::decode(&vocab, &row.to_vec());
            assert!(
                pasted.contains(&window),
                "window {window:?} is not from the text"
            );
        }
    }
}

#[test]
fn pasted_text_validation_comes_after_all_training_windows() {
    // Every window of this text is unique, so it can be located.
    let pasted: String = (0..400).map(|i| format!("{i:04} ")).collect();
    let config = text_config(&pasted, 12, 60, 30);
    let data = build(&config, 3);
    let vocab = data.vocab.unwrap();
    let locate = |set: &Dataset| -> Vec<usize> {
        tokens(set)
            .outer_iter()
            .map(|row| pasted.find(&text::decode(&vocab, &row.to_vec())).unwrap())
            .collect()
    };
    let train = locate(&data.train);
    let val = locate(&data.val);
    let train_end = train.iter().max().unwrap() + config.seq_len + 1;
    assert!(
        val.iter().all(|&start| start >= train_end),
        "a validation window overlaps training"
    );
    let mut distinct = train.clone();
    distinct.dedup();
    assert_eq!(
        distinct.len(),
        train.len(),
        "training windows start at distinct offsets"
    );
}

#[test]
fn large_alphabets_are_capped_with_an_unknown_symbol() {
    let pasted: String = (0..3000u32)
        .map(|i| char::from_u32(0x4E00 + (i * 7) % 200).unwrap())
        .collect();
    let data = build(&text_config(&pasted, 16, 40, 20), 1);
    let vocab = data.vocab.unwrap();
    assert_eq!(vocab.len(), text::MAX_VOCAB);
    assert!(vocab.contains(&text::UNKNOWN));
    assert_eq!(data.output_size, text::MAX_VOCAB);
}

#[test]
fn too_short_or_monotonous_text_is_refused_with_a_clear_error() {
    let short = text_config("Hello, world!", 16, 40, 20);
    let error = build_task(&short, &mut Rng::new(1)).unwrap_err();
    assert!(
        matches!(&error, DataError::InvalidConfig(errors) if errors.iter().any(|e| e.key == "text"))
    );
    assert!(error.to_string().contains("13 characters"), "{error}");
    assert_eq!(
        text::check_pasted_text("Hello, world!", 16, 40, 20),
        Err(DataError::TextTooShort {
            chars: 13,
            needed: 92,
            seq_len: 16,
            train_size: 40,
            val_size: 20
        })
    );
    assert_eq!(
        text::check_pasted_text(&"🙂".repeat(500), 16, 40, 20),
        Err(DataError::TooFewDistinctChars { distinct: 1 })
    );
    // Exactly the needed length is enough.
    let exact: String = "ab".repeat(46);
    assert!(build_task(&text_config(&exact, 16, 40, 20), &mut Rng::new(1)).is_ok());
}
