//! `cargo xtask dist`: a folder of static files that works from any static host and any
//! sub-path. Every URL inside the page is relative (./app.js, ./pkg/...,
//! new URL('./worker.js', import.meta.url)), so copying the built www/ is enough.

use std::fs;
use std::path::{Path, PathBuf};

use crate::offline::{write_offline, OFFLINE_FILE};
use crate::process::TaskResult;

/// The file types a browser loads; docs and bindgen leftovers (.d.ts, package.json) stay out.
const SHIPPED_EXTENSIONS: &[&str] = &["html", "js", "mjs", "css", "wasm", "svg", "png", "ico"];

pub fn write_dist(www: &Path, out: &Path) -> TaskResult<Vec<PathBuf>> {
    prepare_out_dir(out)?;
    let mut written = Vec::new();
    copy_tree(www, www, out, &mut written)?;
    written.sort();
    Ok(written)
}

/// The dist plus the offline single file at its top.
pub fn write_dist_with_offline(www: &Path, out: &Path) -> TaskResult<Vec<PathBuf>> {
    let mut written = write_dist(www, out)?;
    let size = write_offline(www, &out.join(OFFLINE_FILE))?;
    println!("{OFFLINE_FILE}: {size} bytes");
    written.push(PathBuf::from(OFFLINE_FILE));
    written.sort();
    Ok(written)
}

/// `rnn-playground.zip` next to `out`: every written file under `rnn-playground/`.
pub fn write_zip(out: &Path, written: &[PathBuf]) -> TaskResult<PathBuf> {
    let mut entries = Vec::new();
    for file in written {
        let bytes =
            fs::read(out.join(file)).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let name = file
            .iter()
            .map(|p| p.to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        entries.push((format!("rnn-playground/{name}"), bytes));
    }
    let target = out
        .parent()
        .unwrap_or(Path::new("."))
        .join("rnn-playground.zip");
    fs::write(&target, crate::zip::zip(&entries)?)
        .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    Ok(target)
}

/// Refuse to wipe a directory that is not empty and does not look like an earlier dist.
fn prepare_out_dir(out: &Path) -> TaskResult<()> {
    if out.exists() {
        let is_empty = fs::read_dir(out)
            .map_err(|e| e.to_string())?
            .next()
            .is_none();
        let looks_like_dist = out.join("index.html").is_file() && out.join("pkg").is_dir();
        if !is_empty && !looks_like_dist {
            return Err(format!(
                "{} exists and is not an earlier dist build; choose another --out",
                out.display()
            ));
        }
        fs::remove_dir_all(out).map_err(|e| format!("cannot clear {}: {e}", out.display()))?;
    }
    fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))
}

fn copy_tree(base: &Path, dir: &Path, out: &Path, written: &mut Vec<PathBuf>) -> TaskResult<()> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        let relative = path.strip_prefix(base).map_err(|e| e.to_string())?;
        if path.is_dir() {
            copy_tree(base, &path, out, written)?;
            continue;
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !SHIPPED_EXTENSIONS.contains(&ext) {
            continue;
        }
        let target = out.join(relative);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        fs::copy(&path, &target).map_err(|e| format!("cannot copy {}: {e}", path.display()))?;
        written.push(relative.to_path_buf());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_page_files_and_leaves_docs_out() {
        let base = std::env::temp_dir().join(format!("xtask-dist-{}", std::process::id()));
        let _ = fs::remove_dir_all(&base);
        let www = base.join("www");
        fs::create_dir_all(www.join("pkg")).unwrap();
        for file in [
            "index.html",
            "app.js",
            "protocol.md",
            "pkg/m_bg.wasm",
            "pkg/m.d.ts",
        ] {
            fs::write(www.join(file), file).unwrap();
        }
        let out = base.join("dist");
        let written = write_dist(&www, &out).unwrap();
        let names: Vec<String> = written
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["app.js", "index.html", "pkg/m_bg.wasm"]);
        assert_eq!(
            fs::read_to_string(out.join("pkg/m_bg.wasm")).unwrap(),
            "pkg/m_bg.wasm"
        );
        // A second run replaces the earlier dist...
        write_dist(&www, &out).unwrap();
        // ...but never wipes an unrelated folder.
        let unrelated = base.join("home");
        fs::create_dir_all(&unrelated).unwrap();
        fs::write(unrelated.join("notes.txt"), "keep").unwrap();
        assert!(write_dist(&www, &unrelated).is_err());
        assert!(unrelated.join("notes.txt").exists());
        let _ = fs::remove_dir_all(&base);
    }
}
