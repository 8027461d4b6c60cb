#![cfg(not(target_arch = "wasm32"))]
//! PyTorch state_dict import and export: exact round trips, and a clear error naming the
//! key for every way a pasted or edited file can be wrong.

use ndarray::Array3;
use rnn_playground::i18n::Message;
use rnn_playground::nn::{CellKind, Inputs, LossKind, ModelSpec, Network, NnError, Readout};
use rnn_playground::rng::Rng;
use serde_json::{json, Value};

fn spec(cell: CellKind, layers: usize) -> ModelSpec {
    ModelSpec::new(cell, 3, 4, layers, 2, Readout::AllSteps, LossKind::Mse)
}

fn inputs() -> Inputs {
    let mut rng = Rng::new(11);
    Inputs::Dense(Array3::from_shape_simple_fn((2, 5, 3), || rng.normal()))
}

fn exported(cell: CellKind, layers: usize) -> (Network, Value) {
    let net = Network::new(spec(cell, layers), &mut Rng::new(3)).unwrap();
    let json: Value = serde_json::from_str(&net.state_dict_json()).unwrap();
    (net, json)
}

/// Load `json` into a fresh network of the same spec and return the error.
fn load_error(cell: CellKind, layers: usize, json: &Value) -> NnError {
    let mut net = Network::new(spec(cell, layers), &mut Rng::new(4)).unwrap();
    let before = net.state_dict_json();
    let err = net
        .load_state_dict_json(&json.to_string())
        .expect_err("the state_dict should be refused");
    assert_eq!(
        net.state_dict_json(),
        before,
        "a refused state_dict must leave the network unchanged"
    );
    err
}

#[test]
fn export_then_import_is_bit_identical_for_every_cell() {
    for cell in [
        CellKind::RnnTanh,
        CellKind::RnnRelu,
        CellKind::Lstm,
        CellKind::Gru,
    ] {
        let mut original = Network::new(spec(cell, 2), &mut Rng::new(8)).unwrap();
        let text = original.state_dict_json();
        let mut copy = Network::from_state_dict_json(spec(cell, 2), &text).unwrap();
        for (a, b) in original.parameters().iter().zip(copy.parameters().iter()) {
            assert_eq!(a.name, b.name);
            assert_eq!(a.shape, b.shape);
            let same_bits = a
                .value
                .iter()
                .zip(b.value)
                .all(|(x, y)| x.to_bits() == y.to_bits());
            assert!(
                same_bits,
                "{cell:?} {}: values changed in the round trip",
                a.name
            );
        }
        let (ya, yb) = (
            original.predict(&inputs()).unwrap(),
            copy.predict(&inputs()).unwrap(),
        );
        assert!(
            ya.iter()
                .zip(yb.iter())
                .all(|(x, y)| x.to_bits() == y.to_bits()),
            "{cell:?}: outputs differ"
        );
        assert_eq!(copy.state_dict_json(), text, "{cell:?}: re-export differs");
    }
}

#[test]
fn awkward_floats_survive_the_round_trip() {
    let (mut net, _) = exported(CellKind::Gru, 1);
    let awkward = [
        f32::MIN_POSITIVE,
        1e-45,
        -3.4028235e38,
        0.1,
        1.0 / 3.0,
        -0.0,
        16777217.0,
        1e-8,
    ];
    let mut rng = Rng::new(9);
    for p in net.parameters_mut() {
        for (k, v) in p.value.iter_mut().enumerate() {
            *v = if k < awkward.len() {
                awkward[k]
            } else {
                f32::from_bits(rng.next_u32() & 0x7f7f_ffff)
            };
        }
    }
    let text = net.state_dict_json();
    let copy = Network::from_state_dict_json(net.spec().clone(), &text).unwrap();
    for (a, b) in net.parameters().iter().zip(copy.parameters().iter()) {
        for (x, y) in a.value.iter().zip(b.value) {
            assert_eq!(
                x.to_bits(),
                y.to_bits(),
                "{}: {x:e} came back as {y:e}",
                a.name
            );
        }
    }
}

#[test]
fn export_uses_pytorch_names_and_shapes() {
    let (_, json) = exported(CellKind::Lstm, 2);
    let map = json.as_object().unwrap();
    let shape = |k: &str| -> Vec<usize> {
        let mut dims = Vec::new();
        let mut v = &map[k];
        while let Value::Array(items) = v {
            dims.push(items.len());
            v = &items[0];
        }
        dims
    };
    assert_eq!(map.len(), 10);
    assert_eq!(shape("rnn.weight_ih_l0"), [16, 3]);
    assert_eq!(shape("rnn.weight_hh_l0"), [16, 4]);
    assert_eq!(shape("rnn.bias_ih_l0"), [16]);
    assert_eq!(shape("rnn.bias_hh_l0"), [16]);
    assert_eq!(shape("rnn.weight_ih_l1"), [16, 4]);
    assert_eq!(shape("head.weight"), [2, 4]);
    assert_eq!(shape("head.bias"), [2]);
}

