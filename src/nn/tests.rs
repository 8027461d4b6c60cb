//! Behaviour of the network as a whole that the conformance fixtures do not reach: token
//! inputs, chunked evaluation, output order, invalid data, determinism.

use ndarray::{Array2, Array3, Axis};

use super::*;
use crate::rng::Rng;

fn spec(cell: CellKind, readout: Readout, loss: LossKind) -> ModelSpec {
    ModelSpec::new(cell, 5, 6, 2, 3, readout, loss)
}

fn tokens(sequences: usize, steps: usize, rng: &mut Rng) -> Array2<u32> {
    Array2::from_shape_simple_fn((sequences, steps), || rng.below(5) as u32)
}

fn one_hot(ids: &Array2<u32>, size: usize) -> Array3<f32> {
    let (b, t) = ids.dim();
    Array3::from_shape_fn((b, t, size), |(i, j, k)| {
        if ids[[i, j]] as usize == k {
            1.0
        } else {
            0.0
        }
    })
}

fn classes(positions: usize, rng: &mut Rng) -> Targets {
    Targets::Classes((0..positions).map(|_| rng.below(3) as u32).collect())
}

/// Random tokens for `sequences` of `steps`, then a random class for each of the
/// `per_sequence` predicted positions of every sequence (drawn in that order from `rng`).
fn token_dataset(sequences: usize, steps: usize, per_sequence: usize, rng: &mut Rng) -> Dataset {
    Dataset {
        inputs: Inputs::Tokens(tokens(sequences, steps, rng)),
        targets: classes(sequences * per_sequence, rng),
    }
}

fn close(a: f32, b: f32) -> bool {
    (a - b).abs() <= 1e-5 + 1e-5 * b.abs()
}

#[test]
fn token_inputs_equal_one_hot_dense_inputs() {
    for cell in [CellKind::RnnTanh, CellKind::Lstm, CellKind::Gru] {
        let mut rng = Rng::new(1);
        let s = spec(cell, Readout::AllSteps, LossKind::CrossEntropy);
        let ids = tokens(4, 7, &mut rng);
        let targets = classes(28, &mut rng);
        let as_tokens = Dataset {
            inputs: Inputs::Tokens(ids.clone()),
            targets: targets.clone(),
        };
        let as_dense = Dataset {
            inputs: Inputs::Dense(one_hot(&ids, 5)),
            targets,
        };

        let mut a = Network::new(s.clone(), &mut Rng::new(2)).unwrap();
        let mut b = Network::new(s, &mut Rng::new(2)).unwrap();
        let (sa, sb) = (
            a.train_batch(&as_tokens, 0.0, &mut rng).unwrap(),
            b.train_batch(&as_dense, 0.0, &mut rng).unwrap(),
        );
        assert!(
            close(sa.loss, sb.loss),
            "{cell:?}: loss {} vs {}",
            sa.loss,
            sb.loss
        );
        assert_eq!(sa.correct, sb.correct);
        for (pa, pb) in a.parameters().iter().zip(b.parameters().iter()) {
            for (x, y) in pa.grad.iter().zip(pb.grad) {
                assert!(close(*x, *y), "{cell:?} {}: gradient {x} vs {y}", pa.name);
            }
        }
    }
}

#[test]
fn chunked_evaluation_equals_one_big_batch() {
    // 600 sequences force several evaluation chunks (at most 256 each).
    let mut rng = Rng::new(3);
    let s = spec(CellKind::Gru, Readout::AllSteps, LossKind::CrossEntropy);
    let data = token_dataset(600, 5, 5, &mut rng);
    let mut net = Network::new(s, &mut rng).unwrap();
    let whole = net.train_batch(&data, 0.0, &mut rng).unwrap();
    let chunked = net.evaluate(&data).unwrap();
    assert_eq!(chunked.positions, 3000);
    assert_eq!(chunked.correct, whole.correct);
    assert!(
        close(chunked.loss, whole.loss),
        "{} vs {}",
        chunked.loss,
        whole.loss
    );
    assert!(chunked.correct > 0 && chunked.correct < 3000);
}

