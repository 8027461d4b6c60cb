//! Looking inside the network: recorded activations, gate saturation and step-by-step
//! evaluation (the trainer's view data built from them: views.rs).
#![cfg(not(target_arch = "wasm32"))]

use ndarray::{Array2, Array3};
use rnn_playground::config::Config;
use rnn_playground::nn::{
    CellKind, GateKind, Inputs, LossKind, ModelSpec, Network, Readout, Stepper,
};
use rnn_playground::rng::Rng;
use rnn_playground::trainer::{Budget, Trainer, ViewKind, ViewRequest};

mod common;
use common::tasks::small_text_run;

fn spec(cell: CellKind, input_size: usize, hidden: usize, layers: usize) -> ModelSpec {
    ModelSpec::new(
        cell,
        input_size,
        hidden,
        layers,
        3,
        Readout::AllSteps,
        LossKind::Mse,
    )
}

fn dense_inputs(batch: usize, steps: usize, features: usize, seed: u64) -> Inputs {
    let mut rng = Rng::new(seed);
    Inputs::Dense(Array3::from_shape_fn((batch, steps, features), |_| {
        rng.uniform_range(-1.0, 1.0)
    }))
}

fn token_inputs(batch: usize, steps: usize, vocab: usize, seed: u64) -> Inputs {
    let mut rng = Rng::new(seed);
    Inputs::Tokens(Array2::from_shape_fn((batch, steps), |_| {
        rng.below(vocab) as u32
    }))
}

/// Sets block `block` (of `gate_count` blocks of `hidden` rows) of every `rnn.bias_ih_l*`
/// to `value`, and that block of `rnn.bias_hh_l*` to zero.
fn set_gate_bias(net: &mut Network, block: usize, hidden: usize, value: f32) {
    for param in net.parameters_mut() {
        let rows = block * hidden..(block + 1) * hidden;
        if param.name.starts_with("rnn.bias_ih") {
            param.value[rows].fill(value);
        } else if param.name.starts_with("rnn.bias_hh") {
            param.value[rows].fill(0.0);
        }
    }
}

#[test]
fn saturation_fractions_are_fractions_that_sum_to_at_most_one() {
    for cell in [CellKind::Lstm, CellKind::Gru] {
        let mut trainer = Trainer::new(Config {
            lr: 0.02,
            ..small_text_run(cell, 2)
        })
        .unwrap();
        trainer.run_for(Budget::Epochs(30));
        let data = trainer.saturation_data().unwrap();
        let gates = GateKind::of_cell(cell);
        assert_eq!(
            data.gates.len(),
            2 * gates.len(),
            "{cell:?}: layers x gates"
        );
        assert_eq!(
            (data.layers, data.units, data.sequences, data.steps),
            (2, 16, 12, 20)
        );
        let mut some_saturation = false;
        for (i, scatter) in data.gates.iter().enumerate() {
            assert_eq!(
                (scatter.layer, scatter.gate),
                (i / gates.len(), gates[i % gates.len()])
            );
            assert_eq!((scatter.left.len(), scatter.right.len()), (16, 16));
            for (&l, &r) in scatter.left.iter().zip(&scatter.right) {
                assert!(
                    (0.0..=1.0).contains(&l) && (0.0..=1.0).contains(&r),
                    "{l} {r}"
                );
                assert!(
                    l + r <= 1.0 + 1e-6,
                    "unit counted as both shut and open: {l} + {r}"
                );
                some_saturation |= l > 0.0 || r > 0.0;
            }
        }
        assert!(
            some_saturation,
            "{cell:?}: a trained text model saturates some gates sometimes"
        );
    }
}

