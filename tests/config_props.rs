#![cfg(not(target_arch = "wasm32"))]
//! Properties of the config codecs: no input makes them panic, every error names a
//! field, the lenient reader always yields a valid config, and valid configs survive
//! the URL and JSON round trips exactly.

use proptest::prelude::*;
use rnn_playground::config::{
    spec, spec_by_name, Config, Field, ParamKind, ParamSpec, TaskKind, MAX_TEXT_CHARS, PARAMETERS,
};
use rnn_playground::data::text::check_pasted_text;
use serde_json::{Map, Value as Json};

fn int_range(field: Field) -> std::ops::RangeInclusive<u64> {
    match spec(field).kind {
        ParamKind::Int { min, max } => min..=max,
        other => panic!("{field:?} is {other:?}"),
    }
}

fn float_range(field: Field) -> (f32, f32) {
    match spec(field).kind {
        ParamKind::Float { min, max, .. } => (min, max),
        other => panic!("{field:?} is {other:?}"),
    }
}

/// Any f32 in the row's range: the ends, arbitrary bit patterns in between, and the
/// short decimals a slider produces.
fn float_in(field: Field) -> BoxedStrategy<f32> {
    let (min, max) = float_range(field);
    prop_oneof![
        Just(min),
        Just(max),
        min..=max,
        (0u32..=1000).prop_map(move |k| min + (max - min) * k as f32 / 1000.0),
    ]
    .prop_map(move |v: f32| v.clamp(min, max))
    .boxed()
}

fn int_in(field: Field) -> BoxedStrategy<u64> {
    let range = int_range(field);
    let (min, max) = (*range.start(), *range.end());
    prop_oneof![Just(min), Just(max), range].boxed()
}

/// Text with any Unicode (newlines, controls, `&`, `=`, `%`, `+` included).
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "(?s).{0,200}",
        "[a-z &=%+#?.]{0,80}",
        ("(?s).{1,8}", 1usize..=400).prop_map(|(s, n)| s.repeat(n)),
    ]
}

/// Text as a URL value: every byte but ASCII letters and digits percent-encoded.
fn url_encoded(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A URL value for `spec` inside its declared range, drawn by its kind (so a new
/// parameter is covered without touching this file).
fn value_in(spec: &'static ParamSpec) -> BoxedStrategy<String> {
    match spec.kind {
        ParamKind::Int { .. } => int_in(spec.field).prop_map(|v| v.to_string()).boxed(),
        ParamKind::Float { .. } => float_in(spec.field).prop_map(|v| v.to_string()).boxed(),
        ParamKind::Choice { options } => {
            prop::sample::select(options.iter().map(|o| o.value).collect::<Vec<_>>())
                .prop_map(str::to_string)
                .boxed()
        }
        ParamKind::Text { .. } => any_text().prop_map(|t| url_encoded(&t)).boxed(),
    }
}

/// A valid config: every parameter drawn from its declared range, then read by the
/// lenient reader, whose repairs make the combinations fit (a batch within the training
/// set, pasted text long enough for the sizes).
fn valid_config() -> impl Strategy<Value = Config> {
    let values: Vec<BoxedStrategy<String>> = PARAMETERS.iter().map(value_in).collect();
    values.prop_map(|values| {
        let query: Vec<String> = PARAMETERS
            .iter()
            .zip(values)
            .map(|(spec, value)| format!("{}={value}", spec.key))
            .collect();
        Config::from_query(&query.join("&")).config
    })
}

/// Names a key may have: table keys, field names, odd spellings and garbage.
fn any_key() -> impl Strategy<Value = String> {
    let known: Vec<String> = PARAMETERS
        .iter()
        .flat_map(|s| {
            [
                s.key.to_string(),
                s.field.name().to_string(),
                s.key.to_uppercase(),
            ]
        })
        .collect();
    prop_oneof![4 => prop::sample::select(known), 1 => "[a-z_]{0,8}", 1 => "(?s).{0,12}"]
}

/// Values a key may be given: numbers of every shape, choices, escapes and garbage.
fn any_raw_value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|v| v.to_string()),
        any::<u64>().prop_map(|v| v.to_string()),
        any::<f64>().prop_map(|v| v.to_string()),
        any::<f32>().prop_map(|v| format!("{v:e}")),
        "[0-9]{20,40}",
        "-?[0-9]{0,3}\\.?[0-9]{0,3}(e-?[0-9]{1,3})?",
        prop::sample::select(vec![
            "",
            "nan",
            "NaN",
            "inf",
            "-inf",
            "lstm",
            "GRU",
            "rnn_tanh",
            "relu",
            "sgd",
            "adam",
            "text",
            "adding",
            "classify",
            "forecast",
            "%FF%FE",
            "%",
            "%4",
            "%zz",
            "+",
            "%E2%82",
            "%F0%9F%98%80",
            "1e999",
            "-0",
        ])
        .prop_map(str::to_string),
        "(?s).{0,30}",
    ]
}

