//! The training loop, advanced in bounded slices.
//!
//! A browser worker cannot block: it must answer pause, step and slider changes between
//! slices of work. So the [`Trainer`] keeps its place inside an epoch and `run_for` does whole
//! mini-batches until a time or step budget is spent, returning only the epochs it finished.

mod budget;
mod divergence;
mod early_stop;
mod epoch;
mod error;
mod estimate;
mod history;
mod import;
mod live;
mod own_series;
mod report;
mod snapshot;
mod views;

pub use budget::Budget;
pub use error::TrainerError;
pub use estimate::estimated_flops_per_step;
pub use history::{best_point, LossHistory};
pub use import::ImportError;
pub use live::LiveChange;
pub use report::{EpochReport, RunStatus};
pub use snapshot::TrainerSnapshot;
pub use views::*;

use crate::clock::now_ms;
use crate::config::Config;
use crate::data::{build_task, TaskData};
use crate::i18n::{catalogs, english, Catalog, Message};
use crate::nn::{BatchScore, Evaluation, LossKind, ModelSpec, Network, NnError};
use crate::optim::{Optimizer, StepSettings};
use crate::rng::Rng;
use divergence::DivergenceGuard;
use early_stop::BestWeights;
use epoch::EpochInProgress;
use live::optimizer_kind;

// Independent random streams, so that e.g. turning dropout on does not change the data.
const DATA_STREAM: u64 = 1;
const INIT_STREAM: u64 = 2;
const SHUFFLE_STREAM: u64 = 3;
const DROPOUT_STREAM: u64 = 4;

/// Owns the data, the network, the optimiser and the history of one run.
pub struct Trainer {
    config: Config,
    task: TaskData,
    network: Network,
    optimizer: Optimizer,
    shuffle_rng: Rng,
    dropout_rng: Rng,
    history: Vec<EpochReport>,
    best: Option<(u32, f32)>,
    status: RunStatus,
    current: EpochInProgress,
    guard: DivergenceGuard,
    total_steps: u64,
    best_weights: BestWeights,
    /// The validation pass that closes the epoch whose mini-batches are done; it runs in
    /// chunks across slices, so a large validation set never blocks the worker for long.
    validating: Option<Evaluation>,
}

impl Trainer {
    /// Builds data and network from a validated configuration.
    pub fn new(config: Config) -> Result<Trainer, TrainerError> {
        Self::with_task(config, |config, rng| {
            build_task(config, rng).map_err(TrainerError::from)
        })
    }

