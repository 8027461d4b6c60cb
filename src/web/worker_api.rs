//! What the worker calls: a [`Trainer`] behind a JS-friendly handle. Only in the worker's
//! module (feature `worker`), which has no chart code.

use super::{said_error, to_js};
use crate::config::Config;
use crate::export::Export;
use crate::i18n::{catalogs, english, Catalog, Message};
use crate::trainer::{
    Budget, EpochReport, LiveChange, RunStatus, Trainer, TrainerError, TrainerSnapshot, ViewRequest,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

/// One training run, driven by the worker in time slices.
#[wasm_bindgen]
pub struct TrainerHandle {
    trainer: Trainer,
    /// Values of the reader's own series, when the run trains on one.
    own_series: Option<usize>,
}

/// What a slice of training produced (see `www/protocol.md`).
#[derive(Serialize)]
struct Slice<'a> {
    reports: Vec<EpochReport>,
    status: &'a RunStatus,
    steps_per_sec: f64,
    best_epoch: Option<u32>,
    best_val_loss: Option<f32>,
    /// Mini-batches done in the epoch in progress, and per epoch (progress of long epochs).
    epoch_steps: u32,
    epoch_steps_total: u32,
    /// The epoch's mini-batches are done and its validation pass is running.
    validating: bool,
}

/// Facts about a run that the page shows next to the chart. The words are in English,
/// and in every language in `words` (the page picks its own).
#[derive(Serialize)]
struct RunInfo<'a> {
    task: &'a str,
    title: String,
    loss_label: String,
    baseline: f32,
    baseline_label: String,
    words: BTreeMap<&'static str, RunWords>,
    param_count: usize,
    has_accuracy: bool,
    max_epochs: u32,
    /// The largest state_dict file this model loads from: the page refuses bigger files
    /// before reading them.
    max_state_dict_bytes: usize,
    /// Trains on the reader's own series (`with_series`).
    own_series: bool,
    /// Nominal flops of one training step: with a measured speed, the page estimates how
    /// long a step takes (and so how long Pause may wait).
    flops_per_step: f64,
    steps_per_epoch: u32,
}

/// The chart's words about a run in one language.
#[derive(Serialize)]
struct RunWords {
    /// The task's short name, e.g. "forecast".
    task: String,
    title: String,
    loss_label: String,
    baseline_label: String,
}

/// What the page asks the worker for (see `www/protocol.md`); every field is optional.
#[derive(Deserialize, Default)]
#[serde(default)]
struct RequestMessage {
    views: Vec<String>,
    temperature: Option<f64>,
    layer: Option<f64>,
    sample_chars: Option<f64>,
}

/// The score of weights just loaded (`load_state_dict`).
#[derive(Serialize)]
struct LoadedWeights {
    val_loss: f32,
    /// Cross-entropy tasks only.
    val_accuracy: Option<f32>,
}

