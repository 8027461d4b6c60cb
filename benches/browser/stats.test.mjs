// Unit tests of the benchmark's arithmetic and of reading bench_core's table:
// `node --test benches/browser/` (no browser needed).

import assert from "node:assert/strict";
import { test } from "node:test";
import { parseBenchCore } from "./native.mjs";
import { formatMs, median, ratio, ratioTable, speedTable, summarize, verdicts } from "./stats.mjs";

test("median of odd and even counts, unsorted input untouched", () => {
  const values = [5, 1, 3];
  assert.equal(median(values), 3);
  assert.deepEqual(values, [5, 1, 3]);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(median([])));
});

test("summarize turns repeats into ms/step figures", () => {
  // 10 steps in 50 ms, 4 steps in 40 ms, 20 steps in 60 ms: 5, 10 and 3 ms/step.
  const fig = summarize([{ steps: 10, ms: 50 }, { steps: 4, ms: 40 }, { steps: 20, ms: 60 }], 2e8);
  assert.equal(fig.median, 5);
  assert.equal(fig.min, 3);
  assert.equal(fig.max, 10);
  assert.equal(fig.stepsPerSec, 200);
  assert.equal(fig.gflops, 40); // 2e8 flops in 5 ms
  assert.equal(fig.steps, 34);
});

test("ratio ranges pair the extremes of both engines", () => {
  const slow = { median: 100, min: 90, max: 120 };
  const fast = { median: 10, min: 8, max: 12 };
  assert.deepEqual(ratio(slow, fast), { median: 10, low: 7.5, high: 15 });
  assert.equal(ratio(undefined, fast), null);
});

test("ms are printed with about three significant figures", () => {
  assert.equal(formatMs(1.23456), "1.235");
  assert.equal(formatMs(56.789), "56.79");
  assert.equal(formatMs(1375.04), "1375.0");
  assert.equal(formatMs(NaN), "-");
});

// bench_core's output, as examples/bench_core.rs prints it.
const BENCH_CORE = `Training step = forward + loss + BPTT + Adam, single thread; times in ms per step.

| config                                                     |  median |     min |     max |  steps/s | GFLOP/s |
|------------------------------------------------------------|---------|---------|---------|----------|---------|
| T1 LSTM 1x32, in 1, T50 B16, last-step Linear(1), MSE      |   0.702 |   0.650 |   1.204 |   1424.5 |   28.59 |
| T2 LSTM 2x128, one-hot 48, T32 B32, per-step Linear(48), CE |  25.310 |  24.100 |  30.020 |     39.5 |   49.21 |
| T3 = T2 with GRU                                           |  20.000 |  19.000 |  21.000 |     50.0 |   46.00 |
| T4 = T2 with tanh RNN                                      |   7.000 |   6.500 |   9.000 |    142.9 |   48.53 |
`;

test("bench_core's table is read by config name", () => {
  const figures = parseBenchCore(BENCH_CORE);
  assert.deepEqual(Object.keys(figures), ["T1", "T2", "T3", "T4"]);
  assert.deepEqual(figures.T1, { median: 0.702, min: 0.65, max: 1.204 });
  assert.deepEqual(figures.T2, { median: 25.31, min: 24.1, max: 30.02 });
  assert.deepEqual(parseBenchCore("| config | median |\n| T1 x | not a number | 1 | 2 | 3 | 4 |\n"), {});
});

test("tables and verdicts show the TF.js-to-ours and ours-to-native ratios", () => {
  const fig = (median, min, max) => ({ median, min, max, stepsPerSec: 1000 / median, gflops: 1 });
  const results = [
    { name: "T1", title: "small", figures: { ours: fig(2, 1.9, 2.1), "tfjs-wasm": fig(80, 78, 84), native: fig(1, 1, 1.2) } },
    { name: "T2", title: "big", figures: { ours: fig(50, 48, 55), "tfjs-wasm": fig(400, 390, 410), native: fig(25, 24, 26) } },
  ];
  const speed = speedTable(results);
  assert.match(speed, /\| T1 small \| rnn-playground wasm\s+\|\s+2\.000 \|.*\|\s+1x \|/);
  assert.match(speed, /tfjs 4\.22 wasm\s+\|\s+80\.00 \|\s+78\.00 \|\s+84\.00 \|.*\|\s+40\.0x \|/);
  const ratios = ratioTable(results);
  assert.match(ratios, /\| T2\s+\|\s+8\.00x \(7\.09-8\.54\) \|\s+- \|\s+2\.00x \(1\.85-2\.29\) \|/);
  assert.deepEqual(verdicts(results), [
    "tfjs-wasm / ours >= 10x: missed on T2 (T1 40.0x, T2 8.0x)",
    "T2 wasm / native: 2.00x (target within 3x: met)",
  ]);
});
