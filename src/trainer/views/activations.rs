//! What the units do: one layer's activations over a validation sequence (the heatmap),
//! and how saturated every gate is over the validation set.

use crate::i18n::Message;
use serde::{Deserialize, Serialize};

use super::{all_finite, ViewError};
use crate::config::TaskKind;
use crate::data::text::decode;
use crate::nn::{GateKind, GateSaturation, Inputs};
use crate::trainer::Trainer;

/// Validation sequences the saturation statistics read at most (the first ones).
pub const MAX_SATURATION_SEQUENCES: usize = 256;

/// Activations of one layer over one validation sequence, units by time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HeatmapData {
    /// The layer shown (0 = bottom) and how many there are.
    pub layer: usize,
    pub layers: usize,
    pub units: usize,
    pub steps: usize,
    /// Which validation sequence.
    pub sequence: usize,
    /// h_t, `[steps, units]` row-major.
    pub hidden: Vec<f32>,
    /// LSTM only: c_t, `[steps, units]`.
    pub cell: Option<Vec<f32>>,
    /// What the network read at each step.
    pub inputs: InputTrack,
}

/// The inputs along the time axis.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum InputTrack {
    /// One character per step (text task).
    Chars { chars: Vec<String> },
    /// Real-valued features, each a series over the steps.
    Values {
        names: Vec<String>,
        series: Vec<Vec<f32>>,
    },
}

/// Gate saturation on the validation set (LSTM and GRU).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SaturationData {
    /// "LSTM" or "GRU".
    pub cell: String,
    pub layers: usize,
    pub units: usize,
    /// Validation sequences and steps per sequence the fractions are over.
    pub sequences: usize,
    pub steps: usize,
    /// By layer, then gate in [`GateKind::of_cell`] order.
    pub gates: Vec<GateSaturation>,
}

impl Trainer {
    /// Hidden (and cell) activations of `layer` (clamped to the top layer) over the first
    /// validation sequence.
    pub fn heatmap_data(&mut self, layer: usize) -> Result<HeatmapData, ViewError> {
        let sequence = 0;
        let inputs = self.task.val.inputs.gather(&[sequence]);
        let recorded = self.network.record_activations(&inputs, 0..1)?;
        let layers = recorded.layers.len();
        let layer = layer.min(layers.saturating_sub(1));
        let Some(shown) = recorded.layers.into_iter().nth(layer) else {
            return Err(ViewError::NotApplicable(Message::plain("view.no_layers")));
        };
        let (_, steps, units) = shown.hidden.dim();
        let hidden: Vec<f32> = shown.hidden.iter().copied().collect();
        let cell: Option<Vec<f32>> = shown.cell.map(|c| c.iter().copied().collect());
        all_finite(hidden.iter().chain(cell.iter().flatten()))?;
        Ok(HeatmapData {
            layer,
            layers,
            units,
            steps,
            sequence,
            hidden,
            cell,
            inputs: self.input_track(&inputs),
        })
    }

    /// Left- and right-saturation of every gate of every layer over (up to
    /// [`MAX_SATURATION_SEQUENCES`] of) the validation set.
    pub fn saturation_data(&mut self) -> Result<SaturationData, ViewError> {
        let spec = self.network.spec().clone();
        if GateKind::of_cell(spec.cell).is_empty() {
            return Err(ViewError::NotApplicable(Message::plain("view.no_gates")));
        }
        let total = self.task.val.len();
        let sequences = total.min(MAX_SATURATION_SEQUENCES);
        let saturation = if sequences < total {
            let rows: Vec<usize> = (0..sequences).collect();
            self.network
                .gate_saturation(&self.task.val.inputs.gather(&rows))?
        } else {
            self.network.gate_saturation(&self.task.val.inputs)?
        };
        let gates = saturation;
        Ok(SaturationData {
            cell: spec.cell.short_label().to_string(),
            layers: spec.num_layers,
            units: spec.hidden_size,
            sequences,
            steps: self.task.val.inputs.seq_len(),
            gates,
        })
    }

    fn input_track(&self, inputs: &Inputs) -> InputTrack {
        match inputs {
            Inputs::Tokens(ids) => {
                let vocab = self.task.vocab.as_deref().unwrap_or(&[]);
                InputTrack::Chars {
                    chars: ids.row(0).iter().map(|&id| decode(vocab, &[id])).collect(),
                }
            }
            Inputs::Dense(x) => {
                let features = x.shape()[2];
                // Names are ids the chart words in the reader's language: value, marker,
                // input, or input:N for one of several features.
                let names: Vec<String> = match (self.config.task, features) {
                    (TaskKind::Adding, 2) => vec!["value".into(), "marker".into()],
                    (_, 1) => vec!["input".into()],
                    _ => (0..features).map(|k| format!("input:{}", k + 1)).collect(),
                };
                let series = (0..features)
                    .map(|k| x.slice(ndarray::s![0, .., k]).to_vec())
                    .collect();
                InputTrack::Values { names, series }
            }
        }
    }
}
