//! The worker side of the wasm module, run inside a real dedicated worker in headless
//! Chromium: the same place the playground trains.
#![cfg(target_arch = "wasm32")]

use rnn_playground::web::{preset_query, TrainerHandle};
mod common;
use common::as_json;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_dedicated_worker);

/// The forecast preset, shrunk so an epoch takes milliseconds.
fn small_forecast_query() -> String {
    let query = preset_query("forecast").expect("forecast preset exists");
    let config =
        rnn_playground::config::Config::from_query_strict(&query).expect("preset is valid");
    let mut small = config.clone();
    small.hidden = 8;
    small.train_size = 16;
    small.val_size = 16;
    small.batch = 8;
    small.to_query()
}

#[wasm_bindgen_test]
fn trains_epochs_in_slices_with_finite_losses() {
    let mut handle =
        TrainerHandle::new(&small_forecast_query()).expect("valid settings build a trainer");
    let mut epochs = Vec::new();
    for _ in 0..200 {
        let slice = as_json(handle.run_for(15.0).expect("slice"));
        assert_eq!(slice["status"]["state"], "running");
        epochs.extend(slice["reports"].as_array().unwrap().iter().cloned());
        if epochs.len() >= 3 {
            break;
        }
    }
    assert!(epochs.len() >= 3, "three epochs within 200 slices of 15 ms");
    for (i, report) in epochs.iter().enumerate() {
        assert_eq!(report["epoch"].as_u64(), Some(i as u64 + 1));
        let train = report["train_loss"].as_f64().unwrap();
        let val = report["val_loss"].as_f64().unwrap();
        assert!(
            train.is_finite() && train > 0.0 && val.is_finite() && val > 0.0,
            "{report}"
        );
    }
    let info = as_json(handle.info().unwrap());
    assert!(info["param_count"].as_u64().unwrap() > 0);
    assert_eq!(info["task"], "forecast");
}

#[wasm_bindgen_test]
fn step_epoch_finishes_exactly_one_epoch() {
    let mut handle = TrainerHandle::new(&small_forecast_query()).unwrap();
    let slice = as_json(handle.step_epoch().unwrap());
    assert_eq!(slice["reports"].as_array().unwrap().len(), 1);
    assert_eq!(slice["best_epoch"].as_u64(), Some(1));
}

#[wasm_bindgen_test]
fn live_changes_apply_and_structural_ones_ask_for_a_reset() {
    let base = rnn_playground::config::Config::from_query_strict(&small_forecast_query()).unwrap();
    let mut handle = TrainerHandle::new(&base.to_query()).unwrap();
    let mut faster = base.clone();
    faster.lr = base.lr * 2.0;
    assert!(handle.apply_live(&faster.to_query()).unwrap());
    let mut wider = base.clone();
    wider.hidden = base.hidden + 1;
    assert!(!handle.apply_live(&wider.to_query()).unwrap());
}

#[wasm_bindgen_test]
fn a_huge_learning_rate_ends_as_diverged_without_nan() {
    let mut config =
        rnn_playground::config::Config::from_query_strict(&small_forecast_query()).unwrap();
    config.lr = 10.0;
    config.clip = 0.0;
    let mut handle = TrainerHandle::new(&config.to_query()).unwrap();
    let mut state = String::new();
    for _ in 0..100 {
        let slice = as_json(handle.run_for(15.0).unwrap());
        for report in slice["reports"].as_array().unwrap() {
            assert!(
                report["train_loss"].as_f64().unwrap().is_finite(),
                "{report}"
            );
            assert!(report["val_loss"].as_f64().unwrap().is_finite(), "{report}");
        }
        state = slice["status"]["state"].as_str().unwrap().to_string();
        if state != "running" {
            assert!(slice["status"]["message"]
                .as_str()
                .unwrap()
                .contains("learning rate"));
            break;
        }
    }
    assert_eq!(state, "diverged");
}

