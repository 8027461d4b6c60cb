//! The loss chart (in progress).
