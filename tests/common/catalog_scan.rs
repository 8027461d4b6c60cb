//! What the catalog scans (tests/catalog_use.rs for the page, tests/catalog_use_rust.rs for
//! the core) share: which literal reads as prose, and the listed exceptions.

use std::fs;
use std::path::Path;

pub fn relative(path: &Path) -> String {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Three words or more of letters, as a sentence or a label would have, in a literal's
/// text: markup's tags are left out, and a stylesheet is no prose.
pub fn reads_as_prose(text: &str) -> bool {
    let code = text.replace("${", "");
    if code.contains('{') && code.contains(';') && code.contains(':') {
        return false; // CSS
    }
    let mut shown = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                shown.push(' ');
            }
            _ if !in_tag => shown.push(c),
            _ => {}
        }
    }
    let without_blanks: String = shown
        .split("${")
        .map(|part| part.split_once('}').map_or(part, |(_, after)| after))
        .collect::<Vec<_>>()
        .join(" ");
    let words = without_blanks
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_ascii_alphabetic()).count() >= 2)
        .filter(|w| {
            w.chars()
                .all(|c| c.is_ascii_alphabetic() || ",.;:!?'()".contains(c))
        })
        .count();
    words >= 3
}

/// The strings `i18n/not-in-catalog.txt` lists (one a line, `text # why`): words shown
/// when the wasm that carries the catalogs could not load, and developer-only messages.
pub fn not_in_catalog() -> Vec<String> {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("i18n/not-in-catalog.txt");
    fs::read_to_string(file)
        .expect("i18n/not-in-catalog.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split(" # ").next().unwrap_or(l).trim().to_string())
        .collect()
}
