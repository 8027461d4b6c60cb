#!/usr/bin/env node
// Training speed of rnn-playground's wasm against TensorFlow.js 4.22, side by side in one
// headless Chromium, on the reference configurations T1-T4 (src/bench.rs), plus the native
// figures of the same core. Usage: see USAGE below or README.md in this folder.

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CHROMIUM_ARGS } from "../../tests/e2e/chromium_flags.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");

const USAGE = `usage: node benches/browser/run.mjs [options]

Builds the wasm (cargo xtask build --bench), runs the native core benchmark, then trains T1-T4 in
one headless Chromium with rnn-playground's wasm and TensorFlow.js 4.22 (wasm and cpu
backends), each inside a web worker, and prints ms/step, steps/s, GFLOP/s and the ratios.

  --no-build          use the existing www/pkg instead of running \`cargo xtask build --bench\`
  --no-native         skip the native row (cargo run --release --example bench_core)
  --no-tfjs-cpu       skip the tfjs cpu backend (the slowest part of a run)
  --engines LIST      which browser engines, of ours,tfjs-wasm,tfjs-cpu (default: all)
  --configs T1,T2     which configurations (default: all)
  --repeats N         timed repeats per engine and config (default 3)
  --min-steps N       a repeat times at least N steps ... (default 10)
  --min-ms MS         ... and at least MS milliseconds (default 1000) ...
  --max-ms MS         ... unless MS milliseconds pass first (default 5000)
  --tfjs-head H       dense (default: one product over [B,T,H]) or timedistributed
  --json FILE         also write every measurement as JSON
  --chromium PATH     browser binary (default /usr/bin/chromium)
`;


