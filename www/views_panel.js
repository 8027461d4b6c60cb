// Building blocks shared by the views: a panel (title, status, help, a note for "not for
// this task"), a canvas redrawn at most once per animation frame, and a DOM helper that
// only ever sets text (never HTML), so data can never become markup.

import { redrawOnThemeChange } from "./theme.js";

/** An element with attributes and children (strings become text nodes). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === false || value === undefined || value === null) continue;
    node.setAttribute(key, value === true ? "" : String(value));
  }
  node.append(...children);
  return node;
}

let panelCount = 0;

/** A view's card: heading, status line, help text, a note (hidden) and room for content. */
export function createPanel({ name, title, help, wide = false }) {
  panelCount += 1;
  const headingId = `rv-${name}-title-${panelCount}`;
  const status = el("p", { class: "rv-status", "data-view-status": true, "aria-live": "off" });
  const note = el("p", { class: "rv-note", "data-view-note": true, hidden: true });
  const head = el("div", { class: "rv-head" }, el("h3", { id: headingId }, title), status);
  const section = el(
    "section",
    { class: wide ? "rv-panel rv-wide" : "rv-panel", "data-view": name, "aria-labelledby": headingId },
    head,
    el("p", { class: "rv-help", id: `${headingId}-help` }, help),
    note,
  );
  return {
    section,
    head,
    /** Id of the help text, for aria-describedby. */
    helpId: `${headingId}-help`,
    /** The epoch the shown data belongs to, e.g. "after epoch 12". */
    setStatus(text) {
      status.textContent = text;
    },
    /** A message instead of the content (null hides it). */
    setNote(text) {
      note.textContent = text ?? "";
      note.hidden = !text;
    },
  };
}

// Drawing may take at most about a fifth of the main thread.
const DRAW_DUTY = 5;
const DRAW_MEASURE = "view-draw";

/**
 * Redraws `canvas` with `draw()` at most once per animation frame, when asked and when its
 * size changes, and backs off when drawing is slow. Returns { request, dispose }.
 */
export function createDrawLoop(canvas, draw, onError) {
  let dirty = false;
  let frame = 0;
  let notBefore = 0;
  const run = (now) => {
    frame = 0;
    if (!dirty) return;
    if (now < notBefore) {
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
    }
    const finished = performance.now();
    notBefore = started + (finished - started) * DRAW_DUTY;
    // Visible to PerformanceObservers (benchmarks), like the loss chart's "chart-draw".
    performance.measure(DRAW_MEASURE, { start: started, end: finished, detail: canvas.className });
  };
  const request = () => {
    dirty = true;
    if (!frame) frame = requestAnimationFrame(run);
  };
  const observer = new ResizeObserver(request);
  observer.observe(canvas);
  redrawOnThemeChange(canvas, draw);
  return {
    request,
    dispose() {
      observer.disconnect();
      if (frame) cancelAnimationFrame(frame);
    },
  };
}

/** "after epoch 12" (or "untrained" at epoch 0). */
export function epochText(epoch) {
  return epoch > 0 ? `after epoch ${epoch}` : "untrained (epoch 0)";
}

/**
 * A view that is one panel holding one canvas drawn by a Rust plot (`Plot`, with
 * `set_data`, `draw` and `free`), fed `data[name]` from each view update.
 * `describe(viewData, epoch)` returns the canvas's aria-label, or null to keep the last.
 */
export function createPlotView({ name, title, help, canvasLabel, Plot, describe, onError }) {
  const panel = createPanel({ name, title, help, wide: true });
  const canvas = el("canvas", {
    class: `rv-canvas rv-canvas-${name}`,
    role: "img",
    "aria-label": canvasLabel,
  });
  panel.section.append(canvas);
  const plot = new Plot(canvas);
  const loop = createDrawLoop(canvas, () => plot.draw(), onError);

  return {
    section: panel.section,
    update(data) {
      const unavailable = data.unavailable?.find((u) => u.view === name);
      panel.setNote(unavailable?.reason ?? null);
      canvas.hidden = Boolean(unavailable);
      if (unavailable) return;
      const viewData = data[name] ?? null;
      plot.set_data(viewData);
      panel.setStatus(epochText(data.epoch));
      const label = viewData ? describe(viewData, data.epoch) : null;
      if (label) canvas.setAttribute("aria-label", label);
      loop.request();
    },
    clear() {
      plot.set_data(null);
      panel.setStatus("");
      panel.setNote(null);
      canvas.hidden = false;
      loop.request();
    },
    dispose() {
      loop.dispose();
      plot.free();
    },
  };
}
