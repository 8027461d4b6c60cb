//! What the page calls: the parameter table, the page's other keys, URL parsing and task
//! presets.
//! (The chart itself is [`super::ChartView`].)

use super::to_js;
use crate::config::{Config, ParamKind, Scale, TaskKind, LESSONS, PAGE_KEYS, PARAMETERS};

use crate::i18n::{english, for_tag, Catalog};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// One control as the page builds it (see `www/protocol.md`).
#[derive(Serialize)]
struct ControlSpec {
    key: &'static str,
    /// The words below are in this language.
    lang: &'static str,
    label: &'static str,
    group: crate::config::Group,
    kind: &'static str,
    min: Option<f64>,
    max: Option<f64>,
    step: Option<f64>,
    /// Logarithmic slider.
    log: bool,
    /// For log sliders that also allow 0 ("off"): the smallest positive stop.
    zero_off_min: Option<f32>,
    max_chars: Option<usize>,
    options: Vec<ControlOption>,
    unit: &'static str,
    help: &'static str,
    /// Changing it starts a new run.
    structural: bool,
    /// Task keys that use this control; empty means all.
    tasks: Vec<&'static str>,
    /// Shown only when another control has a value: `[key, value]`.
    depends_on: Option<(&'static str, &'static str)>,
}

#[derive(Serialize)]
struct ControlOption {
    value: &'static str,
    label: &'static str,
    /// The name where space is short (tables, chart titles).
    short: &'static str,
}

/// The lenient reading of a URL query.
#[derive(Serialize)]
struct ParsedQuery<'a> {
    /// Canonical query for the config below: every key, in table order.
    query: String,
    config: serde_json::Map<String, serde_json::Value>,
    notices: Vec<super::notices::SentNotice<'a>>,
}

/// Every parameter, in the order the controls appear, with its words in `lang` (a code
/// such as `ko`; English when absent or unknown).
#[wasm_bindgen]
pub fn parameter_table(lang: Option<String>) -> Result<JsValue, JsError> {
    let catalog = lang.as_deref().and_then(for_tag).unwrap_or_else(english);
    let controls: Vec<ControlSpec> = PARAMETERS
        .iter()
        .map(|spec| control_spec(spec, catalog))
        .collect();
    to_js(&controls)
}

/// The page's keys that are not parameters (`mode`, `cells`, `logy`, `controls`...), each
/// with where it is read: `[{key, lab, mode_only, figure, help}]`.
#[wasm_bindgen]
pub fn page_keys() -> Result<JsValue, JsError> {
    to_js(PAGE_KEYS)
}

/// Reads any string as settings: always returns a runnable config, plus notices for what
/// was unknown, unreadable or out of range and what was used instead. Never throws on input.
#[wasm_bindgen]
pub fn parse_query(query: &str) -> Result<JsValue, JsError> {
    let parsed = Config::from_query(query);
    to_js(&ParsedQuery {
        query: parsed.config.to_query(),
        config: parsed.config.to_key_values(),
        notices: super::notices::sent_notices(&parsed.notices),
    })
}

/// The nominal flops of one training step of the settings in `query` (read as
/// `parse_query` reads them), known before the run's data exists: with the speed measured
/// on this device, the page says before starting when each step would take seconds.
#[wasm_bindgen]
pub fn estimated_step_flops(query: &str) -> f64 {
    crate::trainer::estimated_flops_per_step(&Config::from_query(query).config)
}

/// The canonical query of a task's preset, e.g. `preset_query("adding")`.
#[wasm_bindgen]
pub fn preset_query(task: &str) -> Result<String, JsError> {
    TaskKind::ALL
        .into_iter()
        .find(|t| t.key() == task)
        .map(|t| Config::preset(t).to_query())
        .ok_or_else(|| JsError::new(&format!("unknown task '{task}'")))
}

/// One lesson as the page reads it.
#[derive(Serialize)]
struct LessonWords {
    name: &'static str,
    query: &'static str,
    shows: &'static str,
}

/// Every named lesson: `[{name, query, shows}]`, in the order the article tells them, the
/// sentence in `lang` (English when absent or unknown).
#[wasm_bindgen]
pub fn lessons(lang: Option<String>) -> Result<JsValue, JsError> {
    let catalog = lang.as_deref().and_then(for_tag).unwrap_or_else(english);
    let lessons: Vec<LessonWords> = LESSONS
        .iter()
        .map(|lesson| LessonWords {
            name: lesson.name,
            query: lesson.query,
            shows: lesson.shows(catalog),
        })
        .collect();
    to_js(&lessons)
}

/// Replaces `lesson=NAME` in a query by the lesson's keys (the query's own keys win):
/// `{query, lesson, notice}`, `notice` naming the valid lessons when the name is unknown.
/// The page runs it before it reads anything else from its address.
#[wasm_bindgen]
pub fn expand_lesson(query: &str) -> Result<JsValue, JsError> {
    to_js(&crate::config::expand_lesson(query))
}

fn control_spec(spec: &'static crate::config::ParamSpec, words: &'static Catalog) -> ControlSpec {
    let mut control = ControlSpec {
        key: spec.key,
        lang: words.lang,
        label: spec.label(words),
        group: spec.group,
        kind: "",
        min: None,
        max: None,
        step: None,
        log: false,
        zero_off_min: None,
        max_chars: None,
        options: Vec::new(),
        unit: spec.unit(words),
        help: spec.help(words),
        structural: !spec.live,
        tasks: spec.tasks.iter().map(|t| t.key()).collect(),
        depends_on: spec.depends_on.map(|d| (d.key, d.value)),
    };
    match spec.kind {
        ParamKind::Int { min, max } => {
            control.kind = "int";
            control.min = Some(min as f64);
            control.max = Some(max as f64);
            control.step = Some(1.0);
        }
        ParamKind::Float {
            min,
            max,
            scale,
            step,
        } => {
            control.kind = "float";
            control.min = Some(min as f64);
            control.max = Some(max as f64);
            control.step = Some(step as f64);
            match scale {
                Scale::Linear => {}
                Scale::Log => control.log = true,
                Scale::LogOrZero { smallest_positive } => {
                    control.log = true;
                    control.zero_off_min = Some(smallest_positive);
                }
            }
        }
        ParamKind::Choice { options } => {
            control.kind = "choice";
            control.options = options
                .iter()
                .map(|o| ControlOption {
                    value: o.value,
                    label: words.text(o.label_key),
                    short: o.short,
                })
                .collect();
        }
        ParamKind::Text { max_chars } => {
            control.kind = "text";
            control.max_chars = Some(max_chars);
        }
    }
    control
}