#[test]
fn missing_key_is_named() {
    let (_, mut json) = exported(CellKind::Lstm, 2);
    json.as_object_mut().unwrap().remove("rnn.bias_hh_l1");
    let missing = NnError::MissingKey("rnn.bias_hh_l1".into());
    assert_refused_naming(CellKind::Lstm, 2, &json, missing, "rnn.bias_hh_l1");
}

#[test]
fn unexpected_key_is_named() {
    let (_, mut json) = exported(CellKind::Gru, 1);
    json["rnn.weight_ih_l1"] = json!([[0.0]]);
    let unexpected = NnError::UnexpectedKey("rnn.weight_ih_l1".into());
    assert_refused_naming(CellKind::Gru, 1, &json, unexpected, "rnn.weight_ih_l1");
}

/// Loading `json` into a fresh model fails with `expected`, and its message names `key`.
fn assert_refused_naming(
    cell: CellKind,
    layers: usize,
    json: &Value,
    expected: NnError,
    key: &str,
) {
    let err = load_error(cell, layers, json);
    assert_eq!(err, expected);
    assert!(err.to_string().contains(key), "{err}");
}

#[test]
fn wrong_shape_is_named_with_both_shapes() {
    // A transposed weight: [4, 12] where [12, 4] is expected (GRU, G = 3, H = 4).
    let (_, mut json) = exported(CellKind::Gru, 1);
    json["rnn.weight_hh_l0"] = json!(vec![vec![0.5; 12]; 4]);
    let err = load_error(CellKind::Gru, 1, &json);
    match &err {
        NnError::WrongShape {
            key,
            expected,
            found,
        } => {
            assert_eq!(key, "rnn.weight_hh_l0");
            assert_eq!(expected, &vec![12, 4]);
            assert_eq!(
                found,
                &Message::new("nn.found.dims", &[("dims", "[4, 12]".into())])
            );
        }
        other => panic!("expected WrongShape, got {other:?}"),
    }
    let message = err.to_string();
    assert!(
        message.contains("rnn.weight_hh_l0")
            && message.contains("[12, 4]")
            && message.contains("[4, 12]"),
        "{message}"
    );

    // A ragged row inside an otherwise right-looking tensor.
    let (_, mut json) = exported(CellKind::Gru, 1);
    json["head.weight"][1] = json!([0.1, 0.2]);
    match load_error(CellKind::Gru, 1, &json) {
        NnError::WrongShape { key, found, .. } => {
            assert_eq!(key, "head.weight");
            assert_eq!(found.key, "nn.found.ragged");
            assert!(found.english().contains("[1]"), "{found:?}");
        }
        other => panic!("expected WrongShape, got {other:?}"),
    }

    // A vector where a matrix is expected.
    let (_, mut json) = exported(CellKind::RnnTanh, 1);
    json["head.weight"] = json!([0.1, 0.2]);
    assert!(
        matches!(load_error(CellKind::RnnTanh, 1, &json), NnError::WrongShape { key, .. } if key == "head.weight")
    );
}

#[test]
fn number_too_large_for_f32_is_refused_with_its_index() {
    let (_, json) = exported(CellKind::RnnRelu, 1);
    // serde_json's Value cannot hold 1e39 as written, so edit the text.
    let mut value = json.clone();
    value["rnn.bias_ih_l0"][2] = json!(12345.5);
    let text = value.to_string().replace("12345.5", "1e39");
    let mut net = Network::new(spec(CellKind::RnnRelu, 1), &mut Rng::new(4)).unwrap();
    let err = net.load_state_dict_json(&text).unwrap_err();
    match &err {
        NnError::NonFinite { key, index, value } => {
            assert_eq!(key, "rnn.bias_ih_l0");
            assert_eq!(index, &vec![2]);
            assert_eq!(value.parse::<f64>(), Ok(1e39), "{value}");
        }
        other => panic!("expected NonFinite, got {other:?}"),
    }
    let message = err.to_string();
    assert!(
        message.contains("rnn.bias_ih_l0") && message.contains("[2]"),
        "{message}"
    );
}

