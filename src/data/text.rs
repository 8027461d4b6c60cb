//! Character-level language modelling: predict the next character at every step.
//!
//! The corpus is either the built-in sentences of a small seeded grammar, or text the
//! user pastes (Config `text`, which then replaces the built-in corpus). Sequences are
//! windows of `seq_len + 1` characters: the first `seq_len` are the input tokens, the
//! last `seq_len` the targets.
//!
//! - Built-in corpus: training and validation text are generated from separate streams,
//!   and validation skips any sentence that also occurs in training; windows are
//!   consecutive and do not overlap.
//! - Pasted text: the first part of the text trains and the rest validates (split in
//!   proportion to the two sizes), so validation windows never overlap training ones;
//!   windows start at distinct random offsets within their part, overlapping each other
//!   when the text is short. The text needs at least
//!   `train_size + val_size + 2 × seq_len` characters ([`chars_needed`]).
//!
//! The vocabulary is the sorted set of characters of the whole corpus; pasted text with
//! more than [`MAX_VOCAB`] distinct characters keeps the most frequent ones and maps the
//! rest to [`UNKNOWN`]. Loss is in nats per character ([`nats_to_bits`] converts).
//!
//! Baseline: cross-entropy on the validation targets of predicting every character with
//! its (add-one smoothed) frequency in the training targets — what a model that learns
//! only which characters are common scores. The uniform guess, ln(vocabulary size), is
//! higher and is quoted in the label.

use crate::i18n::Message;
use std::collections::{BTreeMap, HashMap, HashSet};

use ndarray::Array2;

use super::{frequency_predictor_cross_entropy, grammar, DataError, Sizes, TaskData};
use crate::nn::{Dataset, Inputs, LossKind, Readout, Targets};
use crate::rng::Rng;

/// Largest vocabulary; rarer characters of pasted text become [`UNKNOWN`].
pub const MAX_VOCAB: usize = 96;
/// Stands for every character outside a capped vocabulary.
pub const UNKNOWN: char = '\u{FFFD}';

/// Converts a loss in nats per character to bits per character.
pub fn nats_to_bits(nats: f32) -> f32 {
    nats / std::f32::consts::LN_2
}

// The size rules live with the settings, which repair sizes to fit pasted text; data
// builds what the settings describe and imports them (config never imports data).
pub use crate::config::{chars_needed, distinct_chars};

/// Whether pasted `text` can make the requested sets.
pub fn check_pasted_text(
    text: &str,
    seq_len: usize,
    train_size: usize,
    val_size: usize,
) -> Result<(), DataError> {
    let distinct = distinct_chars(text);
    if distinct < 2 {
        return Err(DataError::TooFewDistinctChars { distinct });
    }
    let chars = text.chars().count();
    let needed = chars_needed(seq_len, train_size, val_size);
    if chars < needed {
        return Err(DataError::TextTooShort {
            chars,
            needed,
            seq_len,
            train_size,
            val_size,
        });
    }
    Ok(())
}

pub fn build(
    sizes: Sizes,
    pasted: &str,
    train_rng: &mut Rng,
    val_rng: &mut Rng,
) -> Result<TaskData, DataError> {
    let (vocab, train_ids, val_ids) = if pasted.is_empty() {
        built_in_windows(sizes, train_rng, val_rng)
    } else {
        pasted_windows(sizes, pasted, train_rng, val_rng)?
    };
    let train = windows_to_dataset(&train_ids, sizes.seq_len);
    let val = windows_to_dataset(&val_ids, sizes.seq_len);
    let baseline_loss = match (&train.targets, &val.targets) {
        (Targets::Classes(train_y), Targets::Classes(val_y)) => {
            frequency_predictor_cross_entropy(train_y, val_y, vocab.len())
        }
        _ => f32::NAN, // unreachable: windows_to_dataset only makes classes
    };
    let uniform = (vocab.len() as f32).ln();
    Ok(TaskData {
        train,
        val,
        input_size: vocab.len(),
        output_size: vocab.len(),
        readout: Readout::AllSteps,
        loss: LossKind::CrossEntropy,
        baseline_loss,
        baseline_label: Message::new(
            "task.text.baseline",
            &[
                ("bits", format!("{:.2}", nats_to_bits(baseline_loss))),
                ("vocab", vocab.len().to_string()),
                ("uniform", format!("{uniform:.3}")),
            ],
        ),
        loss_label: Message::plain("task.loss.nats_per_char"),
        vocab: Some(vocab),
    })
}

/// Token ids of `text`; characters outside `vocab` become [`UNKNOWN`] if the vocabulary
/// has it and are skipped otherwise.
pub fn encode(vocab: &[char], text: &str) -> Vec<u32> {
    let index: HashMap<char, u32> = vocab
        .iter()
        .enumerate()
        .map(|(i, &c)| (c, i as u32))
        .collect();
    let unknown = index.get(&UNKNOWN).copied();
    text.chars()
        .filter_map(|c| index.get(&c).copied().or(unknown))
        .collect()
}

