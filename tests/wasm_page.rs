//! The page side of the wasm module in headless Chromium: the parameter table, URL
//! parsing and the plotters chart drawn on a real canvas.
#![cfg(target_arch = "wasm32")]

use rnn_playground::web::{
    page_keys, parameter_table, parse_lab_query, parse_query, preset_query, ChartView,
};
mod common;
use common::as_json;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_table_has_the_headline_controls_with_ranges() {
    let table = as_json(parameter_table(None).unwrap());
    let controls = table.as_array().unwrap();
    let hidden = controls
        .iter()
        .find(|c| c["key"] == "hidden")
        .expect("hidden units control");
    assert_eq!(hidden["kind"], "int");
    assert_eq!(hidden["min"].as_f64(), Some(1.0));
    assert!(hidden["max"].as_f64().unwrap() >= 512.0);
    assert_eq!(hidden["structural"], true);
    let lr = controls
        .iter()
        .find(|c| c["key"] == "lr")
        .expect("learning rate control");
    assert_eq!(lr["log"], true);
    assert_eq!(lr["structural"], false);
    let cell = controls.iter().find(|c| c["key"] == "cell").unwrap();
    let options: Vec<&str> = cell["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["value"].as_str().unwrap())
        .collect();
    assert!(options.contains(&"lstm") && options.contains(&"gru") && options.contains(&"rnn"));
}

#[wasm_bindgen_test]
fn the_page_reads_its_keys_and_the_lab_ranges_from_the_wasm() {
    let keys = as_json(page_keys().unwrap());
    let flag = |key: &str, flag: &str| {
        keys.as_array()
            .unwrap()
            .iter()
            .find(|k| k["key"] == key)
            .unwrap_or_else(|| panic!("{key} is a page key"))[flag]
            .as_bool()
    };
    // The tabs drop the lab's own keys but carry logy; figures take logy and controls.
    assert_eq!(flag("cells", "mode_only"), Some(true));
    assert_eq!(flag("logy", "mode_only"), Some(false));
    assert_eq!(flag("logy", "figure"), Some(true));
    assert_eq!(flag("controls", "lab"), Some(false));
    let lab = as_json(parse_lab_query("mode=sweep").unwrap());
    let limits = &lab["limits"];
    assert_eq!(limits["hidden"][0].as_u64(), Some(1));
    assert_eq!(limits["layer_choices"].as_array().unwrap().len(), {
        let layers = &limits["layers"];
        (layers[1].as_u64().unwrap() - layers[0].as_u64().unwrap() + 1) as usize
    });
    let cell = as_json(parameter_table(None).unwrap())
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == "cell")
        .cloned()
        .unwrap();
    assert_eq!(cell["options"][0]["short"], "RNN");
}

#[wasm_bindgen_test]
fn garbage_in_the_url_is_repaired_with_notices() {
    let parsed = as_json(parse_query("?hidden=abc&layers=99&zzz=1&lr=NaN").unwrap());
    let notices = parsed["notices"].as_array().unwrap();
    let keys: Vec<&str> = notices.iter().map(|n| n["key"].as_str().unwrap()).collect();
    for key in ["hidden", "layers", "zzz", "lr"] {
        assert!(keys.contains(&key), "no notice for {key}: {parsed}");
    }
    assert_eq!(
        parsed["config"]["layers"].as_u64(),
        Some(4),
        "clamped to the maximum"
    );
    // Floats reach JS in their shortest decimal form, as typed in a URL.
    let tidy = as_json(parse_query("lr=0.01").unwrap());
    assert_eq!(tidy["config"]["lr"].as_f64(), Some(0.01));
    // The canonical query reads back cleanly.
    let again = as_json(parse_query(parsed["query"].as_str().unwrap()).unwrap());
    assert!(again["notices"].as_array().unwrap().is_empty(), "{again}");
    assert_eq!(again["config"], parsed["config"]);
}

#[wasm_bindgen_test]
fn presets_differ_by_task_and_unknown_tasks_throw() {
    let adding = preset_query("adding").unwrap();
    assert!(adding.contains("task=adding"));
    assert_ne!(adding, preset_query("forecast").unwrap());
    assert!(preset_query("chess").is_err());
}

fn canvas(css_width: u32, css_height: u32) -> HtmlCanvasElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .unwrap()
        .dyn_into()
        .unwrap();
    canvas
        .style()
        .set_property("width", &format!("{css_width}px"))
        .unwrap();
    canvas
        .style()
        .set_property("height", &format!("{css_height}px"))
        .unwrap();
    document.body().unwrap().append_child(&canvas).unwrap();
    canvas
}

/// Counts pixels whose colour is close to `rgb`.
fn pixels_near(canvas: &HtmlCanvasElement, rgb: (u8, u8, u8)) -> usize {
    let context: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let data = context
        .get_image_data(0.0, 0.0, canvas.width() as f64, canvas.height() as f64)
        .unwrap()
        .data();
    data.chunks(4)
        .filter(|p| {
            (p[0] as i32 - rgb.0 as i32).abs() < 40
                && (p[1] as i32 - rgb.1 as i32).abs() < 40
                && (p[2] as i32 - rgb.2 as i32).abs() < 40
        })
        .count()
}

fn js_object(json: &str) -> wasm_bindgen::JsValue {
    js_sys::JSON::parse(json).expect("valid JSON")
}

#[wasm_bindgen_test]
fn the_chart_draws_both_curves_at_device_resolution() {
    let canvas = canvas(480, 300);
    let mut chart = ChartView::new(canvas.clone());
    chart
        .reset(js_object(
            r#"{"title": "LSTM 1x64", "loss_label": "MSE", "baseline": 0.6, "baseline_label": "predict the mean", "param_count": 17217}"#,
        ))
        .unwrap();
    for epoch in 1..=60u32 {
        let t = epoch as f32;
        let train = 0.6 * (-t / 15.0).exp() + 0.01;
        let val = 0.3 + 0.002 * (t - 20.0).powi(2) / 10.0;
        chart.push(epoch, train, val);
    }
    chart.push(61, f32::NAN, f32::INFINITY); // never drawn, never counted
    assert_eq!(chart.point_count(), 60);
    chart.draw().unwrap();
    let dpr = web_sys::window().unwrap().device_pixel_ratio();
    assert_eq!(canvas.width(), (480.0 * dpr).round() as u32);
    let train_blue = pixels_near(&canvas, (31, 119, 180));
    let val_orange = pixels_near(&canvas, (230, 115, 0));
    assert!(train_blue > 200, "train curve pixels: {train_blue}");
    assert!(val_orange > 200, "validation curve pixels: {val_orange}");
}

#[wasm_bindgen_test]
fn an_empty_chart_draws_without_error() {
    let canvas = canvas(320, 200);
    let mut chart = ChartView::new(canvas.clone());
    chart
        .reset(js_object(r#"{"title": "waiting", "baseline": null}"#))
        .unwrap();
    chart.set_log_scale(true);
    chart.draw().unwrap();
    let white = pixels_near(&canvas, (255, 255, 255));
    let total = (canvas.width() * canvas.height()) as usize;
    assert!(white < total, "something (axes, note) was drawn");
}

#[wasm_bindgen_test]
fn chart_labels_that_are_not_an_object_are_an_error_not_a_panic() {
    let mut chart = ChartView::new(canvas(320, 200));
    let error = chart.reset(js_object(r#"{"title": 5}"#));
    assert!(error.is_err(), "a number is not a title");
    chart.reset(wasm_bindgen::JsValue::UNDEFINED).unwrap();
    chart.draw().unwrap();
}
