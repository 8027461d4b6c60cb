//! The URL query codec, and the reader shared with JSON that turns key/value entries
//! into a config through the table.

use super::error::FieldError;
use super::repair;
use super::table::{spec, spec_by_name};
use super::value::{self, Reading, Value};
use super::{Config, QueryParse, TaskKind};
use super::{Field, PARAMETERS};
use crate::i18n::{fill, Catalog, Message};

/// One key with its raw value, before the table has judged it.
pub(crate) struct Entry {
    pub key: String,
    /// The raw text, or why there is none (a JSON value of the wrong type).
    pub raw: Result<String, Message>,
    /// A problem met while decoding that did not stop the read (invalid UTF-8).
    pub warning: Option<Message>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Fix what can be fixed and report it.
    Lenient,
    /// Report everything, fix nothing.
    Strict,
}

/// Most parts (`key=value` segments) of an address that are read. The table has a few
/// dozen keys: an address with thousands of parts is broken or hostile, and reading a
/// megabyte of them would hold the page's main thread for a tenth of a second.
pub const MAX_QUERY_PARTS: usize = 1000;

/// The first [`MAX_QUERY_PARTS`] non-empty segments of `query` (without a leading `?`),
/// and a notice when more were left unread.
pub fn query_parts(query: &str) -> (Vec<&str>, Option<FieldError>) {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut segments = query.split('&').filter(|segment| !segment.is_empty());
    let parts: Vec<&str> = segments.by_ref().take(MAX_QUERY_PARTS).collect();
    let unread = segments.count();
    let notice = (unread > 0).then(|| {
        FieldError::said(
            "address",
            &Message::new(
                "notice.too_many_parts",
                &[
                    ("count", (MAX_QUERY_PARTS + unread).to_string()),
                    ("max", MAX_QUERY_PARTS.to_string()),
                    ("unread", unread.to_string()),
                ],
            ),
        )
    });
    (parts, notice)
}

pub(crate) fn parse_lenient(query: &str) -> QueryParse {
    let (parts, too_long) = query_parts(query);
    let (config, mut notices) = assemble(split_query(&parts), Mode::Lenient);
    notices.extend(too_long);
    QueryParse { config, notices }
}

pub(crate) fn parse_strict(query: &str) -> Result<Config, Vec<FieldError>> {
    let (parts, too_long) = query_parts(query);
    let (config, mut errors) = assemble(split_query(&parts), Mode::Strict);
    errors.extend(too_long);
    finish_strict((config, errors))
}

pub(crate) fn finish_strict(
    (config, errors): (Config, Vec<FieldError>),
) -> Result<Config, Vec<FieldError>> {
    if !errors.is_empty() {
        return Err(errors);
    }
    config.validate().map(|()| config)
}

/// `template` ("{reason}; using {value}") with the reason and the value used in `words`'s
/// language.
fn replaced(template: &str, reason: &Message, used: &Message, words: &'static Catalog) -> String {
    let (reason, used) = (reason.render(words), used.render(words));
    fill(
        words.text(template),
        &[("reason", &reason), ("value", &used)],
    )
}

/// Decodes the segments of `?a=1&b=2` (see [`query_parts`]) into entries.
fn split_query(parts: &[&str]) -> Vec<Entry> {
    parts
        .iter()
        .map(|segment| {
            let (raw_key, raw_value) = segment.split_once('=').unwrap_or((segment, ""));
            let (key, _) = percent_decode(raw_key);
            let (value, lossy) = percent_decode(raw_value);
            Entry {
                key,
                raw: Ok(value),
                warning: lossy.then(|| Message::plain("notice.not_utf8")),
            }
        })
        .collect()
}

