//! Build the two wasm modules and their JS glue into www/pkg, the layout the page imports:
//! the page's (`rnn_playground`, with the chart code) and the training worker's
//! (`rnn_playground_worker`, without plotters: the worker draws nothing).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::process::{run, TaskResult};
use crate::toolchain::{self, WASM_TARGET};
use crate::wasm_tables::{self, Repair};

/// The crate's library name as rustc spells the artifact.
const CRATE_WASM: &str = "rnn_playground";

/// One wasm module of the web build: its name in www/pkg and the cargo features it needs.
pub struct Module {
    pub name: &'static str,
    /// `None`: the crate's default features (which include `chart`).
    features: Option<&'static str>,
}

/// The page: parameter table, URL codec and every chart (default features).
pub const PAGE: Module = Module {
    name: "rnn_playground",
    features: None,
};
/// The training worker (www/worker.js): the trainer bindings and no chart code.
pub const WORKER: Module = Module {
    name: "rnn_playground_worker",
    features: Some("worker"),
};
/// The worker module plus the benchmark bindings, for benches/browser only.
pub const WORKER_WITH_BENCH: Module = Module {
    name: "rnn_playground_worker",
    features: Some("worker,bench"),
};

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

pub struct BuiltModule {
    pub name: &'static str,
    pub wasm_path: PathBuf,
    pub wasm_bytes: u64,
}

pub struct BuiltWeb {
    pub modules: Vec<BuiltModule>,
    pub optimised: bool,
}

impl BuiltWeb {
    /// "page 812 KiB, worker 301 KiB", for summaries.
    pub fn sizes(&self) -> String {
        let sizes: Vec<String> = self
            .modules
            .iter()
            .map(|m| format!("{} {} KiB", m.name, m.wasm_bytes / 1024))
            .collect();
        sizes.join(", ")
    }
}

pub fn pkg_dir(root: &Path) -> PathBuf {
    root.join("www/pkg")
}

/// The shipped build: the page and the worker module, optimised.
pub fn build_web(root: &Path) -> TaskResult<BuiltWeb> {
    build_web_with(root, &[PAGE, WORKER], true)
}

/// For each module: cargo build (release, simd128, its features) → wasm-bindgen --target
/// web → wasm-opt when available (and `use_wasm_opt`).
pub fn build_web_with(root: &Path, modules: &[Module], use_wasm_opt: bool) -> TaskResult<BuiltWeb> {
    toolchain::ensure_wasm_target()?;
    toolchain::ensure_wasm_bindgen(root)?;
    let out_dir = pkg_dir(root);
    // Stale glue from an older build must not survive next to the new wasm.
    if out_dir.exists() {
        fs::remove_dir_all(&out_dir)
            .map_err(|e| format!("cannot clear {}: {e}", out_dir.display()))?;
    }
    let optimised = use_wasm_opt && toolchain::wasm_opt_available();
    let mut built = Vec::new();
    for module in modules {
        built.push(build_module(root, module, &out_dir, optimised)?);
    }
    Ok(BuiltWeb {
        modules: built,
        optimised,
    })
}

fn build_module(
    root: &Path,
    module: &Module,
    out_dir: &Path,
    optimise: bool,
) -> TaskResult<BuiltModule> {
    let mut cargo = Command::new("cargo");
    cargo
        .args([
            "build",
            "--lib",
            "--release",
            "--package",
            "rnn-playground",
            "--target",
        ])
        .arg(WASM_TARGET);
    if let Some(features) = module.features {
        cargo.args(["--no-default-features", "--features", features]);
    }
    run(cargo.current_dir(root))?;
    // Every module is the same cargo artifact built with other features: bindgen copies it
    // out under the module's name before the next build overwrites it.
    let raw = root.join(format!("target/{WASM_TARGET}/release/{CRATE_WASM}.wasm"));
    run(Command::new("wasm-bindgen")
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--out-name",
            module.name,
            "--out-dir",
        ])
        .arg(out_dir)
        .arg(&raw)
        .current_dir(root))?;
    let wasm_path = out_dir.join(format!("{}_bg.wasm", module.name));
    if optimise {
        optimise_in_place(&wasm_path, WASM_OPT_LEVEL)?;
    }
    let wasm_bytes = file_size(&wasm_path)?;
    eprintln!(
        "built {} ({} KiB{})",
        wasm_path.display(),
        wasm_bytes / 1024,
        if optimise {
            format!(", wasm-opt {WASM_OPT_LEVEL}")
        } else {
            ", not optimised".into()
        }
    );
    Ok(BuiltModule {
        name: module.name,
        wasm_path,
        wasm_bytes,
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

/// Print the size of each unoptimised module under each optimisation level, to choose one.
pub fn compare_opt_levels(built: &BuiltWeb) -> TaskResult<()> {
    if built.optimised {
        return Err("compare optimisation levels on an unoptimised build".into());
    }
    let dir = std::env::temp_dir().join(format!("xtask-opt-{}", std::process::id()));
    fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    for module in &built.modules {
        println!("{}:", module.name);
        println!(
            "  unoptimised: {:>8} bytes, gzip -9 {:>8} bytes",
            module.wasm_bytes,
            gzip_size(&module.wasm_path)
        );
        for level in ["-O2", "-O3", "-O4", "-Os", "-Oz"] {
            let copy = dir.join(format!("{}{level}.wasm", module.name));
            fs::copy(&module.wasm_path, &copy).map_err(|e| e.to_string())?;
            optimise_in_place(&copy, level)?;
            println!(
                "  wasm-opt {level:4}: {:>8} bytes, gzip -9 {:>8} bytes",
                file_size(&copy)?,
                gzip_size(&copy)
            );
        }
    }
    let _ = fs::remove_dir_all(&dir);
    Ok(())
}

fn gzip_size(path: &Path) -> String {
    crate::process::output_of(
        "sh",
        &["-c", &format!("gzip -9 -c '{}' | wc -c", path.display())],
    )
    .unwrap_or_else(|| "?".into())
}

fn file_size(path: &Path) -> TaskResult<u64> {
    fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| format!("cannot stat {}: {e}", path.display()))
}
