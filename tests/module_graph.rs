//! The layering rule, checked on the source: the core (nn, optim, data, config, trainer,
//! sweep, bench, rng, clock, export) imports neither `chart`, `web` nor plotters, so the worker's
//! wasm builds without them; and the top-level modules import each other without cycles.
//!
//! A source scan: every `crate::x` path and every `super::` path that climbs to the crate
//! root, outside comments, is an edge from the file's top-level module to `x`.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Modules that make up the core: they may import each other (without cycles), never the
/// presentation layer.
const CORE: &[&str] = &[
    "nn", "optim", "data", "config", "trainer", "sweep", "bench", "rng", "clock", "export", "i18n",
];
/// What the core must not import: the chart and web modules, and plotters itself.
const FORBIDDEN: &[&str] = &["chart", "web", "plotters", "plotters_canvas"];

/// One import found in a file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Import {
    file: String,
    from: String,
    to: String,
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("readable source folder") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The file's module path below the crate root: src/nn/inspect/mod.rs -> [nn, inspect].
fn module_path(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().expect("a file name");
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_string());
    }
    parts
}

/// The code of `source` with line comments (doc comments included) removed.
fn code_only(source: &str) -> String {
    source
        .lines()
        .map(|line| match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The identifiers that start each item of the brace group at the start of `text`
/// (`{a, b::c, d::{e}}` -> a, b, d).
fn group_heads(text: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut expecting = true;
    for c in text.chars() {
        match c {
            '{' => {
                depth += 1;
                if depth == 1 {
                    expecting = true;
                }
            }
            '}' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            ',' if depth == 1 => expecting = true,
            c if depth == 1 && expecting && is_ident_char(c) => {
                heads.push(c.to_string());
                expecting = false;
            }
            c if depth == 1 && !expecting && is_ident_char(c) => {
                if let Some(last) = heads.last_mut() {
                    if !last.contains(':') {
                        last.push(c);
                    }
                }
            }
            ':' if depth == 1 => {
                if let Some(last) = heads.last_mut() {
                    last.push(':');
                }
            }
            _ => {}
        }
    }
    heads
        .into_iter()
        .map(|h| h.trim_end_matches(':').to_string())
        .collect()
}

/// Top-level modules (or external crates) a file's code refers to.
fn imports_of(code: &str, module: &[String]) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut push_heads = |rest: &str| {
        if rest.starts_with('{') {
            found.extend(group_heads(rest));
        } else {
            let head: String = rest.chars().take_while(|&c| is_ident_char(c)).collect();
            if !head.is_empty() {
                found.insert(head);
            }
        }
    };
    for (at, _) in code.match_indices("crate::") {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| is_ident_char(c) || c == '$') {
            continue; // `$crate::` in macros, or part of a longer name
        }
        push_heads(&code[at + "crate::".len()..]);
    }
    for (at, _) in code.match_indices("super::") {
        if code[..at].ends_with("super::")
            || code[..at].chars().next_back().is_some_and(is_ident_char)
        {
            continue; // counted from the first `super::` of a chain
        }
        let mut rest = &code[at..];
        let mut climbs = 0;
        while let Some(next) = rest.strip_prefix("super::") {
            rest = next;
            climbs += 1;
        }
        // Climbing to the crate root leaves this module: the next segment is a module.
        if climbs >= module.len() {
            push_heads(rest);
        }
    }
    // External crates named at the start of a path.
    for external in ["plotters", "plotters_canvas"] {
        let mentioned = code.match_indices(external).any(|(at, _)| {
            let before = code[..at].chars().next_back();
            let after = code[at + external.len()..].chars().next();
            !before.is_some_and(|c| is_ident_char(c) || c == ':') && after.is_some_and(|c| c == ':')
        });
        if mentioned {
            found.insert(external.to_string());
        }
    }
    found
}

/// Every import from one top-level module to another (or to an external crate that
/// matters here), across the crate.
fn scan(src: &Path) -> Vec<Import> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let mut imports = Vec::new();
    for path in files {
        let relative = path.strip_prefix(src).expect("under src");
        let module = module_path(relative);
        let Some(top) = module.first().cloned() else {
            continue; // lib.rs declares the modules; it imports nothing itself
        };
        let source = fs::read_to_string(&path).expect("readable source file");
        for to in imports_of(&code_only(&source), &module) {
            if to != top {
                imports.push(Import {
                    file: format!("src/{}", relative.display()),
                    from: top.clone(),
                    to,
                });
            }
        }
    }
    imports
}

/// The first cycle found among the edges, as a list of modules, if any.
fn find_cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|node| visit(node, edges, &mut Vec::new(), &mut done))
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn the_core_imports_neither_chart_web_nor_plotters() {
    let imports = scan(&src_dir());
    let violations: Vec<String> = imports
        .iter()
        .filter(|i| CORE.contains(&i.from.as_str()) && FORBIDDEN.contains(&i.to.as_str()))
        .map(|i| format!("{} ({}) imports {}", i.file, i.from, i.to))
        .collect();
    assert!(
        violations.is_empty(),
        "core modules must not depend on the presentation layer:\n  {}",
        violations.join("\n  ")
    );
}

#[test]
fn top_level_modules_form_no_cycle() {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for import in scan(&src_dir()).iter() {
        edges
            .entry(import.from.clone())
            .or_default()
            .insert(import.to.clone());
    }
    if let Some(cycle) = find_cycle(&edges) {
        panic!(
            "the modules import each other in a cycle: {}",
            cycle.join(" -> ")
        );
    }
    // The scan sees the layering it is meant to check.
    assert!(edges["trainer"].contains("nn"), "{edges:?}");
    assert!(edges["data"].contains("config"), "{edges:?}");
    assert!(edges["chart"].contains("trainer"), "{edges:?}");
}

#[test]
fn the_scanner_reads_paths_groups_and_super_chains() {
    let module = vec!["nn".to_string()];
    let code = code_only(
        "use crate::{chart::Axis, rng};\n\
         // use crate::web::Nothing;\n\
         let x = crate::config::Config::default();\n\
         use super::super::web::Thing;\n\
         use plotters::prelude::*;\n\
         $crate::ignored::path;",
    );
    let found: Vec<String> = imports_of(&code, &module).into_iter().collect();
    assert_eq!(found, ["chart", "config", "plotters", "rng", "web"]);
    let nested = vec!["nn".to_string(), "inspect".to_string()];
    assert!(imports_of("use super::Network;", &nested).is_empty());
    let cycle = find_cycle(&BTreeMap::from([
        ("a".to_string(), BTreeSet::from(["b".to_string()])),
        ("b".to_string(), BTreeSet::from(["a".to_string()])),
    ]));
    assert_eq!(cycle, Some(vec!["a".into(), "b".into(), "a".into()]));
}