/// Builds a config from entries: the task's preset first, then each known key once.
pub(crate) fn assemble(entries: Vec<Entry>, mode: Mode) -> (Config, Vec<FieldError>) {
    let task = entries
        .iter()
        .find(|entry| spec_by_name(&entry.key).is_some_and(|s| s.field == Field::Task))
        .and_then(|entry| entry.raw.as_ref().ok())
        .and_then(|raw| match value::read(spec(Field::Task), raw) {
            Reading::Exact(Value::Choice(key)) => {
                TaskKind::ALL.into_iter().find(|t| t.key() == key)
            }
            _ => None,
        })
        .unwrap_or(TaskKind::Forecast);
    let mut config = Config::preset(task);
    let mut notices = Vec::new();
    let mut seen: Vec<Field> = Vec::new();

    for entry in entries {
        let Some(spec) = spec_by_name(&entry.key) else {
            let message = match mode {
                Mode::Lenient => Message::plain("notice.unknown_parameter"),
                Mode::Strict => Message::plain("notice.unknown_parameter_strict"),
            };
            notices.push(FieldError::said(display_key(&entry.key), &message));
            continue;
        };
        if seen.contains(&spec.field) {
            let message = match mode {
                Mode::Lenient => Message::plain("notice.repeated"),
                Mode::Strict => Message::plain("notice.repeated_strict"),
            };
            notices.push(FieldError::said(spec.key, &message));
            continue;
        }
        seen.push(spec.field);
        if let Some(warning) = entry.warning {
            notices.push(FieldError::said(spec.key, &warning));
        }
        let reading = match entry.raw {
            Ok(raw) => value::read(spec, &raw),
            Err(reason) => Reading::Invalid(reason),
        };
        match (reading, mode) {
            (Reading::Exact(value), _) => config.set(spec.field, value),
            (Reading::Clamped { value, reason }, Mode::Lenient) => {
                let using = value.describe();
                notices.push(FieldError::in_words(spec.key, |words| {
                    replaced("notice.using", &reason, &using, words)
                }));
                config.set(spec.field, value);
            }
            (Reading::Invalid(reason), Mode::Lenient) => {
                let preset = config.get(spec.field).describe();
                notices.push(FieldError::in_words(spec.key, |words| {
                    replaced("notice.using_preset", &reason, &preset, words)
                }));
            }
            (Reading::Clamped { reason, .. } | Reading::Invalid(reason), Mode::Strict) => {
                notices.push(FieldError::said(
                    spec.key,
                    &value::with_allowed(reason, spec),
                ));
            }
        }
    }

    if mode == Mode::Lenient {
        repair::repair(&mut config, &mut notices);
        if let Err(errors) = config.validate() {
            // Unreachable if the repairs are complete; a safe state beats a bad config.
            notices.extend(errors);
            notices.push(FieldError::said(
                "task",
                &Message::new("notice.unrepaired", &[("task", task.key().to_string())]),
            ));
            config = Config::preset(task);
        }
    }
    (config, notices)
}

/// An unknown key as shown in a message: cut to a readable length.
fn display_key(key: &str) -> String {
    let mut shown: String = key.chars().take(40).collect();
    if key.chars().nth(40).is_some() {
        shown.push('…');
    }
    shown
}

pub(crate) fn encode(config: &Config) -> String {
    let mut parts = Vec::with_capacity(PARAMETERS.len());
    for spec in PARAMETERS {
        let shown = match config.get(spec.field) {
            Value::Int(v) => v.to_string(),
            // Display of f32 is the shortest string that parses back to the same f32.
            Value::Float(v) => (v + 0.0).to_string(),
            Value::Choice(v) => v.to_string(),
            Value::Text(v) if v.is_empty() => continue,
            Value::Text(v) => percent_encode(&v),
        };
        parts.push(format!("{}={}", spec.key, shown));
    }
    parts.join("&")
}

/// Percent-encodes every byte outside RFC 3986's unreserved set.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes and `+` (as a space). A `%` not followed by two hex digits is
/// kept as it is. Returns the text and whether invalid UTF-8 had to be replaced.
pub fn percent_decode(text: &str) -> (String, bool) {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' => match (hex(bytes.get(i + 1)), hex(bytes.get(i + 2))) {
                (Some(high), Some(low)) => {
                    out.push(high * 16 + low);
                    i += 3;
                }
                _ => {
                    out.push(b'%');
                    i += 1;
                }
            },
            byte => {
                out.push(byte);
                i += 1;
            }
        }
    }
    match String::from_utf8(out) {
        Ok(decoded) => (decoded, false),
        Err(error) => (String::from_utf8_lossy(error.as_bytes()).into_owned(), true),
    }
}

fn hex(byte: Option<&u8>) -> Option<u8> {
    match byte? {
        b @ b'0'..=b'9' => Some(b - b'0'),
        b @ b'a'..=b'f' => Some(b - b'a' + 10),
        b @ b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_codec_round_trips_and_tolerates_bad_escapes() {
        let text = "a b+c&d=e%f\n<script>é😀";
        assert_eq!(
            percent_decode(&percent_encode(text)),
            (text.to_string(), false)
        );
        assert_eq!(percent_decode("a+b%20c"), ("a b c".to_string(), false));
        assert_eq!(percent_decode("100%"), ("100%".to_string(), false));
        assert_eq!(percent_decode("%zz%4"), ("%zz%4".to_string(), false));
        assert_eq!(percent_decode("%FF%41"), ("\u{FFFD}A".to_string(), true));
    }

    #[test]
    fn an_address_with_too_many_parts_is_read_up_to_the_limit_with_a_notice() {
        let query = format!("hidden=12&{}", "zz=1&".repeat(MAX_QUERY_PARTS + 5));
        let parsed = parse_lenient(&query);
        assert_eq!(parsed.config.hidden, 12, "the first parts are read");
        let last = parsed
            .notices
            .last()
            .expect("a notice about the unread parts");
        assert_eq!(last.key, "address");
        assert!(
            last.message.contains("the other 6 ignored"),
            "{}",
            last.message
        );
        assert!(parse_lenient("hidden=12&&lr=0.01&").notices.is_empty());
    }
}
