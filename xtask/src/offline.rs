//! `rnn-playground-offline.html`: the playground in one file that runs from `file://` with
//! no network (a USB stick, a school PC that blocks servers).
//!
//! Browsers load no module, worker or wasm from `file://`, but they do run inline scripts
//! and modules from blob: URLs. So every file the page needs is stored gzipped in the HTML,
//! and a small boot script (www/offline_boot.js) turns each into a blob: URL at start-up.
//! Blob URLs have no folder, so relative references (`"./app.js"`,
//! `new URL("./worker.js", import.meta.url)`) are rewritten here to markers that the boot
//! script replaces with the blob URL of that file, leaves first.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Write;
use std::path::Path;

use crate::process::TaskResult;

pub const OFFLINE_FILE: &str = "rnn-playground-offline.html";
/// Where the page starts: the entry module and the stylesheets index.html links.
const ENTRY: &str = "main.js";
/// The issue's budget for the whole file.
const MAX_BYTES: usize = 1_500_000;
const MARK: &str = "@rp@";
/// The stored name of the classic worker script; offline_boot.js starts workers from it.
const WORKER_BUNDLE: &str = "offline-worker.js";

/// Write the offline file next to the dist; returns its size in bytes.
pub fn write_offline(www: &Path, out_file: &Path) -> TaskResult<usize> {
    let mut files = collect(www)?;
    // The worker runs as one classic script (offline_worker.rs says why).
    files.insert(
        WORKER_BUNDLE.to_string(),
        Stored {
            bytes: crate::offline_worker::worker_bundle(www)?.into_bytes(),
            refs: BTreeSet::new(),
        },
    );
    check_acyclic(&files)?;
    let html = fs::read_to_string(www.join("index.html")).map_err(|e| e.to_string())?;
    let boot = fs::read_to_string(www.join("offline_boot.js")).map_err(|e| e.to_string())?;
    let page = offline_html(www, &html, &boot, &files)?;
    if page.len() > MAX_BYTES {
        return Err(format!(
            "{OFFLINE_FILE} is {} bytes, over the {MAX_BYTES} budget",
            page.len()
        ));
    }
    fs::write(out_file, &page).map_err(|e| format!("cannot write {}: {e}", out_file.display()))?;
    Ok(page.len())
}

/// One stored file: its bytes (rewritten for modules) and the stored files it names.
struct Stored {
    bytes: Vec<u8>,
    refs: BTreeSet<String>,
}

/// Every file reachable from the entry and the stylesheets, by relative references.
fn collect(www: &Path) -> TaskResult<BTreeMap<String, Stored>> {
    let mut files = BTreeMap::new();
    let mut todo = vec![ENTRY.to_string()];
    while let Some(name) = todo.pop() {
        if files.contains_key(&name) {
            continue;
        }
        let path = www.join(&name);
        let bytes = fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let stored = if name.ends_with(".js") {
            let source = String::from_utf8(bytes).map_err(|e| format!("{name}: {e}"))?;
            let (text, refs) = rewrite_module(www, &name, &source);
            Stored {
                bytes: text.into_bytes(),
                refs,
            }
        } else {
            Stored {
                bytes,
                refs: BTreeSet::new(),
            }
        };
        todo.extend(stored.refs.iter().cloned());
        files.insert(name, stored);
    }
    Ok(files)
}

/// Replace each quoted relative path that names an existing file with a marker. Only a
/// quote followed by `./` or `../` opens a candidate, so apostrophes in comments do not
/// throw the scan off.
fn rewrite_module(www: &Path, name: &str, source: &str) -> (String, BTreeSet<String>) {
    let dir = Path::new(name).parent().unwrap_or(Path::new(""));
    let mut out = String::with_capacity(source.len());
    let mut refs = BTreeSet::new();
    let mut i = 0;
    while i < source.len() {
        let rest = &source[i..];
        let opens = rest.starts_with(['"', '\''])
            && (rest[1..].starts_with("./") || rest[1..].starts_with("../"));
        let quote = rest.chars().next().unwrap_or(' ');
        let literal = if opens {
            rest[1..].split(quote).next().unwrap_or("")
        } else {
            ""
        };
        match opens.then(|| resolve(www, dir, literal)).flatten() {
            Some(target) => {
                out.push(quote);
                out.push_str(&format!("{MARK}{target}{MARK}"));
                refs.insert(target);
                i += 1 + literal.len();
            }
            None => {
                let ch = rest.chars().next().unwrap_or(' ');
                out.push(ch);
                i += ch.len_utf8();
            }
        }
    }
    (out, refs)
}

