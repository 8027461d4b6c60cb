//! Optimisers with PyTorch's semantics: SGD with momentum and Adam, coupled L2 weight
//! decay and global-norm gradient clipping.
//!
//! One [`Optimizer::step`] does, in this order (as `clip_grad_norm_` then `optimizer.step()`):
//! 1. global norm `‖g‖` over every gradient; if clipping is set and `‖g‖ > max`, every
//!    gradient is scaled by `max / (‖g‖ + 1e-6)`;
//! 2. coupled L2: `g += weight_decay * p`;
//! 3. SGD: `buf = momentum * buf + g; p -= lr * buf`
//!    Adam: `m = β1 m + (1-β1) g; v = β2 v + (1-β2) g²;`
//!    `p -= lr / (1-β1^t) * m / (sqrt(v) / sqrt(1-β2^t) + eps)`.

use crate::nn::Network;

/// Which update rule, with its own hyperparameters.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum OptimizerKind {
    /// `torch.optim.SGD(momentum=...)` (dampening 0, no Nesterov); momentum 0 is plain SGD.
    Sgd { momentum: f32 },
    /// `torch.optim.Adam(betas=(beta1, beta2), eps=eps)`.
    Adam { beta1: f32, beta2: f32, eps: f32 },
}

/// Settings that may change from one step to the next (sliders).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StepSettings {
    pub lr: f32,
    /// Coupled L2 penalty added to the gradient (PyTorch's `weight_decay`).
    pub weight_decay: f32,
    /// Global L2 norm above which gradients are scaled down (`clip_grad_norm_`).
    pub clip_grad_norm: Option<f32>,
}

/// Optimiser state: one buffer (SGD momentum) or two (Adam moments) per parameter tensor.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Optimizer {
    kind: OptimizerKind,
    /// SGD: momentum buffers; Adam: first moments m.
    first: Vec<Vec<f32>>,
    /// Adam: second moments v (empty for SGD).
    second: Vec<Vec<f32>>,
    /// Steps taken, for Adam's bias correction.
    steps: u32,
}

/// PyTorch's `clip_grad_norm_` adds this to the norm before dividing.
const CLIP_EPSILON: f64 = 1e-6;

impl Optimizer {
    /// Fresh state (zero buffers) shaped like `net`'s parameters.
    pub fn new(kind: OptimizerKind, net: &Network) -> Optimizer {
        Optimizer::fresh(kind, net.parameters().iter().map(|p| p.value.len()))
    }

    fn fresh(kind: OptimizerKind, sizes: impl Iterator<Item = usize>) -> Optimizer {
        let zeros: Vec<Vec<f32>> = sizes.map(|n| vec![0.0; n]).collect();
        let second = match kind {
            OptimizerKind::Adam { .. } => zeros.clone(),
            OptimizerKind::Sgd { .. } => Vec::new(),
        };
        Optimizer {
            kind,
            first: zeros,
            second,
            steps: 0,
        }
    }

    pub fn kind(&self) -> OptimizerKind {
        self.kind
    }

    /// Whether this state belongs to `net`: a buffer (two for Adam) per parameter tensor,
    /// each of that tensor's size. A saved state that does not fit is refused, not used.
    pub fn fits(&self, net: &Network) -> bool {
        let sizes: Vec<usize> = net.parameters().iter().map(|p| p.value.len()).collect();
        let fits = |buffers: &[Vec<f32>]| {
            buffers.len() == sizes.len() && buffers.iter().zip(&sizes).all(|(b, &n)| b.len() == n)
        };
        let second_fits = match self.kind {
            OptimizerKind::Adam { .. } => fits(&self.second),
            OptimizerKind::Sgd { .. } => self.second.is_empty(),
        };
        fits(&self.first) && second_fits
    }

    /// Steps taken so far.
    pub fn steps_taken(&self) -> u32 {
        self.steps
    }

