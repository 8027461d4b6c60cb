//! rnn-playground: train small recurrent networks and watch them overfit.
//!
//! Module map:
//! - [`nn`]: RNN / LSTM / GRU cells with PyTorch's semantics, Linear head, losses, BPTT,
//!   PyTorch state_dict import and export;
//! - [`optim`]: SGD with momentum and Adam, coupled L2 weight decay, gradient clipping;
//! - [`data`]: the seeded tasks (forecasting, adding problem, text, noisy classification);
//! - [`config`]: the one parameter table, validation and the URL query codec;
//! - [`trainer`]: the training loop in bounded slices, epoch reports, divergence, loading
//!   weights into a run;
//! - [`export`]: a run's downloads: state_dict, PyTorch module, history and data set CSV;
//! - `chart` (feature `chart`, on by default): the loss chart, the comparison and capacity
//!   charts and the inside-the-network views, drawn with plotters on any backend;
//! - [`sweep`]: the compare and capacity-sweep modes: grid, lab URL keys, results and CSV;
//! - `bench` (native, or wasm with feature `bench`): the reference training configurations
//!   T1-T4 timed natively and in the browser;
//! - [`rng`], [`clock`]: seeded randomness and a clock that works in a worker;
//! - `web` (wasm32 only): the bindings of the page (feature `chart`), of the training worker
//!   (feature `worker`) and of the browser benchmark (feature `bench`).
//!
//! Layers point one way: `nn`, `optim`, `rng` and `clock` at the bottom; `config` over `nn`;
//! `data` over `config`; `trainer` and `sweep` over those; `chart` and `web` on top. No core
//! module imports `chart`, `web` or plotters (`tests/module_graph.rs` checks it), so the
//! worker's wasm is built without them.

#[cfg(any(feature = "bench", not(target_arch = "wasm32")))]
pub mod bench;
#[cfg(feature = "chart")]
pub mod chart;
pub mod clock;
pub mod config;
pub mod data;
pub mod export;
pub mod i18n;
pub mod nn;
pub mod optim;
pub mod rng;
pub mod sweep;
pub mod trainer;
#[cfg(target_arch = "wasm32")]
pub mod web;