#[test]
fn predictions_are_ordered_like_the_targets() {
    let mut rng = Rng::new(4);
    for readout in [Readout::AllSteps, Readout::LastStep] {
        let s = spec(CellKind::Lstm, readout, LossKind::Mse);
        let mut net = Network::new(s, &mut rng).unwrap();
        let x = Array3::from_shape_simple_fn((300, 4, 5), || rng.normal());
        let all = net.predict(&Inputs::Dense(x.clone())).unwrap();
        let per_seq = if readout == Readout::AllSteps { 4 } else { 1 };
        assert_eq!(all.dim(), (300 * per_seq, 3));
        for b in [0, 1, 257, 299] {
            let one = net
                .predict(&Inputs::Dense(x.select(Axis(0), &[b])))
                .unwrap();
            for r in 0..per_seq {
                for k in 0..3 {
                    assert!(
                        close(all[[b * per_seq + r, k]], one[[r, k]]),
                        "{readout:?} seq {b} row {r}"
                    );
                }
            }
        }
    }
}

#[test]
fn changing_one_sequence_changes_only_its_own_output() {
    // The first step of sequence 0 reaches its last-step output through the recurrence;
    // sequence 1 is computed independently and must not move at all.
    let mut rng = Rng::new(5);
    let s = spec(CellKind::RnnTanh, Readout::LastStep, LossKind::Mse);
    let mut net = Network::new(s, &mut rng).unwrap();
    let mut x = Array3::from_shape_simple_fn((2, 6, 5), || rng.normal());
    let before = net.predict(&Inputs::Dense(x.clone())).unwrap();
    x[[0, 0, 0]] += 1.0;
    let after = net.predict(&Inputs::Dense(x)).unwrap();
    assert_eq!(before.dim(), (2, 3));
    assert!((0..3).any(|k| (before[[0, k]] - after[[0, k]]).abs() > 1e-6));
    assert!((0..3).all(|k| before[[1, k]] == after[[1, k]]));
}

#[test]
fn data_that_does_not_fit_gives_errors_not_panics() {
    let mut rng = Rng::new(6);
    let s = spec(CellKind::Lstm, Readout::AllSteps, LossKind::CrossEntropy);
    let mut net = Network::new(s, &mut rng).unwrap();
    let good_inputs = Inputs::Tokens(tokens(2, 3, &mut rng));
    let cases = [
        (
            "vocabulary",
            Dataset {
                inputs: Inputs::Tokens(Array2::from_elem((2, 3), 9)),
                targets: classes(6, &mut rng),
            },
        ),
        (
            "features",
            Dataset {
                inputs: Inputs::Dense(Array3::zeros((2, 3, 4))),
                targets: classes(6, &mut rng),
            },
        ),
        (
            "targets",
            Dataset {
                inputs: good_inputs.clone(),
                targets: classes(5, &mut rng),
            },
        ),
        (
            "class",
            Dataset {
                inputs: good_inputs.clone(),
                targets: Targets::Classes(vec![0, 1, 2, 3, 0, 1]),
            },
        ),
        (
            "real values",
            Dataset {
                inputs: good_inputs.clone(),
                targets: Targets::Values(Array2::zeros((6, 3))),
            },
        ),
        (
            "no sequences",
            Dataset {
                inputs: Inputs::Tokens(Array2::zeros((0, 3))),
                targets: classes(0, &mut rng),
            },
        ),
        (
            "no steps",
            Dataset {
                inputs: Inputs::Tokens(Array2::zeros((2, 0))),
                targets: classes(0, &mut rng),
            },
        ),
    ];
    for (what, data) in cases {
        let before = net.state_dict_json();
        let err = net.train_batch(&data, 0.0, &mut rng).unwrap_err();
        assert!(matches!(err, NnError::InvalidData(_)), "{what}: {err:?}");
        let err = net.evaluate(&data).unwrap_err();
        assert!(matches!(err, NnError::InvalidData(_)), "{what}: {err:?}");
        assert_eq!(net.state_dict_json(), before, "{what}: parameters changed");
    }
    let err = net
        .predict(&Inputs::Dense(Array3::zeros((1, 2, 7))))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid data: inputs have 7 features per step but the model expects 5"
    );
    let err = net
        .predict(&Inputs::Tokens(Array2::from_elem((1, 2), 5)))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid data: token id 5 is outside the model's vocabulary of 5"
    );
}

