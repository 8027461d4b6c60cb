//! Build the wasm module and its JS glue into www/pkg, the layout the page imports.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::process::{run, TaskResult};
use crate::toolchain::{self, WASM_TARGET};
use crate::wasm_tables::{self, Repair};

/// The crate's library name as rustc spells the artifact.
const WASM_NAME: &str = "rnn_playground";

/// Features the release wasm uses. Rust enables these by default for wasm32 (plus simd128
/// from .cargo/config.toml); binaryen 108 assumes an MVP module unless told otherwise and
/// refuses the input.
const WASM_OPT_FEATURES: &[&str] = &[
    "--enable-simd",
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// -O3 and -Oz give within a few percent of the same gzip size for this module (measured
/// with `cargo xtask build --compare-opt`), and -O3 keeps the training loop fastest.
const WASM_OPT_LEVEL: &str = "-O3";

pub struct BuiltWeb {
    pub wasm_path: PathBuf,
    pub wasm_bytes: u64,
    pub optimised: bool,
}

pub fn pkg_dir(root: &Path) -> PathBuf {
    root.join("www/pkg")
}

/// cargo build (release, simd128) → wasm-bindgen --target web → wasm-opt when available.
pub fn build_web(root: &Path) -> TaskResult<BuiltWeb> {
    build_web_with(root, true)
}

/// As [`build_web`]; `use_wasm_opt: false` leaves the bindgen output as it is.
pub fn build_web_with(root: &Path, use_wasm_opt: bool) -> TaskResult<BuiltWeb> {
    toolchain::ensure_wasm_target()?;
    toolchain::ensure_wasm_bindgen(root)?;
    run(Command::new("cargo")
        .args([
            "build",
            "--lib",
            "--release",
            "--package",
            "rnn-playground",
            "--target",
        ])
        .arg(WASM_TARGET)
        .current_dir(root))?;
    let raw = root.join(format!("target/{WASM_TARGET}/release/{WASM_NAME}.wasm"));
    let out_dir = pkg_dir(root);
    // Stale glue from an older build must not survive next to the new wasm.
    if out_dir.exists() {
        fs::remove_dir_all(&out_dir)
            .map_err(|e| format!("cannot clear {}: {e}", out_dir.display()))?;
    }
    run(Command::new("wasm-bindgen")
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--out-name",
            WASM_NAME,
            "--out-dir",
        ])
        .arg(&out_dir)
        .arg(&raw)
        .current_dir(root))?;
    let wasm_path = out_dir.join(format!("{WASM_NAME}_bg.wasm"));
    let optimised = use_wasm_opt && toolchain::wasm_opt_available();
    if optimised {
        optimise_in_place(&wasm_path, WASM_OPT_LEVEL)?;
    }
    let wasm_bytes = file_size(&wasm_path)?;
    eprintln!(
        "built {} ({} KiB{})",
        wasm_path.display(),
        wasm_bytes / 1024,
        if optimised {
            format!(", wasm-opt {WASM_OPT_LEVEL}")
        } else {
            ", not optimised".into()
        }
    );
    Ok(BuiltWeb {
        wasm_path,
        wasm_bytes,
        optimised,
    })
}

pub fn optimise_in_place(wasm: &Path, level: &str) -> TaskResult<()> {
    let tmp = wasm.with_extension("opt.wasm");
    run(Command::new("wasm-opt")
        .arg(level)
        .args(WASM_OPT_FEATURES)
        .arg(wasm)
        .arg("-o")
        .arg(&tmp))?;
    let original = read(wasm)?;
    let mut optimised = read(&tmp)?;
    match wasm_tables::repair_table_exports(&original, &mut optimised)? {
        Repair::NothingToDo => {}
        Repair::Fixed(what) => eprintln!("repaired wasm-opt's table exports: {}", what.join(", ")),
    }
    fs::write(wasm, optimised).map_err(|e| format!("cannot write {}: {e}", wasm.display()))?;
    let _ = fs::remove_file(&tmp);
    Ok(())
}

fn read(path: &Path) -> TaskResult<Vec<u8>> {
    fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Print the size of an unoptimised build under each optimisation level, to choose one.
pub fn compare_opt_levels(built: &BuiltWeb) -> TaskResult<()> {
    if built.optimised {
        return Err("compare optimisation levels on an unoptimised build".into());
    }
    let dir = std::env::temp_dir().join(format!("xtask-opt-{}", std::process::id()));
    fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let gzip_size = |path: &Path| {
        crate::process::output_of(
            "sh",
            &["-c", &format!("gzip -9 -c '{}' | wc -c", path.display())],
        )
        .unwrap_or_else(|| "?".into())
    };
    println!(
        "unoptimised: {:>8} bytes, gzip -9 {:>8} bytes",
        built.wasm_bytes,
        gzip_size(&built.wasm_path)
    );
    for level in ["-O2", "-O3", "-O4", "-Os", "-Oz"] {
        let copy = dir.join(format!("m{level}.wasm"));
        fs::copy(&built.wasm_path, &copy).map_err(|e| e.to_string())?;
        optimise_in_place(&copy, level)?;
        let size = file_size(&copy)?;
        println!(
            "wasm-opt {level:4}: {:>8} bytes, gzip -9 {:>8} bytes",
            size,
            gzip_size(&copy)
        );
    }
    let _ = fs::remove_dir_all(&dir);
    Ok(())
}

fn file_size(path: &Path) -> TaskResult<u64> {
    fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| format!("cannot stat {}: {e}", path.display()))
}
