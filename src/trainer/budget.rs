//! The small types of the trainer's interface: how much to do, and whether a settings
//! change could be applied in place.

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

/// Whether a settings change could be applied to the running trainer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LiveChange {
    /// Applied in place; training continues from where it was.
    Applied,
    /// The change alters the data or the network's shape: build a new trainer.
    NeedsReset,
}