fn key_value_soup() -> impl Strategy<Value = String> {
    (
        prop::bool::ANY,
        prop::collection::vec((any_key(), prop::option::of(any_raw_value())), 0..24),
    )
        .prop_map(|(question_mark, pairs)| {
            let body: Vec<String> = pairs
                .into_iter()
                .map(|(key, value)| match value {
                    Some(value) => format!("{key}={value}"),
                    None => key,
                })
                .collect();
            format!("{}{}", if question_mark { "?" } else { "" }, body.join("&"))
        })
}

fn any_json_value() -> impl Strategy<Value = Json> {
    let leaf = prop_oneof![
        Just(Json::Null),
        prop::bool::ANY.prop_map(Json::Bool),
        any::<i64>().prop_map(Json::from),
        any::<u64>().prop_map(Json::from),
        any::<f64>().prop_map(Json::from), // non-finite become null
        (0.0f64..2000.0).prop_map(Json::from),
        any_raw_value().prop_map(Json::String),
    ];
    leaf.prop_recursive(2, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Json::Array),
            prop::collection::btree_map("[a-z]{0,4}", inner, 0..4)
                .prop_map(|m| Json::Object(m.into_iter().collect::<Map<String, Json>>())),
        ]
    })
}

fn json_object_soup() -> impl Strategy<Value = String> {
    prop::collection::vec((any_key(), any_json_value()), 0..20).prop_map(|pairs| {
        let object: Map<String, Json> = pairs.into_iter().collect();
        Json::Object(object).to_string()
    })
}

/// Every error names a field of the table, a key the input used, or `json`.
fn assert_named(errors: &[rnn_playground::config::FieldError]) {
    assert!(!errors.is_empty());
    for error in errors {
        assert!(!error.message.is_empty());
        assert!(error.to_string().starts_with(&format!("{}: ", error.key)));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn lenient_reading_of_any_string_yields_a_valid_config(query in "(?s).{0,200}") {
        let parsed = Config::from_query(&query);
        prop_assert_eq!(parsed.config.validate(), Ok(()));
    }

    #[test]
    fn lenient_reading_of_key_value_soup_yields_a_valid_config(query in key_value_soup()) {
        let parsed = Config::from_query(&query);
        prop_assert_eq!(parsed.config.validate(), Ok(()), "{:?}", parsed.notices);
        for notice in &parsed.notices {
            prop_assert!(!notice.message.is_empty());
        }
    }

    #[test]
    fn strict_reading_returns_a_valid_config_or_named_errors(query in prop_oneof![key_value_soup(), "(?s).{0,100}"]) {
        match Config::from_query_strict(&query) {
            Ok(config) => {
                prop_assert_eq!(config.validate(), Ok(()));
                // Whatever strict accepts, lenient reads the same way without notices.
                let lenient = Config::from_query(&query);
                prop_assert_eq!(lenient.config, config);
                prop_assert!(lenient.notices.is_empty());
            }
            Err(errors) => assert_named(&errors),
        }
    }

    #[test]
    fn json_of_any_shape_gives_a_valid_config_or_named_errors(json in prop_oneof![json_object_soup(), "(?s).{0,100}"]) {
        match Config::from_json(&json) {
            Ok(config) => prop_assert_eq!(config.validate(), Ok(())),
            Err(errors) => assert_named(&errors),
        }
    }

    #[test]
    fn valid_configs_round_trip_through_the_url_exactly(config in valid_config()) {
        prop_assert_eq!(config.validate(), Ok(()));
        let query = config.to_query();
        let parsed = Config::from_query(&query);
        prop_assert!(parsed.notices.is_empty(), "{:?}", parsed.notices);
        prop_assert_eq!(&parsed.config, &config);
        prop_assert_eq!(Config::from_query_strict(&query), Ok(config.clone()));
        prop_assert_eq!(Config::from_query(&format!("?{query}")).config, config.clone());
        // Canonical: writing the read config again gives the same string.
        prop_assert_eq!(parsed.config.to_query(), query);
    }

    #[test]
    fn valid_configs_round_trip_through_json_exactly(config in valid_config()) {
        let json = serde_json::to_string(&config).unwrap();
        prop_assert_eq!(Config::from_json(&json), Ok(config));
    }

    #[test]
    fn unknown_keys_are_reported_by_name(name in "[a-z]{3,10}", config in valid_config()) {
        prop_assume!(spec_by_name(&name).is_none());
        let query = format!("{}&{name}=1", config.to_query());
        let parsed = Config::from_query(&query);
        prop_assert_eq!(&parsed.config, &config);
        prop_assert_eq!(parsed.notices.len(), 1);
        prop_assert_eq!(&parsed.notices[0].key, &name);
        let strict = Config::from_query_strict(&query).unwrap_err();
        prop_assert_eq!(&strict[0].key, &name);
    }

    #[test]
    fn pasted_text_is_kept_whenever_it_can_train_at_all(
        text in any_text(),
        seq_len in int_in(Field::SeqLen),
        train in int_in(Field::TrainSize),
        val in int_in(Field::ValSize),
    ) {
        prop_assume!(!text.is_empty());
        let mut config = Config::preset(TaskKind::Text);
        config.text = text.clone();
        config.seq_len = seq_len as usize;
        config.train_size = train as usize;
        config.val_size = val as usize;
        let query = config.to_query();
        let parsed = Config::from_query(&query);
        prop_assert_eq!(parsed.config.validate(), Ok(()));
        let usable = text.chars().count() >= 8 && check_pasted_text(&text, 2, 2, 2).is_ok();
        prop_assert_eq!(parsed.config.text == text, usable, "{:?}", parsed.notices);
    }

    #[test]
    fn out_of_range_numbers_are_clamped_to_the_nearest_end(excess in 1u64..1_000_000_000) {
        let max = *int_range(Field::Hidden).end();
        let parsed = Config::from_query(&format!("hidden={}", max + excess));
        prop_assert_eq!(parsed.config.hidden as u64, max);
        let expected = format!("hidden: {} is above the maximum {max}; using {max}", max + excess);
        prop_assert_eq!(parsed.notices[0].to_string(), expected);
    }
}

#[test]
fn notices_say_what_replaced_what() {
    let parsed = Config::from_query("?hidden=9999&cell=transformer&lr=&bogus=1&hidden=3&lr=0.5");
    let shown: Vec<String> = parsed.notices.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "hidden: 9999 is above the maximum 512; using 512",
            "cell: 'transformer' is not one of rnn, relu, lstm, gru; using the preset lstm",
            "lr: no value given; using the preset 0.01",
            "bogus: unknown parameter; ignored",
            "hidden: given more than once; using the first value",
            "lr: given more than once; using the first value",
        ]
    );
    assert_eq!(parsed.config.hidden, 512);
    assert_eq!(parsed.config.lr, 0.01);
}

