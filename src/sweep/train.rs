//! Training one model of a sweep to its epoch budget.

use super::{PointStatus, SweepError, SweepRow};
use crate::config::Config;
use crate::trainer::{Budget, RunStatus, Trainer};

/// Epochs per `run_for` call: the loop checks the status this often.
const EPOCHS_PER_CALL: u32 = 10;

/// Trains `config` until its epoch limit (`config.max_epochs`) or divergence and returns
/// the summary. A configuration the trainer refuses is an error.
pub fn train_point(config: Config) -> Result<SweepRow, SweepError> {
    let (cell, hidden, layers) = (config.cell, config.hidden, config.layers);
    let mut trainer = Trainer::new(config)?;
    while *trainer.status() == RunStatus::Running {
        trainer.run_for(Budget::Epochs(EPOCHS_PER_CALL));
    }
    Ok(SweepRow::from_reports(
        cell,
        hidden,
        layers,
        trainer.network().param_count(),
        trainer.history(),
        PointStatus::from_run(trainer.status()),
    ))
}
