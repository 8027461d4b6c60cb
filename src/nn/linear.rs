//! The Linear head (`nn.Linear(hidden_size, output_size)`): `y = x Wᵀ + b`.

use super::init::{default_bound, uniform};
use super::kernels::{column_sums, fill_rows, gemm, mat, mat_mut};
use super::param::Param;
use crate::rng::Rng;
use ndarray::{Ix1, Ix2};

#[derive(Clone, Debug)]
pub(crate) struct Linear {
    /// `[output_size, input_size]`
    pub weight: Param<Ix2>,
    /// `[output_size]`
    pub bias: Param<Ix1>,
}

impl Linear {
    /// PyTorch's default init: weight and bias from U(-1/sqrt(in), 1/sqrt(in)).
    pub fn new(input_size: usize, output_size: usize, rng: &mut Rng) -> Self {
        let bound = default_bound(input_size);
        let weight = uniform((output_size, input_size), bound, rng);
        let bias = uniform(output_size, bound, rng);
        Linear {
            weight: Param::new(weight),
            bias: Param::new(bias),
        }
    }

    pub fn input_size(&self) -> usize {
        self.weight.value.ncols()
    }

    pub fn output_size(&self) -> usize {
        self.weight.value.nrows()
    }

    /// `out [rows, O] = x [rows, I] · Wᵀ + b`.
    pub fn forward(&self, x: &[f32], rows: usize, out: &mut [f32]) {
        let (i, o) = (self.input_size(), self.output_size());
        fill_rows(out, rows, self.bias.values());
        gemm(
            mat(x, rows, i),
            self.weight.value.t(),
            1.0,
            mat_mut(out, rows, o),
        );
    }

    /// Given `d_out [rows, O]` = d loss / d out for the rows `x [rows, I]` of the last
    /// forward, store the weight and bias gradients and write `d_x [rows, I] = d_out · W`.
    pub fn backward(&mut self, x: &[f32], d_out: &[f32], rows: usize, d_x: &mut [f32]) {
        let (i, o) = (self.input_size(), self.output_size());
        // dW [O, I] = d_outᵀ [O, rows] · x [rows, I]: one product over every position.
        gemm(
            mat(d_out, rows, o).t(),
            mat(x, rows, i),
            0.0,
            self.weight.grad.view_mut(),
        );
        column_sums(d_out, rows, o, self.bias.grads_mut());
        gemm(
            mat(d_out, rows, o),
            self.weight.value.view(),
            0.0,
            mat_mut(d_x, rows, i),
        );
    }
}
