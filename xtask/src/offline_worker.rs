//! The offline file's training worker as one classic script. From `file://`, Chromium
//! starts a classic worker from a blob: URL but neither a module worker nor any import of
//! another blob: URL inside a worker. So worker.js, the modules it imports and the wasm
//! glue are joined here: each module becomes a function returning its exports, imports
//! become reads of those functions, and `import(glue)` calls the glue's function anew (a
//! fresh instance after a panic, as a fresh module URL gives on the web).
//!
//! This handles the forms these files use (`import { a, b } from "./x.js";` on one line,
//! `export function|async function|class|const`, `export { a, b as c };`), not all of ES.

use std::path::Path;

use crate::process::TaskResult;

const ENTRY: &str = "worker.js";
const GLUE: &str = "pkg/rnn_playground_worker.js";
/// `import.meta.url` has no meaning in a classic script; a folder-like base keeps
/// `new URL("./pkg/...", base)` valid. Those URLs are never fetched offline: the page hands
/// the compiled module to the worker.
const BASE: &str = "\"file:///rnn-playground-offline/\"";

/// The classic worker script.
pub fn worker_bundle(www: &Path) -> TaskResult<String> {
    let read = |name: &str| {
        std::fs::read_to_string(www.join(name)).map_err(|e| format!("cannot read {name}: {e}"))
    };
    let entry = read(ENTRY)?;
    let mut out = String::from("\"use strict\";\n");
    let mut body = String::new();
    for line in entry.lines() {
        match parse_import(line) {
            Some((names, from)) => {
                let dep = from.trim_start_matches("./");
                out.push_str(&module_function(&ident(dep), &read(dep)?)?);
                body.push_str(&format!("const {{ {} }} = {}();\n", names, ident(dep)));
            }
            None => {
                body.push_str(line);
                body.push('\n');
            }
        }
    }
    if body.contains("import {") || body.contains("export ") {
        return Err(format!(
            "{ENTRY}: an import or export form the offline worker bundle does not handle"
        ));
    }
    out.push_str(&module_function(&ident(GLUE), &read(GLUE)?)?);
    // The one dynamic import is the glue's: each call gives a fresh instance.
    let body = body.replace("await import(url)", &format!("{}()", ident(GLUE)));
    out.push_str(&body.replace("import.meta.url", BASE));
    if out.contains("import(") {
        return Err(format!(
            "{ENTRY}: a dynamic import the offline worker bundle does not handle"
        ));
    }
    Ok(out)
}

/// `import { a, b } from "./x.js";` -> ("a, b", "./x.js").
fn parse_import(line: &str) -> Option<(&str, &str)> {
    let rest = line.trim().strip_prefix("import {")?;
    let (names, rest) = rest.split_once('}')?;
    let from = rest
        .trim()
        .strip_prefix("from")?
        .trim()
        .trim_end_matches(';');
    Some((names.trim(), from.trim_matches(['"', '\''])))
}

fn ident(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("__rp_{clean}")
}

/// `function NAME() { body without exports; return { exports }; }`
fn module_function(name: &str, source: &str) -> TaskResult<String> {
    let mut body = String::new();
    let mut exports = Vec::new();
    for line in source.lines() {
        if let Some(list) = line
            .strip_prefix("export {")
            .and_then(|r| r.trim().strip_suffix("};"))
        {
            for item in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                match item.split_once(" as ") {
                    Some((local, exported)) => {
                        exports.push(format!("{}: {}", exported.trim(), local.trim()))
                    }
                    None => exports.push(item.to_string()),
                }
            }
            continue;
        }
        if let Some(rest) = line.strip_prefix("export ") {
            let declared = rest
                .trim_start_matches("async ")
                .split_once(' ')
                .map(|(_, after)| after)
                .unwrap_or("");
            let exported: String = declared
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '$')
                .collect();
            if exported.is_empty() || rest.starts_with("default") {
                return Err(format!("{name}: cannot bundle `{line}`"));
            }
            exports.push(exported);
            body.push_str(rest);
        } else if line.trim_start().starts_with("import ") {
            return Err(format!(
                "{name}: a module the worker imports imports again: `{line}`"
            ));
        } else {
            body.push_str(line);
        }
        body.push('\n');
    }
    let body = body.replace("import.meta.url", BASE);
    Ok(format!(
        "function {name}() {{\n{body}return {{ {} }};\n}}\n",
        exports.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_module_becomes_a_function_returning_its_exports() {
        let source = "const k = 1;\nexport function f() { return k; }\nexport async function g() {}\nexport class C {}\nfunction init() {}\nexport { init as default, k };\n";
        let out = module_function("__rp_m", source).unwrap();
        assert_eq!(
            out,
            "function __rp_m() {\nconst k = 1;\nfunction f() { return k; }\nasync function g() {}\nclass C {}\nfunction init() {}\nreturn { f, g, C, default: init, k };\n}\n"
        );
        assert_eq!(
            parse_import(r#"import { a, b } from "./x.js";"#),
            Some(("a, b", "./x.js"))
        );
        assert!(module_function("__rp_m", "export default 3;\n").is_err());
    }
}