    /// One step from the gradients stored in `net`; returns the global gradient norm before
    /// clipping. If that norm is not finite (a diverged run) the parameters are left as
    /// they are, so the network stays usable; the caller sees the non-finite norm.
    pub fn step(&mut self, net: &mut Network, settings: &StepSettings) -> f32 {
        let norm = global_grad_norm(net);
        if !norm.is_finite() {
            return norm as f32;
        }
        let clip_scale = match settings.clip_grad_norm {
            Some(max) if (max as f64) < norm => (max as f64 / (norm + CLIP_EPSILON)) as f32,
            _ => 1.0,
        };
        let mut params = net.parameters_mut();
        let same_shapes = self.first.len() == params.len()
            && self
                .first
                .iter()
                .zip(&params)
                .all(|(b, p)| b.len() == p.value.len());
        if !same_shapes {
            // A different network than the one we were built for: start from fresh state.
            *self = Optimizer::fresh(self.kind, params.iter().map(|p| p.value.len()));
        }
        self.steps += 1;
        let wd = settings.weight_decay;
        let lr = settings.lr;
        match self.kind {
            OptimizerKind::Sgd { momentum } => {
                for (param, buf) in params.iter_mut().zip(&mut self.first) {
                    for ((p, &g), b) in param.value.iter_mut().zip(param.grad).zip(buf.iter_mut()) {
                        let g = g * clip_scale + wd * *p;
                        *b = momentum * *b + g;
                        *p -= lr * *b;
                    }
                }
            }
            OptimizerKind::Adam { beta1, beta2, eps } => {
                let t = self.steps as i32;
                let correction1 = 1.0 - beta1.powi(t);
                let correction2_sqrt = (1.0 - beta2.powi(t)).sqrt();
                let step_size = lr / correction1;
                for ((param, m), v) in params.iter_mut().zip(&mut self.first).zip(&mut self.second)
                {
                    let moments = m.iter_mut().zip(v.iter_mut());
                    for ((p, &g), (m, v)) in param.value.iter_mut().zip(param.grad).zip(moments) {
                        let g = g * clip_scale + wd * *p;
                        *m = beta1 * *m + (1.0 - beta1) * g;
                        *v = beta2 * *v + (1.0 - beta2) * g * g;
                        let denom = v.sqrt() / correction2_sqrt + eps;
                        *p -= step_size * *m / denom;
                    }
                }
            }
        }
        norm as f32
    }
}