#[test]
fn a_huge_forget_bias_holds_the_forget_gate_open_at_every_step() {
    let h = 8;
    let mut net = Network::new(spec(CellKind::Lstm, 2, h, 2), &mut Rng::new(3)).unwrap();
    set_gate_bias(&mut net, 1, h, 10.0); // forget gate: sigma(10 +- small) > 0.9
    set_gate_bias(&mut net, 0, h, -10.0); // input gate: sigma(-10 +- small) < 0.1
    let inputs = dense_inputs(5, 13, 2, 9);
    let saturation = net.gate_saturation(&inputs).unwrap();
    assert_eq!(saturation.len(), 2 * 3);
    // (fraction below 0.1, fraction above 0.9) expected at every unit, per gate.
    let expected = |gate: GateKind| match gate {
        GateKind::Forget => (0.0, 1.0),
        GateKind::Input => (1.0, 0.0),
        // Untouched: PyTorch's small init keeps it near 0.5, never saturated.
        GateKind::Output => (0.0, 0.0),
        other => panic!("an LSTM has no {other:?} gate"),
    };
    for s in &saturation {
        let (left, right) = expected(s.gate);
        assert!(
            s.left.iter().all(|&l| l == left) && s.right.iter().all(|&r| r == right),
            "layer {} {:?}: left {:?}, right {:?}",
            s.layer,
            s.gate,
            s.left,
            s.right
        );
    }
}

#[test]
fn a_huge_update_bias_saturates_the_gru_update_gate_and_nothing_else() {
    let h = 6;
    let mut net = Network::new(spec(CellKind::Gru, 1, h, 1), &mut Rng::new(4)).unwrap();
    set_gate_bias(&mut net, 1, h, 10.0);
    let saturation = net.gate_saturation(&dense_inputs(3, 9, 1, 2)).unwrap();
    let gate = |kind| saturation.iter().find(|s| s.gate == kind).unwrap();
    assert_eq!(gate(GateKind::Update).right, vec![1.0; h]);
    assert_eq!(gate(GateKind::Reset).right, vec![0.0; h]);
    assert_eq!(gate(GateKind::Reset).left, vec![0.0; h]);
}

#[test]
fn saturation_counts_the_recorded_gate_values() {
    // The streamed counts (in chunks) agree with counting the recorded activations by hand.
    let h = 5;
    let mut net = Network::new(spec(CellKind::Lstm, 4, h, 2), &mut Rng::new(11)).unwrap();
    // A spread of biases so some units saturate some of the time.
    for param in net.parameters_mut() {
        if param.name.starts_with("rnn.bias_ih") {
            for (j, v) in param.value.iter_mut().enumerate() {
                *v = (j as f32 % 7.0) - 3.0;
            }
        }
    }
    let inputs = dense_inputs(7, 11, 4, 5);
    let saturation = net.gate_saturation(&inputs).unwrap();
    let recorded = net.record_activations(&inputs, 0..7).unwrap();
    let mut any_partial = false;
    for s in &saturation {
        let (_, values) = recorded.layers[s.layer]
            .gates
            .iter()
            .find(|(g, _)| *g == s.gate)
            .unwrap();
        for unit in 0..h {
            let column = values.slice(ndarray::s![.., .., unit]);
            let left = column.iter().filter(|&&a| a < 0.1).count() as f32 / 77.0;
            let right = column.iter().filter(|&&a| a > 0.9).count() as f32 / 77.0;
            assert!((s.left[unit] - left).abs() < 1e-6 && (s.right[unit] - right).abs() < 1e-6);
            any_partial |= left > 0.0 && left < 1.0;
        }
    }
    assert!(
        any_partial,
        "the test should exercise fractions strictly between 0 and 1"
    );
}

#[test]
fn a_vanilla_rnn_has_no_gates_to_saturate() {
    let mut net = Network::new(spec(CellKind::RnnTanh, 1, 4, 1), &mut Rng::new(1)).unwrap();
    assert!(net
        .gate_saturation(&dense_inputs(2, 3, 1, 1))
        .unwrap()
        .is_empty());
    let mut trainer = Trainer::new(Config {
        cell: CellKind::RnnTanh,
        ..small_text_run(CellKind::Lstm, 1)
    })
    .unwrap();
    let data = trainer.view_data(&ViewRequest {
        views: vec![ViewKind::Saturation],
        ..ViewRequest::default()
    });
    assert!(data.saturation.is_none());
    assert_eq!(data.unavailable.len(), 1);
    assert!(
        data.unavailable[0].reason.contains("no gates"),
        "{}",
        data.unavailable[0].reason
    );
}

