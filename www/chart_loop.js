// Drives the Rust ChartView: points go in as they arrive; drawing happens at most once per
// animation frame (and at most ~30 times a second), and only when something changed. If
// drawing gets slow (a slow phone), more frames are skipped so the chart never hogs the
// main thread.

// Keep drawing under about a quarter of the main thread's time...
const DRAW_DUTY = 4;
// ...and at most ~30 times a second: epochs arrive faster than that, the eye cannot tell,
// and every frame skipped is main-thread time left for input.
const MIN_DRAW_INTERVAL_MS = 33;
const DRAW_MEASURE = "chart-draw";

import { redrawOnThemeChange } from "./theme.js";

export function createChartLoop(view, canvas, onError) {
  let dirty = false;
  let frame = 0;
  let notBefore = 0;

  const draw = (now) => {
    frame = 0;
    if (!dirty) return;
    if (now < notBefore) {
      frame = requestAnimationFrame(draw);
      return;
    }
    dirty = false;
    const started = performance.now();
    try {
      view.draw();
    } catch (error) {
      onError(error);
      return;
    }
    const finished = performance.now();
    notBefore = started + Math.max(MIN_DRAW_INTERVAL_MS, (finished - started) * DRAW_DUTY);
    // Visible to PerformanceObservers (bench_page.mjs); cleared so the buffer stays small.
    performance.clearMeasures(DRAW_MEASURE);
    performance.measure(DRAW_MEASURE, { start: started, end: finished });
  };

  const request = () => {
    dirty = true;
    if (!frame) frame = requestAnimationFrame(draw);
  };

  // The backing store follows the canvas' CSS size; redraw when the layout changes.
  new ResizeObserver(request).observe(canvas);
  redrawOnThemeChange(canvas, () => view.draw());

  return {
    /** A new run: empty chart with this run's title, axis label and baseline. */
    reset(info) {
      const baseline = typeof info.baseline === "number" ? info.baseline : undefined;
      view.reset(info.title ?? "", info.loss_label ?? "loss", baseline, info.baseline_label ?? "");
      request();
    },
    push(reports) {
      for (const r of reports) view.push(r.epoch, r.train_loss, r.val_loss);
      if (reports.length) request();
    },
    /** Early stopping ended the run at `epoch`: mark it and the weights kept. */
    setStopped(epoch) {
      if (typeof epoch === "number") view.set_stopped(epoch);
      request();
    },
    setLogScale(on) {
      view.set_log_scale(on);
      request();
    },
    pointCount: () => view.point_count(),
    request,
  };
}
