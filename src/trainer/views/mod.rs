//! The "inside the network" views: data computed from the trainer's network and its
//! training and validation sets, for the page to draw (or an example to save as PNG).
//!
//! | view | what it holds | tasks |
//! |---|---|---|
//! | [`PredictionData`] | target and prediction on a training and a validation sequence (or many sequences, for a last-step readout) | forecast, adding |
//! | [`SampleData`] | text drawn from the model at a temperature; a training and a validation snippet with the loss of every character | text |
//! | [`HeatmapData`] | hidden (and LSTM cell) activations of one layer over a validation sequence, with its inputs | all |
//! | [`SaturationData`] | per layer and gate, each unit's fraction of steps left- and right-saturated on the validation set | LSTM, GRU |
//!
//! Every view runs the network in evaluation mode on data it already has, and never draws
//! from the training's random streams, so looking does not change the run.

mod activations;
mod predictions;
mod samples;

pub use activations::{HeatmapData, InputTrack, SaturationData, MAX_SATURATION_SEQUENCES};
pub use predictions::{PredictionData, SequenceTrace, MAX_SCATTER_POINTS};
pub use samples::{SampleData, ScoredText, MAX_SAMPLE_CHARS, PROMPT_CHARS};

use crate::i18n::Message;
use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::Trainer;
use crate::nn::NnError;

/// Which activations the heatmap shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum HeatmapValues {
    /// h_t, the layer's output.
    #[default]
    Hidden,
    /// c_t, the LSTM's cell state (falls back to h for other cells).
    Cell,
}

/// One of the views, by its key in `views=` lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ViewKind {
    Predictions,
    Samples,
    Heatmap,
    Saturation,
}

impl ViewKind {
    pub const ALL: [ViewKind; 4] = [
        ViewKind::Predictions,
        ViewKind::Samples,
        ViewKind::Heatmap,
        ViewKind::Saturation,
    ];

    /// The name used in `views=predictions,saturation`.
    pub fn key(self) -> &'static str {
        match self {
            ViewKind::Predictions => "predictions",
            ViewKind::Samples => "samples",
            ViewKind::Heatmap => "heatmap",
            ViewKind::Saturation => "saturation",
        }
    }

    pub fn from_key(key: &str) -> Option<ViewKind> {
        ViewKind::ALL
            .into_iter()
            .find(|view| view.key() == key.trim())
    }
}

/// Which views to compute, and their settings.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewRequest {
    /// Each at most once, in [`ViewKind::ALL`] order.
    pub views: Vec<ViewKind>,
    /// Sampling temperature for [`SampleData`] (0 = always the likeliest character).
    pub temperature: f32,
    /// Layer shown by [`HeatmapData`] (0 = bottom; clamped to the network's layers).
    pub layer: usize,
    /// Characters to generate for [`SampleData`].
    pub sample_chars: usize,
}

impl Default for ViewRequest {
    fn default() -> Self {
        ViewRequest {
            views: ViewKind::ALL.to_vec(),
            temperature: 1.0,
            layer: 0,
            sample_chars: 200,
        }
    }
}

impl ViewRequest {
    /// A request from loosely typed values (a page message or a URL): unknown view names are
    /// skipped, duplicates dropped, numbers clamped to what the views accept.
    pub fn lenient(
        names: &[String],
        temperature: f64,
        layer: f64,
        sample_chars: f64,
    ) -> ViewRequest {
        let views = ViewKind::ALL
            .into_iter()
            .filter(|view| {
                names
                    .iter()
                    .any(|name| ViewKind::from_key(name) == Some(*view))
            })
            .collect();
        let temperature = if temperature.is_finite() {
            temperature.clamp(0.0, f64::from(crate::data::sample::MAX_TEMPERATURE)) as f32
        } else {
            1.0
        };
        let layer = if layer.is_finite() && layer > 0.0 {
            layer.min(64.0) as usize
        } else {
            0
        };
        let sample_chars = if sample_chars.is_finite() {
            sample_chars.clamp(1.0, MAX_SAMPLE_CHARS as f64) as usize
        } else {
            200
        };
        ViewRequest {
            views,
            temperature,
            layer,
            sample_chars,
        }
    }
}

/// Why a view has nothing to show for this run.
#[derive(Clone, Debug, PartialEq)]
pub enum ViewError {
    /// The view does not apply to this task or cell; the message says which ones it needs.
    NotApplicable(Message),
    /// The network's outputs are not finite numbers (the run diverged).
    NotFinite,
    /// The network refused the data (a bug: tasks build data for their network).
    Network(NnError),
}

impl ViewError {
    /// Why, as a catalog message.
    pub fn message(&self) -> Message {
        match self {
            ViewError::NotApplicable(why) => why.clone(),
            ViewError::NotFinite => Message::plain("view.not_finite"),
            ViewError::Network(error) => {
                Message::new("view.internal", &[("error", error.to_string())])
            }
        }
    }
}

impl fmt::Display for ViewError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message().english())
    }
}

impl std::error::Error for ViewError {}

impl From<NnError> for ViewError {
    fn from(error: NnError) -> Self {
        ViewError::Network(error)
    }
}

/// A requested view that has nothing to show, and why: in English, and in every language
/// by code in `words`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unavailable {
    pub view: ViewKind,
    pub reason: String,
    #[serde(default)]
    pub words: BTreeMap<String, String>,
}

/// The data of every requested view after `epoch` finished epochs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ViewData {
    pub epoch: u32,
    pub predictions: Option<PredictionData>,
    pub samples: Option<SampleData>,
    pub heatmap: Option<HeatmapData>,
    pub saturation: Option<SaturationData>,
    /// Requested views that do not apply to this run.
    pub unavailable: Vec<Unavailable>,
}

impl Trainer {
    /// Computes every view `request` asks for. A view that does not apply to this run is
    /// listed in `unavailable` with the reason instead.
    pub fn view_data(&mut self, request: &ViewRequest) -> ViewData {
        let mut data = ViewData {
            epoch: self.epochs_done(),
            ..ViewData::default()
        };
        for &view in &request.views {
            let outcome = match view {
                ViewKind::Predictions => self.prediction_data().map(|d| data.predictions = Some(d)),
                ViewKind::Samples => self
                    .sample_data(request.temperature, request.sample_chars)
                    .map(|d| data.samples = Some(d)),
                ViewKind::Heatmap => self
                    .heatmap_data(request.layer)
                    .map(|d| data.heatmap = Some(d)),
                ViewKind::Saturation => self.saturation_data().map(|d| data.saturation = Some(d)),
            };
            if let Err(error) = outcome {
                let why = error.message();
                data.unavailable.push(Unavailable {
                    view,
                    reason: why.english(),
                    words: why
                        .every_language()
                        .into_iter()
                        .map(|(lang, text)| (lang.to_string(), text))
                        .collect(),
                });
            }
        }
        data
    }
}

/// `Err(NotFinite)` unless every value is a finite number.
fn all_finite<'a>(values: impl IntoIterator<Item = &'a f32>) -> Result<(), ViewError> {
    if values.into_iter().all(|v| v.is_finite()) {
        Ok(())
    } else {
        Err(ViewError::NotFinite)
    }
}