#[test]
fn recorded_activations_have_one_array_per_layer_of_sequences_by_steps_by_units() {
    for cell in [CellKind::RnnRelu, CellKind::Lstm, CellKind::Gru] {
        let mut net = Network::new(spec(cell, 3, 7, 3), &mut Rng::new(2)).unwrap();
        let inputs = dense_inputs(6, 10, 3, 3);
        let recorded = net.record_activations(&inputs, 2..5).unwrap();
        assert_eq!(recorded.layers.len(), 3);
        for layer in &recorded.layers {
            assert_eq!(layer.hidden.dim(), (3, 10, 7));
            assert_eq!(
                layer.cell.as_ref().map(|c| c.dim()),
                (cell == CellKind::Lstm).then_some((3, 10, 7))
            );
            assert_eq!(layer.gates.len(), GateKind::of_cell(cell).len());
            for (_, g) in &layer.gates {
                assert_eq!(g.dim(), (3, 10, 7));
                assert!(
                    g.iter().all(|&a| a > 0.0 && a < 1.0),
                    "sigmoid gates lie in (0, 1)"
                );
            }
        }
        // The recording is the real forward pass: its outputs are predict's, and the top
        // layer's last step is PyTorch's h_n.
        let predicted = net.predict(&inputs.gather(&[2, 3, 4])).unwrap();
        assert_eq!(recorded.outputs.dim(), predicted.dim());
        for (a, b) in recorded.outputs.iter().zip(predicted.iter()) {
            assert!((a - b).abs() < 1e-6, "{a} vs {b}");
        }
        let (_, state) = net.predict_with_state(&inputs.gather(&[2, 3, 4])).unwrap();
        for layer in 0..3 {
            for b in 0..3 {
                for j in 0..7 {
                    let recorded_h = recorded.layers[layer].hidden[[b, 9, j]];
                    assert!((recorded_h - state.hidden[[layer, b, j]]).abs() < 1e-6);
                }
            }
        }
    }
}

/// Steps `net` through the first sequence of `inputs` one step at a time and compares every
/// step's outputs with the batched pass's row for that step; returns the stepper.
fn assert_stepping_matches_predict<'n>(
    net: &'n mut Network,
    inputs: &Inputs,
    context: &str,
) -> Stepper<'n> {
    let expected = net.predict(inputs).unwrap();
    let mut stepper = net.stepper();
    for (t, row) in expected.rows().into_iter().enumerate() {
        let out = match inputs {
            Inputs::Dense(x) => stepper.step_dense(&x.slice(ndarray::s![0, t, ..]).to_vec()),
            Inputs::Tokens(ids) => stepper.step_token(ids[[0, t]]),
        };
        let out = out.unwrap();
        assert_eq!(out.len(), row.len(), "{context} step {t}");
        for (k, (a, b)) in out.iter().zip(row).enumerate() {
            assert!(
                (a - b).abs() < 1e-5,
                "{context} step {t}, output {k}: {a} vs {b}"
            );
        }
    }
    stepper
}

#[test]
fn the_stepper_reproduces_the_batched_forward_pass_step_by_step() {
    for cell in [
        CellKind::RnnTanh,
        CellKind::RnnRelu,
        CellKind::Lstm,
        CellKind::Gru,
    ] {
        // Dense inputs, two layers.
        let mut net = Network::new(spec(cell, 2, 9, 2), &mut Rng::new(5)).unwrap();
        let dense = dense_inputs(1, 12, 2, 8);
        assert_stepping_matches_predict(&mut net, &dense, &format!("{cell:?} dense"));
        // Token inputs, three layers.
        let mut net = Network::new(
            ModelSpec {
                input_size: 11,
                ..spec(cell, 11, 6, 3)
            },
            &mut Rng::new(6),
        )
        .unwrap();
        let tokens = token_inputs(1, 9, 11, 4);
        let mut stepper =
            assert_stepping_matches_predict(&mut net, &tokens, &format!("{cell:?} tokens"));
        assert!(
            stepper.step_token(11).is_err(),
            "a token outside the vocabulary is refused"
        );
        assert!(
            stepper.step_dense(&[0.0]).is_err(),
            "wrong feature count is refused"
        );
    }
}
