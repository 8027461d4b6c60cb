//! The training loop (in progress).
mod report;
pub use report::{EpochReport, RunStatus};
