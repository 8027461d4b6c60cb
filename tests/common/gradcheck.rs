//! Finite-difference gradient checking of a [`Network`], shared by the gradient tests.
//!
//! Two kinds of probe move parameters and compare the change in loss with the stored
//! gradients:
//! - single entries, a sample of every tensor (the head's included): catch a wrong term;
//! - gate blocks, every entry of one gate's rows in one tensor moved together along the sign
//!   of its gradient: the directional derivative is the block's whole L1 gradient mass, far
//!   above f32 rounding, so the tolerance can be tight enough to catch a 1% error in one gate.
//!
//! The network computes in f32, so the loss carries rounding noise of about 1e-7. Steps of
//! 4e-2 on parameters of size ~0.4 keep that noise small, and Richardson extrapolation of
//! two central differences (eps and eps/2) cancels their eps² truncation error. ReLU has
//! kinks, where differences are meaningless: there, single entries use plain central
//! differences, shrink the step while a kink shows, and may skip a few entries.

use ndarray::{Array2, Array3};
use rnn_playground::nn::{
    CellKind, Dataset, Inputs, LossKind, ModelSpec, Network, Readout, Targets,
};
use rnn_playground::rng::Rng;

/// Largest step of the ReLU entry checks, which shrink it near kinks.
pub const EPS: f32 = 1e-2;
/// Steps of the smooth checks: Richardson combines central differences at eps and eps/2.
pub const RICHARDSON_EPS: f32 = 4e-2;
/// Allowed |error| <= RTOL * |derivative| + ATOL. The absolute parts are twice the largest
/// rounding error seen over every probe of these tests (6e-6 for entries, 3e-6 for blocks).
pub const RTOL: f64 = 2e-3;
pub const ENTRY_ATOL: f64 = 1.2e-5;
pub const BLOCK_ATOL: f64 = 6e-6;
/// ReLU entries (plain central differences, see `compare_at_kinks`).
pub const KINK_RTOL: f64 = 2e-3;
pub const KINK_ATOL: f64 = 1e-5;
/// Entries sampled per tensor (all of them when the tensor is smaller).
pub const SAMPLES: usize = 8;

pub const SEQUENCES: usize = 3;
pub const STEPS: usize = 6;
pub const INPUTS: usize = 4;
pub const HIDDEN: usize = 5;
pub const OUTPUTS: usize = 3;

pub fn spec(cell: CellKind, layers: usize, readout: Readout, loss: LossKind) -> ModelSpec {
    ModelSpec::new(cell, INPUTS, HIDDEN, layers, OUTPUTS, readout, loss)
}

/// Random data fitting `spec`: dense or token inputs, targets for its loss and readout.
pub fn data(spec: &ModelSpec, tokens: bool, rng: &mut Rng) -> Dataset {
    let inputs = if tokens {
        Inputs::Tokens(Array2::from_shape_simple_fn((SEQUENCES, STEPS), || {
            rng.below(INPUTS) as u32
        }))
    } else {
        Inputs::Dense(Array3::from_shape_simple_fn(
            (SEQUENCES, STEPS, INPUTS),
            || rng.normal(),
        ))
    };
    let positions = match spec.readout {
        Readout::AllSteps => SEQUENCES * STEPS,
        Readout::LastStep => SEQUENCES,
    };
    let targets = match spec.loss {
        LossKind::Mse => {
            Targets::Values(Array2::from_shape_simple_fn((positions, OUTPUTS), || {
                rng.normal()
            }))
        }
        LossKind::CrossEntropy => {
            Targets::Classes((0..positions).map(|_| rng.below(OUTPUTS) as u32).collect())
        }
    };
    Dataset { inputs, targets }
}

/// Loss with a fixed dropout mask: the same seed gives the same mask on every call.
pub fn loss(net: &mut Network, data: &Dataset, dropout: f32) -> f64 {
    net.train_batch(data, dropout, &mut Rng::new(99))
        .unwrap()
        .loss as f64
}

/// A direction in parameter space: (tensor, entry, sign) moved together.
pub struct Probe {
    label: String,
    moves: Vec<(usize, usize, f32)>,
}

/// What is probed: a network with its data, dropout rate (fixed mask) and the gradients
/// backprop found at its current parameters.
pub struct Subject<'a> {
    pub net: &'a mut Network,
    pub data: &'a Dataset,
    pub dropout: f32,
    pub grads: &'a [Vec<f32>],
}