function parseOptions(argv) {
  const options = {
    build: true,
    native: true,
    tfjsCpu: true,
    engines: null,
    configs: null,
    repeats: 3,
    minSteps: 10,
    minMs: 1000,
    maxMs: 5000,
    tfjsHead: "dense",
    json: null,
    chromium: "/usr/bin/chromium",
  };
  const positive = (name, text) => {
    const n = Number(text);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} wants a positive number, got "${text}"`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    switch (arg) {
      case "--no-build": options.build = false; break;
      case "--no-native": options.native = false; break;
      case "--no-tfjs-cpu": options.tfjsCpu = false; break;
      case "--engines": {
        options.engines = value().split(",").map((s) => s.trim());
        const unknown = options.engines.filter((e) => !["ours", "tfjs-wasm", "tfjs-cpu"].includes(e));
        if (unknown.length) throw new Error(`unknown engine ${unknown.join(", ")} (known: ours, tfjs-wasm, tfjs-cpu)`);
        break;
      }
      case "--configs": options.configs = value().split(",").map((s) => s.trim().toUpperCase()); break;
      case "--repeats": options.repeats = Math.round(positive(arg, value())); break;
      case "--min-steps": options.minSteps = Math.round(positive(arg, value())); break;
      case "--min-ms": options.minMs = positive(arg, value()); break;
      case "--max-ms": options.maxMs = positive(arg, value()); break;
      case "--tfjs-head": {
        options.tfjsHead = value();
        if (!["dense", "timedistributed"].includes(options.tfjsHead)) throw new Error("--tfjs-head is dense or timedistributed");
        break;
      }
      case "--json": options.json = path.resolve(value()); break;
      case "--chromium": options.chromium = value(); break;
      case "-h":
      case "--help": process.stdout.write(USAGE); process.exit(0);
      default: throw new Error(`unknown option ${arg}\n\n${USAGE}`);
    }
  }
  return options;
}

// Progress goes to stderr; the tables alone go to stdout.
const log = (message) => process.stderr.write(`${message}\n`);

function run(command, args, cwd) {
  log(`$ ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { cwd, stdio: ["ignore", process.stderr, "inherit"] });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (exit ${result.status})`);
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (options.build) run("cargo", ["xtask", "build", "--bench"], root);
  if (!existsSync(path.join(root, "www/pkg/rnn_playground_worker.js"))) {
    throw new Error("www/pkg is missing: run `cargo xtask build --bench` first (or drop --no-build)");
  }
  if (!existsSync(path.join(here, "node_modules/@tensorflow/tfjs-backend-wasm"))) {
    run("npm", ["ci", "--no-audit", "--no-fund"], here);
  }
  // Imported after `npm ci` so a fresh checkout works in one command.
  const { chromium } = await import("playwright-core");
  const { startServer } = await import("./server.mjs");
  const { parseBenchCore, runBenchCore } = await import("./native.mjs");
  const stats = await import("./stats.mjs");

  // Native first, so its compilation is over before anything is timed in the browser.
  let native = {};
  if (options.native) {
    log("native: cargo run --release --example bench_core");
    native = parseBenchCore(await runBenchCore(root, log));
    if (Object.keys(native).length === 0) log("native: no figures found in bench_core's output");
  }

  const server = await startServer({
    "/": path.join(here, "web"),
    "/pkg/": path.join(root, "www/pkg"),
    "/tfjs/": path.join(here, "node_modules/@tensorflow/tfjs/dist"),
    "/tfjs-wasm/": path.join(here, "node_modules/@tensorflow/tfjs-backend-wasm/dist"),
  });
  const profile = await mkdtemp(path.join(os.tmpdir(), "rnn-playground-bench-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: options.chromium,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const loadBefore = os.loadavg()[0];
  let results;
  let environment;
  try {
    const page = await context.newPage();
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") log(`page ${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => log(`page error: ${e.message}`));
    page.on("response", (r) => {
      if (r.status() >= 400) log(`HTTP ${r.status()}: ${r.url()}`);
    });
    await page.goto(server.url);
    await page.waitForFunction(() => window.benchReady === true);

    const engineNames = (options.engines ?? ["ours", "tfjs-wasm", "tfjs-cpu"]).filter((e) => options.tfjsCpu || e !== "tfjs-cpu");
    const engines = await page.evaluate(([names, head]) => window.bench.start(names, { tfjsHead: head }), [engineNames, options.tfjsHead]);
    environment = {
      ...(await page.evaluate(() => window.bench.environment())),
      chromium: context.browser()?.version() ?? "",
      engines,
    };
    let configs = await page.evaluate(() => window.bench.configs());
    if (options.configs) {
      const unknown = options.configs.filter((n) => !configs.some((c) => c.name === n));
      if (unknown.length) throw new Error(`unknown config ${unknown.join(", ")} (known: ${configs.map((c) => c.name).join(", ")})`);
      configs = configs.filter((c) => options.configs.includes(c.name));
    }

    const budget = { minSteps: options.minSteps, minMs: options.minMs, maxMs: options.maxMs };
    // Warm-up: buffers sized, code compiled and caches hot before anything is timed.
    const warmUp = { minSteps: 3, minMs: 500, maxMs: 3000 };
    results = [];
    for (const config of configs) {
      const repeats = Object.fromEntries(engineNames.map((e) => [e, []]));
      for (const engine of engineNames) {
        await page.evaluate(([e, c]) => window.bench.setup(e, c), [engine, config]);
        const w = await page.evaluate(([e, b]) => window.bench.run(e, b), [engine, warmUp]);
        log(`${config.name} ${engine}: warm-up ${w.steps} steps, ${(w.ms / w.steps).toFixed(2)} ms/step, loss ${w.loss.toFixed(4)}`);
      }
      // Repeats alternate between engines, so a burst of load on the machine hits them alike.
      for (let r = 0; r < options.repeats; r++) {
        for (const engine of engineNames) {
          const timed = await page.evaluate(([e, b]) => window.bench.run(e, b), [engine, budget]);
          if (!Number.isFinite(timed.loss)) throw new Error(`${config.name} ${engine}: loss ${timed.loss}`);
          repeats[engine].push(timed);
          log(`${config.name} ${engine} repeat ${r + 1}: ${timed.steps} steps, ${(timed.ms / timed.steps).toFixed(3)} ms/step, loss ${timed.loss.toFixed(4)}${timed.tensors === undefined ? "" : `, ${timed.tensors} tfjs tensors alive`}`);
        }
      }
      for (const engine of engineNames) await page.evaluate((e) => window.bench.dispose(e), engine);

      const figures = {};
      for (const engine of engineNames) figures[engine] = stats.summarize(repeats[engine], config.flops_per_step);
      const n = native[config.name];
      if (n) {
        figures.native = { ...n, stepsPerSec: 1000 / n.median, gflops: config.flops_per_step / (n.median * 1e-3) / 1e9 };
      }
      results.push({ name: config.name, title: config.title, flopsPerStep: config.flops_per_step, figures, repeats });
    }
  } finally {
    await context.close();
    await server.close();
    await rm(profile, { recursive: true, force: true });
  }

  const loadAfter = os.loadavg()[0];
  const engineLines = Object.values(environment.engines).map((e) => `${e.name} (${e.detail})`).join("; ");
  const out = [
    "",
    `Training step = forward + loss + BPTT + Adam on a fixed batch. Browser engines train inside a web worker of one headless Chromium ${environment.chromium}; ${environment.cores} cores, crossOriginIsolated ${environment.crossOriginIsolated}.`,
    `Engines: ${engineLines}.`,
    `Browser rows: ${options.repeats} repeats of >= ${options.minSteps} steps and >= ${options.minMs} ms (or ${options.maxMs} ms), after a warm-up; median/min/max of the repeats' ms/step. Native row: bench_core, median/min/max over single steps.`,
    `GFLOP/s: the same nominal matrix-product count for every engine (src/bench.rs). Load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after.`,
    "",
    stats.speedTable(results),
    "",
    "Ratios of median ms/step (range: worst to best pairing of the repeats' min and max):",
    "",
    stats.ratioTable(results),
    "",
    ...stats.verdicts(results),
    "",
  ];
  process.stdout.write(out.join("\n"));
  if (options.json) {
    await writeFile(options.json, JSON.stringify({ options, environment, loadBefore, loadAfter, native, results }, null, 2));
    log(`wrote ${options.json}`);
  }
}

main().catch((error) => {
  log(`bench-browser: ${error.message ?? error}`);
  process.exit(1);
});
