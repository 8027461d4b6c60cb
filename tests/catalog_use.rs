//! No user-visible string bypasses the message catalogs. Two scans of the page's sources
//! (`www/`, without the articles, whose prose is written per language):
//!
//! 1. no English catalog message (or a phrase of one between its blanks) is written in a
//!    script or page: the words come from the catalog, so they are never written twice;
//! 2. no string literal of a script reads as English prose (three words or more).
//!
//! Both leave out the few strings listed in `i18n/not-in-catalog.txt`, each with its reason
//! (words shown when the wasm that carries the catalogs could not load, developer-only
//! messages).
//!
//! The chart code needs no scan: every word it draws is a `ChartWords` field or a
//! `Message`, both read from the catalog (see `src/chart/words.rs`).
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

use rnn_playground::i18n::{catalogs, english};

#[path = "common/catalog_scan.rs"]
mod catalog_scan;
use catalog_scan::{not_in_catalog, reads_as_prose, relative};

/// The scripts and pages whose words must come from the catalog.
fn page_sources() -> Vec<PathBuf> {
    let www = Path::new(env!("CARGO_MANIFEST_DIR")).join("www");
    let mut files = Vec::new();
    let mut folders = vec![www.clone()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).expect("readable www folder") {
            let path = entry.expect("directory entry").path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if path.is_dir() {
                // pkg: generated glue; ko: the Korean article, prose of its own.
                if name != "pkg" && name != "ko" {
                    folders.push(path);
                }
            } else if (name.ends_with(".js") || name.ends_with(".html"))
                && !name.starts_with("article")
            {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The phrases of English messages that another language words differently: each message
/// cut at its blanks, keeping pieces of two words or more.
fn english_phrases() -> Vec<(&'static str, String)> {
    let others: Vec<_> = catalogs()
        .iter()
        .filter(|c| c.lang != english().lang)
        .collect();
    let mut phrases = Vec::new();
    for key in english().keys() {
        let text = english().text(key);
        if others.iter().all(|c| c.get(key) == Some(text)) {
            continue; // the same in every language: a name such as "LSTM"
        }
        let mut rest = text;
        let mut pieces = Vec::new();
        while let Some(open) = rest.find('{') {
            pieces.push(&rest[..open]);
            rest = rest[open..].split_once('}').map_or("", |(_, after)| after);
        }
        pieces.push(rest);
        for piece in pieces {
            let piece = piece.trim_matches(|c: char| c.is_whitespace() || c == ':' || c == '·');
            if piece.split_whitespace().count() >= 2 && piece.len() >= 8 {
                phrases.push((key, piece.to_string()));
            }
        }
    }
    phrases
}

#[test]
fn no_english_catalog_message_is_written_in_the_page_sources() {
    let phrases = english_phrases();
    assert!(
        phrases.len() > 100,
        "the scan sees the catalog ({} phrases)",
        phrases.len()
    );
    let mut found = Vec::new();
    for file in page_sources() {
        let source = fs::read_to_string(&file).expect("readable source");
        // A script's strings (its comments may quote the words); a page's markup. The
        // listed exceptions are left out (see not_in_catalog).
        let exceptions = not_in_catalog();
        let listed = |text: &str| exceptions.iter().any(|e| text.contains(e.as_str()));
        let text = if file.extension().is_some_and(|e| e == "js") {
            let literals = string_literals(&source).into_iter().filter(|l| !listed(l));
            literals.collect::<Vec<_>>().join("\n")
        } else {
            let markup = without_html_comments(&source);
            exceptions
                .iter()
                .fold(markup, |text, e| text.replace(e.as_str(), ""))
        };
        for (key, phrase) in &phrases {
            if text.contains(phrase.as_str()) {
                found.push(format!(
                    "{}: \"{phrase}\" (catalog key {key})",
                    relative(&file)
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "written in the source instead of read from the catalog:\n{}",
        found.join("\n")
    );
}

fn without_html_comments(source: &str) -> String {
    let mut out = String::new();
    let mut rest = source;
    while let Some(open) = rest.find("<!--") {
        out.push_str(&rest[..open]);
        rest = rest[open..]
            .split_once("-->")
            .map_or("", |(_, after)| after);
    }
    out.push_str(rest);
    out
}

/// Every string literal of a script ("...", '...' and `...`, which may span lines), outside
/// comments. Rough (a regular expression holding a quote would confuse it), but enough for
/// scripts that keep to plain literals.
fn string_literals(source: &str) -> Vec<String> {
    let mut literals = Vec::new();
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for d in chars.by_ref() {
                    if d == '\n' {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                let mut last = ' ';
                for d in chars.by_ref() {
                    if last == '*' && d == '/' {
                        break;
                    }
                    last = d;
                }
            }
            '"' | '\'' | '`' => {
                let mut literal = String::new();
                let mut escaped = false;
                for d in chars.by_ref() {
                    if escaped {
                        escaped = false;
                    } else if d == '\\' {
                        escaped = true;
                    } else if d == c {
                        break;
                    } else if d == '\n' && c != '`' {
                        break; // not a string after all (a regular expression's quote)
                    }
                    literal.push(d);
                }
                literals.push(literal);
            }
            _ => {}
        }
    }
    literals
}

#[test]
fn no_script_writes_english_prose_outside_the_catalog() {
    let allowed = not_in_catalog();
    let mut found = Vec::new();
    let mut used = vec![false; allowed.len()];
    for file in page_sources()
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "js"))
    {
        let source = fs::read_to_string(&file).expect("readable source");
        for literal in string_literals(&source) {
            if !reads_as_prose(&literal) {
                continue;
            }
            match allowed.iter().position(|a| literal.contains(a.as_str())) {
                Some(at) => used[at] = true,
                None => found.push(format!("{}: \"{literal}\"", relative(&file))),
            }
        }
    }
    assert!(
        found.is_empty(),
        "English prose outside the catalog:\n{}",
        found.join("\n")
    );
    // An exception that no script or page has any more goes from the list.
    let pages: String = page_sources()
        .iter()
        .map(|f| fs::read_to_string(f).unwrap_or_default())
        .collect();
    let stale: Vec<&String> = allowed
        .iter()
        .zip(&used)
        .filter(|(a, u)| !**u && !pages.contains(a.as_str()))
        .map(|(a, _)| a)
        .collect();
    assert!(
        stale.is_empty(),
        "i18n/not-in-catalog.txt lists strings no script has: {stale:?}"
    );
}

#[test]
fn the_scans_see_what_they_look_for() {
    assert_eq!(
        string_literals(r#"f("one two three", 'x') // "a comment here""#),
        ["one two three", "x"]
    );
    assert!(reads_as_prose("Training stopped early"));
    assert!(reads_as_prose("`${name} could not be fetched`"));
    assert!(!reads_as_prose("lab-chart lab-wide"));
    assert!(!reads_as_prose("[data-action=\"play-pause\"]"));
    assert!(!reads_as_prose(
        ":host { display: block; font: 15px/1.5 system-ui, sans-serif; }"
    ));
    assert!(reads_as_prose(
        "<p class=\"a b c\">Your own series here</p>"
    ));
    assert!(!reads_as_prose(
        "<div class=\"one two three\" data-x></div>"
    ));
}

#[test]
fn every_word_the_declarations_ask_for_is_in_the_english_catalog() {
    use rnn_playground::config::{ParamKind, TaskKind, LESSONS, PARAMETERS};
    let mut keys: Vec<String> = Vec::new();
    for spec in PARAMETERS {
        keys.push(format!("param.{}.label", spec.key));
        keys.push(format!("param.{}.help", spec.key));
        if let ParamKind::Choice { options } = spec.kind {
            keys.extend(options.iter().map(|o| o.label_key.to_string()));
        }
    }
    keys.extend(LESSONS.iter().map(|l| format!("lesson.{}", l.name)));
    keys.extend(TaskKind::ALL.iter().map(|t| t.name_key().to_string()));
    let missing: Vec<&String> = keys.iter().filter(|k| english().get(k).is_none()).collect();
    assert!(missing.is_empty(), "i18n/en.json lacks {missing:?}");
}
