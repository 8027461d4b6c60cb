//! What a character model has learnt, as text: characters sampled from it, and a training
//! and a validation snippet with the loss of every character (memorised text costs almost
//! nothing on the first and a lot on the second).

use crate::i18n::Message;
use serde::{Deserialize, Serialize};

use super::{all_finite, ViewError};
use crate::data::sample::{cross_entropy_nats, generate};
use crate::data::text::decode;
use crate::nn::{Inputs, Targets};
use crate::rng::Rng;
use crate::trainer::Trainer;

/// Characters of the validation text that start every sample.
pub const PROMPT_CHARS: usize = 8;
/// Longest sample.
pub const MAX_SAMPLE_CHARS: usize = 2000;
/// Random stream of the samples, far from the trainer's own (see `trainer/mod.rs`).
const SAMPLE_STREAM: u64 = 0x5A3B_1E00;

/// Generated text and per-character losses (text task).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SampleData {
    /// The temperature the text was drawn at.
    pub temperature: f32,
    /// What the model was given first (from the validation text).
    pub prompt: String,
    /// What it wrote after the prompt.
    pub generated: String,
    pub train: ScoredText,
    pub val: ScoredText,
    /// Loss of a uniform guess over the vocabulary, ln(size): a natural top for a colour scale.
    pub uniform_loss: f32,
}

/// A sequence of the data, each predicted character with its loss.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoredText {
    /// Which sequence of its set.
    pub sequence: usize,
    /// The character read before the first prediction (nothing predicts it).
    pub first: String,
    /// Each character the model predicted, in order (one `char` each).
    pub chars: Vec<String>,
    /// Cross-entropy of each prediction, nats.
    pub loss: Vec<f32>,
    pub mean_loss: f32,
}

impl Trainer {
    /// Text sampled at `temperature` (`chars` characters after a short prompt) and the scored
    /// first training and validation sequences. Samples are reproducible: the same run,
    /// epoch and temperature give the same text.
    pub fn sample_data(&mut self, temperature: f32, chars: usize) -> Result<SampleData, ViewError> {
        let Some(vocab) = self.task.vocab.clone() else {
            return Err(ViewError::NotApplicable(Message::plain(
                "view.samples_text",
            )));
        };
        let train = self.scored_text(&vocab, false, 0)?;
        let val = self.scored_text(&vocab, true, 0)?;
        let prompt_ids: Vec<u32> = match &self.task.val.inputs {
            Inputs::Tokens(ids) => ids.row(0).iter().take(PROMPT_CHARS).copied().collect(),
            Inputs::Dense(_) => Vec::new(),
        };
        let mut rng =
            Rng::new(self.config.seed ^ SAMPLE_STREAM).fork(u64::from(self.epochs_done()));
        let drawn = generate(
            &self.network,
            &prompt_ids,
            chars.min(MAX_SAMPLE_CHARS),
            temperature,
            &mut rng,
        )?;
        Ok(SampleData {
            temperature,
            prompt: decode(&vocab, &prompt_ids),
            generated: decode(&vocab, &drawn),
            train,
            val,
            uniform_loss: (vocab.len().max(1) as f32).ln(),
        })
    }

    fn scored_text(
        &mut self,
        vocab: &[char],
        validation: bool,
        sequence: usize,
    ) -> Result<ScoredText, ViewError> {
        let set = if validation {
            &self.task.val
        } else {
            &self.task.train
        };
        let one = set.gather(&[sequence]);
        let (Inputs::Tokens(ids), Targets::Classes(targets)) = (&one.inputs, &one.targets) else {
            return Err(ViewError::NotApplicable(Message::plain(
                "view.samples_chars",
            )));
        };
        let logits = self.network.predict(&one.inputs)?;
        let loss: Vec<f32> = logits
            .rows()
            .into_iter()
            .zip(targets)
            .map(|(row, &t)| cross_entropy_nats(&row.to_vec(), t as usize))
            .collect();
        all_finite(&loss)?;
        let mean_loss = loss.iter().sum::<f32>() / loss.len().max(1) as f32;
        Ok(ScoredText {
            sequence,
            first: decode(
                vocab,
                &ids.row(0).iter().take(1).copied().collect::<Vec<_>>(),
            ),
            chars: targets.iter().map(|&t| decode(vocab, &[t])).collect(),
            loss,
            mean_loss,
        })
    }
}
