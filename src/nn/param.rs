//! A trainable tensor and its gradient, and the named views the optimiser and the
//! state_dict code walk over.

use ndarray::{Array, Dimension};

/// A parameter tensor with its gradient (same shape), in PyTorch's layout.
#[derive(Clone, Debug)]
pub(crate) struct Param<D: Dimension> {
    pub value: Array<f32, D>,
    /// d loss / d value from the last `train_batch` (overwritten, not accumulated).
    pub grad: Array<f32, D>,
}

impl<D: Dimension> Param<D> {
    pub fn new(value: Array<f32, D>) -> Self {
        let grad = Array::zeros(value.raw_dim());
        Param { value, grad }
    }

    pub fn values(&self) -> &[f32] {
        self.value.as_slice().expect("parameters are contiguous")
    }

    pub fn grads(&self) -> &[f32] {
        self.grad.as_slice().expect("gradients are contiguous")
    }

    pub fn grads_mut(&mut self) -> &mut [f32] {
        self.grad.as_slice_mut().expect("gradients are contiguous")
    }

    /// The value to update and the gradient to read, borrowed together.
    pub fn value_and_grad(&mut self) -> (&mut [f32], &[f32]) {
        (
            self.value
                .as_slice_mut()
                .expect("parameters are contiguous"),
            self.grad.as_slice().expect("gradients are contiguous"),
        )
    }

    pub fn view<'a>(&'a self, name: String) -> ParamView<'a> {
        ParamView {
            name,
            shape: self.value.shape().to_vec(),
            value: self.values(),
            grad: self.grads(),
        }
    }

    pub fn view_mut<'a>(&'a mut self, name: String) -> ParamViewMut<'a> {
        let shape = self.value.shape().to_vec();
        let (value, grad) = self.value_and_grad();
        ParamViewMut {
            name,
            shape,
            value,
            grad,
        }
    }
}

/// One parameter tensor, read-only, under its PyTorch state_dict name.
#[derive(Debug)]
pub struct ParamView<'a> {
    /// e.g. `rnn.weight_ih_l0`, `head.bias`
    pub name: String,
    /// e.g. `[4 * hidden, input]`
    pub shape: Vec<usize>,
    /// Row-major values.
    pub value: &'a [f32],
    /// d loss / d value from the last `train_batch`.
    pub grad: &'a [f32],
}

/// One parameter tensor whose values may be changed (optimisers, gradient checks).
#[derive(Debug)]
pub struct ParamViewMut<'a> {
    pub name: String,
    pub shape: Vec<usize>,
    pub value: &'a mut [f32],
    pub grad: &'a [f32],
}
