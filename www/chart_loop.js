// Drives the Rust ChartView: points go in as they arrive; the shared draw loop draws them
// at most once per animation frame and only when something changed.

import { createDrawLoop } from "./draw_loop.js";

// Keep drawing under about a quarter of the main thread's time, and at most ~30 times a
// second: epochs arrive faster than that, the eye cannot tell, and every frame skipped is
// main-thread time left for input. bench_page.mjs reads the "chart-draw" measures.
const DRAW_OPTIONS = { duty: 4, minIntervalMs: 33, measure: "chart-draw" };

export function createChartLoop(view, canvas, onError) {
  const { request } = createDrawLoop(canvas, () => view.draw(), onError, DRAW_OPTIONS);

  return {
    /** A new run: empty chart with this run's title, axis label and baseline. */
    reset(info) {
      view.reset(info);
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
    /** Draws the chart for a download on `canvas`: CSS size × 2 pixels, `subtitle` under it. */
    drawForDownload(canvas, cssWidth, cssHeight, subtitle) {
      view.draw_for_download(canvas, cssWidth, cssHeight, subtitle);
    },
    request,
  };
}