#[test]
fn null_string_and_boolean_entries_are_refused() {
    let cases = [
        (json!(null), Message::plain("nn.found.null")),
        (
            json!("0.5"),
            Message::new("nn.found.string", &[("value", "\"0.5\"".into())]),
        ),
        (
            json!(true),
            Message::new("nn.found.boolean", &[("value", "true".into())]),
        ),
    ];
    for (bad, described) in cases {
        let (_, mut json) = exported(CellKind::Lstm, 1);
        json["rnn.weight_ih_l0"][7][1] = bad;
        match load_error(CellKind::Lstm, 1, &json) {
            NnError::NotANumber { key, index, found } => {
                assert_eq!(key, "rnn.weight_ih_l0");
                assert_eq!(index, vec![7, 1]);
                assert_eq!(found, described);
            }
            other => panic!("expected NotANumber, got {other:?}"),
        }
    }
}

#[test]
fn text_that_is_not_a_state_dict_is_refused() {
    let mut net = Network::new(spec(CellKind::Gru, 1), &mut Rng::new(4)).unwrap();
    assert!(matches!(
        net.load_state_dict_json("{\"head.bias\": [1, 2"),
        Err(NnError::InvalidJson(_))
    ));
    assert!(matches!(
        net.load_state_dict_json("[1, 2, 3]"),
        Err(NnError::InvalidJson(_))
    ));
    assert!(matches!(
        net.load_state_dict_json(""),
        Err(NnError::InvalidJson(_))
    ));
}

#[test]
fn diverged_parameters_export_as_null_and_are_refused_on_import() {
    let (mut net, _) = exported(CellKind::RnnTanh, 1);
    net.parameters_mut()[3].value[0] = f32::NAN;
    let text = net.state_dict_json();
    let parsed: Value = serde_json::from_str(&text).expect("export stays valid JSON");
    assert_eq!(parsed["rnn.bias_hh_l0"][0], Value::Null);
    let err = Network::from_state_dict_json(net.spec().clone(), &text).unwrap_err();
    assert!(
        matches!(err, NnError::NotANumber { ref key, .. } if key == "rnn.bias_hh_l0"),
        "{err:?}"
    );
}

#[test]
fn impossible_models_are_refused() {
    let mut zero_hidden = spec(CellKind::Lstm, 1);
    zero_hidden.hidden_size = 0;
    let err = Network::new(zero_hidden, &mut Rng::new(1)).unwrap_err();
    assert!(
        matches!(
            err,
            NnError::InvalidSpec {
                field: "hidden_size",
                ..
            }
        ),
        "{err:?}"
    );
    let mut huge = spec(CellKind::Lstm, 1);
    huge.hidden_size = usize::MAX / 2;
    assert!(matches!(
        Network::new(huge, &mut Rng::new(1)),
        Err(NnError::InvalidSpec { .. })
    ));
}

/// The error of loading `json` into `net`, which must leave `net` unchanged.
fn refused(net: &mut Network, json: Value) -> NnError {
    let before = net.state_dict_json();
    let err = net.load_state_dict_json(&json.to_string()).unwrap_err();
    assert_eq!(net.state_dict_json(), before);
    err
}

#[test]
fn the_embedding_is_exported_first_and_checked_on_import() {
    // Vocabulary 3 (input_size), embedding size 2.
    let s = ModelSpec {
        embed: 2,
        ..spec(CellKind::Gru, 1)
    };
    let mut net = Network::new(s.clone(), &mut Rng::new(4)).unwrap();
    let text = net.state_dict_json();
    let json: Value = serde_json::from_str(&text).unwrap();
    assert!(text
        .trim_start_matches("{\n")
        .starts_with("  \"embed.weight\": [["));
    assert_eq!(json["embed.weight"].as_array().unwrap().len(), 3);
    assert_eq!(json["embed.weight"][0].as_array().unwrap().len(), 2);
    let copy = Network::from_state_dict_json(s.clone(), &text).unwrap();
    assert_eq!(copy.state_dict_json(), text);

    let mut missing = json.clone();
    missing.as_object_mut().unwrap().remove("embed.weight");
    let err = refused(&mut net, missing);
    assert_eq!(err, NnError::MissingKey("embed.weight".into()));

    let mut transposed = json.clone();
    transposed["embed.weight"] = json!([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]);
    let err = refused(&mut net, transposed);
    assert_eq!(
        err.to_string(),
        "parameter \"embed.weight\" should have shape [3, 2] but has shape [2, 3]"
    );

    // A one-hot model does not take an embedding, and the other way round.
    let mut one_hot = Network::new(spec(CellKind::Gru, 1), &mut Rng::new(4)).unwrap();
    assert_eq!(
        refused(&mut one_hot, json),
        NnError::UnexpectedKey("embed.weight".into())
    );
}