#[test]
fn missing_keys_take_the_chosen_tasks_preset() {
    let adding = Config::from_query("task=adding&hidden=16");
    assert!(adding.notices.is_empty());
    let mut expected = Config::preset(TaskKind::Adding);
    expected.hidden = 16;
    assert_eq!(adding.config, expected);
    // The task decides the preset wherever it appears in the query.
    assert_eq!(Config::from_query("hidden=16&task=adding").config, expected);
    assert_eq!(Config::from_query("").config, Config::default());
}

#[test]
fn batch_larger_than_the_training_set_is_named() {
    let errors = Config::from_query_strict("train=8&batch=32").unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].key, "batch");
    let lenient = Config::from_query("train=8&batch=32");
    assert_eq!(lenient.config.batch, 8);
    assert_eq!(lenient.notices[0].key, "batch");
}

#[test]
fn pasted_text_is_percent_decoded_limited_and_checked_against_the_sizes() {
    let query = "task=text&len=4&train=4&val=2&batch=2&text=%3Cscript%3Ealert(1)%3C%2Fscript%3E+caf%C3%A9+%F0%9F%98%80";
    let config = Config::from_query_strict(query).unwrap();
    assert_eq!(config.text, "<script>alert(1)</script> café 😀");
    assert_eq!(Config::from_query_strict(&config.to_query()), Ok(config));

    // Invalid UTF-8 is replaced and reported, never a panic.
    let parsed = Config::from_query("task=text&text=ab%FFcdefghijklmnopqrstuvwxyz0123456789abcdefghij&len=4&train=4&val=2&batch=2");
    assert!(parsed.config.text.contains('\u{FFFD}'));
    assert_eq!(parsed.notices[0].key, "text");
    assert!(Config::from_query_strict("text=%FF").is_err());

    // Too long: truncated leniently, refused strictly.
    let long = format!("text={}", "ab".repeat(MAX_TEXT_CHARS));
    let parsed = Config::from_query(&long);
    assert_eq!(parsed.config.text.chars().count(), MAX_TEXT_CHARS);
    assert!(parsed.notices[0]
        .message
        .contains("more than the maximum 20000"));
    assert_eq!(Config::from_query_strict(&long).unwrap_err()[0].key, "text");

    // Too short for the text task's sizes: strict names `text`, lenient shrinks the sizes.
    let short = "task=text&text=The+quick+brown+fox+jumps+over+the+lazy+dog.";
    let errors = Config::from_query_strict(short).unwrap_err();
    assert_eq!(errors[0].key, "text");
    assert!(
        errors[0].message.contains("44 characters"),
        "{}",
        errors[0].message
    );
    let repaired = Config::from_query(short);
    assert_eq!(
        repaired.config.text,
        "The quick brown fox jumps over the lazy dog."
    );
    assert!(
        repaired.config.train_size + repaired.config.val_size + 2 * repaired.config.seq_len <= 44
    );
    assert_eq!(repaired.config.validate(), Ok(()));
}
