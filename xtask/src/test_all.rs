//! `cargo xtask test`: every test the project has, in one command, with a summary.
//!
//! Steps run in order; a failing step does not stop independent later ones (CI should
//! report everything that is broken at once), but the browser tests need the web build.

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use crate::dist;
use crate::process::{run, TaskResult};
use crate::server::Server;
use crate::toolchain::{self, CHROMEDRIVER, CHROMIUM, WASM_TARGET};
use crate::web_build;

struct StepOutcome {
    name: &'static str,
    result: TaskResult<String>,
    seconds: f64,
}

/// Which groups of tests to run (all by default).
#[derive(Clone, Copy)]
pub struct Selection {
    pub native: bool,
    pub wasm: bool,
    pub e2e: bool,
}

pub fn test_all(root: &Path, selection: Selection) -> TaskResult<()> {
    let mut outcomes = Vec::new();
    let mut step = |name: &'static str, f: &mut dyn FnMut() -> TaskResult<String>| {
        eprintln!("\n==== {name} ====");
        let started = Instant::now();
        let result = f();
        if let Err(e) = &result {
            eprintln!("==== {name}: FAILED: {e}");
        }
        let ok = result.is_ok();
        outcomes.push(StepOutcome {
            name,
            result,
            seconds: started.elapsed().as_secs_f64(),
        });
        ok
    };

    if selection.native {
        step("native tests (cargo test --workspace)", &mut || {
            // tests/export.rs needs it; without it that test fails and says why.
            if let Err(e) = toolchain::ensure_python_numpy() {
                eprintln!("warning: {e}");
            }
            run(Command::new("cargo")
                .args(["test", "--workspace"])
                .current_dir(root))
            .map(|_| String::new())
        });
    }
    if selection.wasm {
        step("wasm tests in headless Chromium", &mut || {
            wasm_browser_tests(root)
        });
    }
    if selection.e2e {
        let built = step("web build", &mut || {
            web_build::build_web(root).map(|b| {
                format!(
                    "{}{}",
                    b.sizes(),
                    if b.optimised { "" } else { ", not optimised" }
                )
            })
        });
        if built {
            step("end-to-end page tests (node --test)", &mut || {
                e2e_tests(root)
            });
        }
    }

    println!("\n==== summary ====");
    let mut failures = 0;
    for outcome in &outcomes {
        let (mark, detail) = match &outcome.result {
            Ok(note) => ("ok  ", note.clone()),
            Err(e) => {
                failures += 1;
                ("FAIL", e.clone())
            }
        };
        println!(
            "{mark} {:<42} {:>7.1}s  {detail}",
            outcome.name, outcome.seconds
        );
    }
    // The plain closing line CI reads: each step is a whole test suite.
    println!(
        "suites: {} passed, {failures} failed",
        outcomes.len() - failures
    );
    if failures == 0 {
        Ok(())
    } else {
        Err(format!("{failures} of {} steps failed", outcomes.len()))
    }
}

/// wasm-bindgen-test files are tests/wasm_*.rs; each runs in headless Chromium via
/// chromedriver (the runner is set in .cargo/config.toml).
fn wasm_browser_tests(root: &Path) -> TaskResult<String> {
    let mut names: Vec<String> = fs::read_dir(root.join("tests"))
        .map_err(|e| format!("cannot list tests/: {e}"))?
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter_map(|name| {
            name.strip_prefix("wasm_")?
                .strip_suffix(".rs")
                .map(|s| format!("wasm_{s}"))
        })
        .collect();
    names.sort();
    if names.is_empty() {
        return Ok("no tests/wasm_*.rs files: nothing to run".into());
    }
    toolchain::ensure_wasm_target()?;
    toolchain::ensure_wasm_bindgen(root)?;
    toolchain::ensure_chromium()?;
    let mut cmd = Command::new("cargo");
    // Default features (the page's charts) plus the worker's bindings: one build serves
    // both the page and the worker test files.
    cmd.args(["test", "--target", WASM_TARGET, "--features", "worker"]);
    for name in &names {
        cmd.args(["--test", name]);
    }
    cmd.current_dir(root)
        .env("CHROMEDRIVER", CHROMEDRIVER)
        // Cross-origin isolation headers are not needed (no SharedArrayBuffer) and break
        // worker tests that load modules by URL.
        .env("WASM_BINDGEN_TEST_NO_ORIGIN_ISOLATION", "1")
        // The runner's default timeout is tight for a 2-core CI machine.
        .env("WASM_BINDGEN_TEST_TIMEOUT", "300");
    run(&mut cmd).map(|_| names.join(", "))
}

/// Serve www/ on a free port in-process and run the node:test suite against it. A dist
/// build is also served under a sub-path, to prove the page only uses relative URLs.
fn e2e_tests(root: &Path) -> TaskResult<String> {
    let e2e_dir = root.join("tests/e2e");
    toolchain::ensure_chromium()?;
    toolchain::ensure_e2e_packages(&e2e_dir)?;
    let site = root.join("target/e2e-site");
    let _ = fs::remove_dir_all(&site);
    dist::write_dist_with_offline(&root.join("www"), &site.join("nested/playground"))?;

    let server =
        Server::start(&root.join("www"), 0).map_err(|e| format!("cannot start server: {e}"))?;
    let site_server = Server::start(&site, 0).map_err(|e| format!("cannot start server: {e}"))?;
    let url = server.url();
    eprintln!(
        "serving www/ on {url} and a dist build on {}nested/playground/",
        site_server.url()
    );
    let artifacts = root.join("test-artifacts");
    let result = run(Command::new("node")
        // One browser at a time: the machine has two cores and the page trains hard.
        .args(["--test", "--test-concurrency=1"])
        .current_dir(&e2e_dir)
        .env("E2E_BASE_URL", &url)
        .env(
            "E2E_SUBPATH_URL",
            format!("{}nested/playground/", site_server.url()),
        )
        // The hosting tests serve the dist build themselves, with a strict CSP.
        .env("E2E_DIST_DIR", site.join("nested/playground"))
        .env("E2E_CHROMIUM", CHROMIUM)
        .env("E2E_ARTIFACTS", &artifacts));
    server.stop();
    site_server.stop();
    result.map(|_| format!("screenshots in {}", artifacts.display()))
}
