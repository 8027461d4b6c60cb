//! Optimisers (in progress).
