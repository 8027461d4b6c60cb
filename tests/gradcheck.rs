#![cfg(not(target_arch = "wasm32"))]
//! Finite-difference gradient checks of BPTT, for every cell, depth 1 and 3, both readouts,
//! both losses, dense and token inputs, an input embedding, and through fixed dropout masks
//! (between layers and before the head).
//!
//! The probing machinery is in `common/gradcheck.rs`, with the other test helpers; it is
//! included by path, not through `common/mod.rs`, as no other test needs it.

#[path = "common/gradcheck.rs"]
mod support;

use rnn_playground::nn::{CellKind, Dataset, LossKind, ModelSpec, Network, Readout};
use rnn_playground::rng::Rng;
use support::*;

fn check_cell(cell: CellKind) {
    let mut failures = Vec::new();
    for layers in [1, 3] {
        let cases = [
            (
                "dense, every step, MSE",
                Readout::AllSteps,
                LossKind::Mse,
                false,
            ),
            (
                "tokens, last step, cross-entropy",
                Readout::LastStep,
                LossKind::CrossEntropy,
                true,
            ),
            (
                "tokens, every step, cross-entropy",
                Readout::AllSteps,
                LossKind::CrossEntropy,
                true,
            ),
            (
                "dense, last step, MSE",
                Readout::LastStep,
                LossKind::Mse,
                false,
            ),
        ];
        for (what, readout, loss, tokens) in cases {
            let label = format!("{cell:?} x{layers}, {what}");
            let (checked, f) = gradcheck(&label, spec(cell, layers, readout, loss), tokens, 0.0);
            // Every tensor contributes several entries (the 3-long head bias all three).
            assert!(
                checked >= 3 * (4 * layers + 2),
                "{label}: only {checked} probes checked"
            );
            failures.extend(f);
        }
    }
    assert_no_mismatches(&failures);
}

/// One test per cell, so a failure names the cell.
macro_rules! cell_gradient_tests {
    ($($name:ident: $cell:expr),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                check_cell($cell);
            }
        )*
    };
}

cell_gradient_tests! {
    rnn_tanh_gradients_match_finite_differences: CellKind::RnnTanh,
    rnn_relu_gradients_match_finite_differences: CellKind::RnnRelu,
    lstm_gradients_match_finite_differences: CellKind::Lstm,
    gru_gradients_match_finite_differences: CellKind::Gru,
}

#[test]
fn gradients_through_a_fixed_dropout_mask_match_finite_differences() {
    let mut failures = Vec::new();
    for cell in [CellKind::Lstm, CellKind::Gru] {
        let label = format!("{cell:?} x3 with dropout 0.3");
        let (_, f) = gradcheck(
            &label,
            spec(cell, 3, Readout::AllSteps, LossKind::Mse),
            false,
            0.3,
        );
        failures.extend(f);
    }
    assert_no_mismatches(&failures);
}

/// The training loss without dropout, after checking that dropout 0.5 (`place`) changes it.
fn dropout_changes_the_training_loss(net: &mut Network, d: &Dataset, place: &str) -> f64 {
    let plain = loss(net, d, 0.0);
    let dropped = loss(net, d, 0.5);
    assert!(
        (plain - dropped).abs() > 1e-4,
        "dropout 0.5 {place} left the loss at {plain}"
    );
    plain
}

#[test]
fn dropout_changes_the_loss_in_training_only() {
    let s = spec(CellKind::Lstm, 2, Readout::AllSteps, LossKind::Mse);
    let mut rng = Rng::new(5);
    let mut net = Network::new(s.clone(), &mut rng).unwrap();
    let d = data(&s, false, &mut rng);
    let plain = dropout_changes_the_training_loss(&mut net, &d, "between layers");
    let evaluated = net.evaluate(&d).unwrap().loss as f64;
    assert!(
        (evaluated - plain).abs() < 1e-6,
        "evaluation {evaluated} differs from dropout-free training {plain}"
    );
}

#[test]
fn gradients_through_an_embedding_match_finite_differences() {
    let mut failures = Vec::new();
    for cell in [
        CellKind::RnnTanh,
        CellKind::RnnRelu,
        CellKind::Lstm,
        CellKind::Gru,
    ] {
        for (layers, readout, loss) in [
            (1, Readout::AllSteps, LossKind::CrossEntropy),
            (2, Readout::LastStep, LossKind::Mse),
        ] {
            let label = format!("{cell:?} x{layers} embed 3, {readout:?}");
            let s = ModelSpec {
                embed: 3,
                ..spec(cell, layers, readout, loss)
            };
            let (checked, f) = gradcheck(&label, s, true, 0.0);
            // The embedding is one more tensor; every tensor gets several probes.
            assert!(checked >= 3 * (4 * layers + 3), "{label}: {checked} probes");
            failures.extend(f);
        }
    }
    assert_no_mismatches(&failures);
}

#[test]
fn gradients_through_dropout_before_the_head_match_finite_differences() {
    let mut failures = Vec::new();
    for cell in [CellKind::RnnTanh, CellKind::Lstm, CellKind::Gru] {
        for (layers, readout) in [(1, Readout::AllSteps), (3, Readout::LastStep)] {
            let label = format!("{cell:?} x{layers} {readout:?} with dropout 0.3 before the head");
            let s = ModelSpec {
                dropout_before_head: true,
                ..spec(cell, layers, readout, LossKind::Mse)
            };
            let (_, f) = gradcheck(&label, s, false, 0.3);
            failures.extend(f);
        }
    }
    // With an embedding too: masks on every layer's output, gradient into the embedding.
    let s = ModelSpec {
        embed: 3,
        dropout_before_head: true,
        ..spec(CellKind::Lstm, 2, Readout::AllSteps, LossKind::CrossEntropy)
    };
    failures.extend(gradcheck("Lstm x2 embed 3, dropout 0.3 everywhere", s, true, 0.3).1);
    assert_no_mismatches(&failures);
}

#[test]
fn dropout_before_the_head_acts_on_one_layer_in_training_only() {
    for readout in [Readout::AllSteps, Readout::LastStep] {
        let plain_spec = spec(CellKind::Gru, 1, readout, LossKind::Mse);
        let s = ModelSpec {
            dropout_before_head: true,
            ..plain_spec.clone()
        };
        let mut rng = Rng::new(6);
        let mut net = Network::new(s.clone(), &mut rng).unwrap();
        let d = data(&s, false, &mut rng);
        let plain = dropout_changes_the_training_loss(
            &mut net,
            &d,
            &format!("{readout:?} before the head"),
        );
        // Evaluation is the identity: the same numbers as the model without the option.
        let mut without = Network::new(plain_spec, &mut Rng::new(6)).unwrap();
        assert_eq!(net.evaluate(&d).unwrap().loss as f64, plain);
        assert_eq!(
            net.predict(&d.inputs).unwrap(),
            without.predict(&d.inputs).unwrap()
        );
        // One layer without the option: the rate is ignored, as PyTorch's inter-layer dropout.
        assert_eq!(loss(&mut without, &d, 0.5), plain);
    }
}