#[test]
fn same_seed_same_training_with_dropout() {
    let run = || {
        let mut rng = Rng::new(7);
        let s = spec(CellKind::Gru, Readout::AllSteps, LossKind::CrossEntropy);
        let mut net = Network::new(s, &mut rng).unwrap();
        let data = token_dataset(4, 5, 5, &mut rng);
        let losses: Vec<f32> = (0..3)
            .map(|_| net.train_batch(&data, 0.4, &mut rng).unwrap().loss)
            .collect();
        (losses, net.state_dict_json())
    };
    let (a, b) = (run(), run());
    assert_eq!(a, b);
    // Dropout draws fresh masks each call: the same batch scores differently.
    assert_ne!(a.0[0], a.0[1]);
}

#[test]
fn default_init_is_uniform_within_one_over_sqrt_hidden() {
    let s = ModelSpec {
        hidden_size: 64,
        ..spec(CellKind::Lstm, Readout::AllSteps, LossKind::Mse)
    };
    let net = Network::new(s, &mut Rng::new(8)).unwrap();
    let bound = 1.0 / 8.0;
    for p in net.parameters() {
        let max = p.value.iter().fold(0.0f32, |m, v| m.max(v.abs()));
        assert!(max <= bound, "{}: |value| up to {max}", p.name);
        if p.value.len() > 100 {
            assert!(
                max > 0.9 * bound,
                "{}: values do not fill the range ({max})",
                p.name
            );
            let mean = p.value.iter().sum::<f32>() / p.value.len() as f32;
            assert!(mean.abs() < 0.02, "{}: mean {mean}", p.name);
        }
    }
    assert_eq!(
        net.param_count(),
        4 * 64 * (5 + 64 + 2) + 4 * 64 * (64 + 64 + 2) + 3 * 65
    );
}

#[test]
fn extreme_sizes_train_without_trouble() {
    // (hidden, layers, steps, sequences): the smallest everything, and the largest hidden size.
    for (hidden, layers, steps, sequences) in [(1, 4, 1, 1), (512, 1, 2, 2), (2, 6, 3, 1)] {
        for cell in [
            CellKind::RnnTanh,
            CellKind::RnnRelu,
            CellKind::Lstm,
            CellKind::Gru,
        ] {
            for readout in [Readout::AllSteps, Readout::LastStep] {
                let mut rng = Rng::new(9);
                let s = ModelSpec {
                    hidden_size: hidden,
                    num_layers: layers,
                    readout,
                    ..spec(cell, readout, LossKind::CrossEntropy)
                };
                let mut net = Network::new(s, &mut rng).unwrap();
                let per_seq = if readout == Readout::AllSteps {
                    steps
                } else {
                    1
                };
                let data = token_dataset(sequences, steps, per_seq, &mut rng);
                let score = net.train_batch(&data, 0.5, &mut rng).unwrap();
                let label =
                    format!("{cell:?} H{hidden} L{layers} T{steps} B{sequences} {readout:?}");
                assert!(
                    score.loss.is_finite() && score.loss > 0.0,
                    "{label}: loss {}",
                    score.loss
                );
                assert_eq!(score.positions, sequences * per_seq, "{label}");
                let grads_finite = net
                    .parameters()
                    .iter()
                    .all(|p| p.grad.iter().all(|g| g.is_finite()));
                assert!(grads_finite, "{label}: non-finite gradient");
                let head_moves = net
                    .parameters()
                    .last()
                    .unwrap()
                    .grad
                    .iter()
                    .any(|&g| g != 0.0);
                assert!(head_moves, "{label}: the head bias gets no gradient");
            }
        }
    }
}

#[test]
fn a_clone_predicts_the_same_and_trains_independently() {
    let mut rng = Rng::new(10);
    let s = spec(CellKind::Lstm, Readout::AllSteps, LossKind::CrossEntropy);
    let mut net = Network::new(s, &mut rng).unwrap();
    let data = token_dataset(3, 4, 4, &mut rng);
    net.train_batch(&data, 0.0, &mut rng).unwrap();
    let mut copy = net.clone();
    assert_eq!(
        copy.predict(&data.inputs).unwrap(),
        net.predict(&data.inputs).unwrap()
    );
    copy.parameters_mut()[0].value[0] += 1.0;
    assert_ne!(copy.state_dict_json(), net.state_dict_json());
    assert!(format!("{net:?}").contains("param_count"));
}