/// `./x.js` or `../pkg/y.wasm` seen from `dir`, as a path under www/ if that file exists.
fn resolve(www: &Path, dir: &Path, literal: &str) -> Option<String> {
    if !(literal.starts_with("./") || literal.starts_with("../")) || literal.contains('\n') {
        return None;
    }
    let mut parts: Vec<&str> = dir.iter().filter_map(|p| p.to_str()).collect();
    for piece in literal.split('/') {
        match piece {
            "." | "" => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    let target = parts.join("/");
    www.join(&target).is_file().then_some(target)
}

/// The boot script resolves leaves first, so a cycle of modules could never start.
fn check_acyclic(files: &BTreeMap<String, Stored>) -> TaskResult<()> {
    fn visit<'a>(
        name: &'a str,
        files: &'a BTreeMap<String, Stored>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> TaskResult<()> {
        if done.contains(name) {
            return Ok(());
        }
        if path.contains(&name) {
            return Err(format!("import cycle: {} -> {name}", path.join(" -> ")));
        }
        path.push(name);
        for dep in &files[name].refs {
            visit(dep, files, path, done)?;
        }
        path.pop();
        done.insert(name);
        Ok(())
    }
    let mut done = BTreeSet::new();
    for name in files.keys() {
        visit(name, files, &mut Vec::new(), &mut done)?;
    }
    Ok(())
}

/// index.html with its stylesheets inlined, its scripts replaced by the boot script and
/// the stored files.
fn offline_html(
    www: &Path,
    html: &str,
    boot: &str,
    files: &BTreeMap<String, Stored>,
) -> TaskResult<String> {
    let mut page = String::with_capacity(html.len() + 1_200_000);
    for line in html.lines() {
        let trimmed = line.trim();
        if let Some(sheet) = trimmed
            .strip_prefix("<link rel=\"stylesheet\" href=\"./")
            .and_then(|rest| rest.strip_suffix("\">"))
        {
            let css = fs::read_to_string(www.join(sheet)).map_err(|e| e.to_string())?;
            page.push_str(&format!("  <style>\n{css}</style>\n"));
        } else if trimmed.starts_with("<link rel=\"modulepreload\"")
            || trimmed.starts_with("<link rel=\"icon\"")
            || trimmed.starts_with("<script")
        {
            // Preloads, the favicon and the file:// check have no place here; the entry
            // module starts from the boot script below.
        } else if trimmed == "</body>" {
            page.push_str(&format!(
                "<script>\nconst RNN_PLAYGROUND_FILES = {};\n{boot}</script>\n</body>\n",
                files_json(files)?
            ));
        } else {
            page.push_str(line);
            page.push('\n');
        }
    }
    Ok(page)
}

/// `{"name": {"type": mime, "gz": base64 of gzip}}`.
fn files_json(files: &BTreeMap<String, Stored>) -> TaskResult<String> {
    let mut out = String::from("{\n");
    for (i, (name, stored)) in files.iter().enumerate() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&stored.bytes).map_err(|e| e.to_string())?;
        let gz = gz.finish().map_err(|e| e.to_string())?;
        let comma = if i + 1 < files.len() { "," } else { "" };
        out.push_str(&format!(
            "\"{name}\": {{\"type\": \"{}\", \"gz\": \"{}\"}}{comma}\n",
            mime(name),
            base64(&gz)
        ));
    }
    out.push('}');
    Ok(out)
}

fn mime(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("js") => "text/javascript",
        Some("css") => "text/css",
        Some("wasm") => "application/wasm",
        _ => "application/octet-stream",
    }
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard_alphabet_and_padding() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn rewrites_relative_paths_of_existing_files_only() {
        let www = std::env::temp_dir().join(format!("xtask-offline-{}", std::process::id()));
        fs::create_dir_all(www.join("embed")).unwrap();
        fs::write(www.join("a.js"), "").unwrap();
        fs::write(www.join("embed/b.js"), "").unwrap();
        let source = r#"import { x } from "../a.js"; const u = new URL('./b.js', import.meta.url); f("./missing.js", "./");"#;
        let (text, refs) = rewrite_module(&www, "embed/c.js", source);
        assert_eq!(
            text,
            r#"import { x } from "@rp@a.js@rp@"; const u = new URL('@rp@embed/b.js@rp@', import.meta.url); f("./missing.js", "./");"#
        );
        assert_eq!(refs.into_iter().collect::<Vec<_>>(), ["a.js", "embed/b.js"]);
        let _ = fs::remove_dir_all(&www);
    }
}
