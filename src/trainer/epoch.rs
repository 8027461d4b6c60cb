//! Bookkeeping for the epoch currently in progress, which may span several slices.

use super::EpochReport;
use crate::nn::BatchScore;
use crate::rng::Rng;

/// The shuffled order of this epoch's training sequences and the running sums.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub(super) struct EpochInProgress {
    order: Vec<usize>,
    cursor: usize,
    started_ms: f64,
    loss_sum: f64,
    positions: usize,
    correct: usize,
    grad_norm_sum: f64,
    steps: u32,
}

impl EpochInProgress {
    pub fn new(train_len: usize) -> Self {
        EpochInProgress {
            order: (0..train_len).collect(),
            cursor: 0,
            started_ms: 0.0,
            loss_sum: 0.0,
            positions: 0,
            correct: 0,
            grad_norm_sum: 0.0,
            steps: 0,
        }
    }

    /// True before the first mini-batch of an epoch.
    pub fn is_fresh(&self) -> bool {
        self.steps == 0
    }

    /// Reshuffles and starts the clock. Called before the epoch's first mini-batch.
    pub fn begin(&mut self, rng: &mut Rng, now_ms: f64) {
        rng.shuffle(&mut self.order);
        self.cursor = 0;
        self.started_ms = now_ms;
    }

    /// The rows of the next mini-batch (the last one of an epoch may be smaller).
    pub fn next_rows(&mut self, batch_size: usize) -> Vec<usize> {
        let end = (self.cursor + batch_size.max(1)).min(self.order.len());
        let rows = self.order[self.cursor..end].to_vec();
        self.cursor = end;
        rows
    }

    pub fn record(&mut self, score: BatchScore, grad_norm: f32) {
        // Weight by positions so the epoch loss is the mean over every training position.
        self.loss_sum += score.loss as f64 * score.positions as f64;
        self.positions += score.positions;
        self.correct += score.correct;
        self.grad_norm_sum += grad_norm as f64;
        self.steps += 1;
    }

    /// The same epoch with its clock moved by `ms`: a saved epoch keeps its elapsed time
    /// (not the wall time spent saved), so its report's `wall_ms` stays its training time.
    pub fn shift_clock(&mut self, ms: f64) {
        self.started_ms += ms;
    }

    /// Whether this (saved) epoch belongs to a training set of `train_len` sequences: its
    /// order is a permutation of them and its cursor inside it.
    pub fn fits(&self, train_len: usize) -> bool {
        let mut seen = vec![false; train_len];
        let permutation = self.order.len() == train_len
            && self
                .order
                .iter()
                .all(|&i| i < train_len && !std::mem::replace(&mut seen[i], true));
        permutation && self.cursor <= train_len
    }

    /// Mini-batches trained so far in this epoch.
    pub fn steps_done(&self) -> u32 {
        self.steps
    }

    pub fn is_complete(&self) -> bool {
        self.cursor >= self.order.len()
    }

    /// Turns the sums into a report and resets for the next epoch.
    pub fn close(
        &mut self,
        epoch: u32,
        val: BatchScore,
        with_accuracy: bool,
        now_ms: f64,
    ) -> EpochReport {
        let accuracy = |correct: usize, positions: usize| {
            with_accuracy.then(|| correct as f32 / positions.max(1) as f32)
        };
        let report = EpochReport {
            epoch,
            train_loss: (self.loss_sum / self.positions.max(1) as f64) as f32,
            val_loss: val.loss,
            train_accuracy: accuracy(self.correct, self.positions),
            val_accuracy: accuracy(val.correct, val.positions),
            grad_norm: (self.grad_norm_sum / self.steps.max(1) as f64) as f32,
            wall_ms: now_ms - self.started_ms,
            steps: self.steps,
        };
        let order = std::mem::take(&mut self.order);
        *self = EpochInProgress {
            order,
            ..EpochInProgress::new(0)
        };
        report
    }
}
