//! What a run can take away: its model as a PyTorch state_dict JSON and the Python file
//! that defines the matching module, its loss history and its data set as CSV. Everything
//! is generated from the trainer itself, so the files always describe the run they came from.

mod csv;
mod python;

pub use csv::{dataset_csv, history_csv, RunDescription};
pub use python::pytorch_module;

use crate::trainer::Trainer;

/// The file a download is saved as, and what it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    /// `model.json`: the state_dict.
    StateDict,
    /// `model.py`: the PyTorch module loading `model.json`.
    PythonModule,
    /// `history.csv`: one row per epoch.
    History,
    /// `dataset.csv`: the training and validation sequences with their targets.
    Dataset,
}

impl Export {
    pub const ALL: [Export; 4] = [
        Export::StateDict,
        Export::PythonModule,
        Export::History,
        Export::Dataset,
    ];

    /// The name used in messages and as the download's file name stem.
    pub fn key(self) -> &'static str {
        match self {
            Export::StateDict => "model.json",
            Export::PythonModule => "model.py",
            Export::History => "history.csv",
            Export::Dataset => "dataset.csv",
        }
    }

    pub fn from_key(key: &str) -> Option<Export> {
        Export::ALL.into_iter().find(|e| e.key() == key)
    }

    /// The file's text for the run `trainer` holds now.
    pub fn render(self, trainer: &Trainer) -> String {
        let settings = trainer.config().to_query();
        let task = trainer.task();
        // The downloaded files are English, as the code they hold.
        let (loss_label, baseline_label) =
            (task.loss_label.english(), task.baseline_label.english());
        let run = RunDescription {
            settings: &settings,
            task: trainer.config().task.key(),
            loss_label: &loss_label,
            baseline_loss: task.baseline_loss,
            baseline_label: &baseline_label,
        };
        match self {
            Export::StateDict => trainer.network().state_dict_json(),
            Export::PythonModule => pytorch_module(
                trainer.network().spec(),
                task.vocab.is_some(),
                trainer.config().dropout,
                &settings,
            ),
            Export::History => history_csv(&run, trainer.history(), trainer.has_accuracy()),
            Export::Dataset => dataset_csv(&run, &task.train, &task.val, task.vocab.as_deref()),
        }
    }
}