#[wasm_bindgen_test]
fn invalid_settings_throw_a_readable_error_naming_the_field() {
    use wasm_bindgen::JsCast;
    let error = TrainerHandle::new("hidden=0")
        .err()
        .expect("hidden 0 is invalid");
    let js: wasm_bindgen::JsValue = error.into();
    // The reason in every language, for the page to show its reader's.
    let words = js_sys::Reflect::get(&js, &"words".into()).expect("a words property");
    let korean = js_sys::Reflect::get(&words, &"ko".into())
        .ok()
        .and_then(|k| k.as_string())
        .unwrap_or_default();
    assert!(
        korean.contains("hidden") && korean.contains("설정"),
        "{korean}"
    );
    let message: String = js
        .dyn_into::<js_sys::Error>()
        .expect("an Error object")
        .message()
        .into();
    assert!(message.contains("hidden"), "{message}");
}

#[wasm_bindgen_test]
fn exported_weights_load_back_and_a_bad_file_is_refused() {
    let mut handle = TrainerHandle::new(&small_forecast_query()).unwrap();
    let slice = as_json(handle.step_epoch().unwrap());
    let val_loss = slice["reports"][0]["val_loss"].as_f64().unwrap();
    let model = handle.export_file("model.json").unwrap();
    assert!(model.contains("\"rnn.weight_ih_l0\""), "{model}");
    assert!(handle
        .export_file("model.py")
        .unwrap()
        .contains("class Net"));
    assert!(handle.export_file("history.csv").unwrap().contains("\n1,"));
    assert!(handle.export_file("nothing.txt").is_err());

    let mut fresh = TrainerHandle::new(&small_forecast_query()).unwrap();
    let score = as_json(fresh.load_state_dict(&model).unwrap());
    assert_eq!(
        score["val_loss"].as_f64(),
        Some(val_loss),
        "the same weights score the same"
    );
    assert!(
        fresh.load_state_dict("{}").is_err(),
        "missing keys are refused"
    );
    assert_eq!(
        fresh.export_file("model.json").unwrap(),
        model,
        "the refused file changed nothing"
    );
}

#[wasm_bindgen_test]
fn a_run_on_the_readers_own_series_says_so_in_its_title() {
    let series: Vec<f32> = (0..400).map(|i| (i as f32 * 0.2).sin()).collect();
    let handle = TrainerHandle::with_series(&small_forecast_query(), series).unwrap();
    let info = as_json(handle.info().unwrap());
    assert!(
        info["title"]
            .as_str()
            .unwrap()
            .starts_with("your series (400 values)"),
        "{info}"
    );
    assert_eq!(info["own_series"], true);
    let short: Vec<f32> = vec![0.5; 60];
    assert!(TrainerHandle::with_series(&small_forecast_query(), short).is_err());
}

#[wasm_bindgen_test]
fn a_snapshot_resumes_in_another_handle_with_its_history() {
    let mut first = TrainerHandle::new(&small_forecast_query()).unwrap();
    first.step_epoch().unwrap();
    first.step_epoch().unwrap();
    let snapshot = first.snapshot().expect("a snapshot");
    let mut resumed = TrainerHandle::resume(snapshot, None).expect("the snapshot fits");
    let so_far = as_json(resumed.so_far().unwrap());
    let epochs: Vec<u64> = so_far["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["epoch"].as_u64().unwrap())
        .collect();
    assert_eq!(epochs, vec![1, 2]);
    assert_eq!(so_far["status"]["state"], "running");
    // The same next epoch in both: the resumed run goes on bit for bit.
    let next =
        |handle: &mut TrainerHandle| as_json(handle.step_epoch().unwrap())["reports"][0].clone();
    let (a, b) = (next(&mut first), next(&mut resumed));
    assert_eq!(a["epoch"].as_u64(), Some(3));
    assert_eq!(a["train_loss"], b["train_loss"]);
    assert_eq!(a["val_loss"], b["val_loss"]);
}

#[wasm_bindgen_test]
fn an_unreadable_snapshot_is_refused_with_an_error() {
    let refused = TrainerHandle::resume(wasm_bindgen::JsValue::from_str("not a run"), None);
    assert!(refused.is_err());
}
