//! Embeds every message catalog `i18n/<lang>.json` in the crate, so that adding a language
//! is adding a file: `src/i18n` reads the generated list, and the page's wasm hands the
//! chosen catalog to the scripts (the offline single-file build carries it too).

use std::fs;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("i18n");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut langs: Vec<String> = fs::read_dir(&dir)
        .expect("the i18n folder holds the message catalogs")
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let is_json = path.extension().is_some_and(|e| e == "json");
            is_json.then(|| path.file_stem()?.to_str().map(str::to_string))?
        })
        .collect();
    langs.sort();
    let entries: String = langs
        .iter()
        .map(|lang| {
            format!(
                "    (\"{lang}\", include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/i18n/{lang}.json\"))),\n"
            )
        })
        .collect();
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("catalogs.rs");
    let code = format!("/// Every catalog: (language code, JSON text).\npub(super) static SOURCES: &[(&str, &str)] = &[\n{entries}];\n");
    fs::write(out, code).expect("OUT_DIR is writable");
}
