//! Comparing runs side by side and sweeping model capacity.
//!
//! - [`LabQuery`] reads the URL of the two lab modes (`mode=compare`, `mode=sweep`): the
//!   shared settings through the main parameter table, plus the mode's own keys (`cells`,
//!   `sweep_hidden`, `sweep_layers`, `workers`, `logy`), leniently, with a notice for every
//!   value it had to replace;
//! - [`SweepGrid`] is the hidden-units x layers grid of a capacity sweep and the order its
//!   points are trained in;
//! - [`SweepRow`] summarises one trained model (best and final losses, wall time), built from
//!   its epoch reports the same way natively and in the browser; [`write_csv`] exports rows
//!   with the columns documented in [`CSV_COLUMNS`], and [`text_table`] for a terminal;
//! - [`train_point`] trains one model to its epoch budget, and natively [`run_sweep`] trains
//!   a whole grid on a pool of threads (the page uses a pool of web workers instead).

mod csv;
mod error;
mod grid;
mod lab_query;
mod lists;
mod row;
#[cfg(not(target_arch = "wasm32"))]
mod runner;
mod text_table;
mod train;

pub use csv::{write_csv, CsvColumn, CSV_COLUMNS};
pub use error::SweepError;
pub use grid::{
    GridPoint, SweepGrid, DEFAULT_SWEEP_HIDDEN, DEFAULT_SWEEP_LAYERS, MAX_GRID_POINTS,
    MAX_HIDDEN_VALUES,
};
pub use lab_query::{
    CompareRun, LabLimits, LabMode, LabParse, LabQuery, MAX_COMPARE_RUNS, MAX_WORKERS,
};
pub use row::{model_label, LossSummary, PointStatus, SweepRow};
#[cfg(not(target_arch = "wasm32"))]
pub use runner::run_sweep;
pub use text_table::text_table;
pub use train::train_point;
