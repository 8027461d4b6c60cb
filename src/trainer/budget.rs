//! How much work one call to the trainer may do.

/// How much work one call to [`super::Trainer::run_for`] may do.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Budget {
    /// Stop starting new mini-batches once this many milliseconds have passed.
    Millis(f64),
    /// Do exactly this many mini-batches (optimiser steps), unless the run ends first.
    Steps(u32),
    /// Do mini-batches until this many more epochs have finished.
    Epochs(u32),
    /// Like `Millis`, but also stop once an epoch has finished: the Step button's epoch,
    /// advanced in slices so a long epoch never blocks the worker.
    MillisUntilEpoch(f64),
}
