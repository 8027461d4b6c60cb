//! PyTorch state_dict as JSON: `{"rnn.weight_ih_l0": [[...], ...], ..., "head.bias": [...]}`,
//! led by `"embed.weight"` when the model has an embedding.
//!
//! Tensors are nested arrays in row-major order, the same as `tensor.tolist()`, so in
//! Python `{k: torch.tensor(v) for k, v in json.load(f).items()}` is a state_dict that
//! `load_state_dict` accepts.

use serde_json::Value;
use std::fmt::Write;

use super::network::Network;
use super::param::ParamView;
use super::NnError;
use crate::i18n::{json_error, Message};

impl Network {
    /// All parameters as PyTorch state_dict JSON: `{"rnn.weight_ih_l0": [[...], ...], ...}`.
    pub fn state_dict_json(&self) -> String {
        to_json(&self.parameters())
    }

    /// Replace every parameter from state_dict JSON (names and shapes as PyTorch's). On any
    /// error nothing is changed.
    pub fn load_state_dict_json(&mut self, json: &str) -> Result<(), NnError> {
        let expected: Vec<(String, Vec<usize>)> = self
            .parameters()
            .into_iter()
            .map(|p| (p.name, p.shape))
            .collect();
        let values = from_json(json, &expected)?;
        for (param, value) in self.parameters_mut().into_iter().zip(values) {
            param.value.copy_from_slice(&value);
        }
        Ok(())
    }
}

/// One tensor per line, in state_dict order. Values are written in Rust's shortest
/// round-trip form, so reading them back as f32 gives the same bits. A non-finite value
/// (a diverged run) is written as `null`, which is valid JSON and is refused on import.
pub(crate) fn to_json(params: &[ParamView<'_>]) -> String {
    let mut out = String::from("{\n");
    for (k, p) in params.iter().enumerate() {
        let _ = write!(out, "  \"{}\": ", p.name);
        write_nested(&mut out, p.value, &p.shape);
        out.push_str(if k + 1 < params.len() { ",\n" } else { "\n" });
    }
    out.push('}');
    out
}

fn write_nested(out: &mut String, values: &[f32], shape: &[usize]) {
    out.push('[');
    match shape {
        [] | [_] => {
            for (i, v) in values.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                if v.is_finite() {
                    let _ = write!(out, "{v:?}");
                } else {
                    out.push_str("null");
                }
            }
        }
        [_, inner @ ..] => {
            let stride: usize = inner.iter().product();
            for (i, chunk) in values.chunks(stride.max(1)).enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_nested(out, chunk, inner);
            }
        }
    }
    out.push(']');
}

/// Parse a state_dict and return the values of `expected` (name, shape) tensors, in that
/// order, each flattened row-major. Every key must be present with exactly that shape and
/// finite f32 entries, and no other key may appear.
pub(crate) fn from_json(
    json: &str,
    expected: &[(String, Vec<usize>)],
) -> Result<Vec<Vec<f32>>, NnError> {
    let root: Value =
        serde_json::from_str(json).map_err(|e| NnError::InvalidJson(json_error(&e)))?;
    let Value::Object(map) = root else {
        return Err(NnError::InvalidJson(Message::plain("nn.json.not_object")));
    };
    if let Some(key) = map
        .keys()
        .find(|k| !expected.iter().any(|(name, _)| name == *k))
    {
        return Err(NnError::UnexpectedKey(key.clone()));
    }
    expected
        .iter()
        .map(|(name, shape)| {
            let value = map
                .get(name)
                .ok_or_else(|| NnError::MissingKey(name.clone()))?;
            let mut flat = Vec::with_capacity(shape.iter().product());
            let mut index = Vec::with_capacity(shape.len());
            flatten(name, value, value, shape, shape, &mut index, &mut flat)?;
            Ok(flat)
        })
        .collect()
}

/// Walk `value`, which must be nested `shape` deep, pushing its numbers onto `out`.
fn flatten(
    key: &str,
    root: &Value,
    value: &Value,
    full_shape: &[usize],
    shape: &[usize],
    index: &mut Vec<usize>,
    out: &mut Vec<f32>,
) -> Result<(), NnError> {
    let wrong_shape = || NnError::WrongShape {
        key: key.to_string(),
        expected: full_shape.to_vec(),
        found: describe_shape(root, full_shape, index),
    };
    match (shape, value) {
        ([], Value::Number(n)) => {
            let v = n.as_f64().unwrap_or(f64::INFINITY);
            let single = v as f32;
            if !single.is_finite() {
                return Err(NnError::NonFinite {
                    key: key.to_string(),
                    index: index.clone(),
                    value: n.to_string(),
                });
            }
            out.push(single);
            Ok(())
        }
        ([], Value::Array(_)) => Err(wrong_shape()),
        ([], other) => Err(NnError::NotANumber {
            key: key.to_string(),
            index: index.clone(),
            found: describe_non_number(other),
        }),
        ([len, inner @ ..], Value::Array(items)) if items.len() == *len => {
            for (i, item) in items.iter().enumerate() {
                index.push(i);
                flatten(key, root, item, full_shape, inner, index, out)?;
                index.pop();
            }
            Ok(())
        }
        _ => Err(wrong_shape()),
    }
}

/// A readable shape of the tensor `root` (following first elements, like `[3, 4]`), or
/// where it is ragged when its first elements look right but the entry at `index` is not.
fn describe_shape(root: &Value, expected: &[usize], index: &[usize]) -> Message {
    let mut dims = Vec::new();
    let mut v = root;
    while let Value::Array(items) = v {
        dims.push(items.len());
        match items.first() {
            Some(first) => v = first,
            None => break,
        }
    }
    if dims.is_empty() {
        Message::plain("nn.found.not_array").with_part("what", describe_non_number(root))
    } else if dims == expected {
        Message::new("nn.found.ragged", &[("index", format!("{index:?}"))])
    } else {
        Message::new("nn.found.dims", &[("dims", format!("{dims:?}"))])
    }
}

fn describe_non_number(value: &Value) -> Message {
    let with = |key: &'static str, value: String| Message::new(key, &[("value", value)]);
    match value {
        Value::Null => Message::plain("nn.found.null"),
        Value::Bool(b) => with("nn.found.boolean", b.to_string()),
        Value::String(s) => with("nn.found.string", format!("{s:?}")),
        Value::Number(n) => with("nn.found.number", n.to_string()),
        Value::Array(_) => Message::plain("nn.found.array"),
        Value::Object(_) => Message::plain("nn.found.object"),
    }
}
