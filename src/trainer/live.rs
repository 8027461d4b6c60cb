//! Settings that change while a run goes on: which apply in place, and the optimiser
//! they set up.

use super::Trainer;
use crate::config::{Config, OptimizerChoice};
use crate::optim::{Optimizer, OptimizerKind};
use crate::trainer::RunStatus;

/// Whether a settings change could be applied to the running trainer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LiveChange {
    /// Applied in place; training continues from where it was.
    Applied,
    /// The change alters the data or the network's shape: build a new trainer.
    NeedsReset,
}

impl Trainer {
    /// Applies new settings. Learning rate, momentum, dropout, L2, clipping and the epoch
    /// limit change in place; anything else needs a new trainer.
    pub fn apply_live(&mut self, new_config: &Config) -> LiveChange {
        if self.config.is_structural_change(new_config) {
            return LiveChange::NeedsReset;
        }
        if new_config.momentum != self.config.momentum
            && new_config.optimizer == OptimizerChoice::Sgd
        {
            // Momentum lives in the optimiser's kind; its velocity buffers start afresh.
            self.optimizer = Optimizer::new(optimizer_kind(new_config), &self.network);
        }
        let extended = new_config.max_epochs > self.config.max_epochs;
        self.config = new_config.clone();
        if extended && self.status == RunStatus::Finished {
            self.status = RunStatus::Running;
        } else if self.status == RunStatus::Running && self.epochs_done() >= self.config.max_epochs
        {
            self.status = RunStatus::Finished;
        }
        LiveChange::Applied
    }
}

/// The optimiser the settings ask for (Adam with PyTorch's defaults).
pub(super) fn optimizer_kind(config: &Config) -> OptimizerKind {
    match config.optimizer {
        OptimizerChoice::Sgd => OptimizerKind::Sgd {
            momentum: config.momentum,
        },
        OptimizerChoice::Adam => OptimizerKind::Adam {
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8,
        },
    }
}
