//! Loading a state_dict into a running trainer: a good file continues the run from its
//! weights; every bad file (missing key, extra key, wrong shape, NaN, not JSON, 50 MB) is
//! refused with a message naming the key and its expected shape, and the run keeps its
//! weights, history and place.
#![cfg(not(target_arch = "wasm32"))]

use rnn_playground::config::Config;
use rnn_playground::export::Export;
use rnn_playground::trainer::{Budget, Trainer};
use serde_json::Value;

const QUERY: &str = "task=forecast&len=10&train=16&val=8&cell=lstm&hidden=4&batch=8&epochs=20";

fn trained(epochs: u32) -> Trainer {
    let mut trainer = Trainer::new(Config::from_query_strict(QUERY).unwrap()).unwrap();
    trainer.run_for(Budget::Epochs(epochs));
    trainer
}

fn state_dict(trainer: &Trainer) -> serde_json::Map<String, Value> {
    match serde_json::from_str(&Export::StateDict.render(trainer)).unwrap() {
        Value::Object(map) => map,
        _ => unreachable!("a state_dict is an object"),
    }
}

/// Refuses `text` and checks that nothing of the run changed; returns the message.
fn refused(text: &str) -> String {
    let mut trainer = trained(3);
    let weights = Export::StateDict.render(&trainer);
    let history = trainer.history().to_vec();
    let error = trainer.load_state_dict_json(text).unwrap_err();
    assert_eq!(Export::StateDict.render(&trainer), weights, "weights kept");
    assert_eq!(trainer.history(), history.as_slice(), "history kept");
    // The run goes on from where it was: the next epoch is the 4th.
    let next = trainer.run_for(Budget::Epochs(1));
    assert_eq!(next[0].epoch, 4);
    error.to_string()
}

#[test]
fn a_good_state_dict_replaces_the_weights_and_the_run_continues() {
    let donor = trained(12);
    let mut trainer = trained(2);
    let score = trainer
        .load_state_dict_json(&Export::StateDict.render(&donor))
        .unwrap();
    assert_eq!(score.loss, donor.history().last().unwrap().val_loss);
    assert_eq!(trainer.history().len(), 2, "history kept");
    let next = trainer.run_for(Budget::Epochs(1));
    assert_eq!(next[0].epoch, 3);
    assert!(next[0].val_loss.is_finite());
}

#[test]
fn a_missing_key_is_named_with_its_shape() {
    let mut map = state_dict(&trained(1));
    map.remove("rnn.weight_hh_l0");
    let message = refused(&Value::Object(map).to_string());
    assert!(message.contains("\"rnn.weight_hh_l0\""), "{message}");
    assert!(message.contains("[16, 4]"), "{message}");
}

#[test]
fn an_extra_key_is_named_with_the_keys_expected() {
    let mut map = state_dict(&trained(1));
    map.insert("rnn.weight_ih_l1".into(), Value::Array(vec![]));
    let message = refused(&Value::Object(map).to_string());
    assert!(message.contains("\"rnn.weight_ih_l1\""), "{message}");
    assert!(
        message.contains("rnn.weight_ih_l0, rnn.weight_hh_l0"),
        "{message}"
    );
}

#[test]
fn a_wrong_shape_is_named_with_both_shapes() {
    let mut map = state_dict(&trained(1));
    map.insert("head.bias".into(), serde_json::json!([0.1, 0.2]));
    let message = refused(&Value::Object(map).to_string());
    assert!(message.contains("\"head.bias\""), "{message}");
    assert!(
        message.contains("[1]") && message.contains("[2]"),
        "{message}"
    );
}

#[test]
fn a_nan_is_named_with_its_index() {
    let text = Export::StateDict.render(&trained(1));
    // JSON has no NaN: PyTorch's json.dump writes the bare word, and a diverged export null.
    let first = text.find("\"head.bias\": [").unwrap() + "\"head.bias\": [".len();
    let end = first + text[first..].find(']').unwrap();
    for bad in ["NaN", "null"] {
        let broken = format!("{}{bad}{}", &text[..first], &text[end..]);
        let message = refused(&broken);
        assert!(
            message.contains("state_dict") || message.contains("head.bias"),
            "{message}"
        );
        if bad == "null" {
            assert!(
                message.contains("\"head.bias\" at index [0] is null"),
                "{message}"
            );
        }
    }
}

#[test]
fn text_that_is_not_json_is_refused() {
    let message = refused("epoch,train_loss\n1,0.5\n");
    assert!(message.contains("not valid"), "{message}");
    let message = refused("[1, 2, 3]");
    assert!(message.contains("JSON object"), "{message}");
}

#[test]
fn a_50_mb_file_is_refused_before_it_is_parsed() {
    let trainer = trained(1);
    let huge = format!("{{\"x\": \"{}\"}}", "a".repeat(50_000_000));
    assert!(huge.len() > trainer.max_state_dict_bytes());
    let message = refused(&huge);
    assert!(message.contains("50.0 MB"), "{message}");
    assert!(message.contains("at most"), "{message}");
}