/// L2 norm of all gradients together, accumulated in f64.
fn global_grad_norm(net: &Network) -> f64 {
    let sum: f64 = net
        .parameters()
        .iter()
        .flat_map(|p| p.grad.iter())
        .map(|&g| (g as f64) * (g as f64))
        .sum();
    sum.sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::{CellKind, Dataset, Inputs, LossKind, ModelSpec, Readout, Targets};
    use crate::rng::Rng;
    use ndarray::{Array2, Array3};

    fn trained_once(seed: u64) -> (Network, Vec<Vec<f32>>, Vec<Vec<f32>>) {
        let spec = ModelSpec::new(CellKind::Gru, 2, 3, 1, 1, Readout::LastStep, LossKind::Mse);
        let mut rng = Rng::new(seed);
        let mut net = Network::new(spec, &mut rng).unwrap();
        let data = Dataset {
            inputs: Inputs::Dense(Array3::from_shape_simple_fn((4, 5, 2), || rng.normal())),
            targets: Targets::Values(Array2::from_shape_simple_fn((4, 1), || rng.normal())),
        };
        net.train_batch(&data, 0.0, &mut rng).unwrap();
        let values = net.parameters().iter().map(|p| p.value.to_vec()).collect();
        let grads = net.parameters().iter().map(|p| p.grad.to_vec()).collect();
        (net, values, grads)
    }

    fn norm(grads: &[Vec<f32>]) -> f32 {
        grads.iter().flatten().map(|g| g * g).sum::<f32>().sqrt()
    }

    #[test]
    fn sgd_with_decay_and_clipping_follows_pytorch() {
        let (mut net, before, grads) = trained_once(1);
        let total = norm(&grads);
        let settings = StepSettings {
            lr: 0.1,
            weight_decay: 0.01,
            clip_grad_norm: Some(total / 2.0),
        };
        let mut opt = Optimizer::new(OptimizerKind::Sgd { momentum: 0.9 }, &net);
        let reported = opt.step(&mut net, &settings);
        assert!(
            (reported - total).abs() <= 1e-6 * total,
            "norm {reported} vs {total}"
        );
        let scale = (total / 2.0) / (total + 1e-6);
        for ((p, before), grads) in net.parameters().iter().zip(&before).zip(&grads) {
            for ((&after, &b), &g) in p.value.iter().zip(before).zip(grads) {
                let want = b - 0.1 * (g * scale + 0.01 * b);
                assert!((after - want).abs() < 1e-7, "{}: {after} vs {want}", p.name);
            }
        }
        assert_eq!(opt.steps_taken(), 1);
    }

    #[test]
    fn first_adam_step_moves_every_parameter_by_about_lr() {
        // With bias correction, step 1 is lr * g / (|g| + eps): a move of lr against the sign.
        let (mut net, before, grads) = trained_once(2);
        let mut opt = Optimizer::new(
            OptimizerKind::Adam {
                beta1: 0.9,
                beta2: 0.999,
                eps: 1e-8,
            },
            &net,
        );
        opt.step(
            &mut net,
            &StepSettings {
                lr: 0.01,
                weight_decay: 0.0,
                clip_grad_norm: Some(1e6),
            },
        );
        for ((p, before), grads) in net.parameters().iter().zip(&before).zip(&grads) {
            for ((&after, &b), &g) in p.value.iter().zip(before).zip(grads) {
                if g.abs() > 1e-4 {
                    let moved = b - after;
                    assert!(
                        (moved - 0.01 * g.signum()).abs() < 1e-5,
                        "{}: moved {moved} for gradient {g}",
                        p.name
                    );
                }
            }
        }
    }

    #[test]
    fn non_finite_gradients_leave_the_parameters_alone() {
        let (mut net, _, _) = trained_once(3);
        net.parameters_mut().last_mut().unwrap().value[0] = f32::NAN; // head.bias
        let mut rng = Rng::new(0);
        let data = Dataset {
            inputs: Inputs::Dense(Array3::zeros((2, 3, 2))),
            targets: Targets::Values(Array2::zeros((2, 1))),
        };
        assert!(net.train_batch(&data, 0.0, &mut rng).unwrap().loss.is_nan());
        let before = net.state_dict_json();
        let mut opt = Optimizer::new(OptimizerKind::Sgd { momentum: 0.0 }, &net);
        let reported = opt.step(
            &mut net,
            &StepSettings {
                lr: 0.1,
                weight_decay: 0.0,
                clip_grad_norm: None,
            },
        );
        assert!(reported.is_nan());
        assert_eq!(net.state_dict_json(), before);
        assert_eq!(opt.steps_taken(), 0);
    }

    #[test]
    fn state_is_rebuilt_for_a_network_of_another_shape() {
        let (small, _, _) = trained_once(4);
        let mut opt = Optimizer::new(
            OptimizerKind::Adam {
                beta1: 0.9,
                beta2: 0.999,
                eps: 1e-8,
            },
            &small,
        );
        let mut spec = small.spec().clone();
        spec.hidden_size = 5;
        let mut rng = Rng::new(5);
        let mut bigger = Network::new(spec, &mut rng).unwrap();
        let data = Dataset {
            inputs: Inputs::Dense(Array3::from_shape_simple_fn((2, 3, 2), || rng.normal())),
            targets: Targets::Values(Array2::from_shape_simple_fn((2, 1), || rng.normal())),
        };
        bigger.train_batch(&data, 0.0, &mut rng).unwrap();
        let norm = opt.step(
            &mut bigger,
            &StepSettings {
                lr: 0.01,
                weight_decay: 0.0,
                clip_grad_norm: None,
            },
        );
        assert!(norm.is_finite() && norm > 0.0);
        assert_eq!(opt.steps_taken(), 1);
    }
}