/// Loss change from moving the probe by -eps and +eps, and the change the gradients
/// predict for the steps actually taken (after rounding to f32), both divided by 2 eps.
pub fn central_difference(subject: &mut Subject, probe: &Probe, eps: f32) -> (f64, f64) {
    let (data, dropout, grads) = (subject.data, subject.dropout, subject.grads);
    let net = &mut *subject.net;
    let originals: Vec<f32> = probe
        .moves
        .iter()
        .map(|&(t, i, _)| net.parameters()[t].value[i])
        .collect();
    let set = |net: &mut Network, sign: f32| {
        let mut params = net.parameters_mut();
        for (&(t, i, s), &p) in probe.moves.iter().zip(&originals) {
            params[t].value[i] = p + sign * s * eps;
        }
    };
    set(net, 1.0);
    let loss_up = loss(net, data, dropout);
    set(net, -1.0);
    let loss_down = loss(net, data, dropout);
    set(net, 0.0);
    let predicted: f64 = probe
        .moves
        .iter()
        .zip(&originals)
        .map(|(&(t, i, s), &p)| grads[t][i] as f64 * ((p + s * eps) as f64 - (p - s * eps) as f64))
        .sum();
    (
        (loss_up - loss_down) / (2.0 * eps as f64),
        predicted / (2.0 * eps as f64),
    )
}

/// Smooth cells: Richardson-extrapolated error of the probe's directional derivative.
/// Returns (directional derivative from backprop, finite-difference estimate).
pub fn richardson(subject: &mut Subject, probe: &Probe, eps: f32) -> (f64, f64) {
    let (numeric_1, analytic_1) = central_difference(subject, probe, eps);
    let (numeric_2, analytic_2) = central_difference(subject, probe, eps / 2.0);
    let grads = subject.grads;
    let error = (4.0 * (numeric_2 - analytic_2) - (numeric_1 - analytic_1)) / 3.0;
    let analytic: f64 = probe
        .moves
        .iter()
        .map(|&(t, i, s)| grads[t][i] as f64 * s as f64)
        .sum();
    (analytic, analytic + error)
}

pub enum Verdict {
    Agrees,
    /// The one-sided differences disagree at every step tried: a ReLU kink is that close.
    AtKink,
    /// Smooth around the entry, yet the difference disagrees with backprop.
    Differs(f64),
}

/// ReLU networks: plain central differences for a single-entry probe with gradient `a`.
/// Steps shrink from `EPS` while a kink shows; the tolerance grows as 1/eps with rounding.
pub fn compare_at_kinks(subject: &mut Subject, probe: &Probe, a: f64) -> Verdict {
    let (data, dropout) = (subject.data, subject.dropout);
    let center = loss(subject.net, data, dropout);
    let mut verdict = Verdict::AtKink;
    for eps in [EPS, EPS / 4.0, EPS / 16.0] {
        let (numeric, _) = central_difference(subject, probe, eps);
        let net = &mut *subject.net;
        let atol = KINK_ATOL * (EPS / eps) as f64;
        if (a - numeric).abs() <= KINK_RTOL * a.abs().max(numeric.abs()) + atol {
            return Verdict::Agrees;
        }
        // Straddling a kink at distance d < eps, where the slope jumps by J, biases the
        // central difference by J (eps - d) / 2eps and separates the one-sided differences
        // by twice that. A smooth function separates them only by ~eps * curvature, which
        // shrinks with eps while a wrong gradient's error does not. Judge by the smallest step.
        let (t, i, _) = probe.moves[0];
        let p = net.parameters()[t].value[i];
        let one_sided = |net: &mut Network, step: f32| {
            net.parameters_mut()[t].value[i] = p + step;
            let l = loss(net, data, dropout);
            net.parameters_mut()[t].value[i] = p;
            (l - center) / ((p + step) as f64 - p as f64)
        };
        let (forward, backward) = (one_sided(net, eps), one_sided(net, -eps));
        let kink = (forward - backward).abs() >= (a - numeric).abs();
        verdict = if kink {
            Verdict::AtKink
        } else {
            Verdict::Differs(numeric)
        };
    }
    verdict
}

