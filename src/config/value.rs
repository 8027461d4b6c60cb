//! Reading one raw value (from a URL or JSON) against its table row.

use super::error::quote;
use super::spec::{DefaultValue, ParamKind, ParamSpec};
use super::table::find_option;

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
    pub(crate) fn describe(&self) -> String {
        match self {
            Value::Int(v) => v.to_string(),
            Value::Float(v) => v.to_string(),
            Value::Choice(v) => v.to_string(),
            Value::Text(v) if v.is_empty() => "no text (the built-in corpus)".to_string(),
            Value::Text(v) => format!("the first {} characters", v.chars().count()),
        }
    }
}

/// What reading a raw value gave.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Reading {
    /// Readable and allowed.
    Exact(Value),
    /// Readable but outside the allowed range: the nearest allowed value, and why.
    Clamped { value: Value, reason: String },
    /// Not readable as this kind of value: why.
    Invalid(String),
}

/// Reads `raw` as the value of `spec`. Never panics, whatever `raw` holds.
pub(crate) fn read(spec: &ParamSpec, raw: &str) -> Reading {
    match spec.kind {
        ParamKind::Int { min, max } => read_int(raw, min, max),
        ParamKind::Float { min, max, .. } => read_float(raw, min, max),
        ParamKind::Choice { options } => match find_option(options, raw) {
            Some(option) => Reading::Exact(Value::Choice(option.value)),
            None if raw.trim().is_empty() => Reading::Invalid("no value given".to_string()),
            None => Reading::Invalid(format!(
                "{} is not one of {}",
                quote(raw),
                option_list(spec)
            )),
        },
        ParamKind::Text { max_chars } => {
            let chars = raw.chars().count();
            if chars > max_chars {
                Reading::Clamped {
                    value: Value::Text(raw.chars().take(max_chars).collect()),
                    reason: format!(
                        "the text has {chars} characters, more than the maximum {max_chars}"
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
        return Reading::Invalid("no value given".to_string());
    }
    if let Ok(v) = text.parse::<u64>() {
        return clamp_int(raw, v as f64, v, min, max);
    }
    // Not plain digits: still accept "1e3", "64.0", "-5" or 30 digits, which read as
    // numbers and are then judged against the range.
    match text.parse::<f64>() {
        Ok(v) if v.is_nan() => Reading::Invalid(format!("{} is not a number", quote(raw))),
        Ok(v) if v.is_finite() && v.fract() != 0.0 => {
            let rounded = v.round();
            match clamp_int(raw, rounded, rounded.max(0.0) as u64, min, max) {
                Reading::Exact(value) => Reading::Clamped {
                    value,
                    reason: format!("{} is not a whole number", quote(raw)),
                },
                other => other,
            }
        }
        // Integral or infinite: the saturating cast is only used when within range.
        Ok(v) => clamp_int(raw, v, v.max(0.0) as u64, min, max),
        Err(_) => Reading::Invalid(format!("{} is not a whole number", quote(raw))),
    }
}

fn clamp_int(raw: &str, as_float: f64, as_int: u64, min: u64, max: u64) -> Reading {
    if as_float < min as f64 {
        Reading::Clamped {
            value: Value::Int(min),
            reason: format!("{} is below the minimum {min}", short(raw)),
        }
    } else if as_float > max as f64 || as_int > max {
        Reading::Clamped {
            value: Value::Int(max),
            reason: format!("{} is above the maximum {max}", short(raw)),
        }
    } else {
        Reading::Exact(Value::Int(as_int))
    }
}

fn read_float(raw: &str, min: f32, max: f32) -> Reading {
    let text = raw.trim();
    if text.is_empty() {
        return Reading::Invalid("no value given".to_string());
    }
    match text.parse::<f32>() {
        Ok(v) if v.is_nan() => Reading::Invalid(format!("{} is not a number", quote(raw))),
        Ok(v) if v < min => Reading::Clamped {
            value: Value::Float(min),
            reason: format!("{} is below the minimum {min}", short(raw)),
        },
        Ok(v) if v > max => Reading::Clamped {
            value: Value::Float(max),
            reason: format!("{} is above the maximum {max}", short(raw)),
        },
        // `+ 0.0` turns -0 into 0 so the canonical URL never shows "-0".
        Ok(v) => Reading::Exact(Value::Float(v + 0.0)),
        Err(_) => Reading::Invalid(format!("{} is not a number", quote(raw))),
    }
}

/// A raw number for a message, without quotes but cut if absurdly long.
fn short(raw: &str) -> String {
    let quoted = quote(raw.trim());
    quoted[1..quoted.len() - 1].to_string()
}

/// Why a stored value is outside its row's range, if it is.
pub(crate) fn range_problem(spec: &ParamSpec, value: &Value) -> Option<String> {
    match (spec.kind, value) {
        (ParamKind::Int { min, max }, Value::Int(v)) => {
            if *v < min {
                Some(format!("{v} is below the minimum {min}"))
            } else if *v > max {
                Some(format!("{v} is above the maximum {max}"))
            } else {
                None
            }
        }
        (ParamKind::Float { min, max, .. }, Value::Float(v)) => {
            if !v.is_finite() {
                Some(format!("{v} is not a finite number"))
            } else if *v < min {
                Some(format!("{v} is below the minimum {min}"))
            } else if *v > max {
                Some(format!("{v} is above the maximum {max}"))
            } else {
                None
            }
        }
        (ParamKind::Choice { options }, Value::Choice(v)) => {
            if options.iter().any(|option| option.value == *v) {
                None
            } else {
                Some(format!("{} is not one of {}", quote(v), option_list(spec)))
            }
        }
        (ParamKind::Text { max_chars }, Value::Text(v)) => {
            let chars = v.chars().count();
            (chars > max_chars).then(|| {
                format!("the text has {chars} characters, more than the maximum {max_chars}")
            })
        }
        _ => Some("has the wrong kind of value".to_string()),
    }
}

/// The allowed values of a row, for error messages.
pub(crate) fn allowed(spec: &ParamSpec) -> String {
    match spec.kind {
        ParamKind::Int { min, max } => format!("whole numbers from {min} to {max}"),
        ParamKind::Float { min, max, .. } => format!("numbers from {min} to {max}"),
        ParamKind::Choice { .. } => option_list(spec),
        ParamKind::Text { max_chars } => format!("at most {max_chars} characters"),
    }
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
        assert_eq!(
            read(hidden, "9999"),
            Reading::Clamped {
                value: Value::Int(512),
                reason: "9999 is above the maximum 512".into()
            }
        );
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
            matches!(read(cell, "transformer"), Reading::Invalid(m) if m.contains("rnn, relu, lstm, gru"))
        );
    }
}
