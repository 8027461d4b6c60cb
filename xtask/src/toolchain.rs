//! Make sure the tools a build or test needs are present, installing what is missing.
//!
//! A fresh clone on a machine with only rustup and cargo should get from zero to a served
//! page with one command. Installs that need root (apt-get) are attempted only as root;
//! otherwise the error says what to install.

use std::fs;
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::process::{is_available, output_of, run, TaskResult};

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

pub fn ensure_wasm_target() -> TaskResult<()> {
    let installed = output_of("rustup", &["target", "list", "--installed"]);
    match installed {
        Some(list) if list.lines().any(|l| l.trim() == WASM_TARGET) => Ok(()),
        Some(_) => run(Command::new("rustup").args(["target", "add", WASM_TARGET])),
        // Without rustup we cannot add targets; the cargo build will say if it is missing.
        None => {
            eprintln!("note: rustup not found; assuming the {WASM_TARGET} target is installed");
            Ok(())
        }
    }
}

/// The wasm-bindgen version pinned in Cargo.lock: the CLI must match it exactly, or the
/// generated glue refuses the module.
pub fn locked_wasm_bindgen_version(root: &Path) -> TaskResult<String> {
    let lock = fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(version_line) = lines.next() {
                if let Some(v) = version_line.trim().strip_prefix("version = ") {
                    return Ok(v.trim_matches('"').to_string());
                }
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen entry; run `cargo generate-lockfile`".into())
}

/// Install wasm-bindgen-cli (which also brings wasm-bindgen-test-runner) at the locked
/// version unless that exact version is already on PATH.
pub fn ensure_wasm_bindgen(root: &Path) -> TaskResult<()> {
    let wanted = locked_wasm_bindgen_version(root)?;
    let found = output_of("wasm-bindgen", &["--version"]);
    let found_version = found.as_deref().and_then(|s| s.split_whitespace().nth(1));
    let runner_ok = is_available("wasm-bindgen-test-runner");
    if found_version == Some(wanted.as_str()) && runner_ok {
        return Ok(());
    }
    match found_version {
        Some(v) => eprintln!("wasm-bindgen {v} found, Cargo.lock wants {wanted}: installing"),
        None => eprintln!("wasm-bindgen CLI not found: installing {wanted} (takes a few minutes)"),
    }
    // Not --locked: the CLI's own lockfile can pin crates this toolchain cannot build.
    run(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &wanted]))
}

/// wasm-opt is optional: the build still works without it, just larger.
pub fn wasm_opt_available() -> bool {
    if is_available("wasm-opt") {
        return true;
    }
    if is_root() && is_available("apt-get") {
        eprintln!("wasm-opt not found: installing Debian's binaryen");
        if apt_install(&["binaryen"]).is_ok() && is_available("wasm-opt") {
            return true;
        }
    }
    eprintln!("note: wasm-opt (binaryen) not available; the wasm is served unoptimised");
    false
}

/// Debian's Chromium and its driver, and a font with Hangul so that screenshots of the
/// Korean pages show glyphs, not boxes.
pub fn ensure_chromium() -> TaskResult<()> {
    let mut missing: Vec<&str> = [(CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")]
        .into_iter()
        .filter(|(path, _)| !Path::new(path).exists())
        .map(|(_, package)| package)
        .collect();
    if !has_korean_font() {
        missing.push(KOREAN_FONT_PACKAGE);
    }
    if missing.is_empty() {
        return Ok(());
    }
    if !is_root() {
        return Err(format!(
            "{} missing; install with `sudo apt-get install {}`",
            missing.join(" and "),
            missing.join(" ")
        ));
    }
    apt_install(&missing)
}

/// Debian's Nanum fonts: Hangul for the Korean catalog, small next to fonts-noto-cjk.
const KOREAN_FONT_PACKAGE: &str = "fonts-nanum";

/// Whether fontconfig knows a font that covers Korean (`fc-list :lang=ko`).
fn has_korean_font() -> bool {
    output_of("fc-list", &[":lang=ko", "family"]).is_some_and(|fonts| !fonts.trim().is_empty())
}

pub fn ensure_node() -> TaskResult<()> {
    if is_available("node") && is_available("npm") {
        return Ok(());
    }
    if !is_root() {
        return Err("node and npm are needed for the browser tests; install Node.js 18+".into());
    }
    apt_install(&["nodejs", "npm"])
}

/// `npm ci` in the e2e package when its node_modules is absent (a fresh clone).
pub fn ensure_e2e_packages(e2e_dir: &Path) -> TaskResult<()> {
    ensure_node()?;
    if e2e_dir.join("node_modules/playwright-core").is_dir() {
        return Ok(());
    }
    run(Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(e2e_dir)
        // playwright-core never downloads browsers itself, but be explicit about it.
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))
}

/// `python3` with NumPy, which `tests/export.rs` runs on the downloads (py_compile and a
/// NumPy forward pass). Installed with Debian's packages when missing and root.
pub fn ensure_python_numpy() -> TaskResult<()> {
    let has_numpy = || {
        Command::new("python3")
            .args(["-c", "import numpy"])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if has_numpy() {
        return Ok(());
    }
    if !is_root() || !is_available("apt-get") {
        return Err(
            "python3 with NumPy is needed by tests/export.rs; install `python3-numpy`".into(),
        );
    }
    apt_install(&["python3", "python3-numpy"])?;
    if has_numpy() {
        Ok(())
    } else {
        Err("python3-numpy was installed but `import numpy` still fails".into())
    }
}

fn is_root() -> bool {
    output_of("id", &["-u"]).as_deref() == Some("0")
}

fn apt_install(packages: &[&str]) -> TaskResult<()> {
    // The package lists of a fresh image are empty; refresh them once per xtask run.
    static UPDATED: AtomicBool = AtomicBool::new(false);
    if !UPDATED.swap(true, Ordering::SeqCst) {
        run(Command::new("apt-get")
            .arg("update")
            .env("DEBIAN_FRONTEND", "noninteractive"))?;
    }
    run(Command::new("apt-get")
        .args(["install", "-y", "--no-install-recommends"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_locked_wasm_bindgen_version_of_this_workspace() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let version = locked_wasm_bindgen_version(root).unwrap();
        let lock = fs::read_to_string(root.join("Cargo.lock")).unwrap();
        assert!(
            lock.contains(&format!("name = \"wasm-bindgen\"\nversion = \"{version}\"")),
            "{version}"
        );
        assert_eq!(version.split('.').count(), 3, "{version}");
    }
}
