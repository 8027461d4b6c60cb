//! Project tasks: `cargo xtask <command>` (alias in .cargo/config.toml).
//!
//! Everything a contributor or CI needs, with no tools beyond rustup and cargo assumed:
//! missing pieces (wasm target, wasm-bindgen CLI, Chromium, npm packages) are installed.

mod dist;
mod offline;
mod offline_worker;
mod process;
mod server;
mod test_all;
mod toolchain;
mod wasm_tables;
mod web_build;
mod zip;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use process::{run, TaskResult};
use server::Server;

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  serve [--port N] [--no-build]   build the wasm and serve the playground on
                                  http://127.0.0.1:N/ (default port 8080)
  dist [--out DIR] [--zip]        write a folder of static files (default dist/) that
                                  works from any static host and any sub-path, with
                                  rnn-playground-offline.html (one file, runs from file://);
                                  --zip also writes rnn-playground.zip of it next to DIR
  build [--compare-opt] [--bench] build the page's and the worker's wasm into www/pkg;
                                  --compare-opt prints the size under each wasm-opt level
                                  instead of choosing one; --bench adds the benchmark
                                  bindings to the worker module (for benches/browser)
  test [--native] [--wasm] [--e2e]
                                  run every test (native, wasm in headless Chromium,
                                  end-to-end page tests); flags select a subset
  bench-page                      load the page in headless Chromium and print load time,
                                  wasm sizes, longest main-thread task and epochs/s
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match dispatch(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn workspace_root() -> PathBuf {
    // xtask/ sits directly under the workspace root.
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask has a parent")
        .to_path_buf()
}

fn dispatch(args: &[String]) -> TaskResult<()> {
    let root = workspace_root();
    let Some((command, options)) = args.split_first() else {
        print!("{USAGE}");
        return Ok(());
    };
    let mut options = Options::new(options);
    match command.as_str() {
        "serve" => {
            let port = options
                .value("--port")?
                .map(|p| parse_port(&p))
                .transpose()?
                .unwrap_or(8080);
            let skip_build = options.flag("--no-build");
            options.finish()?;
            serve(&root, port, skip_build)
        }
        "dist" => {
            let out = options
                .value("--out")?
                .map(PathBuf::from)
                .unwrap_or_else(|| root.join("dist"));
            let zip = options.flag("--zip");
            options.finish()?;
            web_build::build_web(&root)?;
            let written = dist::write_dist_with_offline(&root.join("www"), &out)?;
            for file in &written {
                println!("  {}", file.display());
            }
            println!("wrote {} files to {}", written.len(), out.display());
            if zip {
                let file = dist::write_zip(&out, &written)?;
                println!("wrote {}", file.display());
            }
            Ok(())
        }
        "build" => {
            let compare = options.flag("--compare-opt");
            let bench = options.flag("--bench");
            options.finish()?;
            let worker = if bench {
                web_build::WORKER_WITH_BENCH
            } else {
                web_build::WORKER
            };
            let modules = [web_build::PAGE, worker];
            let built = web_build::build_web_with(&root, &modules, !compare)?;
            if compare {
                web_build::compare_opt_levels(&built)?;
                // Leave www/pkg in its normal, optimised state.
                web_build::build_web_with(&root, &modules, true)?;
            }
            Ok(())
        }
        "test" => {
            let native = options.flag("--native");
            let wasm = options.flag("--wasm");
            let e2e = options.flag("--e2e");
            options.finish()?;
            let all = !(native || wasm || e2e);
            let selection = test_all::Selection {
                native: all || native,
                wasm: all || wasm,
                e2e: all || e2e,
            };
            test_all::test_all(&root, selection)
        }
        "bench-page" => {
            options.finish()?;
            bench_page(&root)
        }
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    }
}

fn serve(root: &Path, port: u16, skip_build: bool) -> TaskResult<()> {
    if !skip_build {
        web_build::build_web(root)?;
    } else if !web_build::pkg_dir(root).is_dir() {
        return Err("www/pkg is missing; run without --no-build once".into());
    }
    let server = Server::start(&root.join("www"), port)
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e} (try --port)"))?;
    println!("\nrnn-playground is at {}  (Ctrl-C to stop)", server.url());
    server.wait();
    Ok(())
}

fn bench_page(root: &Path) -> TaskResult<()> {
    let e2e_dir = root.join("tests/e2e");
    web_build::build_web(root)?;
    toolchain::ensure_chromium()?;
    toolchain::ensure_e2e_packages(&e2e_dir)?;
    let server =
        Server::start(&root.join("www"), 0).map_err(|e| format!("cannot start server: {e}"))?;
    let result = run(Command::new("node")
        .arg("bench_page.mjs")
        .current_dir(&e2e_dir)
        .env("E2E_BASE_URL", server.url())
        .env("E2E_CHROMIUM", toolchain::CHROMIUM));
    server.stop();
    result
}

fn parse_port(text: &str) -> TaskResult<u16> {
    text.parse()
        .map_err(|_| format!("--port wants a number from 0 to 65535, got `{text}`"))
}

/// Minimal option parsing: `--name value`, `--name=value` and bare flags.
struct Options {
    rest: Vec<String>,
}

impl Options {
    fn new(args: &[String]) -> Options {
        Options {
            rest: args.to_vec(),
        }
    }

    fn flag(&mut self, name: &str) -> bool {
        let before = self.rest.len();
        self.rest.retain(|a| a != name);
        self.rest.len() != before
    }

    fn value(&mut self, name: &str) -> TaskResult<Option<String>> {
        let prefix = format!("{name}=");
        if let Some(i) = self.rest.iter().position(|a| a.starts_with(&prefix)) {
            let arg = self.rest.remove(i);
            return Ok(Some(arg[prefix.len()..].to_string()));
        }
        let Some(i) = self.rest.iter().position(|a| a == name) else {
            return Ok(None);
        };
        if i + 1 >= self.rest.len() {
            return Err(format!("{name} needs a value"));
        }
        let value = self.rest.remove(i + 1);
        self.rest.remove(i);
        Ok(Some(value))
    }

    fn finish(self) -> TaskResult<()> {
        match self.rest.first() {
            None => Ok(()),
            Some(extra) => Err(format!("unexpected argument `{extra}`\n\n{USAGE}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(args: &[&str]) -> Options {
        Options::new(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn parses_values_flags_and_rejects_leftovers() {
        let mut o = opts(&["--port", "9000", "--no-build"]);
        assert_eq!(o.value("--port").unwrap().as_deref(), Some("9000"));
        assert!(o.flag("--no-build"));
        assert!(o.finish().is_ok());
        let mut o = opts(&["--out=site"]);
        assert_eq!(o.value("--out").unwrap().as_deref(), Some("site"));
        let mut o = opts(&["--port"]);
        assert!(o.value("--port").is_err());
        assert!(opts(&["--bogus"]).finish().is_err());
        assert!(parse_port("70000").is_err());
        assert_eq!(parse_port("0").unwrap(), 0);
    }
}
