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
#[derive(Clone, Copy, Debug, PartialEq)]
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
#[derive(Clone, Debug)]
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
        Optimizer { kind, first: zeros, second, steps: 0 }
    }

    pub fn kind(&self) -> OptimizerKind {
        self.kind
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
        let same_shapes =
            self.first.len() == params.len() && self.first.iter().zip(&params).all(|(b, p)| b.len() == p.value.len());
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
                for ((param, m), v) in params.iter_mut().zip(&mut self.first).zip(&mut self.second) {
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
