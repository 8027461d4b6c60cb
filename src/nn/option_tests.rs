//! The model options of [`ModelSpec`]: embedding, forget-gate bias (dropout before the head
//! is covered by the gradient checks in tests/gradcheck.rs).

use ndarray::{Array2, Array3};

use super::*;
use crate::rng::Rng;

fn spec(cell: CellKind, layers: usize) -> ModelSpec {
    ModelSpec::new(
        cell,
        4,
        3,
        layers,
        2,
        Readout::AllSteps,
        LossKind::CrossEntropy,
    )
}

/// A network reading tokens through an embedding of width `embed`.
fn embedded(cell: CellKind, layers: usize, embed: usize, seed: u64) -> Network {
    let s = ModelSpec {
        embed,
        ..spec(cell, layers)
    };
    Network::new(s, &mut Rng::new(seed)).unwrap()
}

fn values(net: &Network) -> Vec<(String, Vec<f32>)> {
    net.parameters()
        .into_iter()
        .map(|p| (p.name, p.value.to_vec()))
        .collect()
}

#[test]
fn forget_bias_sets_the_forget_slice_of_bias_ih_and_nothing_else() {
    let default = Network::new(spec(CellKind::Lstm, 2), &mut Rng::new(1)).unwrap();
    let s = ModelSpec {
        forget_bias: 1.0,
        ..spec(CellKind::Lstm, 2)
    };
    let biased = Network::new(s, &mut Rng::new(1)).unwrap();
    for ((name, a), (_, b)) in values(&default).into_iter().zip(values(&biased)) {
        if name.starts_with("rnn.bias_ih_l") {
            // Rows i, f, g, o of H = 3 each: only f changes, to exactly 1.
            assert_eq!(&b[3..6], &[1.0; 3], "{name}");
            assert_eq!((&a[..3], &a[6..]), (&b[..3], &b[6..]), "{name}");
            assert!(a[3..6].iter().all(|&v| v.abs() < 0.6), "{name}");
        } else {
            // The init draws are the same: only the slice is overwritten afterwards.
            assert_eq!(a, b, "{name}");
        }
    }
}

