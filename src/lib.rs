//! rnn-playground: train small recurrent networks and watch them overfit.
//!
//! Module map:
//! - [`nn`]: RNN / LSTM / GRU cells with PyTorch's semantics, Linear head, losses, BPTT,
//!   PyTorch state_dict import and export;
//! - [`optim`]: SGD with momentum and Adam, coupled L2 weight decay, gradient clipping;
//! - [`rng`]: the seeded generator behind every random choice;
//! - [`clock`]: a millisecond clock that works natively and in a worker.

pub mod clock;
pub mod nn;
pub mod rng;
