//! No message of the Rust core bypasses the catalogs: the errors and notices a reader sees
//! (config validation, lab lists, own-series files, refused weights, network errors) are
//! catalog keys with named blanks (`rnn_playground::i18n::Message`), rendered in the
//! reader's language at the edge. This scan fails when a string literal of those modules
//! reads as English prose (three words or more), outside their `#[cfg(test)]` parts and the
//! few strings `i18n/not-in-catalog.txt` lists with their reason.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

#[path = "common/catalog_scan.rs"]
mod catalog_scan;
use catalog_scan::{not_in_catalog, reads_as_prose, relative};

/// The modules whose words reach a reader: every `.rs` file under them but tests.
const MESSAGE_MODULES: [&str; 6] = ["config", "data", "nn", "sweep", "trainer", "web"];

/// Files of those modules whose words no reader of the page sees, each with the reason.
const DEVELOPER_FILES: [(&str, &str); 4] = [
    (
        "config/page_keys.rs",
        "the page keys' help: the README's reference, for developers",
    ),
    (
        "config/table.rs",
        "the README's parameter table, for developers",
    ),
    (
        "sweep/error.rs",
        "the native sweep runner's errors (examples and tests), never on the page",
    ),
    (
        "web/canvas_size.rs",
        "a script calling the chart bindings wrongly: a bug, for its developer",
    ),
];

/// Calls whose string is for a developer, not a reader: a panic's or assertion's text, a
/// `JsError` (a page script called a binding wrongly: what a reader is told goes through
/// `said_error` with its words in every language), a serde error about the page's own data.
const DEVELOPER_CALLS: [&str; 7] = [
    "expect(",
    "assert!(",
    "panic!(",
    "unreachable!(",
    "JsError::new(",
    "JsError::new(&format!(",
    "custom(format!(",
];

fn message_sources() -> Vec<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let mut folders: Vec<PathBuf> = MESSAGE_MODULES.iter().map(|m| src.join(m)).collect();
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).expect("readable source folder") {
            let path = entry.expect("directory entry").path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if path.is_dir() {
                folders.push(path);
            } else if name.ends_with(".rs")
                && name != "tests.rs"
                && !name.ends_with("_tests.rs")
                && !DEVELOPER_FILES.iter().any(|(f, _)| path.ends_with(f))
            {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The string literals of Rust source before its `#[cfg(test)]` part, outside comments:
/// `"..."` with escapes and raw `r#"..."#`. Char literals and lifetimes are stepped over.
fn rust_literals(source: &str) -> Vec<String> {
    let code = source.split("#[cfg(test)]").next().unwrap_or(source);
    let chars: Vec<char> = code.chars().collect();
    let mut literals = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '\'' => {
                // 'x' or '\n' is a char; anything else ('static) a lifetime.
                i += match (chars.get(i + 1), chars.get(i + 2)) {
                    (Some('\\'), _) => chars[i + 2..]
                        .iter()
                        .position(|&c| c == '\'')
                        .map_or(1, |p| p + 3),
                    (Some(_), Some('\'')) => 3,
                    _ => 1,
                };
                continue;
            }
            'r' if matches!(chars.get(i + 1), Some('"' | '#'))
                && (i == 0 || !chars[i - 1].is_alphanumeric()) =>
            {
                let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
                let open = i + 1 + hashes;
                if chars.get(open) == Some(&'"') {
                    let close: String = std::iter::once('"')
                        .chain("#".repeat(hashes).chars())
                        .collect();
                    let rest: String = chars[open + 1..].iter().collect();
                    let end = rest.find(&close).unwrap_or(rest.len());
                    literals.push(rest[..end].to_string());
                    i = open + 1 + rest[..end].chars().count() + close.len();
                    continue;
                }
            }
            '"' => {
                let before: String = chars[i.saturating_sub(40)..i].iter().collect();
                let for_developer = DEVELOPER_CALLS
                    .iter()
                    .any(|call| before.trim_end().ends_with(call))
                    || DEVELOPER_CALLS
                        .iter()
                        .any(|call| before.trim_end().ends_with(&format!("{call}false,")));
                // Doc attributes (`#[doc = concat!(...)]` in macros) are documentation.
                let line_start = chars[..i]
                    .iter()
                    .rposition(|&c| c == '\n')
                    .map_or(0, |p| p + 1);
                let in_doc_attribute = chars[line_start..i]
                    .iter()
                    .collect::<String>()
                    .trim_start()
                    .starts_with("#[doc");
                let mut literal = String::new();
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        i += 1;
                    }
                    if let Some(&c) = chars.get(i) {
                        literal.push(c);
                    }
                    i += 1;
                }
                if !for_developer && !in_doc_attribute {
                    literals.push(literal);
                }
            }
            _ => {}
        }
        i += 1;
    }
    literals
}

/// A format string with its `{...}` blanks as spaces: "{n} values are too many" keeps its words.
fn without_format_blanks(literal: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in literal.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth > 0 => {
                depth -= 1;
                out.push(' ');
            }
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn the_rust_scan_sees_strings_and_skips_comments_chars_and_tests() {
    assert!(reads_as_prose(&without_format_blanks(
        "unreadable chart labels: {e}"
    )));
    let source = "fn f<'a>(x: &'a str) { let q = '\"'; g(\"one two three\", r#\"four \"five\" six\"#) }\n\
                  x.expect(\"a developer's own words\"); debug_assert!(false, \"nor these words here\");\n\
                  // \"a comment with words\"\n\
                  #[doc = concat!(\"The `\", $field, \"` field of a message.\")]\n\
                  #[cfg(test)] mod tests { \"a test's own words\" }";
    assert_eq!(
        rust_literals(source),
        ["one two three", "four \"five\" six"]
    );
}

#[test]
fn no_core_message_is_english_prose_outside_the_catalog() {
    let allowed = not_in_catalog();
    let sources = message_sources();
    assert!(
        sources.iter().any(|f| f.ends_with("src/sweep/lists.rs")),
        "the scan sees the message modules: {sources:?}"
    );
    let mut found = Vec::new();
    for file in &sources {
        let source = fs::read_to_string(file).expect("readable source");
        for literal in rust_literals(&source) {
            let prose = reads_as_prose(&without_format_blanks(&literal));
            if prose && !allowed.iter().any(|a| literal.contains(a.as_str())) {
                found.push(format!("{}: \"{literal}\"", relative(file)));
            }
        }
    }
    assert!(
        found.is_empty(),
        "English prose in the core instead of a catalog key:\n{}",
        found.join("\n")
    );
}
