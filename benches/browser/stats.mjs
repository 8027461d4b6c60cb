// Figures from timed repeats, and the tables run.mjs prints. Pure functions, tested in
// stats.test.mjs.

export const ENGINE_LABELS = {
  ours: "rnn-playground wasm",
  "tfjs-wasm": "tfjs 4.22 wasm",
  "tfjs-cpu": "tfjs 4.22 cpu",
  native: "rnn-playground native",
};

/** Median of numbers (mean of the middle two for an even count). */
export function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * ms/step of each repeat ({steps, ms}) summarised: median, min and max over repeats,
 * steps/s and GFLOP/s at the median.
 */
export function summarize(repeats, flopsPerStep) {
  const perStep = repeats.map((r) => r.ms / r.steps);
  const mid = median(perStep);
  return {
    median: mid,
    min: Math.min(...perStep),
    max: Math.max(...perStep),
    stepsPerSec: 1000 / mid,
    gflops: flopsPerStep / (mid * 1e-3) / 1e9,
    repeats: perStep.length,
    steps: repeats.reduce((n, r) => n + r.steps, 0),
  };
}

/**
 * How many times slower `slow` is than `fast` (ratio of median ms/step), with the range the
 * repeats allow: from slow's fastest over fast's slowest to slow's slowest over fast's fastest.
 */
export function ratio(slow, fast) {
  if (!slow || !fast) return null;
  return { median: slow.median / fast.median, low: slow.min / fast.max, high: slow.max / fast.min };
}

/** Milliseconds with three significant figures (at least one decimal). */
export function formatMs(ms) {
  if (!Number.isFinite(ms)) return "-";
  if (ms < 10) return ms.toFixed(3);
  if (ms < 100) return ms.toFixed(2);
  return ms.toFixed(1);
}

export function formatRatio(r) {
  if (!r) return "-";
  const f = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
  return `${f(r.median)}x (${f(r.low)}-${f(r.high)})`;
}

function markdownTable(header, rows, rightAligned) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) =>
    "| " + cells.map((c, i) => (rightAligned[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(" | ") + " |";
  const rule = "|" + widths.map((w, i) => (rightAligned[i] ? "-".repeat(w + 1) + ":" : "-".repeat(w + 2))).join("|") + "|";
  return [line(header), rule, ...rows.map(line)].join("\n");
}

/**
 * The main table: one row per (config, engine) with ms/step median, min, max, steps/s,
 * GFLOP/s and the engine's median over rnn-playground wasm's median.
 * `results` = [{ name, title, flopsPerStep, figures: { ours, "tfjs-wasm", "tfjs-cpu", native } }].
 */
export function speedTable(results) {
  const rows = [];
  for (const config of results) {
    let first = true;
    for (const engine of Object.keys(ENGINE_LABELS)) {
      const fig = config.figures[engine];
      if (!fig) continue;
      const vsOurs = engine === "ours" ? "1x" : formatRatio(ratio(fig, config.figures.ours)).split(" ")[0];
      rows.push([
        first ? `${config.name} ${config.title}` : "",
        ENGINE_LABELS[engine],
        formatMs(fig.median),
        formatMs(fig.min),
        formatMs(fig.max),
        fig.stepsPerSec.toFixed(fig.stepsPerSec >= 100 ? 0 : 2),
        fig.gflops.toFixed(fig.gflops >= 1 ? 2 : 3),
        vsOurs,
      ]);
      first = false;
    }
  }
  return markdownTable(
    ["config", "engine", "ms/step median", "min", "max", "steps/s", "GFLOP/s", "ms ÷ ours wasm"],
    rows,
    [false, false, true, true, true, true, true, true],
  );
}

/** The ratios the comparison reports (TF.js over ours, ours over native), per config, with their ranges over repeats. */
export function ratioTable(results) {
  const rows = results.map((config) => {
    const f = config.figures;
    return [
      config.name,
      formatRatio(ratio(f["tfjs-wasm"], f.ours)),
      formatRatio(ratio(f["tfjs-cpu"], f.ours)),
      formatRatio(ratio(f.ours, f.native)),
    ];
  });
  return markdownTable(
    ["config", "tfjs-wasm / ours", "tfjs-cpu / ours", "ours wasm / native"],
    rows,
    [false, true, true, true],
  );
}

/** One line per target: tfjs-wasm at least 10x slower everywhere, T2 wasm within 3x of native. */
export function verdicts(results) {
  const lines = [];
  const speedups = results
    .map((c) => [c.name, ratio(c.figures["tfjs-wasm"], c.figures.ours)])
    .filter(([, r]) => r);
  if (speedups.length) {
    const listed = speedups.map(([name, r]) => `${name} ${r.median.toFixed(1)}x`).join(", ");
    const missed = speedups.filter(([, r]) => r.median < 10).map(([name]) => name);
    lines.push(`tfjs-wasm / ours >= 10x: ${missed.length ? `missed on ${missed.join(", ")}` : "met on every config"} (${listed})`);
  }
  const t2 = results.find((c) => c.name === "T2");
  const t2Ratio = t2 && ratio(t2.figures.ours, t2.figures.native);
  if (t2Ratio) {
    lines.push(`T2 wasm / native: ${t2Ratio.median.toFixed(2)}x (target within 3x: ${t2Ratio.median <= 3 ? "met" : "missed"})`);
  }
  return lines;
}
