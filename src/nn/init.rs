//! PyTorch's default initialisation.
//!
//! `nn.RNN`, `nn.LSTM` and `nn.GRU` draw every weight and bias from U(-k, k) with
//! k = 1/sqrt(hidden_size). `nn.Linear(in, out)` uses Kaiming-uniform with a = sqrt(5) for
//! the weight, which works out to U(-1/sqrt(in), 1/sqrt(in)), and the same bound for the
//! bias. Our head reads the hidden state, so its bound is 1/sqrt(hidden_size) as well.

use crate::rng::Rng;
use ndarray::{Array, Dimension, ShapeBuilder};

/// A tensor of the given shape with entries from U(-bound, bound), drawn in row-major order.
pub fn uniform<D: Dimension, Sh: ShapeBuilder<Dim = D>>(
    shape: Sh,
    bound: f32,
    rng: &mut Rng,
) -> Array<f32, D> {
    Array::from_shape_simple_fn(shape, || rng.uniform_range(-bound, bound))
}

/// The bound PyTorch uses for a layer with `fan_in` inputs to each unit: 1/sqrt(fan_in).
pub fn default_bound(fan_in: usize) -> f32 {
    1.0 / (fan_in as f32).sqrt()
}
