#![cfg(not(target_arch = "wasm32"))]
//! The text task: built-in sentences and pasted text become windows of tokens with shifted
//! targets, validation held out, alphabets capped, unusable text refused.

use rnn_playground::config::{Config, TaskKind};
use rnn_playground::data::{build_task, text, DataError};
use rnn_playground::nn::Dataset;
use rnn_playground::rng::Rng;

mod common;
use common::tasks::{build, classes, sized, small, tokens};

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
    let config = sized(TaskKind::Text, 400, 100);
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
    let config = sized(TaskKind::Text, train, val);
    Config {
        text: pasted.to_string(),
        seq_len,
        batch: train.min(config.batch),
        ..config
    }
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
