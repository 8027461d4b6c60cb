//! Reading one raw value (from a URL or JSON) against its table row.

use super::error::quote;
use super::spec::{DefaultValue, ParamKind, ParamSpec};
use super::table::find_option;
use crate::i18n::Message;

/// A parameter value of the kind its row declares.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    Int(u64),
    Float(f32),
    /// The canonical option value from the table.
    Choice(&'static str),
    Text(String),
}

impl Value {
    pub(crate) fn from_default(default: DefaultValue) -> Value {
        match default {
            DefaultValue::Int(v) => Value::Int(v),
            DefaultValue::Float(v) => Value::Float(v),
            DefaultValue::Choice(v) => Value::Choice(v),
            DefaultValue::Text(v) => Value::Text(v.to_string()),
        }
    }

    /// How the value reads in a message ("512", "lstm", "the built-in corpus").
    pub(crate) fn describe(&self) -> Message {
        let as_is = |text: String| Message::new("value.as_is", &[("text", text)]);
        match self {
            Value::Int(v) => as_is(v.to_string()),
            Value::Float(v) => as_is(v.to_string()),
            Value::Choice(v) => as_is(v.to_string()),
            Value::Text(v) if v.is_empty() => Message::plain("value.no_text"),
            Value::Text(v) => Message::new(
                "value.first_chars",
                &[("count", v.chars().count().to_string())],
            ),
        }
    }
}

/// What reading a raw value gave.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Reading {
    /// Readable and allowed.
    Exact(Value),
    /// Readable but outside the allowed range: the nearest allowed value, and why.
    Clamped { value: Value, reason: Message },
    /// Not readable as this kind of value: why.
    Invalid(Message),
}

/// Reads `raw` as the value of `spec`. Never panics, whatever `raw` holds.
pub(crate) fn read(spec: &ParamSpec, raw: &str) -> Reading {
    match spec.kind {
        ParamKind::Int { min, max } => read_int(raw, min, max),
        ParamKind::Float { min, max, .. } => read_float(raw, min, max),
        ParamKind::Choice { options } => match find_option(options, raw) {
            Some(option) => Reading::Exact(Value::Choice(option.value)),
            None if raw.trim().is_empty() => Reading::Invalid(Message::plain("value.missing")),
            None => Reading::Invalid(Message::new(
                "value.not_one_of",
                &[("value", quote(raw)), ("options", option_list(spec))],
            )),
        },
        ParamKind::Text { max_chars } => {
            let chars = raw.chars().count();
            if chars > max_chars {
                Reading::Clamped {
                    value: Value::Text(raw.chars().take(max_chars).collect()),
                    reason: Message::new(
                        "value.text_too_long",
                        &[("chars", chars.to_string()), ("max", max_chars.to_string())],
                    ),
                }
            } else {
                Reading::Exact(Value::Text(raw.to_string()))
            }
        }
    }
}

fn read_int(raw: &str, min: u64, max: u64) -> Reading {
    let text = raw.trim();
    if text.is_empty() {
        return Reading::Invalid(Message::plain("value.missing"));
    }
    if let Ok(v) = text.parse::<u64>() {
        return clamp_int(raw, v as f64, v, min, max);
    }
    // Not plain digits: still accept "1e3", "64.0", "-5" or 30 digits, which read as
    // numbers and are then judged against the range.
    match text.parse::<f64>() {
        Ok(v) if v.is_nan() => Reading::Invalid(not_a("value.not_number", raw)),
        Ok(v) if v.is_finite() && v.fract() != 0.0 => {
            let rounded = v.round();
            match clamp_int(raw, rounded, rounded.max(0.0) as u64, min, max) {
                Reading::Exact(value) => Reading::Clamped {
                    value,
                    reason: not_a("value.not_whole", raw),
                },
                other => other,
            }
        }
        // Integral or infinite: the saturating cast is only used when within range.
        Ok(v) => clamp_int(raw, v, v.max(0.0) as u64, min, max),
        Err(_) => Reading::Invalid(not_a("value.not_whole", raw)),
    }
}

fn clamp_int(raw: &str, as_float: f64, as_int: u64, min: u64, max: u64) -> Reading {
    if as_float < min as f64 {
        Reading::Clamped {
            value: Value::Int(min),
            reason: beyond("value.below_min", raw, min),
        }
    } else if as_float > max as f64 || as_int > max {
        Reading::Clamped {
            value: Value::Int(max),
            reason: beyond("value.above_max", raw, max),
        }
    } else {
        Reading::Exact(Value::Int(as_int))
    }
}

fn read_float(raw: &str, min: f32, max: f32) -> Reading {
    let text = raw.trim();
    if text.is_empty() {
        return Reading::Invalid(Message::plain("value.missing"));
    }
    match text.parse::<f32>() {
        Ok(v) if v.is_nan() => Reading::Invalid(not_a("value.not_number", raw)),
        Ok(v) if v < min => Reading::Clamped {
            value: Value::Float(min),
            reason: beyond("value.below_min", raw, min),
        },
        Ok(v) if v > max => Reading::Clamped {
            value: Value::Float(max),
            reason: beyond("value.above_max", raw, max),
        },
        // `+ 0.0` turns -0 into 0 so the canonical URL never shows "-0".
        Ok(v) => Reading::Exact(Value::Float(v + 0.0)),
        Err(_) => Reading::Invalid(not_a("value.not_number", raw)),
    }
}

/// `key` ("... is not a number") about the quoted raw value.
fn not_a(key: &'static str, raw: &str) -> Message {
    Message::new(key, &[("value", quote(raw))])
}