/// Probes for `net`: a sample of single entries of every tensor, and (with `blocks`) every
/// gate block (the rows of one gate in one recurrent tensor; the whole head tensors).
pub fn probes(net: &Network, grads: &[Vec<f32>], blocks: bool, rng: &mut Rng) -> Vec<Probe> {
    let sign = |g: f32| if g < 0.0 { -1.0 } else { 1.0 };
    let gates = net.spec().cell.gate_count();
    let gate_names: &[&str] = match net.spec().cell {
        CellKind::Lstm => &["i", "f", "g", "o"],
        CellKind::Gru => &["r", "z", "n"],
        _ => &["h"],
    };
    let mut out = Vec::new();
    for (t, p) in net.parameters().iter().enumerate() {
        let n = p.value.len();
        let mut picks: Vec<usize> = if n <= SAMPLES {
            (0..n).collect()
        } else {
            (0..SAMPLES).map(|_| rng.below(n)).collect()
        };
        picks.sort_unstable();
        picks.dedup();
        for i in picks {
            out.push(Probe {
                label: format!("{}[{i}]", p.name),
                moves: vec![(t, i, 1.0)],
            });
        }
        if !blocks {
            continue;
        }
        let per_gate = if p.name.starts_with("rnn.") {
            n / gates
        } else {
            n
        };
        for (g, start) in (0..n).step_by(per_gate).enumerate() {
            let gate = if p.name.starts_with("rnn.") {
                format!(" gate {}", gate_names[g])
            } else {
                String::new()
            };
            let moves = (start..start + per_gate)
                .map(|i| (t, i, sign(grads[t][i])))
                .collect();
            out.push(Probe {
                label: format!("{}{gate} (block)", p.name),
                moves,
            });
        }
    }
    out
}

/// Check every probe; returns (probes checked, failure messages).
pub fn gradcheck(label: &str, spec: ModelSpec, tokens: bool, dropout: f32) -> (usize, Vec<String>) {
    let mut rng = Rng::new(2024);
    let mut net = Network::new(spec.clone(), &mut rng).unwrap();
    let data = data(&spec, tokens, &mut rng);
    loss(&mut net, &data, dropout);
    let grads: Vec<Vec<f32>> = net.parameters().iter().map(|p| p.grad.to_vec()).collect();
    let smooth = spec.cell != CellKind::RnnRelu;
    let probes = probes(&net, &grads, smooth, &mut rng);

    let (mut at_kinks, mut failures) = (0, Vec::new());
    let mut largest = 0.0f64;
    let mut subject = Subject {
        net: &mut net,
        data: &data,
        dropout,
        grads: &grads,
    };
    for probe in &probes {
        let single = probe.moves.len() == 1;
        if smooth {
            let (analytic, numeric) = richardson(&mut subject, probe, RICHARDSON_EPS);
            largest = largest.max(analytic.abs());
            let atol = if single { ENTRY_ATOL } else { BLOCK_ATOL };
            if (analytic - numeric).abs() > RTOL * analytic.abs() + atol {
                failures.push(format!(
                    "{label}: d loss / d {}: backprop {analytic:e}, finite difference {numeric:e}",
                    probe.label
                ));
            }
        } else {
            let (t, i, _) = probe.moves[0];
            let a = grads[t][i] as f64;
            largest = largest.max(a.abs());
            match compare_at_kinks(&mut subject, probe, a) {
                Verdict::Agrees => {}
                Verdict::AtKink => at_kinks += 1,
                Verdict::Differs(numeric) => failures.push(format!(
                    "{label}: d loss / d {}: backprop {a:e}, finite difference {numeric:e}",
                    probe.label
                )),
            }
        }
    }
    // Only a few ReLU entries may sit so close to a kink that even the smallest step straddles it.
    assert!(
        at_kinks * 10 <= probes.len(),
        "{label}: {at_kinks} of {} entries look non-differentiable",
        probes.len()
    );
    // Guard against a vacuous pass: the gradients must be far from zero somewhere.
    assert!(
        largest > 1e-3,
        "{label}: all probed gradients are ~0 ({largest:e})"
    );
    (probes.len(), failures)
}

/// Fails listing every mismatch, so one run shows all of them rather than the first.
pub fn assert_no_mismatches(failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} gradient mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
