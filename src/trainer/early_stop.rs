//! Early stopping: keeps the weights of the best validation epoch and says when validation
//! has stalled for `patience` epochs, so the run can stop and hand back those weights.

use crate::nn::Network;

/// The best weights seen so far, kept only while early stopping or "keep best weights" is
/// on (copying a network every time validation improves is wasted work otherwise).
#[derive(Default)]
pub(super) struct BestWeights {
    network: Option<Network>,
}

impl BestWeights {
    /// Called when `network` has just reached a new best validation loss.
    pub fn remember(&mut self, network: &Network, keep: bool) {
        self.network = keep.then(|| network.clone());
    }

    /// The remembered weights, if any, without taking them.
    pub fn get(&self) -> Option<&Network> {
        self.network.as_ref()
    }

    /// Remembers `network` as the best weights (restoring a saved run).
    pub fn set(&mut self, network: Option<Network>) {
        self.network = network;
    }

    /// The remembered weights, if any; leaves nothing behind.
    pub fn take(&mut self) -> Option<Network> {
        self.network.take()
    }
}

/// Whether a run whose best epoch was `best_epoch` should stop after `epoch`.
pub(super) fn patience_ran_out(epoch: u32, best_epoch: u32, patience: u32) -> bool {
    patience > 0 && epoch.saturating_sub(best_epoch) >= patience
}

#[cfg(test)]
mod tests {
    use super::patience_ran_out;

    #[test]
    fn stops_once_patience_epochs_passed_without_a_better_loss() {
        assert!(!patience_ran_out(10, 10, 3));
        assert!(!patience_ran_out(12, 10, 3));
        assert!(patience_ran_out(13, 10, 3));
        assert!(!patience_ran_out(500, 1, 0), "0 means off");
    }
}