#[wasm_bindgen]
impl TrainerHandle {
    /// Builds data and network from a canonical query string. Throws a readable error for
    /// settings that cannot run (the page validates first, so this is rare).
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str) -> Result<TrainerHandle, JsValue> {
        let config = parse_settings(query)?;
        let trainer = Trainer::new(config).map_err(|e| said_error(&e.every_language()))?;
        Ok(TrainerHandle {
            trainer,
            own_series: None,
        })
    }

    /// A forecast run on the reader's own series (read by the page's `read_series`) instead
    /// of the generated wave. Throws a readable error when the series does not fit the
    /// settings (too short for the sequence length).
    pub fn with_series(query: &str, values: Vec<f32>) -> Result<TrainerHandle, JsValue> {
        let config = parse_settings(query)?;
        let trainer = Trainer::with_own_series(config, &values)
            .map_err(|e| said_error(&e.every_language()))?;
        Ok(TrainerHandle {
            trainer,
            own_series: Some(values.len()),
        })
    }

    /// Continues a run saved by [`Self::snapshot`] (in another worker), on the reader's
    /// own `series` when it trained on one. Throws a readable error for a snapshot that
    /// cannot be read or does not fit its settings; the page then starts the run afresh.
    pub fn resume(snapshot: JsValue, series: Option<Vec<f32>>) -> Result<TrainerHandle, JsValue> {
        let snapshot: TrainerSnapshot = serde_wasm_bindgen::from_value(snapshot)
            .map_err(|e| JsError::new(&format!("the saved run is not readable: {e}")))?;
        let resumed = match &series {
            Some(values) => Trainer::resume_with_own_series(snapshot, values),
            None => Trainer::resume(snapshot),
        };
        let trainer = resumed.map_err(|e| said_error(&e.every_language()))?;
        Ok(TrainerHandle {
            trainer,
            own_series: series.map(|values| values.len()),
        })
    }

    /// The run's whole state (see `TrainerSnapshot`), taken between two mini-batches: the
    /// page keeps it while the figure has no worker and resumes from it on its next turn.
    pub fn snapshot(&self) -> Result<JsValue, JsError> {
        to_js(&self.trainer.snapshot())
    }

    /// The run so far as one slice whose reports are every epoch done: what the page shows
    /// first for a resumed run.
    pub fn so_far(&self) -> Result<JsValue, JsError> {
        let (epoch_steps, epoch_steps_total) = self.trainer.epoch_progress();
        let best = self.trainer.best_epoch();
        to_js(&Slice {
            reports: self.trainer.history().to_vec(),
            status: self.trainer.status(),
            steps_per_sec: 0.0,
            best_epoch: best.map(|(epoch, _)| epoch),
            best_val_loss: best.map(|(_, loss)| loss),
            epoch_steps,
            epoch_steps_total,
            validating: self.trainer.is_validating(),
        })
    }

    /// Trains whole mini-batches for about `budget_ms` milliseconds.
    pub fn run_for(&mut self, budget_ms: f64) -> Result<JsValue, JsError> {
        self.slice(Budget::Millis(slice_ms(budget_ms)))
    }

    /// Trains for about `budget_ms` milliseconds, stopping early once an epoch finishes:
    /// the Step button's epoch, in slices the worker can interrupt.
    pub fn step_for(&mut self, budget_ms: f64) -> Result<JsValue, JsError> {
        self.slice(Budget::MillisUntilEpoch(slice_ms(budget_ms)))
    }

    /// Trains exactly one more epoch (the Step button).
    pub fn step_epoch(&mut self) -> Result<JsValue, JsError> {
        self.slice(Budget::Epochs(1))
    }

    /// Applies learning rate, momentum, dropout, L2, clipping or the epoch limit in place.
    /// Returns false, changing nothing, when the new settings need a new run.
    pub fn apply_live(&mut self, query: &str) -> Result<bool, JsValue> {
        let config = parse_settings(query)?;
        Ok(self.trainer.apply_live(&config) == LiveChange::Applied)
    }

    pub fn info(&self) -> Result<JsValue, JsError> {
        let task = self.trainer.task();
        let config = self.trainer.config();
        let task_key = config.task.key();
        let spec = self.trainer.network().spec();
        let task_name = match self.own_series {
            Some(count) => Message::new("task.own_series", &[("count", count.to_string())]),
            None => Message::plain(config.task.name_key()),
        };
        let title = |catalog: &'static Catalog| {
            Message::new(
                "chart.run_title",
                &[
                    ("task", task_name.render(catalog)),
                    ("cell", spec.cell.short_label().to_string()),
                    ("layers", spec.num_layers.to_string()),
                    ("hidden", spec.hidden_size.to_string()),
                ],
            )
            .render(catalog)
        };
        let words = catalogs()
            .iter()
            .map(|catalog| {
                let run_words = RunWords {
                    task: task_name.render(catalog),
                    title: title(catalog),
                    loss_label: task.loss_label.render(catalog),
                    baseline_label: task.baseline_label.render(catalog),
                };
                (catalog.lang, run_words)
            })
            .collect();
        let info = RunInfo {
            task: task_key,
            title: title(english()),
            loss_label: task.loss_label.english(),
            baseline: task.baseline_loss,
            baseline_label: task.baseline_label.english(),
            words,
            param_count: self.trainer.network().param_count(),
            has_accuracy: self.trainer.has_accuracy(),
            max_epochs: config.max_epochs,
            max_state_dict_bytes: self.trainer.max_state_dict_bytes(),
            own_series: self.own_series.is_some(),
            flops_per_step: self.trainer.flops_per_step(),
            steps_per_epoch: self.trainer.epoch_progress().1,
        };
        to_js(&info)
    }

    /// Data of the views named in `request.views` ("predictions", "samples", "heatmap",
    /// "saturation"; unknown names are skipped), with `request.temperature` (samples),
    /// `request.layer` (heatmap, 0 = bottom) and `request.sample_chars`. Returns
    /// `{epoch, predictions, samples, heatmap, saturation, unavailable: [{view, reason}]}`,
    /// absent views as `null`.
    pub fn view_data(&mut self, request: JsValue) -> Result<JsValue, JsError> {
        let message: RequestMessage = if request.is_undefined() || request.is_null() {
            RequestMessage::default()
        } else {
            serde_wasm_bindgen::from_value(request)
                .map_err(|e| JsError::new(&format!("the view request is not readable: {e}")))?
        };
        let request = ViewRequest::lenient(
            &message.views,
            message.temperature.unwrap_or(1.0),
            message.layer.unwrap_or(0.0),
            message.sample_chars.unwrap_or(200.0),
        );
        to_js(&self.trainer.view_data(&request))
    }
}