#[test]
fn forget_bias_is_ignored_by_cells_without_a_forget_gate_and_must_be_finite() {
    for cell in [CellKind::Gru, CellKind::RnnTanh] {
        let s = ModelSpec {
            forget_bias: 1.0,
            ..spec(cell, 1)
        };
        let a = Network::new(s, &mut Rng::new(2)).unwrap();
        let b = Network::new(spec(cell, 1), &mut Rng::new(2)).unwrap();
        assert_eq!(values(&a), values(&b), "{cell:?}");
    }
    let s = ModelSpec {
        forget_bias: f32::NAN,
        ..spec(CellKind::Lstm, 1)
    };
    let err = Network::new(s, &mut Rng::new(2)).unwrap_err();
    assert!(
        matches!(
            err,
            NnError::InvalidSpec {
                field: "forget_bias",
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn the_embedding_is_drawn_from_a_standard_normal_and_counted() {
    let s = ModelSpec {
        input_size: 100,
        embed: 50,
        ..spec(CellKind::Gru, 1)
    };
    let net = Network::new(s, &mut Rng::new(3)).unwrap();
    let params = net.parameters();
    assert_eq!(params[0].name, "embed.weight");
    assert_eq!(params[0].shape, vec![100, 50]);
    assert_eq!(params[1].shape, vec![9, 50], "layer 0 reads the embedding");
    let n = params[0].value.len() as f64;
    let mean = params[0].value.iter().map(|&v| v as f64).sum::<f64>() / n;
    let var = params[0]
        .value
        .iter()
        .map(|&v| (v as f64 - mean).powi(2))
        .sum::<f64>()
        / n;
    assert!(
        mean.abs() < 0.05 && (var - 1.0).abs() < 0.08,
        "{mean} {var}"
    );
    assert_eq!(net.param_count(), 100 * 50 + 9 * (50 + 3 + 2) + 2 * (3 + 1));
}

#[test]
fn an_identity_embedding_equals_one_hot_inputs() {
    // embed = vocab and embed.weight = I: each token's row is its one-hot vector.
    let one_hot = spec(CellKind::Lstm, 2);
    let embedded = ModelSpec {
        embed: 4,
        ..one_hot.clone()
    };
    let mut a = Network::new(one_hot, &mut Rng::new(4)).unwrap();
    let mut b = Network::new(embedded, &mut Rng::new(4)).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&a.state_dict_json()).unwrap();
    let identity: Vec<Vec<f32>> = (0..4)
        .map(|i| (0..4).map(|j| if i == j { 1.0 } else { 0.0 }).collect())
        .collect();
    json["embed.weight"] = serde_json::json!(identity);
    b.load_state_dict_json(&json.to_string()).unwrap();

    let mut rng = Rng::new(5);
    let ids = Array2::from_shape_simple_fn((3, 5), || rng.below(4) as u32);
    let data = Dataset {
        inputs: Inputs::Tokens(ids.clone()),
        targets: Targets::Classes((0..15).map(|_| rng.below(2) as u32).collect()),
    };
    let (sa, sb) = (
        a.train_batch(&data, 0.0, &mut rng).unwrap(),
        b.train_batch(&data, 0.0, &mut rng).unwrap(),
    );
    assert!(
        (sa.loss - sb.loss).abs() < 1e-6,
        "{} vs {}",
        sa.loss,
        sb.loss
    );
    // Same model, so the same gradients for every shared tensor (up to rounding: one path
    // gathers W_ih columns, the other multiplies by the embedded rows).
    let (pa, pb) = (a.parameters(), b.parameters());
    for (x, y) in pa.iter().zip(&pb[1..]) {
        for (g, h) in x.grad.iter().zip(y.grad) {
            assert!((g - h).abs() < 1e-6, "{}: {g} vs {h}", x.name);
        }
    }
    // One-hot: dW_ih[:, k] sums d_pre over the positions holding token k. Embedding: row k
    // of d embed.weight sums d_pre · W_ih over the same positions, so it is dW_ih[:, k]ᵀ W_ih;
    // a token that does not occur gets a zero row.
    let w_ih = Array2::from_shape_vec((12, 4), pa[0].value.to_vec()).unwrap();
    let d_w_ih = Array2::from_shape_vec((12, 4), pa[0].grad.to_vec()).unwrap();
    let d_embed = Array2::from_shape_vec((4, 4), pb[0].grad.to_vec()).unwrap();
    let expected = d_w_ih.t().dot(&w_ih);
    for (g, e) in d_embed.iter().zip(expected.iter()) {
        assert!((g - e).abs() < 1e-6, "embedding gradient {g} vs {e}");
    }
    for token in 0..4u32 {
        if !ids.iter().any(|&id| id == token) {
            assert!(d_embed.row(token as usize).iter().all(|&g| g == 0.0));
        }
    }
    assert!(
        d_embed.iter().any(|&g| g.abs() > 1e-4),
        "vacuous: no gradient"
    );
}

#[test]
fn an_embedding_model_refuses_dense_inputs() {
    let mut net = embedded(CellKind::Gru, 1, 2, 6);
    let err = net
        .predict(&Inputs::Dense(Array3::zeros((1, 2, 4))))
        .unwrap_err();
    assert!(matches!(err, NnError::InvalidData(_)), "{err:?}");
    let err = net.stepper().step_dense(&[0.0; 4]).unwrap_err();
    assert!(matches!(err, NnError::InvalidData(_)), "{err:?}");
}

#[test]
fn stepping_an_embedding_model_token_by_token_equals_predict() {
    let mut net = embedded(CellKind::Lstm, 2, 3, 7);
    let ids = Array2::from_shape_vec((1, 5), vec![3, 0, 2, 2, 1]).unwrap();
    let expected = net.predict(&Inputs::Tokens(ids.clone())).unwrap();
    let mut stepper = net.stepper();
    for (t, &id) in ids.iter().enumerate() {
        let out = stepper.step_token(id).unwrap();
        for (k, (&a, &b)) in out.iter().zip(expected.row(t)).enumerate() {
            assert!((a - b).abs() < 1e-6, "step {t} output {k}: {a} vs {b}");
        }
    }
}
