//! Small task configurations and typed views of a data set, for the task tests.

use ndarray::{Array2, Array3};
use rnn_playground::config::{Config, TaskKind};
use rnn_playground::data::{build_task, TaskData};
use rnn_playground::nn::CellKind;
use rnn_playground::nn::{Dataset, Inputs, Targets};
use rnn_playground::rng::Rng;

/// The task's preset with `train` training and `val` validation sequences.
pub fn sized(task: TaskKind, train: usize, val: usize) -> Config {
    Config {
        train_size: train,
        val_size: val,
        ..Config::preset(task)
    }
}

/// The task's preset, shrunk so building its data takes no time.
pub fn small(task: TaskKind) -> Config {
    Config {
        batch: 8,
        ..sized(task, 24, 16)
    }
}

pub fn build(config: &Config, seed: u64) -> TaskData {
    build_task(config, &mut Rng::new(seed)).expect("valid config builds")
}

pub fn dense(data: &Dataset) -> &Array3<f32> {
    match &data.inputs {
        Inputs::Dense(x) => x,
        Inputs::Tokens(_) => panic!("expected dense inputs"),
    }
}

pub fn tokens(data: &Dataset) -> &Array2<u32> {
    match &data.inputs {
        Inputs::Tokens(x) => x,
        Inputs::Dense(_) => panic!("expected tokens"),
    }
}

pub fn values(data: &Dataset) -> &Array2<f32> {
    match &data.targets {
        Targets::Values(y) => y,
        Targets::Classes(_) => panic!("expected values"),
    }
}

pub fn classes(data: &Dataset) -> &[u32] {
    match &data.targets {
        Targets::Classes(y) => y,
        Targets::Values(_) => panic!("expected classes"),
    }
}

/// A text run small enough to train a few epochs in a test.
pub fn small_text_run(cell: CellKind, layers: usize) -> Config {
    Config {
        cell,
        layers,
        hidden: 16,
        seq_len: 20,
        train_size: 24,
        val_size: 12,
        batch: 8,
        max_epochs: 50,
        ..Config::preset(TaskKind::Text)
    }
}
