//! Rules that involve more than one parameter, and how the lenient reader fixes them.

use super::error::FieldError;
use super::{Config, TaskKind};
use crate::i18n::Message;
use std::collections::HashSet;

/// Most memory a training step may hold for backpropagation through time. wasm32 has at
/// most 4 GiB and a browser tab often far less; past this the worker would abort.
pub const MAX_BPTT_BYTES: usize = 512 << 20;

/// Bytes kept per (sequence, step, layer, hidden unit) for BPTT: the gate
/// pre-activations plus hidden state, cell state and their gradients, in f32.
fn bptt_bytes(config: &Config, batch: usize) -> usize {
    let per_unit = (config.cell.gate_count() + 4) * std::mem::size_of::<f32>();
    batch
        .saturating_mul(config.seq_len)
        .saturating_mul(config.layers)
        .saturating_mul(config.hidden)
        .saturating_mul(per_unit)
}

/// The largest batch whose BPTT memory stays under [`MAX_BPTT_BYTES`] (at least 1).
fn largest_batch_in_memory(config: &Config) -> usize {
    let one = bptt_bytes(config, 1).max(1);
    (MAX_BPTT_BYTES / one).max(1)
}

/// Problems of combination: each value may be in range while the set cannot run.
pub(crate) fn combination_errors(config: &Config) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if bptt_bytes(config, config.batch) > MAX_BPTT_BYTES {
        let n = |value: usize| value.to_string();
        errors.push(FieldError::said(
            "batch",
            &Message::new(
                "value.batch_memory",
                &[
                    ("batch", n(config.batch)),
                    ("steps", n(config.seq_len)),
                    ("layers", n(config.layers)),
                    ("hidden", n(config.hidden)),
                    ("mb", n(MAX_BPTT_BYTES >> 20)),
                    ("fits", n(largest_batch_in_memory(config))),
                ],
            ),
        ));
    }
    if config.batch > config.train_size {
        errors.push(FieldError::said(
            "batch",
            &Message::new(
                "value.batch_over_train",
                &[
                    ("batch", config.batch.to_string()),
                    ("train", config.train_size.to_string()),
                ],
            ),
        ));
    }
    if config.task == TaskKind::Text && !config.text.is_empty() {
        if let Some(problem) = pasted_text_problem(config) {
            errors.push(FieldError::said("text", &problem));
        }
    }
    errors
}

/// Characters of pasted text needed for `train_size` and `val_size` distinct windows of
/// `seq_len + 1` characters, in two disjoint parts (the text task's rule).
pub fn chars_needed(seq_len: usize, train_size: usize, val_size: usize) -> usize {
    train_size
        .saturating_add(val_size)
        .saturating_add(seq_len.saturating_mul(2))
}

/// Number of distinct characters in `text`.
pub fn distinct_chars(text: &str) -> usize {
    text.chars().collect::<HashSet<char>>().len()
}

/// Why the pasted text cannot make the requested sets, if it cannot.
fn pasted_text_problem(config: &Config) -> Option<Message> {
    let distinct = distinct_chars(&config.text);
    if distinct < 2 {
        return Some(Message::new(
            "data.error.too_few_distinct",
            &[("distinct", distinct.to_string())],
        ));
    }
    let chars = config.text.chars().count();
    let needed = chars_needed(config.seq_len, config.train_size, config.val_size);
    (chars < needed).then(|| {
        let n = |value: usize| value.to_string();
        Message::new(
            "data.error.text_too_short",
            &[
                ("chars", n(chars)),
                ("needed", n(needed)),
                ("seq_len", n(config.seq_len)),
                ("train", n(config.train_size)),
                ("val", n(config.val_size)),
            ],
        )
    })
}

/// Makes a config whose single values are in range satisfy the combination rules,
/// reporting every change. Pasted text too short for the sizes shrinks the sizes (the
/// user's text matters more than the preset's sizes); text that cannot hold even the
/// smallest sizes is dropped for the built-in corpus.
pub(crate) fn repair(config: &mut Config, notices: &mut Vec<FieldError>) {
    if config.task == TaskKind::Text && !config.text.is_empty() {
        fit_sizes_to_text(config, notices);
    }
    if config.batch > config.train_size {
        let (batch, train) = (config.batch.to_string(), config.train_size.to_string());
        let message = Message::new(
            "notice.batch_over_train",
            &[("batch", batch), ("train", train)],
        );
        notices.push(FieldError::said("batch", &message));
        config.batch = config.train_size;
    }
    if bptt_bytes(config, config.batch) > MAX_BPTT_BYTES {
        let fits = largest_batch_in_memory(config);
        let message = Message::new(
            "notice.batch_memory",
            &[
                ("batch", config.batch.to_string()),
                ("mb", (MAX_BPTT_BYTES >> 20).to_string()),
                ("fits", fits.to_string()),
            ],
        );
        notices.push(FieldError::said("batch", &message));
        config.batch = fits;
    }
}

