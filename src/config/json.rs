//! Reading a config from JSON, e.g. one the page saved or a blog embed sends.

use crate::i18n::{json_error, Message};
use serde_json::Value as Json;

use super::error::FieldError;
use super::query::{assemble, finish_strict, Entry, Mode};
use super::spec::ParamKind;
use super::table::spec_by_name;
use super::value::Value;
use super::{Config, PARAMETERS};

/// Strict: a JSON object whose keys are field names or URL keys; missing keys take the
/// preset of the given task. Syntax errors are reported under the key `json`.
pub(crate) fn parse(json: &str) -> Result<Config, Vec<FieldError>> {
    let object = match serde_json::from_str::<Json>(json) {
        Ok(Json::Object(object)) => object,
        Ok(other) => {
            return Err(vec![FieldError::said(
                "json",
                &Message::plain("json.expected_object").with_part("found", kind(&other)),
            )])
        }
        Err(error) => return Err(vec![FieldError::said("json", &json_error(&error))]),
    };
    let entries = object
        .into_iter()
        .map(|(key, value)| {
            let raw = match spec_by_name(&key).map(|spec| spec.kind) {
                // Unknown keys are reported by `assemble`; their value does not matter.
                None => Ok(String::new()),
                Some(ParamKind::Int { .. } | ParamKind::Float { .. }) => match value {
                    Json::Number(number) => Ok(number.to_string()),
                    other => {
                        Err(Message::plain("json.expected_number").with_part("found", kind(&other)))
                    }
                },
                Some(ParamKind::Choice { .. } | ParamKind::Text { .. }) => match value {
                    Json::String(text) => Ok(text),
                    other => {
                        Err(Message::plain("json.expected_string").with_part("found", kind(&other)))
                    }
                },
            };
            Entry {
                key,
                raw,
                warning: None,
            }
        })
        .collect();
    finish_strict(assemble(entries, Mode::Strict))
}

impl Config {
    /// The config as `{key: value}` with the URL keys, in table order (what the page's
    /// controls are filled from).
    pub fn to_key_values(&self) -> serde_json::Map<String, Json> {
        PARAMETERS
            .iter()
            .map(|spec| {
                let value = match self.get(spec.field) {
                    Value::Int(v) => Json::from(v),
                    // Via the shortest decimal form, so 0.01f32 reaches JS as 0.01, not 0.009999999776.
                    Value::Float(v) => Json::from(v.to_string().parse::<f64>().unwrap_or(0.0)),
                    Value::Choice(v) => Json::from(v),
                    Value::Text(v) => Json::from(v),
                };
                (spec.key.to_string(), value)
            })
            .collect()
    }
}

/// What kind of JSON value `value` is, for a message ("found an array").
fn kind(value: &Json) -> Message {
    Message::plain(match value {
        Json::Null => "json.kind.null",
        Json::Bool(_) => "json.kind.boolean",
        Json::Number(_) => "json.kind.number",
        Json::String(_) => "json.kind.string",
        Json::Array(_) => "json.kind.array",
        Json::Object(_) => "json.kind.object",
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::TaskKind;

    #[test]
    fn serialised_configs_read_back_and_missing_keys_take_the_task_preset() {
        for task in TaskKind::ALL {
            let config = Config::preset(task);
            let json = serde_json::to_string(&config).unwrap();
            assert_eq!(parse(&json), Ok(config));
        }
        let adding = parse(r#"{"task": "adding", "hidden": 7}"#).unwrap();
        assert_eq!(adding.seq_len, Config::preset(TaskKind::Adding).seq_len);
        assert_eq!(adding.hidden, 7);
    }

    #[test]
    fn wrong_types_and_ranges_are_named_by_key() {
        let errors =
            parse(r#"{"hidden": "big", "seq_len": 0, "lr": true, "bogus": 1}"#).unwrap_err();
        let keys: Vec<&str> = errors.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys.len(), 4, "{errors:?}");
        for key in ["hidden", "len", "lr", "bogus"] {
            assert!(keys.contains(&key), "{key} missing from {errors:?}");
        }
        assert_eq!(parse("[1,2]").unwrap_err()[0].key, "json");
        assert_eq!(parse("{").unwrap_err()[0].key, "json");
    }
}