/// `key` ("... is above the maximum ...") about a raw number and the limit it passed.
fn beyond(key: &'static str, raw: &str, limit: impl ToString) -> Message {
    Message::new(key, &[("value", short(raw)), ("limit", limit.to_string())])
}

/// A raw number for a message, without quotes but cut if absurdly long.
fn short(raw: &str) -> String {
    let quoted = quote(raw.trim());
    quoted[1..quoted.len() - 1].to_string()
}

/// Why a stored value is outside its row's range, if it is.
pub(crate) fn range_problem(spec: &ParamSpec, value: &Value) -> Option<Message> {
    let limit = |key: &'static str, v: String, limit: String| {
        Some(Message::new(key, &[("value", v), ("limit", limit)]))
    };
    match (spec.kind, value) {
        (ParamKind::Int { min, max }, Value::Int(v)) => {
            if *v < min {
                limit("value.below_min", v.to_string(), min.to_string())
            } else if *v > max {
                limit("value.above_max", v.to_string(), max.to_string())
            } else {
                None
            }
        }
        (ParamKind::Float { min, max, .. }, Value::Float(v)) => {
            if !v.is_finite() {
                Some(Message::new(
                    "value.not_finite",
                    &[("value", v.to_string())],
                ))
            } else if *v < min {
                limit("value.below_min", v.to_string(), min.to_string())
            } else if *v > max {
                limit("value.above_max", v.to_string(), max.to_string())
            } else {
                None
            }
        }
        (ParamKind::Choice { options }, Value::Choice(v)) => {
            if options.iter().any(|option| option.value == *v) {
                None
            } else {
                Some(Message::new(
                    "value.not_one_of",
                    &[("value", quote(v)), ("options", option_list(spec))],
                ))
            }
        }
        (ParamKind::Text { max_chars }, Value::Text(v)) => {
            let chars = v.chars().count();
            (chars > max_chars).then(|| {
                Message::new(
                    "value.text_too_long",
                    &[("chars", chars.to_string()), ("max", max_chars.to_string())],
                )
            })
        }
        _ => Some(Message::plain("value.wrong_kind")),
    }
}

/// `problem` followed by the allowed values of a row (strict readers' errors).
pub(crate) fn with_allowed(problem: Message, spec: &ParamSpec) -> Message {
    let range = |key: &'static str, min: String, max: String| {
        Message::new(key, &[("min", min), ("max", max)])
    };
    let allowed = match spec.kind {
        ParamKind::Int { min, max } => {
            range("value.allowed_whole", min.to_string(), max.to_string())
        }
        ParamKind::Float { min, max, .. } => {
            range("value.allowed_numbers", min.to_string(), max.to_string())
        }
        ParamKind::Choice { .. } => Message::new("value.as_is", &[("text", option_list(spec))]),
        ParamKind::Text { max_chars } => {
            Message::new("value.allowed_chars", &[("max", max_chars.to_string())])
        }
    };
    Message::plain("value.with_allowed")
        .with_part("problem", problem)
        .with_part("allowed", allowed)
}

fn option_list(spec: &ParamSpec) -> String {
    match spec.kind {
        ParamKind::Choice { options } => options
            .iter()
            .map(|o| o.value)
            .collect::<Vec<_>>()
            .join(", "),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{spec, Field};
    use super::*;

    #[test]
    fn integers_read_clamped_or_rejected_with_reasons() {
        let hidden = spec(Field::Hidden);
        assert_eq!(read(hidden, "64"), Reading::Exact(Value::Int(64)));
        assert_eq!(read(hidden, " 1e2 "), Reading::Exact(Value::Int(100)));
        let Reading::Clamped { value, reason } = read(hidden, "9999") else {
            panic!("9999 units is clamped");
        };
        assert_eq!(value, Value::Int(512));
        assert_eq!(reason.english(), "9999 is above the maximum 512");
        // Readable but out of range or fractional: clamped or rounded, with a reason.
        for (raw, kept) in [
            ("99999999999999999999999999", 512),
            ("-3", 1),
            ("inf", 512),
            ("2.6", 3),
        ] {
            assert!(
                matches!(read(hidden, raw), Reading::Clamped { value: Value::Int(v), .. } if v == kept),
                "{raw}"
            );
        }
        assert!(matches!(read(hidden, "NaN"), Reading::Invalid(_)));
        assert!(matches!(read(hidden, "abc"), Reading::Invalid(_)));
        assert!(matches!(read(hidden, ""), Reading::Invalid(_)));
    }

    #[test]
    fn floats_reject_nan_and_clamp_infinities() {
        let lr = spec(Field::Lr);
        assert_eq!(read(lr, "0.001"), Reading::Exact(Value::Float(0.001)));
        assert!(
            matches!(read(lr, "1e99"), Reading::Clamped { value: Value::Float(v), .. } if v == 10.0)
        );
        assert!(
            matches!(read(lr, "-inf"), Reading::Clamped { value: Value::Float(v), .. } if v == 1e-4)
        );
        assert!(matches!(read(lr, "nan"), Reading::Invalid(_)));
        let dropout = spec(Field::Dropout);
        assert!(
            matches!(read(dropout, "-0"), Reading::Exact(Value::Float(v)) if v.to_string() == "0")
        );
    }

    #[test]
    fn choices_accept_aliases_in_any_case() {
        let cell = spec(Field::Cell);
        assert_eq!(read(cell, "LSTM"), Reading::Exact(Value::Choice("lstm")));
        assert_eq!(read(cell, "rnn_tanh"), Reading::Exact(Value::Choice("rnn")));
        assert!(
            matches!(read(cell, "transformer"), Reading::Invalid(m) if m.english().contains("rnn, relu, lstm, gru"))
        );
    }
}
