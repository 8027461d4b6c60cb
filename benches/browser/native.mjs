// The native row: runs the core's own benchmark (`cargo run --release --example bench_core`)
// and reads its printed table, one line per configuration:
//   | T2 LSTM 2x128, ... | median | min | max | steps/s | GFLOP/s |
// (ms per step; median, min and max over individually timed steps).

import { spawn } from "node:child_process";

/** Figures by config name ("T1".."T4") from bench_core's printed output. */
export function parseBenchCore(text) {
  const figures = {};
  for (const line of text.split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    // "", name, median, min, max, steps/s, GFLOP/s, ""
    if (cells.length < 8) continue;
    const name = /^(T\d+)\b/.exec(cells[1])?.[1];
    const numbers = cells.slice(2, 7).map(Number);
    if (!name || numbers.some((n) => !Number.isFinite(n))) continue;
    const [median, min, max] = numbers;
    figures[name] = { median, min, max };
  }
  return figures;
}

/** Run bench_core in `root` (its build output goes to stderr, shown as it comes). */
export function runBenchCore(root, log) {
  return new Promise((resolve, reject) => {
    const child = spawn("cargo", ["run", "--release", "--quiet", "--example", "bench_core"], {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      log(String(chunk).trimEnd());
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`bench_core exited with code ${code}`));
    });
  });
}
