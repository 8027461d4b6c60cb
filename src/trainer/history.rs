//! The loss history of a run: train and validation losses per epoch and the best epoch,
//! filled from the trainer's reports and read by the charts and the page.

use super::EpochReport;

/// Train and validation curves as `(epoch, loss)` points, plus the best validation epoch.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LossHistory {
    pub train: Vec<(f32, f32)>,
    pub val: Vec<(f32, f32)>,
    /// `(epoch, val_loss)` with the lowest validation loss; the earliest one on ties.
    pub best: Option<(f32, f32)>,
}

impl LossHistory {
    /// Collect the curves from reports in epoch order. Non-finite losses (which a healthy
    /// trainer never reports) are skipped rather than drawn.
    pub fn from_reports(reports: &[EpochReport]) -> Self {
        let mut history = LossHistory::default();
        for report in reports {
            history.push(report.epoch, report.train_loss, report.val_loss);
        }
        history
    }

    /// Append one epoch, keeping the best validation epoch up to date in O(1).
    /// Each loss is kept only if finite; an epoch not after the last one is ignored so the
    /// series stay sorted (the page calls `clear` when a new run starts).
    pub fn push(&mut self, epoch: u32, train_loss: f32, val_loss: f32) {
        let x = epoch as f32;
        let last_epoch = self
            .train
            .last()
            .into_iter()
            .chain(self.val.last())
            .map(|p| p.0)
            .fold(f32::NEG_INFINITY, f32::max);
        if x <= last_epoch {
            return;
        }
        if train_loss.is_finite() {
            self.train.push((x, train_loss));
        }
        if val_loss.is_finite() {
            self.val.push((x, val_loss));
            if self.best.is_none_or(|(_, best)| val_loss < best) {
                self.best = Some((x, val_loss));
            }
        }
    }

    pub fn clear(&mut self) {
        *self = LossHistory::default();
    }

    /// Points in the longer of the two series.
    pub fn len(&self) -> usize {
        self.train.len().max(self.val.len())
    }

    pub fn is_empty(&self) -> bool {
        self.train.is_empty() && self.val.is_empty()
    }
}

/// The point with the lowest finite loss (the earliest on ties), if any.
pub fn best_point(points: &[(f32, f32)]) -> Option<(f32, f32)> {
    points
        .iter()
        .copied()
        .filter(|(x, y)| x.is_finite() && y.is_finite())
        .fold(None, |best: Option<(f32, f32)>, p| match best {
            Some(b) if b.1 <= p.1 => Some(b),
            _ => Some(p),
        })
}