    /// Like [`Self::new`], with the data made by `make_task` from the data stream.
    fn with_task(
        config: Config,
        make_task: impl FnOnce(&Config, &mut Rng) -> Result<TaskData, TrainerError>,
    ) -> Result<Trainer, TrainerError> {
        config.validate().map_err(TrainerError::InvalidConfig)?;
        let mut root = Rng::new(config.seed);
        let mut data_rng = root.fork(DATA_STREAM);
        let mut init_rng = root.fork(INIT_STREAM);
        let shuffle_rng = root.fork(SHUFFLE_STREAM);
        let dropout_rng = root.fork(DROPOUT_STREAM);

        let task = make_task(&config, &mut data_rng)?;
        let spec = ModelSpec {
            cell: config.cell,
            input_size: task.input_size,
            hidden_size: config.hidden,
            num_layers: config.layers,
            output_size: task.output_size,
            readout: task.readout,
            loss: task.loss,
            // Only token inputs can be embedded; other tasks ignore the setting.
            embed: if task.vocab.is_some() {
                config.embed
            } else {
                0
            },
            // Dropout acts at every depth: one-layer models respond to it too.
            dropout_before_head: true,
            forget_bias: config.forget_bias,
        };
        let network =
            Network::new(spec, &mut init_rng).map_err(|e| TrainerError::Network(e.message()))?;
        let optimizer = Optimizer::new(optimizer_kind(&config), &network);
        let current = EpochInProgress::new(task.train.len());
        Ok(Trainer {
            config,
            task,
            network,
            optimizer,
            shuffle_rng,
            dropout_rng,
            history: Vec::new(),
            best: None,
            status: RunStatus::Running,
            current,
            guard: DivergenceGuard::default(),
            total_steps: 0,
            best_weights: BestWeights::default(),
            validating: None,
        })
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn task(&self) -> &TaskData {
        &self.task
    }

    pub fn network(&self) -> &Network {
        &self.network
    }

    pub fn history(&self) -> &[EpochReport] {
        &self.history
    }

    pub fn status(&self) -> &RunStatus {
        &self.status
    }

    /// The epoch with the lowest validation loss so far, and that loss.
    pub fn best_epoch(&self) -> Option<(u32, f32)> {
        self.best
    }

    /// Optimiser steps taken since the run started.
    pub fn total_steps(&self) -> u64 {
        self.total_steps
    }

    pub fn epochs_done(&self) -> u32 {
        self.history.len() as u32
    }

    /// Whether this task reports accuracy (classification and text).
    pub fn has_accuracy(&self) -> bool {
        self.task.loss == LossKind::CrossEntropy
    }

    /// Where the epoch in progress is: mini-batches done and mini-batches per epoch. Long
    /// epochs show this so the page never sits without news until an epoch ends.
    pub fn epoch_progress(&self) -> (u32, u32) {
        let per_epoch = self.task.train.len().div_ceil(self.config.batch.max(1));
        (self.current.steps_done(), per_epoch as u32)
    }

    /// True while the validation pass that closes an epoch is in progress.
    pub fn is_validating(&self) -> bool {
        self.validating.is_some()
    }

    /// Nominal flops of one training step of this run (see [`ModelSpec::flops_per_step`]).
    pub fn flops_per_step(&self) -> f64 {
        let tokens = self.task.vocab.is_some();
        self.network
            .spec()
            .flops_per_step(self.config.batch, self.config.seq_len, tokens)
    }

    /// Advances training by whole mini-batches within `budget`; returns the epochs finished.
    pub fn run_for(&mut self, budget: Budget) -> Vec<EpochReport> {
        let started = now_ms();
        let mut finished = Vec::new();
        let mut steps_done = 0u32;
        while self.status == RunStatus::Running {
            let within_budget = match budget {
                Budget::Millis(ms) => now_ms() - started < ms,
                // An epoch's validation pass belongs to its last step: step budgets finish it.
                Budget::Steps(n) => steps_done < n || self.validating.is_some(),
                Budget::Epochs(n) => (finished.len() as u32) < n,
                Budget::MillisUntilEpoch(ms) => now_ms() - started < ms && finished.is_empty(),
            };
            if !within_budget {
                break;
            }
            let validating = self.validating.is_some();
            match self.work_once() {
                Ok(Some(report)) => finished.push(report),
                Ok(None) => {}
                Err(error) => self.fail(&error),
            }
            if !validating {
                steps_done += 1;
            }
        }
        finished
    }

    /// One unit of work: a chunk of the pending validation pass, or else one mini-batch.
    fn work_once(&mut self) -> Result<Option<EpochReport>, NnError> {
        let Some(mut evaluation) = self.validating.take() else {
            return self.train_one_batch();
        };
        match self
            .network
            .continue_evaluation(&self.task.val, &mut evaluation)
        {
            Some(val) => self.finish_epoch(val),
            None => {
                self.validating = Some(evaluation);
                Ok(None)
            }
        }
    }

    /// Trains until exactly one more epoch has finished (or the run ends).
    pub fn step_epoch(&mut self) -> Option<EpochReport> {
        self.run_for(Budget::Epochs(1)).pop()
    }

    fn step_settings(&self) -> StepSettings {
        StepSettings {
            lr: self.config.lr,
            weight_decay: self.config.l2,
            clip_grad_norm: (self.config.clip > 0.0).then_some(self.config.clip),
        }
    }

    /// One optimiser step on the next mini-batch; returns a report if it closed an epoch.
    /// An error is the network refusing data the task built for it: a bug, which ends the
    /// run as failed (see [`Self::fail`]) rather than panicking in a worker.
    fn train_one_batch(&mut self) -> Result<Option<EpochReport>, NnError> {
        if self.current.is_fresh() {
            self.current.begin(&mut self.shuffle_rng, now_ms());
        }
        let rows = self.current.next_rows(self.config.batch);
        let batch = self.task.train.gather(&rows);
        let score = self
            .network
            .train_batch(&batch, self.config.dropout, &mut self.dropout_rng)?;
        if !score.loss.is_finite() {
            let happened = Message::plain("diverge.training_became");
            return Ok(self.diverge(happened, Some(non_finite_key(score.loss))));
        }
        let settings = self.step_settings();
        let grad_norm = self.optimizer.step(&mut self.network, &settings);
        self.total_steps += 1;
        self.current.record(score, grad_norm);
        if self.current.is_complete() {
            // A validation set the network refuses is an error, not a NaN loss read as
            // divergence.
            self.validating = Some(self.network.begin_evaluation(&self.task.val)?);
        }
        Ok(None)
    }

    fn finish_epoch(&mut self, val: BatchScore) -> Result<Option<EpochReport>, NnError> {
        let epoch = self.epochs_done() + 1;
        let report = self
            .current
            .close(epoch, val, self.has_accuracy(), now_ms());
        if !report.val_loss.is_finite()
            || !report.train_loss.is_finite()
            || !report.grad_norm.is_finite()
        {
            let bad = if report.val_loss.is_finite() {
                report.train_loss
            } else {
                report.val_loss
            };
            let happened = Message::plain("diverge.became");
            return Ok(self.diverge(happened, Some(non_finite_key(bad))));
        }
        if let Some(reason) = self.guard.check(&report, self.task.baseline_loss) {
            return Ok(self.diverge(reason, None));
        }
        if self.best.is_none_or(|(_, best)| report.val_loss < best) {
            self.best = Some((report.epoch, report.val_loss));
            let keep = self.config.patience > 0 || self.config.keep_best > 0;
            self.best_weights.remember(&self.network, keep);
        }
        self.history.push(report.clone());
        let best_epoch = self.best.map_or(report.epoch, |(epoch, _)| epoch);
        if early_stop::patience_ran_out(report.epoch, best_epoch, self.config.patience) {
            self.stop_early(best_epoch)?;
        } else if self.epochs_done() >= self.config.max_epochs {
            self.status = RunStatus::Finished;
            if self.config.keep_best > 0 {
                self.restore_best_weights();
            }
        }
        Ok(Some(report))
    }

    /// Puts the best epoch's weights back and ends the run, reporting their validation loss
    /// (the same evaluation that made them the best, so the same number).
    fn stop_early(&mut self, best_epoch: u32) -> Result<(), NnError> {
        self.restore_best_weights();
        let kept_val_loss = self.network.evaluate(&self.task.val)?.loss;
        self.status = RunStatus::StoppedEarly {
            best_epoch,
            kept_val_loss,
        };
        Ok(())
    }

    /// Puts back the weights of the best epoch, when they were kept.
    fn restore_best_weights(&mut self) {
        if let Some(best) = self.best_weights.take() {
            self.network = best;
            // The optimiser's moments belong to the discarded weights.
            self.optimizer = Optimizer::new(optimizer_kind(&self.config), &self.network);
        }
    }

    /// Ends the run on an internal error. Unlike divergence, changing the learning rate
    /// would not help, so the message is the error alone.
    fn fail(&mut self, error: &NnError) {
        self.status = RunStatus::failed(error);
        self.current = EpochInProgress::new(self.task.train.len());
        self.validating = None;
    }

    /// Ends the run. The epoch in progress is dropped: its numbers are not trustworthy.
    /// `what` is the catalog key of the non-finite value's name, the `{what}` of
    /// `what_happened`; the advice is written in every language.
    fn diverge(
        &mut self,
        what_happened: Message,
        what: Option<&'static str>,
    ) -> Option<EpochReport> {
        let epoch = (self.epochs_done() + 1).to_string();
        let clip_hint = if self.config.clip > 0.0 {
            Message::new(
                "diverge.clip_smaller",
                &[("clip", self.config.clip.to_string())],
            )
        } else {
            Message::plain("diverge.clip_on")
        };
        let lr = self.config.lr.to_string();
        let advice = |words: &'static Catalog| {
            let mut happened = what_happened.clone();
            if let Some(key) = what {
                happened.values.push(("what", words.text(key).to_string()));
            }
            let blanks = [
                ("epoch", epoch.clone()),
                ("happened", happened.render(words)),
                ("lr", lr.clone()),
                ("hint", clip_hint.render(words)),
            ];
            Message::new("diverge.advice", &blanks).render(words)
        };
        self.status = RunStatus::Diverged {
            message: advice(english()),
            words: catalogs()
                .iter()
                .map(|c| (c.lang.to_string(), advice(c)))
                .collect(),
        };
        self.current = EpochInProgress::new(self.task.train.len());
        self.validating = None;
        None
    }
}

#[cfg(test)]
mod tests;

/// The catalog key of the words for a non-finite loss. The page shows this message, and a
/// page must never show "NaN", so say what happened instead of naming the value.
fn non_finite_key(value: f32) -> &'static str {
    if value.is_nan() {
        "diverge.undefined"
    } else {
        "diverge.infinite"
    }
}
