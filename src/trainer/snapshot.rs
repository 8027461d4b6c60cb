//! A run's whole training state, saved so that another trainer (in another worker, later)
//! continues it bit for bit: an embedded figure gives its worker back when its turn on the
//! machine is over, keeps this, and resumes from it on its next turn.
//!
//! The task's data is not saved: it is rebuilt from the config and its seed (or from the
//! reader's own series, which the page still holds), exactly as the first time.

use serde::{Deserialize, Serialize};

use super::divergence::DivergenceGuard;
use super::epoch::EpochInProgress;
use super::live::optimizer_kind;
use super::{EpochReport, RunStatus, Trainer, TrainerError};
use crate::clock::now_ms;
use crate::config::Config;
use crate::nn::{Evaluation, Network};
use crate::optim::Optimizer;
use crate::rng::Rng;

/// Everything a [`Trainer`] holds besides its data. Weights are flat tensors in
/// state_dict order.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TrainerSnapshot {
    config: Config,
    weights: Vec<Vec<f32>>,
    optimizer: Optimizer,
    shuffle_rng: Rng,
    dropout_rng: Rng,
    history: Vec<EpochReport>,
    best: Option<(u32, f32)>,
    status: RunStatus,
    /// The epoch in progress; its clock holds the epoch's elapsed time, negated.
    epoch: EpochInProgress,
    validating: Option<Evaluation>,
    guard: DivergenceGuard,
    total_steps: u64,
    best_weights: Option<Vec<Vec<f32>>>,
}

impl TrainerSnapshot {
    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn epochs_done(&self) -> u32 {
        self.history.len() as u32
    }
}

impl Trainer {
    /// The run's state as it is now, between two mini-batches (or validation chunks).
    pub fn snapshot(&self) -> TrainerSnapshot {
        let mut epoch = self.current.clone();
        epoch.shift_clock(-now_ms());
        TrainerSnapshot {
            config: self.config.clone(),
            weights: weights_of(&self.network),
            optimizer: self.optimizer.clone(),
            shuffle_rng: self.shuffle_rng.clone(),
            dropout_rng: self.dropout_rng.clone(),
            history: self.history.clone(),
            best: self.best,
            status: self.status.clone(),
            epoch,
            validating: self.validating.clone(),
            guard: self.guard.clone(),
            total_steps: self.total_steps,
            best_weights: self.best_weights.get().map(weights_of),
        }
    }

    /// A trainer that continues `snapshot`'s run. Refused, with the part that does not
    /// fit, when the snapshot's state does not belong to its own config.
    pub fn resume(snapshot: TrainerSnapshot) -> Result<Trainer, TrainerError> {
        let mut trainer = Trainer::new(snapshot.config.clone())?;
        trainer.take_state(snapshot)?;
        Ok(trainer)
    }

    /// Like [`Self::resume`], for a run on the reader's own series `values`.
    pub fn resume_with_own_series(
        snapshot: TrainerSnapshot,
        values: &[f32],
    ) -> Result<Trainer, TrainerError> {
        let mut trainer = Trainer::with_own_series(snapshot.config.clone(), values)?;
        trainer.take_state(snapshot)?;
        Ok(trainer)
    }

    /// Moves the snapshot's state into this freshly built trainer, after checking every
    /// part against it; on an error nothing is used.
    fn take_state(&mut self, snapshot: TrainerSnapshot) -> Result<(), TrainerError> {
        let network = with_weights(&self.network, &snapshot.weights).ok_or(refusal("weights"))?;
        let best_weights = match &snapshot.best_weights {
            Some(weights) => {
                Some(with_weights(&self.network, weights).ok_or(refusal("best_weights"))?)
            }
            None => None,
        };
        let optimizer_fits = snapshot.optimizer.fits(&network)
            && snapshot.optimizer.kind() == optimizer_kind(&self.config);
        if !optimizer_fits {
            return Err(refusal("optimizer"));
        }
        if !snapshot.epoch.fits(self.task.train.len()) {
            return Err(refusal("epoch"));
        }
        if let Some(saved) = &snapshot.validating {
            let fresh = self
                .network
                .begin_evaluation(&self.task.val)
                .map_err(|_| refusal("validating"))?;
            if !saved.continues(&fresh) {
                return Err(refusal("validating"));
            }
        }
        let numbered = snapshot
            .history
            .iter()
            .enumerate()
            .all(|(i, report)| report.epoch as usize == i + 1);
        let best_known = snapshot
            .best
            .is_none_or(|(epoch, _)| epoch as usize <= snapshot.history.len());
        if !numbered || !best_known {
            return Err(refusal("history"));
        }

        let mut epoch = snapshot.epoch;
        epoch.shift_clock(now_ms());
        self.network = network;
        self.best_weights.set(best_weights);
        self.optimizer = snapshot.optimizer;
        self.shuffle_rng = snapshot.shuffle_rng;
        self.dropout_rng = snapshot.dropout_rng;
        self.history = snapshot.history;
        self.best = snapshot.best;
        self.status = snapshot.status;
        self.current = epoch;
        self.validating = snapshot.validating;
        self.guard = snapshot.guard;
        self.total_steps = snapshot.total_steps;
        Ok(())
    }
}

/// A snapshot whose `part` does not fit its own settings.
fn refusal(part: &str) -> TrainerError {
    TrainerError::Snapshot(part.to_string())
}

/// Every parameter tensor's values, in state_dict order.
fn weights_of(network: &Network) -> Vec<Vec<f32>> {
    network
        .parameters()
        .iter()
        .map(|p| p.value.to_vec())
        .collect()
}

/// A copy of `network` holding `weights`, or None when they do not have its tensors' sizes.
fn with_weights(network: &Network, weights: &[Vec<f32>]) -> Option<Network> {
    let mut copy = network.clone();
    let mut params = copy.parameters_mut();
    let fits = params.len() == weights.len()
        && params
            .iter()
            .zip(weights)
            .all(|(p, w)| p.value.len() == w.len());
    if !fits {
        return None;
    }
    for (param, values) in params.iter_mut().zip(weights) {
        param.value.copy_from_slice(values);
    }
    drop(params);
    Some(copy)
}