/// The characters of `ids`; ids outside the vocabulary show as [`UNKNOWN`].
pub fn decode(vocab: &[char], ids: &[u32]) -> String {
    ids.iter()
        .map(|&id| vocab.get(id as usize).copied().unwrap_or(UNKNOWN))
        .collect()
}

/// Sorted vocabulary of `chars`, capped at [`MAX_VOCAB`] by frequency.
pub fn build_vocab(chars: &[char]) -> Vec<char> {
    let mut counts: BTreeMap<char, usize> = BTreeMap::new();
    for &c in chars {
        *counts.entry(c).or_insert(0) += 1;
    }
    if counts.len() <= MAX_VOCAB {
        return counts.into_keys().collect();
    }
    let mut by_frequency: Vec<(char, usize)> =
        counts.into_iter().filter(|&(c, _)| c != UNKNOWN).collect();
    // Most frequent first; ties by character so the choice is deterministic.
    by_frequency.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut vocab: Vec<char> = by_frequency
        .into_iter()
        .take(MAX_VOCAB - 1)
        .map(|(c, _)| c)
        .collect();
    vocab.push(UNKNOWN);
    vocab.sort_unstable();
    vocab
}

type Windows = Vec<Vec<u32>>;

fn built_in_windows(
    sizes: Sizes,
    train_rng: &mut Rng,
    val_rng: &mut Rng,
) -> (Vec<char>, Windows, Windows) {
    let window = sizes.seq_len + 1;
    let mut train_sentences = HashSet::new();
    let train_text = generate_corpus(sizes.train * window, train_rng, |s| {
        train_sentences.insert(s.to_string());
        true
    });
    let val_text = generate_corpus(sizes.val * window, val_rng, |s| {
        !train_sentences.contains(s)
    });
    let all: Vec<char> = train_text.iter().chain(val_text.iter()).copied().collect();
    let vocab = build_vocab(&all);
    let cut = |text: &[char], count: usize| -> Windows {
        let ids = encode(&vocab, &text.iter().collect::<String>());
        ids.chunks_exact(window)
            .take(count)
            .map(<[u32]>::to_vec)
            .collect()
    };
    let train = cut(&train_text, sizes.train);
    let val = cut(&val_text, sizes.val);
    (vocab, train, val)
}

/// Sentences joined by spaces until there are `chars` characters; `keep` can refuse a
/// sentence (a validation sentence that also occurs in training). A refused sentence is
/// redrawn, up to a bound, so a pathological `keep` cannot loop forever.
fn generate_corpus(chars: usize, rng: &mut Rng, mut keep: impl FnMut(&str) -> bool) -> Vec<char> {
    let mut text: Vec<char> = Vec::with_capacity(chars + 64);
    while text.len() < chars {
        let mut sentence = grammar::sentence(rng);
        for _ in 0..100 {
            if keep(&sentence) {
                break;
            }
            sentence = grammar::sentence(rng);
        }
        if !text.is_empty() {
            text.push(' ');
        }
        text.extend(sentence.chars());
    }
    text
}

fn pasted_windows(
    sizes: Sizes,
    pasted: &str,
    train_rng: &mut Rng,
    val_rng: &mut Rng,
) -> Result<(Vec<char>, Windows, Windows), DataError> {
    check_pasted_text(pasted, sizes.seq_len, sizes.train, sizes.val)?;
    let chars: Vec<char> = pasted.chars().collect();
    let vocab = build_vocab(&chars);
    let ids = encode(&vocab, pasted);
    // Each part needs `count + seq_len` characters for `count` distinct windows; what is
    // left over is shared in proportion to the two sizes.
    let spare = ids.len() - chars_needed(sizes.seq_len, sizes.train, sizes.val);
    let train_len = sizes.train + sizes.seq_len + spare * sizes.train / (sizes.train + sizes.val);
    let (train_part, val_part) = ids.split_at(train_len);
    let train = sample_windows(train_part, sizes.train, sizes.seq_len + 1, train_rng);
    let val = sample_windows(val_part, sizes.val, sizes.seq_len + 1, val_rng);
    Ok((vocab, train, val))
}

/// `count` windows of `window` ids at distinct random offsets of `part`, in text order.
fn sample_windows(part: &[u32], count: usize, window: usize, rng: &mut Rng) -> Windows {
    let mut starts: Vec<usize> = (0..=part.len().saturating_sub(window)).collect();
    rng.shuffle(&mut starts);
    starts.truncate(count);
    starts.sort_unstable();
    starts
        .iter()
        .map(|&s| part[s..s + window].to_vec())
        .collect()
}

/// Inputs are each window without its last id, targets without its first.
fn windows_to_dataset(windows: &[Vec<u32>], seq_len: usize) -> Dataset {
    let mut inputs = Array2::zeros((windows.len(), seq_len));
    let mut targets = Vec::with_capacity(windows.len() * seq_len);
    for (b, window) in windows.iter().enumerate() {
        for t in 0..seq_len {
            inputs[[b, t]] = window[t];
        }
        targets.extend_from_slice(&window[1..=seq_len]);
    }
    Dataset {
        inputs: Inputs::Tokens(inputs),
        targets: Targets::Classes(targets),
    }
}
