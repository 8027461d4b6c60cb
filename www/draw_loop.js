// One redraw loop for every canvas chart (the loss chart, the lab charts, the views):
// drawing happens at most once per animation frame, only when something changed or the
// canvas was resized, and backs off when drawing is slow (a slow phone) so a chart never
// hogs the main thread. A change of the page's language redraws every chart, since the
// charts take their words from the language around their canvas.

import { LANGUAGE_EVENT } from "./i18n.js";

import { redrawOnThemeChange } from "./theme.js";

// Every chart of the page shares one budget per animation frame: a page of twelve figures
// that all want their first draw spreads them over a few frames instead of one long task.
// (All requestAnimationFrame callbacks of a frame get the same timestamp.)
const FRAME_BUDGET_MS = 24;
let frameStamp = -1;
let frameSpentMs = 0;

/**
 * Redraws `canvas` with `draw()` when asked and when its size changes. `draw()` may throw;
 * the error goes to `onError`. Options:
 * - `duty`: drawing may take at most 1/duty of the main thread (default 5);
 * - `minIntervalMs`: at least this long between draws (default 0);
 * - `measure`: a performance-measure name each draw is recorded under (benchmarks read it).
 * Returns { request, dispose }.
 */
export function createDrawLoop(canvas, draw, onError, { duty = 5, minIntervalMs = 0, measure } = {}) {
  let dirty = false;
  let frame = 0;
  let notBefore = 0;
  const run = (now) => {
    frame = 0;
    if (!dirty) return;
    if (now !== frameStamp) {
      frameStamp = now;
      frameSpentMs = 0;
    }
    if (now < notBefore || frameSpentMs >= FRAME_BUDGET_MS) {
      frame = requestAnimationFrame(run);
      return;
    }
    dirty = false;
    const started = performance.now();
    try {
      draw();
      canvas.dataset.draws = String(Number(canvas.dataset.draws ?? 0) + 1);
    } catch (error) {
      onError(error);
      return;
    }
    const finished = performance.now();
    frameSpentMs += finished - started;
    notBefore = started + Math.max(minIntervalMs, (finished - started) * duty);
    if (measure) {
      // Cleared first so the performance buffer stays small over a long run.
      performance.clearMeasures(measure);
      performance.measure(measure, { start: started, end: finished, detail: canvas.className });
    }
  };
  const request = () => {
    dirty = true;
    if (!frame) frame = requestAnimationFrame(run);
  };
  // The backing store follows the canvas' CSS size; redraw when the layout changes.
  const observer = new ResizeObserver(request);
  observer.observe(canvas);
  window.addEventListener(LANGUAGE_EVENT, request);
  // Canvases are pixels: a theme change (or printing) redraws them at once.
  redrawOnThemeChange(canvas, draw);
  return {
    request,
    dispose() {
      observer.disconnect();
      window.removeEventListener(LANGUAGE_EVENT, request);
      if (frame) cancelAnimationFrame(frame);
      frame = 0;
    },
  };
}