#[wasm_bindgen]
impl TrainerHandle {
    /// The text of a download of this run: `model.json` (state_dict), `model.py` (the
    /// PyTorch module), `history.csv` or `dataset.csv`.
    pub fn export_file(&self, name: &str) -> Result<String, JsError> {
        let export = Export::from_key(name)
            .ok_or_else(|| JsError::new(&format!("there is no download named \"{name}\"")))?;
        Ok(export.render(&self.trainer))
    }

    /// Replaces the network's weights with a state_dict JSON and returns their validation
    /// score, `{val_loss, val_accuracy}`. Throws the reason, changing nothing, for a file
    /// that does not fit this model.
    pub fn load_state_dict(&mut self, json: &str) -> Result<JsValue, JsValue> {
        let score = self
            .trainer
            .load_state_dict_json(json)
            .map_err(|e| said_error(&e.message().every_language()))?;
        let accuracy = self.trainer.has_accuracy() && score.positions > 0;
        Ok(to_js(&LoadedWeights {
            val_loss: score.loss,
            val_accuracy: accuracy.then(|| score.correct as f32 / score.positions as f32),
        })?)
    }
}

impl TrainerHandle {
    fn slice(&mut self, budget: Budget) -> Result<JsValue, JsError> {
        let started = crate::clock::now_ms();
        let steps_before = self.trainer.total_steps();
        let reports = self.trainer.run_for(budget);
        let elapsed_s = (crate::clock::now_ms() - started) / 1000.0;
        let steps = self.trainer.total_steps() - steps_before;
        let best = self.trainer.best_epoch();
        let (epoch_steps, epoch_steps_total) = self.trainer.epoch_progress();
        let slice = Slice {
            steps_per_sec: if elapsed_s > 0.0 {
                steps as f64 / elapsed_s
            } else {
                0.0
            },
            reports,
            status: self.trainer.status(),
            best_epoch: best.map(|(epoch, _)| epoch),
            best_val_loss: best.map(|(_, loss)| loss),
            epoch_steps,
            epoch_steps_total,
            validating: self.trainer.is_validating(),
        };
        to_js(&slice)
    }
}

/// A slice's time budget from the page: within 0..=1000 ms, 15 ms when not a number.
fn slice_ms(budget_ms: f64) -> f64 {
    if budget_ms.is_finite() {
        budget_ms.clamp(0.0, 1000.0)
    } else {
        15.0
    }
}

/// Reads a canonical query strictly; every bad field is named in the thrown error, in
/// every language.
fn parse_settings(query: &str) -> Result<Config, JsValue> {
    Config::from_query_strict(query)
        .map_err(|errors| said_error(&TrainerError::InvalidConfig(errors).every_language()))
}
