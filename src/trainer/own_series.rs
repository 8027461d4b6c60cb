//! A forecast run on the reader's own series instead of the generated wave
//! (`crate::data::own_series`): the same trainer, other data.

use super::{Trainer, TrainerError};
use crate::config::{Config, TaskKind};
use crate::data::{own_series, Sizes};
use crate::i18n::Message;

impl Trainer {
    /// A forecast run on `values` (a series read by `crate::data::parse_series`), split,
    /// normalised and windowed by `config`'s sequence length and set sizes.
    pub fn with_own_series(config: Config, values: &[f32]) -> Result<Trainer, TrainerError> {
        if config.task != TaskKind::Forecast {
            return Err(TrainerError::Data(Message::new(
                "series.error.not_forecast",
                &[("task", config.task.key().to_string())],
            )));
        }
        Self::with_task(config, |config, _| {
            let sizes = Sizes {
                seq_len: config.seq_len,
                train: config.train_size,
                val: config.val_size,
            };
            own_series::build(values, sizes).map_err(|e| TrainerError::Data(e.message()))
        })
    }
}
