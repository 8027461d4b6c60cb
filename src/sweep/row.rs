//! One trained model of a sweep (or one run of a comparison), summarised.

use crate::nn::CellKind;
use crate::trainer::{EpochReport, RunStatus};
use serde::{Deserialize, Serialize};

/// How a model's training ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PointStatus {
    /// Trained for the whole epoch budget.
    Finished,
    /// The loss stopped being finite or exploded; the losses are those of the epochs before.
    Diverged,
    /// The model could not be built or its worker crashed; no losses.
    Failed,
}

impl PointStatus {
    pub fn key(self) -> &'static str {
        match self {
            PointStatus::Finished => "finished",
            PointStatus::Diverged => "diverged",
            PointStatus::Failed => "failed",
        }
    }

    /// The status of a trainer that stopped (a trainer still running counts as finished:
    /// the caller stopped it at its budget).
    pub fn from_run(status: &RunStatus) -> PointStatus {
        match status {
            RunStatus::Diverged { .. } => PointStatus::Diverged,
            RunStatus::Failed { .. } => PointStatus::Failed,
            RunStatus::Running | RunStatus::Finished | RunStatus::StoppedEarly { .. } => {
                PointStatus::Finished
            }
        }
    }
}

/// The losses and timing of one run, from its epoch reports. `None` when no epoch finished.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LossSummary {
    /// Epochs that finished.
    pub epochs: u32,
    /// Lowest validation loss and its epoch (the earliest on ties).
    pub best_val_loss: Option<f32>,
    pub best_epoch: Option<u32>,
    /// Losses of the last finished epoch.
    pub final_train_loss: Option<f32>,
    pub final_val_loss: Option<f32>,
    /// Mean wall time of an epoch in milliseconds (training plus validation).
    pub ms_per_epoch: Option<f64>,
}

impl LossSummary {
    /// Summarises `reports` (in epoch order). Non-finite losses, which a healthy trainer
    /// never reports, are left out.
    pub fn from_reports(reports: &[EpochReport]) -> LossSummary {
        let best = reports.iter().filter(|r| r.val_loss.is_finite()).fold(
            None::<&EpochReport>,
            |best, r| match best {
                Some(b) if b.val_loss <= r.val_loss => Some(b),
                _ => Some(r),
            },
        );
        let last = reports.last();
        let wall: Vec<f64> = reports
            .iter()
            .map(|r| r.wall_ms)
            .filter(|ms| ms.is_finite() && *ms >= 0.0)
            .collect();
        LossSummary {
            epochs: reports.len() as u32,
            best_val_loss: best.map(|r| r.val_loss),
            best_epoch: best.map(|r| r.epoch),
            final_train_loss: last.map(|r| r.train_loss).filter(|l| l.is_finite()),
            final_val_loss: last.map(|r| r.val_loss).filter(|l| l.is_finite()),
            ms_per_epoch: (!wall.is_empty()).then(|| wall.iter().sum::<f64>() / wall.len() as f64),
        }
    }
}

/// The summary of one model of a sweep.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SweepRow {
    #[serde(with = "cell_as_key")]
    pub cell: CellKind,
    pub hidden: usize,
    pub layers: usize,
    /// Trainable parameters, head included.
    pub params: usize,
    #[serde(flatten)]
    pub losses: LossSummary,
    pub status: PointStatus,
}

impl SweepRow {
    /// Summarises a model from its `reports` (in epoch order).
    pub fn from_reports(
        cell: CellKind,
        hidden: usize,
        layers: usize,
        params: usize,
        reports: &[EpochReport],
        status: PointStatus,
    ) -> SweepRow {
        SweepRow {
            cell,
            hidden,
            layers,
            params,
            losses: LossSummary::from_reports(reports),
            status,
        }
    }

    /// A model that never trained (its configuration was refused, its worker died).
    pub fn failed(cell: CellKind, hidden: usize, layers: usize, params: usize) -> SweepRow {
        SweepRow::from_reports(cell, hidden, layers, params, &[], PointStatus::Failed)
    }

    /// `"LSTM 2×32"`: cell, layers × hidden units, as the page's titles write a model.
    pub fn label(&self) -> String {
        model_label(self.cell, self.layers, self.hidden)
    }
}

/// `"GRU 1×64"`.
pub fn model_label(cell: CellKind, layers: usize, hidden: usize) -> String {
    format!("{} {layers}×{hidden}", cell.short_label())
}

/// Cells are written with their URL keys (`lstm`), as in the CSV and the page.
mod cell_as_key {
    use crate::config::CELL_OPTIONS;
    use crate::nn::CellKind;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(cell: &CellKind, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(cell.key())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<CellKind, D::Error> {
        let key = String::deserialize(deserializer)?;
        CellKind::from_key(&key).ok_or_else(|| {
            let allowed: Vec<&str> = CELL_OPTIONS.iter().map(|o| o.value).collect();
            D::Error::custom(format!(
                "unknown cell '{key}' (allowed: {})",
                allowed.join(", ")
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(epoch: u32, train: f32, val: f32, wall_ms: f64) -> EpochReport {
        EpochReport {
            epoch,
            train_loss: train,
            val_loss: val,
            train_accuracy: None,
            val_accuracy: None,
            grad_norm: 1.0,
            wall_ms,
            steps: 4,
        }
    }

    #[test]
    fn summary_takes_the_earliest_best_and_the_last_epoch() {
        let reports = [
            report(1, 0.9, 0.8, 10.0),
            report(2, 0.5, 0.4, 20.0),
            report(3, 0.3, 0.4, 30.0),
            report(4, 0.1, 0.6, 40.0),
        ];
        let row = SweepRow::from_reports(CellKind::Gru, 8, 2, 123, &reports, PointStatus::Finished);
        let losses = &row.losses;
        assert_eq!(
            (losses.best_epoch, losses.best_val_loss),
            (Some(2), Some(0.4))
        );
        assert_eq!(
            (losses.final_train_loss, losses.final_val_loss),
            (Some(0.1), Some(0.6))
        );
        assert_eq!(losses.ms_per_epoch, Some(25.0));
        assert_eq!(losses.epochs, 4);
        assert_eq!(row.label(), "GRU 2×8");
    }

    #[test]
    fn a_failed_point_has_no_numbers() {
        let row = SweepRow::failed(CellKind::Lstm, 4, 1, 0);
        assert_eq!(row.losses, LossSummary::default());
        assert_eq!(row.status, PointStatus::Failed);
    }
}