fn fit_sizes_to_text(config: &mut Config, notices: &mut Vec<FieldError>) {
    const SMALLEST: usize = 2; // the table's minimum for seq_len, train_size and val_size
    let chars = config.text.chars().count();
    let distinct = distinct_chars(&config.text);
    if distinct < 2 {
        let message = Message::new(
            "notice.text_distinct",
            &[("distinct", distinct.to_string())],
        );
        notices.push(FieldError::said("text", &message));
        config.text.clear();
        return;
    }
    if chars >= chars_needed(config.seq_len, config.train_size, config.val_size) {
        return;
    }
    let smallest_needed = chars_needed(SMALLEST, SMALLEST, SMALLEST);
    if chars < smallest_needed {
        let message = Message::new(
            "notice.text_short",
            &[
                ("chars", chars.to_string()),
                ("needed", smallest_needed.to_string()),
            ],
        );
        notices.push(FieldError::said("text", &message));
        config.text.clear();
        return;
    }
    // Keep at least half the text for distinct windows, then share what is left
    // between training and validation in the requested proportion.
    let seq_len = config.seq_len.min((chars / 4).max(SMALLEST));
    let room = chars - 2 * seq_len;
    let share = room * config.train_size / (config.train_size + config.val_size).max(1);
    let train_size = share.clamp(SMALLEST, config.train_size.min(room - SMALLEST));
    let val_size = config.val_size.min(room - train_size);
    let chars = chars.to_string();
    if seq_len != config.seq_len {
        let message = Message::new(
            "notice.len_for_text",
            &[
                ("asked", config.seq_len.to_string()),
                ("chars", chars.clone()),
                ("kept", seq_len.to_string()),
            ],
        );
        notices.push(FieldError::said("len", &message));
    }
    for (key, asked, kept) in [
        ("train", config.train_size, train_size),
        ("val", config.val_size, val_size),
    ] {
        if kept != asked {
            let message = Message::new(
                "notice.sequences_for_text",
                &[
                    ("asked", asked.to_string()),
                    ("chars", chars.clone()),
                    ("kept", kept.to_string()),
                ],
            );
            notices.push(FieldError::said(key, &message));
        }
    }
    config.seq_len = seq_len;
    config.train_size = train_size;
    config.val_size = val_size;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_shrinks_the_sizes_until_it_fits() {
        let mut config = Config::preset(TaskKind::Text);
        config.text = "abcdefghij".repeat(10); // 100 chars
        let mut notices = Vec::new();
        repair(&mut config, &mut notices);
        assert!(!config.text.is_empty());
        assert_eq!(config.validate(), Ok(()));
        assert!(config.seq_len <= 25);
        assert!(notices.iter().any(|n| n.key == "len"));
    }

    #[test]
    fn hopeless_text_falls_back_to_the_built_in_corpus() {
        for text in ["aaaaaaaaaaaaaaaaaaaa", "ab"] {
            let mut config = Config::preset(TaskKind::Text);
            config.text = text.to_string();
            let mut notices = Vec::new();
            repair(&mut config, &mut notices);
            assert!(config.text.is_empty());
            assert_eq!(notices[0].key, "text");
        }
    }

    #[test]
    fn a_model_too_big_for_memory_gets_a_smaller_batch() {
        let mut config = Config::preset(TaskKind::Forecast);
        (
            config.hidden,
            config.layers,
            config.seq_len,
            config.train_size,
            config.batch,
        ) = (512, 4, 256, 4096, 1024);
        assert!(config
            .validate()
            .unwrap_err()
            .iter()
            .any(|e| e.key == "batch"));
        let mut notices = Vec::new();
        repair(&mut config, &mut notices);
        assert!(notices
            .iter()
            .any(|n| n.key == "batch" && n.message.contains("MB")));
        assert!(bptt_bytes(&config, config.batch) <= MAX_BPTT_BYTES);
        assert!(
            bptt_bytes(&config, config.batch + 1) > MAX_BPTT_BYTES,
            "the largest batch that fits"
        );
        assert_eq!(config.validate(), Ok(()));
    }
}
